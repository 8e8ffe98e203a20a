package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ProcStat is what the harness reads from one /proc/PID/stat line.
type ProcStat struct {
	PPID     int
	CPUTicks int64 // utime + stime, in 1/USER_HZ seconds
	// ChildCPUTicks is cutime + cstime: the CPU time of the children the process has waited for.
	ChildCPUTicks int64
	StartTime     int64 // in clock ticks after boot: with the PID, names a process uniquely
}

// ParseProcStat reads a /proc/PID/stat line. The command name (field 2) is in parentheses and may
// itself hold spaces and parentheses, so the fields are counted from the last ')'.
func ParseProcStat(line string) (ProcStat, error) {
	end := strings.LastIndexByte(line, ')')
	if end < 0 {
		return ProcStat{}, fmt.Errorf("no command name in %q", line)
	}
	// Fields from 3 (state) on: index i here is field i+3 of proc(5).
	f := strings.Fields(line[end+1:])
	if len(f) < 20 {
		return ProcStat{}, fmt.Errorf("%d fields after the command name, want at least 20", len(f))
	}
	var v [5]int64
	for i, field := range []struct {
		name  string
		index int
	}{{"ppid", 1}, {"utime", 11}, {"stime", 12}, {"cutime", 13}, {"cstime", 14}} {
		n, err := strconv.ParseInt(f[field.index], 10, 64)
		if err != nil {
			return ProcStat{}, fmt.Errorf("%s: %w", field.name, err)
		}
		v[i] = n
	}
	start, err := strconv.ParseInt(f[19], 10, 64) // field 22
	if err != nil {
		return ProcStat{}, fmt.Errorf("starttime: %w", err)
	}
	return ProcStat{PPID: int(v[0]), CPUTicks: v[1] + v[2], ChildCPUTicks: v[3] + v[4], StartTime: start}, nil
}

// IsProvider reports whether a /proc/PID/cmdline names a provider executable (argv[0]'s base
// name starts with terraform-provider-). The command name in stat is cut at 15 characters, too
// short to tell.
func IsProvider(cmdline []byte) bool {
	argv0, _, _ := bytes.Cut(cmdline, []byte{0})
	return strings.HasPrefix(filepath.Base(string(argv0)), "terraform-provider-")
}

// ProviderChildren are the provider plugin processes the CLI process parent runs now: the CLI
// starts each provider as its direct child (go-plugin). proc is /proc, or a fake tree in tests.
func ProviderChildren(proc string, parent int) []int {
	entries, _ := os.ReadDir(proc) // an unreadable /proc has no children to give
	var out []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(proc, e.Name(), "stat"))
		if err != nil {
			continue // gone between the listing and the read
		}
		if st, err := ParseProcStat(string(raw)); err != nil || st.PPID != parent {
			continue
		}
		if cmdline, err := os.ReadFile(filepath.Join(proc, e.Name(), "cmdline")); err == nil && IsProvider(cmdline) {
			out = append(out, pid)
		}
	}
	return out
}
