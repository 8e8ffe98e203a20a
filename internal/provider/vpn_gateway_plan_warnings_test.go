package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

const sameName = "already has the name"

// noSameNameWarning is a check that no warning named id as a gateway of the same name.
func (e *accEnv) noSameNameWarning(id func() string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if e.diags.warning(sameName, id()) {
			return fmt.Errorf("warned about %s as a stray gateway, but the state manages it", id())
		}
		return nil
	}
}

// The same-name warning names stray gateways only: not the tainted gateway a plan replaces, not
// the gateway a create_before_destroy replacement replaces, and still a stray one next to them.
func TestAccVpnGateway_sameNameWarnsOnlyOfStrays(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{ProvisionDelay: 4 * time.Second})
	e.needSim(t, "stages a stray gateway and a tainted one")
	var tainted, stray string
	replaced := &stateAttr{resource: resourceName, attr: "id"}
	cbd := func(bandwidth int) string {
		return e.gatewayConfig(fmt.Sprintf("  bandwidth = %d\n  name = \"edge\"\n  lifecycle {\n    create_before_destroy = true\n  }\n", bandwidth))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config:      e.gatewayConfig("  bandwidth = 5\n  name = \"edge\"\n  timeouts = { create = \"1s\" }\n"),
				ExpectError: regexp.MustCompile(`(?s)waiting for VPN Gateway \(vpn-\S+\) to become active`),
			},
			{
				PreConfig: func() {
					gws := e.sim.Gateways()
					if len(gws) != 1 {
						t.Fatalf("vpcsim has %d gateways after the failed create, want 1", len(gws))
					}
					tainted = gws[0].VpnGatewayID
					waitForSim(t, func() bool { g, _ := e.gateway(tainted); return g.Status == vpcapi.StatusActive })
					out, err := e.directClient(t).CreateVpnGateway(context.Background(), &vpc.CreateVpnGatewayRequest{
						RegionId: dara.String(e.region), VpcId: dara.String(e.vpcID), Bandwidth: dara.Int32(5),
						Name: dara.String("edge"), ClientToken: dara.String(vpcclient.NewClientToken()),
					})
					must(t, err)
					stray = *out.VpnGatewayId
				},
				Config: e.gatewayConfig("  bandwidth = 5\n  name = \"edge\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					e.noSameNameWarning(func() string { return tainted }),
					e.expectWarning(func() string { return sameName }, func() string { return stray }),
					replaced.capture,
				),
			},
			{
				// Into create_before_destroy first, an in-place change only.
				PreConfig: func() { must(t, e.sim.RemoveGateway(stray)) },
				Config:    cbd(5),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
				}},
			},
			{
				Config: cbd(10),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreateBeforeDestroy),
				}},
				Check: e.noSameNameWarning(replaced.get),
			},
		},
	})
}
