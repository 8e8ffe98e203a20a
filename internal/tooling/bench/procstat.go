package bench

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
)

// The provider's resource use comes from the kernel's accounting in /proc, not from anything the
// provider says about itself. Terraform starts its providers as direct children (go-plugin),
// several times per command (schema, plan, apply), so every child whose executable is named
// terraform-provider-* counts:
//   - peak RSS: the largest VmHWM (the kernel's high-water mark of the resident set) in
//     /proc/PID/status of any of them, sampled until each exits;
//   - CPU time: Terraform's cutime + cstime in /proc/PID/stat, read once Terraform has exited but
//     before it is reaped: the kernel's exact sum of user and system time of every child Terraform
//     waited for, which are its providers alone (the configurations have no provisioners). The
//     sampled utime + stime of the children is kept as a cross-check that can only be lower.

// userHZ is the unit of the CPU times in /proc/PID/stat: USER_HZ, which Linux fixes at 100 for
// user space whatever the kernel's own tick rate.
const userHZ = 100

// parseVmHWM returns the VmHWM of a /proc/PID/status text in bytes, and false when the process
// has no memory map any more (a zombie) and so no such line.
func parseVmHWM(status []byte) (int64, bool, error) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, false, fmt.Errorf("VmHWM line %q: want \"<n> kB\"", sc.Text())
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, false, fmt.Errorf("VmHWM: %w", err)
		}
		return kb * 1024, true, nil
	}
	return 0, false, sc.Err()
}

// usage is the resource use of the provider processes of one Terraform command.
type usage struct {
	PeakRSS    int64         `json:"peak_rss_bytes"` // the largest VmHWM of any provider process
	CPU        time.Duration `json:"cpu_ns"`         // user + system of Terraform's reaped children (cutime + cstime)
	SampledCPU time.Duration `json:"sampled_cpu_ns"` // user + system of the provider processes as last sampled
	Processes  int           `json:"processes"`
}

func ticks(n int64) time.Duration { return time.Duration(n) * time.Second / userHZ }

type procKey struct {
	pid   int
	start int64
}

type procSample struct {
	hwm   int64
	ticks int64
}

// procWatcher samples the provider children of one process until stopped.
type procWatcher struct {
	proc     string // /proc, or a fake tree in tests
	parent   int
	interval time.Duration

	mu      sync.Mutex
	samples map[procKey]procSample
	others  map[procKey]bool // children already found not to be providers
	stop    chan struct{}
	done    chan struct{}
}

// watchProviders starts sampling the provider children of parent every interval.
func watchProviders(parent int, interval time.Duration) *procWatcher {
	w := newProcWatcher("/proc", parent, interval)
	go w.run()
	return w
}

func newProcWatcher(proc string, parent int, interval time.Duration) *procWatcher {
	return &procWatcher{
		proc: proc, parent: parent, interval: interval,
		samples: map[procKey]procSample{}, others: map[procKey]bool{},
		stop: make(chan struct{}), done: make(chan struct{}),
	}
}

func (w *procWatcher) run() {
	defer close(w.done)
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		w.sample()
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
	}
}

// sample reads every child of the parent once. Processes come and go between the directory
// listing and the reads: whatever cannot be read is simply not a sample.
func (w *procWatcher) sample() {
	entries, err := os.ReadDir(w.proc)
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		dir := filepath.Join(w.proc, e.Name())
		raw, err := os.ReadFile(filepath.Join(dir, "stat"))
		if err != nil {
			continue
		}
		st, err := e2e.ParseProcStat(string(raw))
		if err != nil || st.PPID != w.parent {
			continue
		}
		key := procKey{pid, st.StartTime}
		w.mu.Lock()
		_, known := w.samples[key]
		other := w.others[key]
		w.mu.Unlock()
		if other {
			continue
		}
		if !known {
			cmdline, err := os.ReadFile(filepath.Join(dir, "cmdline"))
			if err != nil || len(cmdline) == 0 {
				continue // not exec'd yet, or gone: the next sample decides
			}
			if !e2e.IsProvider(cmdline) {
				w.mu.Lock()
				w.others[key] = true
				w.mu.Unlock()
				continue
			}
		}
		status, err := os.ReadFile(filepath.Join(dir, "status"))
		if err != nil {
			continue
		}
		hwm, ok, err := parseVmHWM(status)
		if err != nil {
			continue
		}
		w.mu.Lock()
		s := w.samples[key]
		if ok {
			s.hwm = max(s.hwm, hwm)
		}
		s.ticks = max(s.ticks, st.CPUTicks)
		w.samples[key] = s
		w.mu.Unlock()
	}
}

// Stop stops the sampling and sums up. Call it once the parent has exited and before it is
// reaped (waitExited), so that its children's CPU time can still be read.
func (w *procWatcher) Stop() usage {
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	var u usage
	for _, s := range w.samples {
		u.PeakRSS = max(u.PeakRSS, s.hwm)
		u.SampledCPU += ticks(s.ticks)
		u.Processes++
	}
	// A provider Terraform did not wait for is missing from cutime: never report less than sampled.
	u.CPU = u.SampledCPU
	if raw, err := os.ReadFile(filepath.Join(w.proc, strconv.Itoa(w.parent), "stat")); err == nil {
		if st, err := e2e.ParseProcStat(string(raw)); err == nil {
			u.CPU = max(u.CPU, ticks(st.ChildCPUTicks))
		}
	}
	return u
}

// waitExited blocks until process pid has exited, leaving it unreaped (WNOWAIT): its /proc entry,
// with its children's CPU times, stays readable until exec.Cmd.Wait reaps it.
func waitExited(pid int) error {
	var info unix.Siginfo
	for {
		err := unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}
