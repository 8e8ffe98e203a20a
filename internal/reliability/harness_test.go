//go:build linux

package reliability

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// The process-level half of the suite: real terraform, provider and vpcsim processes, which these
// tests interrupt and kill. They run with TF_ACC=1 (as `make test` sets it) and need /proc.
//
// What this harness does (build the provider and vpcsim, install the provider in a filesystem
// mirror, start vpcsim, run terraform with a CLI configuration) is also done by internal/bench,
// which is a main package and cannot be imported; the two are small enough to merge later.

// providerVersion is the version the mirror serves the built provider under, as the GNUmakefile's
// DEV_VERSION.
const providerVersion = "0.1.0"

// commandTimeout bounds every terraform and vpcsim command of the suite.
const commandTimeout = 3 * time.Minute

var scratch string // removed when the tests end

func TestMain(m *testing.M) {
	// Nothing may leave loopback: no ECS metadata lookups, no HashiCorp checkpoint.
	_ = os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	_ = os.Setenv("CHECKPOINT_DISABLE", "1")
	code := m.Run()
	if scratch != "" {
		_ = os.RemoveAll(scratch)
	}
	os.Exit(code)
}

// toolset is what the process-level tests run: Terraform, and the provider and vpcsim built from
// this tree, with a CLI configuration that installs the provider from a filesystem mirror only.
type toolset struct {
	terraform, vpcsim, cliConfig string
}

