package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// simProcess is a running vpcsim binary on a free loopback port.
type simProcess struct {
	cmd  *exec.Cmd
	URL  string // http://127.0.0.1:PORT
	done chan error
}

// simOptions are the simulator's flags for one scenario.
type simOptions struct {
	ProvisionDelay, DeleteDelay time.Duration
	QPS                         float64
	Quota                       int
}

// listenPrefix starts the one line vpcsim prints to stdout once it accepts connections.
const listenPrefix = "vpcsim listening on "

// startSim starts the vpcsim binary and waits for its listening line. Its request log goes to
// logFile.
func startSim(binary string, o simOptions, logFile string) (*simProcess, error) {
	if err := os.MkdirAll(filepath.Dir(logFile), 0o755); err != nil {
		return nil, err
	}
	log, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	defer log.Close() // the child has its own copy of the descriptor
	cmd := exec.Command(binary, "-listen", "127.0.0.1:0",
		"-provision-delay", o.ProvisionDelay.String(), "-delete-delay", o.DeleteDelay.String(),
		"-qps", strconv.FormatFloat(o.QPS, 'g', -1, 64), "-quota", strconv.Itoa(o.Quota))
	cmd.Stderr = log
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &simProcess{cmd: cmd, done: make(chan error, 1)}
	line := make(chan string, 1)
	go func() {
		first, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- first
		_, _ = io.Copy(io.Discard, stdout) // vpcsim prints nothing more; keep the pipe drained anyway
		s.done <- cmd.Wait()
	}()
	select {
	case l := <-line:
		url, ok := strings.CutPrefix(strings.TrimSpace(l), listenPrefix)
		if !ok {
			_ = s.Stop() // what it printed is the error to report
			return nil, fmt.Errorf("vpcsim printed %q, not its listening line (log: %s)", l, logFile)
		}
		s.URL = url
		return s, nil
	case <-time.After(30 * time.Second):
		_ = s.Stop() // the missing line is the error to report
		return nil, fmt.Errorf("vpcsim did not print its listening line within 30 s (log: %s)", logFile)
	}
}

// Endpoint is host:port, as the provider's endpoints.vpc takes it.
func (s *simProcess) Endpoint() string { return strings.TrimPrefix(s.URL, "http://") }

// Stop asks vpcsim to stop (SIGTERM), waits for it, and says how it ended.
func (s *simProcess) Stop() error {
	_ = s.cmd.Process.Signal(syscall.SIGTERM) // it may have stopped already; Wait tells
	select {
	case err := <-s.done:
		return err
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		return fmt.Errorf("vpcsim did not stop within 10 s of SIGTERM: %w", <-s.done)
	}
}

// Stats reads /_sim/stats.
func (s *simProcess) Stats(ctx context.Context) (vpcsim.Stats, error) {
	var st vpcsim.Stats
	return st, s.admin(ctx, "/_sim/stats", &st)
}

// State reads /_sim/state.
func (s *simProcess) State(ctx context.Context) (vpcsim.StateView, error) {
	var st vpcsim.StateView
	return st, s.admin(ctx, "/_sim/state", &st)
}

func (s *simProcess) admin(ctx context.Context, path string, out any) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("GET %s: %s: %s", path, resp.Status, body)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// requestCounts is what vpcsim counted during one phase.
type requestCounts struct {
	ByAction  map[string]int `json:"by_action"` // every answer, whatever its status
	Throttled int            `json:"throttled"` // Throttling answers, every action
	Errors    int            `json:"errors"`    // non-200 answers, throttling included
}

// Total is the number of requests of every action.
func (c requestCounts) Total() int {
	n := 0
	for _, v := range c.ByAction {
		n += v
	}
	return n
}

// Reads is the number of status reads (DescribeVpnGateway and DescribeVpnGateways).
func (c requestCounts) Reads() int {
	return c.ByAction[vpcapi.ActionDescribeVpnGateway] + c.ByAction[vpcapi.ActionDescribeVpnGateways]
}

// diffStats is what happened between two snapshots of /_sim/stats.
func diffStats(before, after vpcsim.Stats) requestCounts {
	c := requestCounts{ByAction: map[string]int{}}
	for action, byStatus := range after.Requests {
		for status, n := range byStatus {
			d := n - before.Requests[action][status]
			if d == 0 {
				continue
			}
			c.ByAction[action] += d
			if status != "200" {
				c.Errors += d
			}
		}
	}
	for action, byCode := range after.Codes {
		for code, n := range byCode {
			if isThrottling(code) {
				c.Throttled += n - before.Codes[action][code]
			}
		}
	}
	return c
}

// isThrottling reports whether an API error code is one of the throttling family.
func isThrottling(code string) bool {
	return code == vpcapi.CodeThrottling || strings.HasPrefix(code, vpcapi.CodeThrottling+".")
}
