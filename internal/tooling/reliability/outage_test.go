//go:build linux

package reliability

import (
	"crypto/rand"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Two gateways "test" named outage-0 and outage-1.
var twoGatewaysConfig = fmt.Sprintf(`
resource "alicloud_vpn_gateway" "test" {
  count     = 2
  vpc_id    = %q
  bandwidth = 5
  name      = "outage-${count.index}"
}
`, vpcsim.DefaultVpcID)

// outage is how long the endpoint refuses connections: twice the AnswerBudget meant for an
// endpoint that never answered.
const outage = 6 * time.Second

// A short outage of an endpoint that has answered: vpcsim is killed while two gateways provision
// and restarted with its state file after outage. The waits ride it out: the apply succeeds, both
// gateways are in state, untainted, and nothing is replaced afterwards.
func TestReliability_outageWhileProvisioning(t *testing.T) {
	ts := needTools(t)
	secret := "secret-" + rand.Text()
	sim := startSim(t, ts, secret, "-state-file", filepath.Join(t.TempDir(), "vpcsim.json"),
		"-provision-delay", "8s", "-delete-delay", "200ms")
	w := newWorkspace(t, ts, sim, secret, twoGatewaysConfig)
	apply := w.start("apply", "-auto-approve", "-no-color")

	var ids []string
	provisioning := wait.Until(30*time.Second, 20*time.Millisecond, func() bool {
		if !apply.running() {
			return true
		}
		ids = ids[:0]
		for _, g := range sim.state().Gateways {
			if g.Status == vpcapi.StatusProvisioning {
				ids = append(ids, g.VpnGatewayID)
			}
		}
		return len(ids) == 2
	})
	if !provisioning || len(ids) != 2 {
		t.Fatalf("two gateways were not provisioning within 30 s of the apply:\n%s", apply.outputSoFar())
	}
	sim.Kill()
	time.Sleep(outage)
	sim.restart()

	code, out := apply.wait(t, 2*time.Minute)
	if code != 0 {
		t.Fatalf("the apply failed after a %s outage of an endpoint that had answered (exit %d):\n%s", outage, code, out)
	}
	slices.Sort(ids)
	for i := range 2 {
		address := fmt.Sprintf("%s[%d]", "alicloud_vpn_gateway.test", i)
		id, tainted, ok := w.gateway(address)
		if !ok || tainted || !slices.Contains(ids, id) {
			t.Errorf("%s in state: %v, tainted: %v, id %s; vpcsim created %v", address, ok, tainted, id, ids)
		}
	}
	if got := sim.gatewayIDs(); !slices.Equal(slices.Sorted(slices.Values(got)), ids) {
		t.Fatalf("after the apply vpcsim holds %v, want %v", got, ids)
	}
	if out, err := w.run("plan", "-detailed-exitcode", "-no-color"); err != nil {
		t.Fatalf("the plan after the outage is not empty (exit %d):\n%s", exitCode(err), out)
	}
	scanned := w.destroyAndCheck(t, sim)
	Record(t, Result{
		Scenario: "Endpoint outage (vpcsim killed and restarted) while two gateways provision",
		Runs:     1,
		Unit:     fmt.Sprintf("applies of two gateways during which the endpoint refused connections for %s", outage),
		Checked: []string{
			"the apply succeeds: the waits of an endpoint that had answered ride out its refused connections",
			"both gateways are in state, untainted, and vpcsim holds exactly them; the plan after the apply is empty",
			"destroy leaves vpcsim empty; the secret key is in no log, output or state file",
		},
		Figures: []Figure{
			{Name: "outage", Value: outage.String()},
			{Name: "bytes of TF_LOG=TRACE logs, outputs and state files searched for the secret", Value: fmt.Sprint(scanned)},
		},
		Notes: []string{strings.TrimSpace(`An endpoint that never answered still fails within the retry policy's
AnswerBudget (3 s): fail-fast is for a wrong endpoint, not for a restart.`)},
	})
}
