//go:build linux

package reliability

import (
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
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
)

// createdLine is the provider's INFO log line once CreateVpnGateway has answered, as Terraform
// writes it to TF_LOG_PATH.
var createdLine = regexp.MustCompile(`\[INFO\]  provider\.terraform-provider-alicloud_v\S+: created VPN Gateway: .*vpn_gateway_id=(vpn-[0-9a-z]+)`)

// SIGKILL of the provider process right after CreateVpnGateway answered, while it waits for the
// gateway to become active. Terraform's protocol cannot close this case by itself: the new state
// travels back only when the RPC returns, and the process that knew the ID is gone. The provider's
// journal of creates in flight, in the working directory's .terraform, closes it: the next plan
// says that its apply adopts the gateway, the apply does, and vpcsim never holds a second gateway.
func TestReliability_providerKilledAfterCreate(t *testing.T) {
	ts := needTools(t)
	runs := Count(1, 3)
	var exits, inState, idShown, nextPlans, idInPlan, adoptions []string
	var slowestKill time.Duration
	var scanned int64 // bytes of logs, outputs and state searched for the secret
	for i := range runs {
		t.Run(fmt.Sprint(i+1), func(t *testing.T) {
			secret := "secret-" + rand.Text()
			sim := startSim(t, ts, secret, "-provision-delay", "3s", "-delete-delay", "200ms")
			w := newWorkspace(t, ts, sim, secret, gatewayConfig)
			apply := w.start("apply", "-auto-approve", "-no-color")

			// Kill the provider as soon as it holds CreateVpnGateway's answer: its INFO line naming the
			// new gateway is in the log. (Watching vpcsim's stats instead races the provider: a kill
			// within a millisecond of the answer can land before the provider has read it.)
			answered := wait.Until(time.Minute, 5*time.Millisecond, func() bool {
				log, _ := os.ReadFile(apply.log)
				return !apply.running() || createdLine.Match(log)
			})
			seen := time.Now()
			pids := e2e.ProviderChildren("/proc", apply.cmd.Process.Pid)
			if !answered || len(pids) == 0 {
				t.Fatalf("no provider to kill after the create (answered: %v):\n%s", answered, apply.outputSoFar())
			}
			for _, pid := range pids {
				if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
			}
			slowestKill = max(slowestKill, time.Since(seen))
			code, out := apply.wait(t, time.Minute)
			exits = append(exits, fmt.Sprint(code))
			if code == 0 {
				t.Errorf("the apply whose provider was killed exited 0:\n%s", out)
			}

			gws := sim.state().Gateways
			if len(gws) != 1 {
				t.Fatalf("after the kill vpcsim holds %d gateways, want exactly the one created", len(gws))
			}
			id := gws[0].VpnGatewayID
			stateID, _, ok := w.gateway(gatewayAddress)
			inState = append(inState, fmt.Sprint(ok))
			if ok && stateID != id {
				t.Fatalf("state holds %s, vpcsim created %s", stateID, id)
			}
			idShown = append(idShown, fmt.Sprint(strings.Contains(out, id)))
			t.Logf("terraform's output after the kill:\n%s", out)

			// With logging on, the provider's INFO line names the gateway.
			log, err := os.ReadFile(apply.log)
			if err != nil {
				t.Fatal(err)
			}
			if m := createdLine.FindSubmatch(log); m == nil || string(m[1]) != id {
				t.Errorf("the TF_LOG_PATH log has no INFO line naming %s", id)
			}

			if !ok {
				// The next plan proposes the create, since state lacks the gateway ...
				out, err := w.run("plan", "-detailed-exitcode", "-no-color")
				nextPlans = append(nextPlans, planSummary(out))
				idInPlan = append(idInPlan, fmt.Sprint(strings.Contains(out, id)))
				t.Logf("the next plan:\n%s", out)
				if exitCode(err) != 2 || !strings.Contains(out, "1 to add") {
					t.Errorf("the plan after the kill (exit %d) does not propose the create:\n%s", exitCode(err), out)
				}
				// ... warns that the VPC already holds a gateway of that name, and that the apply adopts it ...
				for _, want := range []string{"already has the name", "terraform import <resource address> " + id,
					"journal of creates in flight", "adopts " + id} {
					if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
						t.Errorf("the plan after the kill does not say %q:\n%s", want, out)
					}
				}
				// ... and the apply adopts it: no import, no second gateway.
				out, err = w.run("apply", "-auto-approve", "-no-color")
				adoptions = append(adoptions, fmt.Sprint(strings.Contains(out, "adopted a gateway an earlier apply created")))
				if err != nil {
					t.Fatalf("the apply after the kill: %v\n%s", err, out)
				}
				if got, _, _ := w.gateway(gatewayAddress); got != id {
					t.Fatalf("the apply after the kill put %q in state, want the gateway created before, %s:\n%s", got, id, out)
				}
			}
			if out, err := w.run("plan", "-detailed-exitcode", "-no-color"); err != nil {
				t.Fatalf("after the adoption the plan is not empty (exit %d):\n%s", exitCode(err), out)
			}
			if got := sim.gatewayIDs(); !slices.Equal(got, []string{id}) {
				t.Fatalf("vpcsim holds %v, want only %s", got, id)
			}
			scanned += w.destroyAndCheck(t, sim)
		})
	}
	Record(t, Result{
		Scenario: "SIGKILL of the provider right after CreateVpnGateway answered",
		Runs:     runs,
		Unit:     "applies whose provider process was killed while it waited for the new gateway",
		Checked: []string{
			"vpcsim holds exactly the one gateway created: nothing is created twice",
			"the apply fails; the TF_LOG=TRACE log has the provider's INFO line with the new gateway's ID",
			"measured: whether the gateway is in state and whether terraform's output names it (see figures)",
			"the next plan proposes the create, and warns that the VPC already holds a gateway of the planned name, with its ID, the import that adopts it, and that applying the plan adopts it from the journal of creates in flight",
			"the next apply, with no import, adopts that gateway: state holds its ID, the plan after it is empty, and destroy leaves vpcsim empty",
			"the secret key is in no log, output or state file",
		},
		Figures: []Figure{
			{Name: "bytes of TF_LOG=TRACE logs, outputs and state files searched for the secret", Value: fmt.Sprint(scanned)},
			{Name: "exit codes of the applies", Value: strings.Join(exits, ", ")},
			{Name: "gateway in state after the kill", Value: strings.Join(inState, ", ")},
			{Name: "gateway ID in terraform's output (without TF_LOG)", Value: strings.Join(idShown, ", ")},
			{Name: "next plan", Value: strings.Join(nextPlans, "; ")},
			{Name: "gateway ID in that plan's output", Value: strings.Join(idInPlan, ", ")},
			{Name: "next apply warned that it adopted the gateway", Value: strings.Join(adoptions, ", ")},
			{Name: "slowest kill after the provider logged the answer", Value: slowestKill.Round(time.Millisecond).String()},
		},
		Notes: []string{
			"What the user sees: `terraform apply` fails with \"Plugin did not respond ... failed to respond to the " +
				"plugin6.(*GRPCProvider).ApplyResourceChange call\". Terraform receives a resource's new state only when " +
				"the provider's call returns, so the gateway is not in state, and the failed apply's output does not " +
				"name it. The next plan proposes the create, and warns: \"VPN Gateway vpn-... in vpc-... already has " +
				"the name ...\", adding that the journal of creates in flight records it and that applying the plan " +
				"adopts it.",
			"How it recovers: run the next apply in the same working directory. The provider recorded the create in " +
				"`.terraform/vpngw-creates-in-flight/` before sending it, and the gateway's ID once the API answered; the " +
				"next create of the same request claims that entry and adopts the gateway (\"adopted a gateway an earlier " +
				"apply created\"), instead of buying a second one. In another working directory (no journal), import it: " +
				"`terraform import alicloud_vpn_gateway.<name> vpn-...` with the ID from the plan's warning.",
		},
	})
}

// planSummary is the "Plan: ..." line of a plan's output, or "no changes".
func planSummary(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Plan: ") {
			return strings.TrimSpace(line)
		}
	}
	return "no changes"
}
