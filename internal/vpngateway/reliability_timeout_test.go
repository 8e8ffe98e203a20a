package vpngateway_test

import (
	"context"
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

// Timeouts: a gateway that is not active within the configured create timeout fails the apply with
// a message that says what it waited for, what it last saw and what to do; it stays in state as
// tainted, so the next apply replaces it (deleting the first one) instead of leaving it behind.
func TestAccReliability_createTimeout(t *testing.T) {
	const provisioning = 6 * time.Second // longer than the first timeout, shorter than the second
	e := acctest.New(t, vpcsim.Config{ProvisionDelay: provisioning})
	e.NeedSim(t, "provisions slower than the timeout")
	guard := acctest.NewDropGuard(e)
	withTimeout := func(d string) string {
		return e.GatewayConfig(fmt.Sprintf("  bandwidth = 10\n  name = \"slow\"\n  timeouts = {\n    create = %q\n  }\n", d))
	}
	var tainted string

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: withTimeout("2s"),
				// Terraform wraps long messages: any space may be a line break.
				ExpectError: regexp.MustCompile(strings.ReplaceAll(`(?s)waiting for VPN Gateway \(vpn-[0-9a-z]+\) to become active.*`+
					`timed out waiting for status active \(last status: (init|provisioning)\); raise the timeouts attribute.*`+
					`exists and is in state, but its create did not finish, so Terraform marks it tainted.*`+
					`run terraform untaint with this resource's address`, " ", `\s+`)),
			},
			{
				PreConfig: func() { tainted = theOneGateway(e, t, "the timed-out create") },
				Config:    withTimeout("1m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionDestroyBeforeCreate),
					expectTaintedReplace{func() string { return tainted }},
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					e.CheckSimMatchesState(1),
					func(s *terraform.State) error {
						if id := s.RootModule().Resources[acctest.ResourceName].Primary.ID; id == tainted {
							return fmt.Errorf("the tainted gateway %s was kept", id)
						}
						if creates := e.Statuses(vpcapi.ActionCreateVpnGateway); creates["200"] != 2 || acctest.Total(creates) != 2 {
							return fmt.Errorf("vpcsim answered CreateVpnGateway %s, want exactly two creates", acctest.FmtCounts(creates))
						}
						return nil
					},
				),
			},
		},
	})
	guard.Check(t)
	reliability.Record(t, reliability.Result{
		Scenario: "Create timeout (gateway not active in time)",
		Runs:     1,
		Unit:     "create timed out after 2s while vpcsim provisioned for 6s, then applied again with 1m",
		Checked: []string{
			"the apply fails naming the gateway, the status it waited for, the last status seen, and the timeouts attribute",
			"the error says the gateway exists and is tainted, and how to keep it (terraform untaint)",
			"the gateway is in state, tainted: the next plan replaces it (destroy before create) because it is tainted",
			"the next apply deletes it and creates one gateway: vpcsim holds exactly the gateway in state, after exactly two creates",
			"no gateway left state while vpcsim still had it; vpcsim holds none after destroy",
		},
		Figures: append(guard.Figures(),
			reliability.Figure{Name: "CreateVpnGateway answers by HTTP status", Value: acctest.FmtCounts(e.Statuses(vpcapi.ActionCreateVpnGateway))},
			reliability.Figure{Name: "DeleteVpnGateway answers by HTTP status", Value: acctest.FmtCounts(e.Statuses(vpcapi.ActionDeleteVpnGateway))}),
	})
}

// expectTaintedReplace is a plan check: the gateway in the plan's prior state is the one the
// simulator holds, and it is tainted (which is why the plan replaces it).
type expectTaintedReplace struct{ id func() string }

func (c expectTaintedReplace) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if req.Plan.PriorState == nil || req.Plan.PriorState.Values == nil {
		resp.Error = fmt.Errorf("the plan has no prior state")
		return
	}
	for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
		if r.Address != acctest.ResourceName {
			continue
		}
		if !r.Tainted {
			resp.Error = fmt.Errorf("%s is in state but not tainted", acctest.ResourceName)
			return
		}
		if got := fmt.Sprint(r.AttributeValues["id"]); got != c.id() {
			resp.Error = fmt.Errorf("the tainted instance in state is %s, want the gateway vpcsim holds (%s)", got, c.id())
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan's prior state", acctest.ResourceName)
}
