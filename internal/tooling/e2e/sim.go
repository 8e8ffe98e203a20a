package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// listenPrefix starts the one line vpcsim prints to stdout once it accepts connections.
const listenPrefix = "vpcsim listening on "

// Sim is a running vpcsim command on a loopback port.
type Sim struct {
	binary  string
	args    []string // -listen first, set to the address it got once started, so that Restart keeps it
	logFile string
	URL     string // http://127.0.0.1:PORT
	cmd     *exec.Cmd
	exited  chan struct{} // closed once the process has ended and waitErr is set
	waitErr error
}

// StartSim starts the vpcsim binary on a free port of 127.0.0.1 with the given flags, appending
// its request log (stderr) to logFile, and waits for its listening line.
func StartSim(binary, logFile string, flags ...string) (*Sim, error) {
	s := &Sim{binary: binary, logFile: logFile, args: append([]string{"-listen", "127.0.0.1:0"}, flags...)}
	return s, s.start()
}

func (s *Sim) start() error {
	if err := os.MkdirAll(filepath.Dir(s.logFile), 0o755); err != nil {
		return err
	}
	log, err := os.OpenFile(s.logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer log.Close() // the child has its own copy of the descriptor
	cmd := exec.Command(s.binary, s.args...)
	cmd.Stderr = log
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd, s.exited = cmd, make(chan struct{})
	line := make(chan string, 1)
	go func() {
		first, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- first
		_, _ = io.Copy(io.Discard, stdout) // vpcsim prints nothing more; keep the pipe drained anyway
		s.waitErr = cmd.Wait()
		close(s.exited)
	}()
	select {
	case l := <-line:
		url, ok := strings.CutPrefix(strings.TrimSpace(l), listenPrefix)
		if !ok {
			s.Kill() // what it printed is the error to report
			return fmt.Errorf("vpcsim printed %q, not its listening line (log: %s)", l, s.logFile)
		}
		s.URL = url
		s.args[1] = s.Endpoint()
		return nil
	case <-time.After(30 * time.Second):
		s.Kill() // the missing line is the error to report
		return fmt.Errorf("vpcsim did not print its listening line within 30 s (log: %s)", s.logFile)
	}
}

// Endpoint is host:port, as the provider's endpoints.vpc takes it.
func (s *Sim) Endpoint() string { return strings.TrimPrefix(s.URL, "http://") }

// Pid is the process ID of the running vpcsim.
func (s *Sim) Pid() int { return s.cmd.Process.Pid }

// Stop asks vpcsim to stop (SIGTERM), waits for it, and says how it ended.
func (s *Sim) Stop() error {
	if s.cmd == nil {
		return nil
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM) // it may have stopped already; Wait tells
	defer func() { s.cmd = nil }()
	select {
	case <-s.exited:
		return s.waitErr
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
		return fmt.Errorf("vpcsim did not stop within 10 s of SIGTERM: %w", s.waitErr)
	}
}

// Kill ends vpcsim with SIGKILL, as a crash would, and waits until it is gone. Killing a vpcsim
// that is not running does nothing.
func (s *Sim) Kill() {
	if s.cmd == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited // its exit status after SIGKILL says nothing
	s.cmd = nil
}

// Restart starts vpcsim again with the same flags and on the same address, after Stop or Kill.
func (s *Sim) Restart() error { return s.start() }

// Stats reads /_sim/stats.
func (s *Sim) Stats(ctx context.Context) (vpcsim.Stats, error) {
	var st vpcsim.Stats
	return st, s.admin(ctx, "/_sim/stats", &st)
}

// State reads /_sim/state: every gateway and order vpcsim holds.
func (s *Sim) State(ctx context.Context) (vpcsim.StateView, error) {
	var st vpcsim.StateView
	return st, s.admin(ctx, "/_sim/state", &st)
}

// GatewayIDs is the ID of every gateway vpcsim holds, from /_sim/state.
func (s *Sim) GatewayIDs(ctx context.Context) ([]string, error) {
	st, err := s.State(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(st.Gateways))
	for _, g := range st.Gateways {
		ids = append(ids, g.VpnGatewayID)
	}
	return ids, nil
}

// Requests reads /_sim/requests: the API requests since start or reset, in arrival order.
func (s *Sim) Requests(ctx context.Context) ([]vpcsim.RequestEntry, error) {
	var r []vpcsim.RequestEntry
	return r, s.admin(ctx, "/_sim/requests", &r)
}

// SetFaults replaces the injected faults (POST /_sim/faults), which restarts the per-action
// request counters of the rules.
func (s *Sim) SetFaults(ctx context.Context, f vpcsim.Faults) error {
	return s.post(ctx, "/_sim/faults", f)
}

// Outage makes the endpoint refuse connections for d, from now (POST /_sim/outage).
func (s *Sim) Outage(ctx context.Context, d time.Duration) error {
	return s.post(ctx, "/_sim/outage", map[string]vpcsim.Duration{"for": vpcsim.Duration(d)})
}

func (s *Sim) admin(ctx context.Context, path string, out any) error {
	return s.do(ctx, http.MethodGet, path, nil, out)
}

func (s *Sim) post(ctx context.Context, path string, body any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return err
	}
	return s.do(ctx, http.MethodPost, path, bytes.NewReader(b), nil)
}

// do sends one admin request and decodes its answer into out (nil: the answer is not read).
func (s *Sim) do(ctx context.Context, method, path string, body io.Reader, out any) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, s.URL+path, body)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, b)
	}
	if out == nil {
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	return nil
}
