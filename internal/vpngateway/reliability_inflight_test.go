package vpngateway_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// createLatency holds every CreateVpnGateway longer than the create timeout of these tests.
const createLatency = 4 * time.Second

// slowCreates makes vpcsim answer CreateVpnGateway only after createLatency (it acts then, even
// when the client has gone away meanwhile), and nothing else.
func slowCreates(e *acctest.Env) {
	e.Sim.SetFaults(vpcsim.Faults{Actions: []string{vpcapi.ActionCreateVpnGateway}, Latency: vpcsim.Duration(createLatency)})
}

// theOneGateway is the ID of the one gateway vpcsim holds after what; any other count fails t.
func theOneGateway(e *acctest.Env, t *testing.T, after string) string {
	t.Helper()
	ids := e.SimGatewayIDs()
	if len(ids) != 1 {
		t.Fatalf("after %s vpcsim holds %v, want exactly the one gateway", after, ids)
	}
	return ids[0]
}

// multiline matches a message Terraform may have wrapped: any space may be a line break.
func multiline(pattern string) *regexp.Regexp {
	return regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
}

// The create timeout runs out while CreateVpnGateway is in flight. The provider sees the request
// through to its answer, so the gateway the API created is in state (tainted, since the create
// failed) instead of unknown to every state; the error says that it exists and how to keep it
// (terraform untaint). The next apply replaces it: vpcsim never holds two.
func TestAccReliability_createTimeoutInFlight(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "holds the create's answer")
	slowCreates(e)
	withTimeout := func(d string) string {
		return e.GatewayConfig(fmt.Sprintf("  bandwidth = 10\n  name = \"in-flight\"\n  timeouts = {\n    create = %q\n  }\n", d))
	}
	failThenReplace(e, t, withTimeout("2s"), withTimeout("1m"), multiline(`VPN Gateway vpn-[0-9a-z]+ exists and is in state, `+
		`but its create did not finish, so Terraform marks it tainted.*run terraform untaint with this resource's address`))
	reliability.Record(t, reliability.Result{
		Scenario: "Create timeout while CreateVpnGateway is in flight",
		Runs:     1,
		Unit:     fmt.Sprintf("create timed out after 2s while vpcsim held CreateVpnGateway for %s", createLatency),
		Checked: []string{
			"the provider sees the create through to its answer: the gateway vpcsim created is in state, tainted",
			"the error names the gateway, says it is tainted and how to keep it (terraform untaint)",
			"the next apply replaces it: vpcsim holds exactly the gateway in state",
		},
		Figures: []reliability.Figure{
			{Name: "CreateVpnGateway answers by HTTP status", Value: acctest.FmtCounts(e.Statuses(vpcapi.ActionCreateVpnGateway))},
		},
	})
}

// A subscription (PREPAY) gateway whose create runs out of time after the API created it is never
// replaced for it: the apply warns instead of failing, the gateway stays in state untainted, and
// the next plan keeps it.
func TestAccReliability_subscriptionTimeoutKeepsGateway(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{ProvisionDelay: 6 * time.Second})
	e.NeedSim(t, "provisions slower than the timeout")
	e.NeedSubscriptions(t)
	config := e.GatewayConfig("  bandwidth = 10\n  name = \"prepaid\"\n  instance_charge_type = \"PREPAY\"\n" +
		"  period = 1\n  auto_pay = true\n  timeouts = {\n    create = \"2s\"\n  }\n")
	var kept string
	t.Cleanup(func() { _ = e.Sim.RemoveGateway(kept) })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		// The API releases no subscription before it ends: the destroy leaves it in vpcsim.
		CheckDestroy: func(*terraform.State) error {
			if ids := e.SimGatewayIDs(); len(ids) != 1 || ids[0] != kept {
				return fmt.Errorf("vpcsim holds %v after the destroy, want only the subscription %s", ids, kept)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					e.CheckSimMatchesState(1),
					func(s *terraform.State) error {
						rs := s.RootModule().Resources[acctest.ResourceName]
						if rs.Primary.Tainted {
							return fmt.Errorf("the subscription gateway %s is tainted", rs.Primary.ID)
						}
						kept = rs.Primary.ID
						if !e.Diags.Warning("waiting for VPN Gateway ("+kept+") to become active", "subscription (PREPAY), so it is not marked tainted") {
							return fmt.Errorf("no warning that the subscription gateway %s is kept", kept)
						}
						return nil
					},
				),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionNoop),
				}},
				Check: func(s *terraform.State) error {
					if id := s.RootModule().Resources[acctest.ResourceName].Primary.ID; id != kept {
						return fmt.Errorf("state holds %s, want the subscription gateway %s", id, kept)
					}
					return nil
				},
			},
		},
	})
}

// Tagging fails after the gateway exists (every TagResources answers 500 until the create timeout):
// the error says the gateway exists, is tainted, and how to keep it; the next apply replaces it
// once, and then the plan is empty: no destroy-and-buy loop.
func TestAccReliability_tagFailureAfterCreate(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "fails every TagResources")
	e.Sim.SetFaults(vpcsim.Faults{Actions: []string{vpcapi.ActionTagResources}, ErrorRate: 1, Codes: []string{vpcapi.CodeInternalError}})
	withTimeout := func(d string) string {
		return e.GatewayConfig(fmt.Sprintf("  bandwidth = 10\n  name = \"tagged\"\n  tags = { owner = \"network-team\" }\n"+
			"  timeouts = {\n    create = %q\n  }\n", d))
	}
	failThenReplace(e, t, withTimeout("5s"), withTimeout("1m"), multiline(`tagging VPN Gateway \(vpn-[0-9a-z]+\).*exists and is in `+
		`state, but its create did not finish, so Terraform marks it tainted.*run terraform untaint with this resource's address`))
}

// failThenReplace applies failing, which must fail with wantError after creating one gateway; then,
// with vpcsim's faults cleared, applies config, which must replace that gateway because it is
// tainted, leaving vpcsim with exactly the gateway in state.
func failThenReplace(e *acctest.Env, t *testing.T, failing, config string, wantError *regexp.Regexp) {
	t.Helper()
	var tainted string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: failing, ExpectError: wantError},
			{
				PreConfig: func() {
					e.Sim.SetFaults(vpcsim.Faults{})
					tainted = theOneGateway(e, t, "the failed create")
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionDestroyBeforeCreate),
					expectTaintedReplace{func() string { return tainted }},
				}},
				Check: e.CheckSimMatchesState(1),
			},
		},
	})
}
