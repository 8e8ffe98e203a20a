package vpngateway_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// Answers the provider has never seen must not destroy a gateway: after the API starts sending a
// ChargeType nobody has recorded and leaves IpsecVpn and Spec out, a refresh and plan keep the
// state as it was, plan nothing, and warn with the field, the value and the RequestId. A gateway
// of another product with the same name in the same VPC neither breaks the batched refresh nor
// raises the same-name warning.
func TestAccVpnGateway_unfamiliarAnswers(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "changes the simulator's answers")
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	config := e.GatewayConfig("  bandwidth = 10\n  name = \"edge-vpn\"\n")
	second := e.Config(`resource "alicloud_vpn_gateway" "other" {
  vpc_id    = "` + e.VpcID + `"
  bandwidth = 10
  name      = "edge-vpn"
}
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  id.Capture,
			},
			{
				PreConfig: func() {
					if err := e.Sim.PatchGateway(id.Get(), gateway.Patch{
						Fields: map[string]any{"ChargeType": "MonthlyByBandwidth"},
						Remove: []string{"IpsecVpn", "Spec"},
					}); err != nil {
						t.Fatal(err)
					}
					if _, err := e.Sim.AddForeignGateway(gateway.Foreign{VpcID: e.VpcID, Name: "edge-vpn"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("instance_charge_type", knownvalue.StringExact(vpcapi.ChargeTypePostpay)),
					acctest.Expect("enable_ipsec", knownvalue.Bool(true)),
					acctest.Expect("bandwidth", knownvalue.Int64Exact(10)),
				},
				Check: resource.ComposeTestCheckFunc(
					e.ExpectWarning(id.Get, func() string { return "ChargeType" }, func() string { return `"MonthlyByBandwidth"` },
						func() string { return "RequestId" }),
					e.ExpectWarning(id.Get, func() string { return "IpsecVpn" }, func() string { return "no value" }),
				),
			},
			{
				// A second gateway of the same name: the other product's gateway is no stray.
				Config: config + second[len(e.ProviderBlock()):],
				Check: func(*terraform.State) error {
					if e.Diags.Warning("already has the name") {
						return fmt.Errorf("same-name warning for a gateway of another product: %+v", e.Diags)
					}
					return nil
				},
			},
		},
	})
}

// On a site that sells no subscriptions, a PREPAY gateway fails at apply with the API's own
// words and its RequestId, nothing is left in state, and no gateway is bought.
func TestAccVpnGateway_subscriptionNotSold(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{Dialect: dialect.International})
	e.NeedSim(t, "speaks for the international site")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config:      e.GatewayConfig("  bandwidth = 10\n  instance_charge_type = \"PREPAY\"\n  period = 1\n  auto_pay = true\n"),
			ExpectError: regexp.MustCompile(`(?s)creating VPN Gateway.*InvalidParameter.*InstanceChargeType.*RequestId`),
		}},
	})
	if n := len(e.Sim.Gateways()); n != 0 {
		t.Errorf("vpcsim holds %d gateways after a refused subscription", n)
	}
}
