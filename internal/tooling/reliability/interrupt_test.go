//go:build linux

package reliability

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// The gateway every process-level scenario applies.
var gatewayConfig = fmt.Sprintf(`
resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 5
  name      = "reliability"
}
`, vpcsim.DefaultVpcID)

const gatewayAddress = "alicloud_vpn_gateway.test"

// Interruption: Ctrl-C (SIGINT to terraform and its provider, as a terminal sends it to the
// foreground process group) while the gateway is provisioning. Terraform stops the provider, whose
// wait ends; the gateway must be in state (complete or tainted), the next apply must converge on
// exactly one gateway, and nothing may be orphaned.
func TestReliability_interruptWhileProvisioning(t *testing.T) {
	ts := needTools(t)
	runs := Count(1, 3)
	var exits, taints, replaced []string
	var slowest time.Duration
	var scanned int64 // bytes of logs, outputs and state searched for the secret
	for i := range runs {
		t.Run(fmt.Sprint(i+1), func(t *testing.T) {
			secret := "secret-" + rand.Text()
			sim := startSim(t, ts, secret, "-provision-delay", "4s", "-delete-delay", "500ms")
			w := newWorkspace(t, ts, sim, secret, gatewayConfig)
			apply := w.start("apply", "-auto-approve", "-no-color")

			var id string
			provisioning := wait.Until(time.Minute, 20*time.Millisecond, func() bool {
				if !apply.running() {
					return true
				}
				gws := sim.state().Gateways
				if len(gws) > 0 && gws[0].Status == vpcapi.StatusProvisioning {
					id = gws[0].VpnGatewayID
					return true
				}
				return false
			})
			if !provisioning || id == "" {
				t.Fatalf("no gateway was provisioning within a minute of the apply:\n%s", apply.outputSoFar())
			}
			sent := time.Now()
			if err := syscall.Kill(-apply.cmd.Process.Pid, syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			code, out := apply.wait(t, time.Minute)
			took := time.Since(sent)
			slowest = max(slowest, took)
			exits = append(exits, fmt.Sprint(code))
			if code == 0 {
				t.Errorf("the interrupted apply exited 0:\n%s", out)
			}
			if !strings.Contains(out, "Interrupt received") {
				t.Errorf("terraform did not report the interrupt:\n%s", out)
			}
			if !strings.Contains(strings.Join(strings.Fields(out), " "), "VPN Gateway "+id+" exists and is in state") ||
				!strings.Contains(out, "terraform untaint") {
				t.Errorf("the error does not say that %s exists, nor how to keep it (terraform untaint):\n%s", id, out)
			}

			inState, tainted, ok := w.gateway(gatewayAddress)
			switch {
			case !ok:
				t.Fatalf("after the interrupt the gateway %s is not in state: orphaned\n%s", id, out)
			case inState != id:
				t.Fatalf("state holds %s, vpcsim created %s", inState, id)
			}
			taints = append(taints, fmt.Sprint(tainted))
			if got := sim.gatewayIDs(); !slices.Equal(got, []string{id}) {
				t.Fatalf("after the interrupt vpcsim holds %v, want only %s", got, id)
			}

			// The next apply converges: a tainted gateway is replaced, a complete one kept.
			if out, err := w.run("apply", "-auto-approve", "-no-color"); err != nil {
				t.Fatalf("the apply after the interrupt: %v\n%s", err, out)
			}
			now, tainted, ok := w.gateway(gatewayAddress)
			if !ok || tainted {
				t.Fatalf("after the second apply the gateway is in state: %v, tainted: %v", ok, tainted)
			}
			if got := sim.gatewayIDs(); !slices.Equal(got, []string{now}) {
				t.Fatalf("after the second apply vpcsim holds %v, state holds %s", got, now)
			}
			replaced = append(replaced, fmt.Sprint(now != id))
			if out, err := w.run("plan", "-detailed-exitcode", "-no-color"); err != nil {
				t.Fatalf("the plan after convergence is not empty (exit %d):\n%s", exitCode(err), out)
			}
			scanned += w.destroyAndCheck(t, sim)
		})
	}
	Record(t, Result{
		Scenario: "Interruption: SIGINT to terraform apply while the gateway provisions",
		Runs:     runs,
		Unit:     "interrupted applies (Ctrl-C to terraform and its provider while vpcsim reports provisioning)",
		Checked: []string{
			"terraform reports the interrupt and exits non-zero; the error says the gateway exists and how to keep it (terraform untaint)",
			"the gateway vpcsim created is in state (complete or tainted); vpcsim holds no other",
			"the next apply converges on exactly one gateway, the one in state, and the plan after it is empty",
			"destroy leaves vpcsim empty; the secret key is in no log (TF_LOG=TRACE), output or state file",
		},
		Figures: []Figure{
			{Name: "bytes of TF_LOG=TRACE logs, outputs and state files searched for the secret", Value: fmt.Sprint(scanned)},
			{Name: "exit codes of the interrupted applies", Value: strings.Join(exits, ", ")},
			{Name: "gateway tainted in state after the interrupt", Value: strings.Join(taints, ", ")},
			{Name: "replaced by the next apply", Value: strings.Join(replaced, ", ")},
			{Name: "slowest exit after SIGINT", Value: slowest.Round(10 * time.Millisecond).String()},
		},
	})
}

// createSent is the provider's DEBUG log line as CreateVpnGateway leaves, in TF_LOG_PATH.
var createSent = regexp.MustCompile(`VPC API request: .*action=CreateVpnGateway`)

// Interruption while CreateVpnGateway itself is in flight (vpcsim holds its answer for 4 s; Ctrl-C
// comes a second after it left). The provider sees the request through to its answer, so the
// gateway vpcsim created is in state (tainted) and the error says how to keep it; the untaint it
// names keeps it: the next apply finishes it in place, with no second gateway ever created.
func TestReliability_interruptWhileCreateInFlight(t *testing.T) {
	ts := needTools(t)
	secret := "secret-" + rand.Text()
	sim := startSim(t, ts, secret, "-provision-delay", "1s", "-delete-delay", "200ms")
	w := newWorkspace(t, ts, sim, secret, gatewayConfig)
	if err := sim.SetFaults(context.Background(), vpcsim.Faults{Actions: []string{"CreateVpnGateway"}, Latency: vpcsim.Duration(4 * time.Second)}); err != nil {
		t.Fatal(err)
	}
	apply := w.start("apply", "-auto-approve", "-no-color")
	sent := wait.Until(time.Minute, 20*time.Millisecond, func() bool {
		log, _ := os.ReadFile(apply.log)
		return !apply.running() || createSent.Match(log)
	})
	if !sent || !apply.running() {
		t.Fatalf("the apply did not send CreateVpnGateway:\n%s", apply.outputSoFar())
	}
	time.Sleep(time.Second)
	if err := syscall.Kill(-apply.cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code, out := apply.wait(t, time.Minute)
	if code == 0 {
		t.Errorf("the interrupted apply exited 0:\n%s", out)
	}
	ids := sim.gatewayIDs()
	if len(ids) != 1 {
		t.Fatalf("after the interrupt vpcsim holds %v, want the one gateway created\n%s", ids, out)
	}
	id, tainted, ok := w.gateway(gatewayAddress)
	if !ok || id != ids[0] || !tainted {
		t.Fatalf("after the interrupt state holds %q (in state: %v, tainted: %v), vpcsim created %s: the create in flight was abandoned\n%s",
			id, ok, tainted, ids[0], out)
	}
	if !strings.Contains(strings.Join(strings.Fields(out), " "), "VPN Gateway "+id+" exists and is in state") ||
		!strings.Contains(out, "terraform untaint") {
		t.Errorf("the error does not say that %s exists, nor how to keep it (terraform untaint):\n%s", id, out)
	}
	if err := sim.SetFaults(context.Background(), vpcsim.Faults{}); err != nil {
		t.Fatal(err)
	}
	if out, err := w.run("untaint", "-no-color", gatewayAddress); err != nil {
		t.Fatalf("terraform untaint %s: %v\n%s", gatewayAddress, err, out)
	}
	if out, err := w.run("apply", "-auto-approve", "-no-color"); err != nil {
		t.Fatalf("the apply after the untaint: %v\n%s", err, out)
	}
	if now, tainted, ok := w.gateway(gatewayAddress); !ok || tainted || now != id {
		t.Fatalf("after the untaint and apply state holds %q (tainted: %v), want %s kept", now, tainted, id)
	}
	if got := sim.gatewayIDs(); !slices.Equal(got, []string{id}) {
		t.Fatalf("vpcsim holds %v, want only %s", got, id)
	}
	if out, err := w.run("plan", "-detailed-exitcode", "-no-color"); err != nil {
		t.Fatalf("the plan after the untaint and apply is not empty (exit %d):\n%s", exitCode(err), out)
	}
	scanned := w.destroyAndCheck(t, sim)
	Record(t, Result{
		Scenario: "Interruption: SIGINT to terraform apply while CreateVpnGateway is in flight",
		Runs:     1,
		Unit:     "interrupted applies (Ctrl-C a second after CreateVpnGateway left; vpcsim answers it after 4 s)",
		Checked: []string{
			"the provider sees the create through: the gateway vpcsim created is in state, tainted; vpcsim holds no other",
			"the error says the gateway exists and how to keep it (terraform untaint)",
			"after terraform untaint, the next apply keeps that gateway; the plan after it is empty; destroy leaves vpcsim empty",
		},
		Figures: []Figure{
			{Name: "bytes of TF_LOG=TRACE logs, outputs and state files searched for the secret", Value: fmt.Sprint(scanned)},
		},
	})
}