var buildTools = sync.OnceValues(func() (*toolset, error) {
	dir, err := os.MkdirTemp("", "vpngw-reliability-")
	if err != nil {
		return nil, err
	}
	scratch = dir
	ts := &toolset{vpcsim: filepath.Join(dir, "vpcsim"), cliConfig: filepath.Join(dir, "terraformrc")}
	if ts.terraform = os.Getenv("TF_ACC_TERRAFORM_PATH"); ts.terraform == "" {
		if ts.terraform, err = exec.LookPath("terraform"); err != nil {
			return nil, errors.New("no Terraform CLI: set TF_ACC_TERRAFORM_PATH or put terraform on PATH")
		}
	}
	mirror := filepath.Join(dir, "mirror")
	platform := filepath.Join(mirror, "registry.terraform.io", "vpngw", "alicloud", providerVersion, runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(platform, 0o755); err != nil {
		return nil, err
	}
	provider := filepath.Join(platform, "terraform-provider-alicloud_v"+providerVersion)
	for _, args := range [][]string{
		{"build", "-ldflags", "-X main.version=" + providerVersion, "-o", provider, "../.."},
		{"build", "-o", ts.vpcsim, "../../cmd/vpcsim"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		out, err := exec.CommandContext(ctx, "go", args...).CombinedOutput()
		cancel()
		if err != nil {
			return nil, fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
		}
	}
	rc := fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [\"registry.terraform.io/vpngw/*\"]\n  }\n}\n", mirror)
	return ts, os.WriteFile(ts.cliConfig, []byte(rc), 0o644)
})

// needTools skips t unless TF_ACC=1, and builds the tools once.
func needTools(t *testing.T) *toolset {
	t.Helper()
	if os.Getenv("TF_ACC") != "1" {
		t.Skip("process-level reliability tests run with TF_ACC=1 (make test)")
	}
	ts, err := buildTools()
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// simProcess is a running vpcsim command.
type simProcess struct {
	t      *testing.T
	binary string
	args   []string // with -listen set to the address it got, so that a restart keeps it
	addr   string   // 127.0.0.1:PORT
	cmd    *exec.Cmd
	exited chan struct{}
}

// startSim starts vpcsim with args on a free loopback port, accepting accessKeyID with secret, and
// waits for its listening line. The test's cleanup stops it.
func startSim(t *testing.T, ts *toolset, secret string, args ...string) *simProcess {
	t.Helper()
	s := &simProcess{t: t, binary: ts.vpcsim, args: append([]string{"-listen", "127.0.0.1:0",
		"-access-key-id", accessKeyID, "-access-key-secret", secret}, args...)}
	s.start()
	t.Cleanup(func() { s.kill() })
	return s
}

func (s *simProcess) start() {
	s.t.Helper()
	cmd := exec.Command(s.binary, s.args...)
	stderr, err := os.OpenFile(filepath.Join(s.t.TempDir(), "vpcsim.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	defer stderr.Close() // the child has its own descriptor
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		s.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	s.cmd, s.exited = cmd, make(chan struct{})
	line := make(chan string, 1)
	go func() {
		first, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- first
		_, _ = io.Copy(io.Discard, stdout)
		_ = cmd.Wait()
		close(s.exited)
	}()
	select {
	case l := <-line:
		addr, ok := strings.CutPrefix(strings.TrimSpace(l), "vpcsim listening on http://")
		if !ok {
			s.t.Fatalf("vpcsim printed %q instead of its listening line (log: %s)", l, stderr.Name())
		}
		s.addr = addr
		s.args[1] = addr
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		s.t.Fatal("vpcsim did not start within 30s")
	}
}

// kill ends the process with SIGKILL, as a crash would, and waits until it is gone.
func (s *simProcess) kill() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
	s.cmd = nil
}

// restart starts vpcsim again with the same flags, address included.
func (s *simProcess) restart() {
	s.t.Helper()
	s.start()
}

func (s *simProcess) admin(path string, v any) {
	s.t.Helper()
	resp, err := http.Get("http://" + s.addr + path)
	if err != nil {
		s.t.Fatalf("vpcsim %s: %v", path, err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		s.t.Fatalf("vpcsim %s: %v", path, err)
	}
}

// state is vpcsim's own view: every gateway and order.
func (s *simProcess) state() vpcsim.StateView {
	var v vpcsim.StateView
	s.admin("/_sim/state", &v)
	return v
}

// gatewayIDs is the ID of every gateway vpcsim holds.
func (s *simProcess) gatewayIDs() []string {
	var ids []string
	for _, g := range s.state().Gateways {
		ids = append(ids, g.VpnGatewayID)
	}
	return ids
}

// The credentials the tests' provider and vpcsim share: a secret that is looked for in every log,
// output and state the tests produce.
const accessKeyID = "reliability-access-key-id"

// workspace is one Terraform working directory with its configuration, its environment and a log
// file per command (TF_LOG=TRACE).
type workspace struct {
	t      *testing.T
	ts     *toolset
	dir    string
	secret string
	env    []string
	n      int
	files  []string // every log and output written, for the secret scan
}

// newWorkspace writes the configuration (the provider block pointing at sim, then resources) and
// runs terraform init.
func newWorkspace(t *testing.T, ts *toolset, sim *simProcess, secret, resources string) *workspace {
	t.Helper()
	w := &workspace{t: t, ts: ts, dir: t.TempDir(), secret: secret}
	config := fmt.Sprintf(`terraform {
  required_providers {
    alicloud = {
      source  = "vpngw/alicloud"
      version = %q
    }
  }
}

provider "alicloud" {
  region   = %q
  protocol = "HTTP"
  endpoints {
    vpc = %q
  }
}
%s`, providerVersion, vpcsim.DefaultRegion, sim.addr, resources)
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "ALIBABA_CLOUD_") || strings.HasPrefix(name, "ALICLOUD_") {
			continue // only what is set below
		}
		w.env = append(w.env, kv)
	}
	w.env = append(w.env,
		"TF_CLI_CONFIG_FILE="+ts.cliConfig, "TF_IN_AUTOMATION=1", "TF_INPUT=0", "CHECKPOINT_DISABLE=1",
		"ALIBABA_CLOUD_ECS_METADATA_DISABLED=true",
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+accessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+secret,
		"TF_LOG=TRACE")
	if out, err := w.run("init", "-no-color"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	return w
}

// command prepares terraform args with its own TF_LOG_PATH, its output in a file, and its own
// process group (so that a signal can go to terraform and its provider, as Ctrl-C does).
func (w *workspace) command(ctx context.Context, args ...string) (cmd *exec.Cmd, output, log string) {
	w.n++
	base := filepath.Join(w.dir, fmt.Sprintf("%02d-%s", w.n, args[0]))
	output, log = base+".out", base+".log"
	w.files = append(w.files, output, log)
	cmd = exec.CommandContext(ctx, w.ts.terraform, args...)
	cmd.Dir = w.dir
	cmd.Env = append(w.env, "TF_LOG_PATH="+log)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	return cmd, output, log
}

// run runs terraform args to its end and returns what it printed (stdout and stderr).
func (w *workspace) run(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd, output, _ := w.command(ctx, args...)
	out, err := cmd.CombinedOutput()
	_ = os.WriteFile(output, out, 0o644)
	return string(out), err
}

// background is a terraform command running on its own.
type background struct {
	cmd    *exec.Cmd
	output string // file of its stdout and stderr
	log    string // its TF_LOG_PATH
	exited chan struct{}
	err    error // of Wait, once exited is closed
}

// start starts terraform args in the background; the test's cleanup kills it if it still runs.
func (w *workspace) start(args ...string) *background {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	cmd, output, log := w.command(ctx, args...)
	f, err := os.Create(output)
	if err != nil {
		cancel()
		w.t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = f, f
	if err := cmd.Start(); err != nil {
		cancel()
		w.t.Fatal(err)
	}
	b := &background{cmd: cmd, output: output, log: log, exited: make(chan struct{})}
	go func() {
		b.err = cmd.Wait()
		f.Close()
		close(b.exited)
	}()
	w.t.Cleanup(func() {
		cancel()
		<-b.exited
	})
	return b
}

// wait waits for the command to end, within bound, and returns its exit code and output.
func (b *background) wait(t *testing.T, bound time.Duration) (int, string) {
	t.Helper()
	select {
	case <-b.exited:
	case <-time.After(bound):
		t.Fatalf("terraform did not end within %s", bound)
	}
	out, _ := os.ReadFile(b.output)
	code := exitCode(b.err)
	if code < 0 {
		t.Fatalf("terraform: %v", b.err)
	}
	return code, string(out)
}

// state is terraform show -json.
func (w *workspace) state() *tfjson.State {
	w.t.Helper()
	out, err := w.run("show", "-json", "-no-color")
	if err != nil {
		w.t.Fatalf("terraform show: %v\n%s", err, out)
	}
	var st tfjson.State
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		w.t.Fatalf("terraform show -json: %v", err)
	}
	return &st
}

// gateway is the gateway resource address in state: its ID and whether it is tainted.
func (w *workspace) gateway(address string) (id string, tainted, ok bool) {
	st := w.state()
	if st.Values == nil || st.Values.RootModule == nil {
		return "", false, false
	}
	for _, r := range st.Values.RootModule.Resources {
		if r.Address == address {
			id, _ := r.AttributeValues["id"].(string)
			return id, r.Tainted, true
		}
	}
	return "", false, false
}

// exitCode is the exit status of a finished command's error (0 for nil).
func exitCode(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// destroyAndCheck ends a scenario: terraform destroy must succeed and leave vpcsim without a
// gateway, and the secret must be in no log, output or state file. It returns the bytes scanned.
func (w *workspace) destroyAndCheck(t *testing.T, sim *simProcess) int64 {
	t.Helper()
	if out, err := w.run("destroy", "-auto-approve", "-no-color"); err != nil {
		t.Fatalf("destroy: %v\n%s", err, out)
	}
	if left := sim.gatewayIDs(); len(left) > 0 {
		t.Fatalf("vpcsim holds %v after destroy", left)
	}
	return w.checkNoSecret()
}

// checkNoSecret fails t if the secret appears in any file the workspace holds: every command's
// TF_LOG=TRACE log and output, the state and its backup, the plans.
func (w *workspace) checkNoSecret() (scanned int64) {
	w.t.Helper()
	err := filepath.WalkDir(w.dir, func(path string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == ".terraform":
			return filepath.SkipDir // the installed provider: not written by a run
		case d.IsDir():
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		scanned += int64(len(data))
		if bytes.Contains(data, []byte(w.secret)) {
			w.t.Errorf("the secret key appears in %s", filepath.Base(path))
		}
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return scanned
}

// childProviders are the provider plugin processes terraform pid runs now.
func childProviders(pid int) []int {
	entries, _ := os.ReadDir("/proc")
	var out []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// "pid (comm) state ppid ...": comm may hold spaces and parentheses, so cut at the last ')'.
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		fields := strings.Fields(string(stat[i+1:]))
		if len(fields) < 2 || fields[1] != strconv.Itoa(pid) {
			continue
		}
		cmdline, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if bytes.Contains(cmdline, []byte("terraform-provider-alicloud")) {
			out = append(out, child)
		}
	}
	return out
}

// waitFor polls cond every interval until it holds (true) or bound passes (false).
func waitFor(bound, interval time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(bound); !cond(); time.Sleep(interval) {
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

// outputSoFar is what a background command printed so far, for a failure message.
func (b *background) outputSoFar() string {
	out, _ := os.ReadFile(b.output)
	return string(out)
}

// running reports whether the command has not ended yet.
func (b *background) running() bool {
	select {
	case <-b.exited:
		return false
	default:
		return true
	}
}
