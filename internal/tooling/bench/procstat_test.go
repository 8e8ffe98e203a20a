package bench

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// statLine builds a /proc/PID/stat line with the given command name, ppid, utime, stime, cutime,
// cstime and starttime; the other fields are zeros.
func statLine(pid int, comm string, ppid int, utime, stime, cutime, cstime, start int64) string {
	f := make([]string, 50)
	for i := range f {
		f[i] = "0"
	}
	f[0], f[1], f[2], f[3] = strconv.Itoa(pid), "("+comm+")", "S", strconv.Itoa(ppid)
	f[13], f[14] = strconv.FormatInt(utime, 10), strconv.FormatInt(stime, 10)
	f[15], f[16] = strconv.FormatInt(cutime, 10), strconv.FormatInt(cstime, 10)
	f[21] = strconv.FormatInt(start, 10)
	return strings.Join(f, " ") + "\n"
}

func TestParseVmHWM(t *testing.T) {
	status := "Name:\tterraform-provi\nVmPeak:\t 1300000 kB\nVmHWM:\t   33224 kB\nVmRSS:\t   30000 kB\n"
	if b, ok, err := parseVmHWM([]byte(status)); err != nil || !ok || b != 33224*1024 {
		t.Fatalf("%d %v %v", b, ok, err)
	}
	// A zombie has no memory map and so no VmHWM line.
	if _, ok, err := parseVmHWM([]byte("Name:\tx\nState:\tZ (zombie)\n")); ok || err != nil {
		t.Fatalf("zombie: %v %v", ok, err)
	}
	if _, _, err := parseVmHWM([]byte("VmHWM:\t12 MB\n")); err == nil {
		t.Fatal("a VmHWM in MB parsed")
	}
}

// writeProc writes one fake /proc/PID entry.
func writeProc(t *testing.T, root string, pid int, stat, cmdline, status string) {
	t.Helper()
	dir := filepath.Join(root, strconv.Itoa(pid))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"stat": stat, "cmdline": cmdline, "status": status} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWatcherCountsOnlyProviderChildren(t *testing.T) {
	root := t.TempDir()
	const tf = 100
	writeProc(t, root, tf, statLine(tf, "terraform", 1, 500, 50, 40, 10, 1), "terraform\x00apply\x00", "VmHWM:\t 90000 kB\n")
	writeProc(t, root, 101, statLine(101, "terraform-provi", tf, 20, 5, 0, 0, 2), "/p/terraform-provider-alicloud_v0.1.0\x00", "VmHWM:\t 30000 kB\n")
	writeProc(t, root, 102, statLine(102, "terraform-provi", tf, 10, 5, 0, 0, 3), "/p/terraform-provider-alicloud_v0.1.0\x00", "VmHWM:\t 20000 kB\n")
	// Not a provider, and a provider of another parent: neither counts.
	writeProc(t, root, 103, statLine(103, "sh", tf, 900, 0, 0, 0, 4), "/bin/sh\x00", "VmHWM:\t 900000 kB\n")
	writeProc(t, root, 104, statLine(104, "terraform-provi", 1, 900, 0, 0, 0, 5), "terraform-provider-x\x00", "VmHWM:\t 900000 kB\n")

	w := newProcWatcher(root, tf, time.Hour)
	w.sample()
	// Process 101 grows and uses more CPU before the next sample; 102 is gone by then.
	writeProc(t, root, 101, statLine(101, "terraform-provi", tf, 30, 10, 0, 0, 2), "/p/terraform-provider-alicloud_v0.1.0\x00", "VmHWM:\t 35000 kB\n")
	if err := os.RemoveAll(filepath.Join(root, "102")); err != nil {
		t.Fatal(err)
	}
	go w.run()
	u := w.Stop()
	if u.Processes != 2 || u.PeakRSS != 35000*1024 {
		t.Fatalf("%+v", u)
	}
	// Sampled: (30+10) + (10+5) ticks; Terraform's cutime + cstime (50 ticks) is less, so the
	// sampled sum stands.
	if u.SampledCPU != 550*time.Millisecond || u.CPU != 550*time.Millisecond {
		t.Fatalf("%+v", u)
	}
}

// TestWatcherOnARealChild runs a copy of sleep named like a provider under this process, and
// reads its accounting from the real /proc.
func TestWatcherOnARealChild(t *testing.T) {
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep:", err)
	}
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc:", err)
	}
	bin := filepath.Join(t.TempDir(), "terraform-provider-fake_v1.0.0")
	if raw, err := os.ReadFile(sleep); err != nil || os.WriteFile(bin, raw, 0o755) != nil {
		t.Fatal("copying sleep:", err)
	}
	cmd := exec.Command(bin, "0.3")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := watchProviders(os.Getpid(), 5*time.Millisecond)
	if err := waitExited(cmd.Process.Pid); err != nil {
		t.Fatal(err)
	}
	// Exited but not reaped: /proc still has it.
	if _, err := os.Stat(filepath.Join("/proc", strconv.Itoa(cmd.Process.Pid), "stat")); err != nil {
		t.Fatalf("the child was reaped by waitExited: %v", err)
	}
	u := w.Stop()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if u.Processes != 1 || u.PeakRSS <= 0 {
		t.Fatalf("%+v", u)
	}
}
