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

	"github.com/vpngw/terraform-provider-alicloud/internal/e2e"
)

// createdLine is the provider's INFO log line once CreateVpnGateway has answered, as Terraform
// writes it to TF_LOG_PATH.
var createdLine = regexp.MustCompile(`\[INFO\]  provider\.terraform-provider-alicloud_v\S+: created VPN Gateway: .*vpn_gateway_id=(vpn-[0-9a-z]+)`)

// SIGKILL of the provider process right after CreateVpnGateway answered, while it waits for the
// gateway to become active. This is the one case Terraform's protocol cannot close: the new state
// travels back only when the RPC returns, and the process that knew the ID is gone. The test
// measures what happens and what the user sees, and proves the documented way back: find the
// gateway, terraform import it, and the next plan is empty; vpcsim never holds a second gateway.
func TestReliability_providerKilledAfterCreate(t *testing.T) {
	ts := needTools(t)
	runs := Count(1, 3)
	var exits, inState, idShown, nextPlans, idInPlan []string
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
			answered := waitFor(time.Minute, 5*time.Millisecond, func() bool {
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
				// What the next plan would do: create a second gateway, since state lacks the first.
				out, err := w.run("plan", "-detailed-exitcode", "-no-color")
				nextPlans = append(nextPlans, planSummary(out))
				idInPlan = append(idInPlan, fmt.Sprint(strings.Contains(out, id)))
				t.Logf("the next plan, without the import:\n%s", out)
				if exitCode(err) != 2 || !strings.Contains(out, "1 to add") {
					t.Errorf("the plan after the kill (exit %d) does not propose the create:\n%s", exitCode(err), out)
				}
				// ... and warns that the VPC already holds a gateway of that name, with what to import.
				if !strings.Contains(out, "already has the name") || !strings.Contains(out, "terraform import <resource address> "+id) {
					t.Errorf("the plan after the kill does not name %s with the import to run:\n%s", id, out)
				}
				// The way back: import the gateway found in the console (here: vpcsim's state).
				if out, err := w.run("import", "-no-color", gatewayAddress, id); err != nil {
					t.Fatalf("terraform import %s %s: %v\n%s", gatewayAddress, id, err, out)
				}
			}
			if out, err := w.run("plan", "-detailed-exitcode", "-no-color"); err != nil {
				t.Fatalf("after the import the plan is not empty (exit %d):\n%s", exitCode(err), out)
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
			"the next plan warns that the VPC already holds a gateway of the planned name, with its ID and the import to run",
			"the documented way back works: terraform import of the ID, then the plan is empty, and destroy leaves vpcsim empty",
			"the secret key is in no log, output or state file",
		},
		Figures: []Figure{
			{Name: "bytes of TF_LOG=TRACE logs, outputs and state files searched for the secret", Value: fmt.Sprint(scanned)},
			{Name: "exit codes of the applies", Value: strings.Join(exits, ", ")},
			{Name: "gateway in state after the kill", Value: strings.Join(inState, ", ")},
			{Name: "gateway ID in terraform's output (without TF_LOG)", Value: strings.Join(idShown, ", ")},
			{Name: "next plan without the import", Value: strings.Join(nextPlans, "; ")},
			{Name: "gateway ID in that plan's output", Value: strings.Join(idInPlan, ", ")},
			{Name: "slowest kill after the provider logged the answer", Value: slowestKill.Round(time.Millisecond).String()},
		},
		Notes: []string{
			"What the user sees: `terraform apply` fails with \"Plugin did not respond ... failed to respond to the " +
				"plugin6.(*GRPCProvider).ApplyResourceChange call\". Terraform receives a resource's new state only when " +
				"the provider's call returns, so the gateway is not in state, and the failed apply's output does not " +
				"name it. The next plan proposes to create it again, and warns: \"VPN Gateway vpn-... in vpc-... " +
				"already has the name ...\", with the `terraform import` to run instead of creating a second gateway.",
			"How to recover: take the gateway's ID from the next plan's warning (a gateway with a `name`; without " +
				"one, list the VPC's gateways in the console or with `aliyun vpc DescribeVpnGateways --RegionId <region> " +
				"--VpcId <vpc>` and take the one no state holds; with `TF_LOG=INFO` and `TF_LOG_PATH` set, the provider's " +
				"log line `created VPN Gateway: ... vpn_gateway_id=vpn-...` names it the moment the API answers). " +
				"Then adopt it: `terraform import alicloud_vpn_gateway.<name> vpn-...`, or an `import` block with " +
				"`to = alicloud_vpn_gateway.<name>` and `id = \"vpn-...\"`. The plan after the import is empty: the test " +
				"checks it.",
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
