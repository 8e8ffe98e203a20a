package vpngateway_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// Drift: one gateway deleted, one renamed and re-described, one renamed and stuck in "updating",
// all outside Terraform. The next plan must see each for what it is (create the deleted one again,
// change the others back in place, never a replacement), and the next apply must converge: the
// stuck gateway refuses changes (VpnGateway.Configuring) until it is active again, and the apply
// waits for it rather than failing.
func TestAccReliability_drift(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "changes gateways behind Terraform's back")
	guard := acctest.NewDropGuard(e)
	const (
		deleted = "alicloud_vpn_gateway.deleted"
		renamed = "alicloud_vpn_gateway.renamed"
		stuck   = "alicloud_vpn_gateway.stuck"
	)
	ids := map[string]*acctest.StateAttr{}
	for _, r := range []string{deleted, renamed, stuck} {
		ids[r] = &acctest.StateAttr{Resource: r, Attr: "id"}
	}
	config := e.Config(fmt.Sprintf(`
resource "alicloud_vpn_gateway" "deleted" {
  vpc_id    = %[1]q
  bandwidth = 10
  name      = "drift-deleted"
}
resource "alicloud_vpn_gateway" "renamed" {
  vpc_id      = %[1]q
  bandwidth   = 10
  name        = "drift-renamed"
  description = "Managed by Terraform"
}
resource "alicloud_vpn_gateway" "stuck" {
  vpc_id    = %[1]q
  bandwidth = 10
  name      = "drift-stuck"
  timeouts = {
    update = "2m"
  }
}
`, e.VpcID))
	var released func() bool

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					ids[deleted].Capture, ids[renamed].Capture, ids[stuck].Capture, e.CheckSimMatchesState(3)),
			},
			{
				PreConfig: func() {
					must(t, e.Sim.RemoveGateway(ids[deleted].Get()))
					must(t, e.Sim.PatchGateway(ids[renamed].Get(), gateway.Patch{
						Name: ptr("renamed-outside"), Description: ptr("Changed outside Terraform")}))
					must(t, e.Sim.PatchGateway(ids[stuck].Get(), gateway.Patch{
						Name: ptr("stuck-outside"), Status: ptr(vpcapi.StatusUpdating)}))
					// The stuck gateway recovers once the apply has met its refusal twice.
					released = releaseWhen(e, t, ids[stuck].Get(), func() bool {
						return e.Statuses(vpcapi.ActionModifyVpnGatewayAttribute)["400"] >= 2
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(deleted, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(renamed, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction(stuck, plancheck.ResourceActionUpdate),
					expectRefreshed(renamed, "name", "renamed-outside"),
					expectRefreshed(renamed, "description", "Changed outside Terraform"),
					expectRefreshed(stuck, "name", "stuck-outside"),
					expectRefreshed(stuck, "status", vpcapi.StatusUpdating),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					e.CheckSimMatchesState(3),
					e.ExpectWarning(ids[deleted].Get, func() string { return "deleted outside Terraform" }),
					func(s *terraform.State) error {
						if now := s.RootModule().Resources[deleted].Primary.ID; now == ids[deleted].Get() {
							return fmt.Errorf("state still holds the deleted gateway %s", now)
						}
						for id, want := range map[string]string{ids[renamed].Get(): "drift-renamed", ids[stuck].Get(): "drift-stuck"} {
							g, ok := e.Gateway(id)
							switch {
							case !ok:
								return fmt.Errorf("gateway %s was replaced; drift must be fixed in place", id)
							case g.Name != want || g.Status != vpcapi.StatusActive:
								return fmt.Errorf("gateway %s is %q (%s) in vpcsim, want %q (active)", id, g.Name, g.Status, want)
							}
						}
						if g, _ := e.Gateway(ids[renamed].Get()); g.Description != "Managed by Terraform" {
							return fmt.Errorf("the description was not restored: %q", g.Description)
						}
						if !released() {
							return fmt.Errorf("the apply never met the stuck gateway's refusal (VpnGateway.Configuring)")
						}
						return nil
					},
				),
			},
			{
				// Converged: nothing left to do.
				Config:   config,
				PlanOnly: true,
			},
		},
	})
	guard.Check(t)
	reliability.Record(t, reliability.Result{
		Scenario: "Drift (deleted, renamed, stuck in updating outside Terraform)",
		Runs:     3,
		Unit:     "gateways drifted, one each way",
		Checked: []string{
			"the plan after the drift creates the deleted gateway again, with a warning that it was deleted outside Terraform",
			"the plan shows the renamed gateway's and the stuck gateway's refreshed name, description and status (updating), and changes both in place: no replacement",
			"the apply waits while the stuck gateway refuses the change with VpnGateway.Configuring, then succeeds",
			"afterwards vpcsim holds exactly the three gateways in state, active, with the configured names and description, and the next plan is empty",
		},
		Figures: append(guard.Figures(),
			reliability.Figure{Name: "ModifyVpnGatewayAttribute answers by HTTP status", Value: acctest.FmtCounts(e.Statuses(vpcapi.ActionModifyVpnGatewayAttribute))}),
	})
}

// releaseWhen lifts the status forced on gateway id once cond holds, as a real gateway finishes
// its change, or after a bound, so that a provider that never meets the refusal fails its checks
// rather than hanging until its timeout. The function it returns waits for the release and tells
// whether cond was met.
func releaseWhen(e *acctest.Env, t *testing.T, id string, cond func() bool) func() bool {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	done := make(chan bool, 1)
	go func() {
		met := pollUntil(ctx, cond)
		_ = e.Sim.PatchGateway(id, gateway.Patch{Status: ptr("")}) // a gateway gone already has nothing to release
		done <- met
	}()
	return sync.OnceValue(func() bool { return <-done })
}

// pollUntil checks cond every 20ms until it holds (true) or ctx ends (false).
func pollUntil(ctx context.Context, cond func() bool) bool {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
	return true
}

// expectRefreshed is a plan check: the refreshed state the plan starts from has attr = want for
// resource, that is, the refresh saw what happened outside Terraform.
func expectRefreshed(resource, attr, want string) plancheck.PlanCheck {
	return refreshedCheck{resource, attr, want}
}

type refreshedCheck struct{ resource, attr, want string }

func (c refreshedCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if req.Plan.PriorState == nil || req.Plan.PriorState.Values == nil {
		resp.Error = fmt.Errorf("the plan has no prior state")
		return
	}
	for _, r := range req.Plan.PriorState.Values.RootModule.Resources {
		if r.Address != c.resource {
			continue
		}
		if got := fmt.Sprint(r.AttributeValues[c.attr]); got != c.want {
			resp.Error = fmt.Errorf("%s.%s is %q after refresh, want %q", c.resource, c.attr, got, c.want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan's prior state", c.resource)
}

func ptr[T any](v T) *T { return &v }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
