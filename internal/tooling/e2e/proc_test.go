package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// evilStat is a /proc/PID/stat line whose command name holds spaces and parentheses: ppid 7,
// utime 30, stime 12, cutime 500, cstime 100, starttime 123456.
const evilStat = "42 (evil) (name 1 2) S 7 0 0 0 0 0 0 0 0 0 30 12 500 100 0 0 0 0 123456 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"

func TestParseProcStat(t *testing.T) {
	// A command name may hold spaces and parentheses: fields count from the last ')'.
	st, err := ParseProcStat(evilStat)
	if err != nil {
		t.Fatal(err)
	}
	if st.PPID != 7 || st.CPUTicks != 42 || st.ChildCPUTicks != 600 || st.StartTime != 123456 {
		t.Fatalf("%+v", st)
	}
	// A real one: this process's own.
	raw, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		t.Skip("no /proc:", err)
	}
	if st, err := ParseProcStat(string(raw)); err != nil || st.PPID != os.Getppid() {
		t.Fatalf("/proc/self/stat: %+v, %v (ppid %d)", st, err, os.Getppid())
	}
	for _, bad := range []string{"", "1 (x S 2", "1 (x) S 2 3", evilStat[:40]} {
		if _, err := ParseProcStat(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestIsProvider(t *testing.T) {
	for cmdline, want := range map[string]bool{
		"/x/.terraform/providers/registry.terraform.io/vpngw/alicloud/0.1.0/linux_amd64/terraform-provider-alicloud_v0.1.0\x00": true,
		"terraform-provider-alicloud\x00-debug\x00": true,
		"/usr/bin/terraform\x00plan\x00":            false,
		"/bin/sh\x00-c\x00terraform-provider-x\x00": false,
	} {
		if got := IsProvider([]byte(cmdline)); got != want {
			t.Errorf("%q: %v", cmdline, got)
		}
	}
}

// A provider-named child of this process is found; a child under another name is not.
func TestProviderChildren(t *testing.T) {
	sleep, lookErr := exec.LookPath("sleep")
	if _, statErr := os.Stat("/proc/self/stat"); lookErr != nil || statErr != nil {
		t.Skip("needs sleep and /proc:", lookErr, statErr)
	}
	// argv[0] is the name the child was started by: a link under a provider's name will do.
	provider := filepath.Join(t.TempDir(), "terraform-provider-fake_v1.0.0")
	if err := os.Symlink(sleep, provider); err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, bin := range []string{provider, sleep} {
		cmd := exec.Command(bin, "5")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		pids = append(pids, cmd.Process.Pid)
	}
	if got := ProviderChildren("/proc", os.Getpid()); !slices.Equal(got, pids[:1]) {
		t.Fatalf("provider children %v, want %v (the other child is %d)", got, pids[:1], pids[1])
	}
}
