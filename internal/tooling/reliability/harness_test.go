//go:build linux

package reliability

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// The process-level half of the suite: real terraform, provider and vpcsim processes, which these
// tests interrupt and kill. They run with TF_ACC=1 (as `make test` sets it) and need /proc. The
// building, the mirror, vpcsim and the CLI's environment are internal/tooling/e2e's.

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

// toolset is what the process-level tests run: the provider and vpcsim built from this tree with
// their mirror and CLI configuration, and the Terraform CLI under test.
type toolset struct {
	*e2e.Harness
	terraform string
}

var buildTools = sync.OnceValues(func() (*toolset, error) {
	terraform, err := e2e.FindCLI()
	if err != nil {
		return nil, err
	}
	if scratch, err = os.MkdirTemp("", "vpngw-reliability-"); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var log bytes.Buffer
	h, err := e2e.Prepare(ctx, scratch, &log)
	if err != nil {
		return nil, fmt.Errorf("%w\n%s", err, log.Bytes())
	}
	return &toolset{Harness: h, terraform: terraform}, nil
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

// simProcess is a running vpcsim command that fails its test when it cannot be reached.
type simProcess struct {
	*e2e.Sim
	t *testing.T
}

// startSim starts vpcsim with args on a free loopback port, accepting accessKeyID with secret, and
// waits for its listening line. The test's cleanup kills it.
func startSim(t *testing.T, ts *toolset, secret string, args ...string) *simProcess {
	t.Helper()
	sim, err := e2e.StartSim(ts.Vpcsim, filepath.Join(t.TempDir(), "vpcsim.log"),
		append([]string{"-access-key-id", accessKeyID, "-access-key-secret", secret}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Kill)
	return &simProcess{Sim: sim, t: t}
}

// restart starts vpcsim again with the same flags, address included.
func (s *simProcess) restart() {
	s.t.Helper()
	if err := s.Restart(); err != nil {
		s.t.Fatal(err)
	}
}

// state is vpcsim's own view: every gateway and order.
func (s *simProcess) state() vpcsim.StateView {
	s.t.Helper()
	v, err := s.State(context.Background())
	if err != nil {
		s.t.Fatalf("vpcsim: %v", err)
	}
	return v
}

// gatewayIDs is the ID of every gateway vpcsim holds.
func (s *simProcess) gatewayIDs() []string {
	s.t.Helper()
	ids, err := s.GatewayIDs(context.Background())
	if err != nil {
		s.t.Fatalf("vpcsim: %v", err)
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
	dir    string
	secret string
	// others are more secrets to look for, such as an STS security token.
	others []string
	cli    e2e.CLI
	n      int
	files  []string // every log and output written, for the secret scan
}

// newWorkspace writes the configuration (the provider block pointing at sim, then resources) and
// runs terraform init.
func newWorkspace(t *testing.T, ts *toolset, sim *simProcess, secret, resources string) *workspace {
	t.Helper()
	w := emptyWorkspace(t, ts, secret)
	w.write(e2e.ProviderConfig(sim.Endpoint()) + resources)
	if out, err := w.run("init", "-no-color"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	return w
}

// emptyWorkspace is a working directory with no configuration yet, whose commands get the
// credentials (the secret among them) and extraEnv.
func emptyWorkspace(t *testing.T, ts *toolset, secret string, extraEnv ...string) *workspace {
	env := append([]string{"TF_INPUT=0", "TF_LOG=TRACE",
		"ALIBABA_CLOUD_ACCESS_KEY_ID=" + accessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + secret}, extraEnv...)
	return &workspace{t: t, dir: t.TempDir(), secret: secret, cli: e2e.CLI{Binary: ts.terraform, Env: e2e.Env(ts.CLIConfig, env...)}}
}

// write replaces the configuration.
func (w *workspace) write(config string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(config), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// command prepares terraform args with its own TF_LOG_PATH, its output in a file, and its own
// process group (so that a signal can go to terraform and its provider, as Ctrl-C does).
func (w *workspace) command(ctx context.Context, args ...string) (cmd *exec.Cmd, output, log string) {
	w.n++
	base := filepath.Join(w.dir, fmt.Sprintf("%02d-%s", w.n, args[0]))
	output, log = base+".out", base+".log"
	w.files = append(w.files, output, log)
	cmd = w.cli.Command(ctx, w.dir, args...)
	cmd.Env = append(cmd.Env, "TF_LOG_PATH="+log)
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
		case d.Name() == ".terraform" && d.IsDir():
			return filepath.SkipDir // the installed provider: not written by a run
		case d.Name() == ".terraform":
			return nil // the same, linked from the directory terraform init ran in
		case d.IsDir():
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		scanned += int64(len(data))
		for _, secret := range append([]string{w.secret}, w.others...) {
			if bytes.Contains(data, []byte(secret)) {
				w.t.Errorf("the secret %s... appears in %s", secret[:min(len(secret), 8)], filepath.Base(path))
			}
		}
		return nil
	})
	if err != nil {
		w.t.Fatal(err)
	}
	return scanned
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
