package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// What an apply cannot change is known in the plan: ssl_connections is null without SSL-VPN from
// the first plan on, and an in-place update of an active gateway (tags alone, then a name) shows
// status and business_status as they are, and leaves them so.
func TestAccVpnGateway_planKeepsKnownValues(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	planned := func(attr string, v knownvalue.Check) plancheck.PlanCheck {
		return plancheck.ExpectKnownValue(resourceName, tfjsonpath.New(attr), v)
	}
	unchanged := []plancheck.PlanCheck{
		plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
		planned("status", knownvalue.StringExact(vpcapi.StatusActive)),
		planned("business_status", knownvalue.StringExact("Normal")),
		planned("ssl_connections", knownvalue.Null()),
	}
	after := []statecheck.StateCheck{
		expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
		expect("business_status", knownvalue.StringExact("Normal")),
		expect("ssl_connections", knownvalue.Null()),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: e.gatewayConfig("  bandwidth = 10\n  name = \"known\""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					planned("ssl_connections", knownvalue.Null()),
				}},
				ConfigStateChecks: after,
			},
			{
				Config:            e.gatewayConfig("  bandwidth = 10\n  name = \"known\"\n  tags = { team = \"net\" }"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: unchanged},
				ConfigStateChecks: after,
			},
			{
				Config:            e.gatewayConfig("  bandwidth = 10\n  name = \"known2\"\n  tags = { team = \"net\" }"),
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: unchanged},
				ConfigStateChecks: after,
			},
		},
	})
}
