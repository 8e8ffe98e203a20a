package vpngateway_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// What an apply cannot change is known in the plan: ssl_connections is null without SSL-VPN from
// the first plan on, and an in-place update of an active gateway (tags alone, then a name) shows
// status and business_status as they are, and leaves them so.
func TestAccVpnGateway_planKeepsKnownValues(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	planned := func(attr string, v knownvalue.Check) plancheck.PlanCheck {
		return plancheck.ExpectKnownValue(acctest.ResourceName, tfjsonpath.New(attr), v)
	}
	unchanged := []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionUpdate),
		planned("status", knownvalue.StringExact(vpcapi.StatusActive)),
		planned("business_status", knownvalue.StringExact("Normal")),
		planned("ssl_connections", knownvalue.Null()),
	}
	after := []statecheck.StateCheck{
		acctest.Expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
		acctest.Expect("business_status", knownvalue.StringExact("Normal")),
		acctest.Expect("ssl_connections", knownvalue.Null()),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: e.GatewayConfig("  bandwidth = 10\n  name = \"known\""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					planned("ssl_connections", knownvalue.Null()),
				}},
				ConfigStateChecks: after,
			},
			{
				Config:            e.GatewayConfig("  bandwidth = 10\n  name = \"known\"\n  tags = { team = \"net\" }"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: unchanged},
				ConfigStateChecks: after,
			},
			{
				Config:            e.GatewayConfig("  bandwidth = 10\n  name = \"known2\"\n  tags = { team = \"net\" }"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: unchanged},
				ConfigStateChecks: after,
			},
		},
	})
}
