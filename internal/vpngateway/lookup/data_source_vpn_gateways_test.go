package lookup_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// The data sources are tested against gateways staged in the simulator through the API, not through
// Terraform: a test of many gateways then costs one plan and apply.

// newest is ids in the API's order, newest first.
func newest(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Reverse(out)
	return out
}

func stringsExact(values []string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.ListExact(checks)
}

// expectIDs checks the ids of a data source alicloud_vpn_gateways.<name>.
func expectIDs(name string, ids ...string) statecheck.StateCheck {
	return statecheck.ExpectKnownValue("data.alicloud_vpn_gateways."+name, tfjsonpath.New("ids"), stringsExact(ids))
}

func dataSources(name, args string) string {
	return fmt.Sprintf("data \"alicloud_vpn_gateways\" %q {\n%s\n}\n", name, args)
}

// Every filter, each in a data source of its own, over one staging: two gateways named web-*, one in
// another VPC, one unpaid (init), one the API answers as FinancialLocked, one in another resource
// group, one in another region, and a gateway of another product. On the China site, whichever
// dialect the suite runs under: only it sells the subscription that stays unpaid.
func TestAccVpnGatewaysDataSource_everyFilter(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{Networks: acctest.Networks, ProvisionDelay: time.Millisecond, Dialect: dialect.China})
	e.NeedSim(t, "stages gateways in several VPCs, regions and states")

	web1 := e.Stage(t, "web-1", nil)
	web2 := e.Stage(t, "web-2", nil)
	other := e.Stage(t, "db-1", func(r *vpc.CreateVpnGatewayRequest) { r.VpcId = dara.String(acctest.OtherVpcID) })
	unpaid := e.Stage(t, "unpaid", func(r *vpc.CreateVpnGatewayRequest) {
		r.InstanceChargeType, r.Period = dara.String(vpcapi.ChargeTypePrepay), dara.Int32(1)
	})
	// The simulator filters by what it holds (Normal), and answers what the drift says: only the
	// provider's own check of each answer can leave this one out of business_status = "Normal".
	locked := e.Stage(t, "locked", nil)
	if err := e.Sim.PatchGateway(locked, gateway.Patch{Fields: map[string]any{"BusinessStatus": vpcapi.BusinessStatusFinancialLocked}}); err != nil {
		t.Fatal(err)
	}
	grouped := e.Stage(t, "grouped", func(r *vpc.CreateVpnGatewayRequest) { r.ResourceGroupId = dara.String(acctest.OtherGroup) })
	shanghai := e.Stage(t, "shanghai", func(r *vpc.CreateVpnGatewayRequest) {
		r.RegionId, r.VpcId = dara.String(acctest.OtherRegion), dara.String(acctest.RegionVpcID)
	})
	e.Tag(t, web1, map[string]string{"env": "prod", "team": "web"})
	e.Tag(t, web2, map[string]string{"env": "dev", "team": "web"})
	e.Tag(t, other, map[string]string{"env": "prod"})
	// An answer without its tags: the search reads them with ListTagResources.
	if err := e.Sim.PatchGateway(other, gateway.Patch{Remove: []string{"Tags"}}); err != nil {
		t.Fatal(err)
	}
	f, err := e.Sim.AddForeignGateway(gateway.Foreign{Name: "enhanced"})
	if err != nil {
		t.Fatal(err)
	}

	config := e.Config(dataSources("all", "") +
		dataSources("ids", fmt.Sprintf("  ids = [%q, %q]", web1, other)) +
		dataSources("noids", "  ids = []") +
		dataSources("name", `  name_regex = "^web-"`) +
		dataSources("vpc", fmt.Sprintf("  vpc_id = %q", acctest.OtherVpcID)) +
		dataSources("status", `  status = "init"`) +
		dataSources("normal", `  business_status = "Normal"`) +
		dataSources("locked", `  business_status = "FinancialLocked"`) +
		dataSources("group", fmt.Sprintf("  resource_group_id = %q", acctest.OtherGroup)) +
		dataSources("region", fmt.Sprintf("  region = %q", acctest.OtherRegion)) +
		dataSources("type", `  gateway_type = "Enhanced.SiteToSite"`) +
		dataSources("combined", fmt.Sprintf("  name_regex = \"^web-\"\n  vpc_id = %q\n  ids = [%q]", e.VpcID, web2)) +
		dataSources("prod", `  tags = { env = "prod" }`) +
		dataSources("prodweb", `  tags = { env = "prod", team = "web" }`) +
		dataSources("none", `  name_regex = "^nothing$"`))
	gateways := tfjsonpath.New("gateways")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				expectIDs("all", newest(web1, web2, other, unpaid, locked, grouped)...),
				expectIDs("ids", newest(web1, other)...),
				expectIDs("noids"), // only the gateways with these IDs: none
				expectIDs("name", newest(web1, web2)...),
				expectIDs("vpc", other),
				expectIDs("status", unpaid),
				expectIDs("normal", newest(web1, web2, other, unpaid, grouped)...),
				expectIDs("locked"), // the API's filter: the simulator holds the gateway as Normal
				expectIDs("group", grouped),
				expectIDs("region", shanghai),
				expectIDs("type", f.VpnGatewayID),
				expectIDs("combined", web2),
				expectIDs("none"),
				expectIDs("prod", newest(web1, other)...),
				expectIDs("prodweb", web1),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.name", tfjsonpath.New("names"),
					stringsExact([]string{"web-2", "web-1"})),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.all", tfjsonpath.New("region"),
					knownvalue.StringExact(vpcsim.DefaultRegion)),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.region", gateways.AtSliceIndex(0).AtMapKey("region"),
					knownvalue.StringExact(acctest.OtherRegion)),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.group", gateways.AtSliceIndex(0).AtMapKey("resource_group_id"),
					knownvalue.StringExact(acctest.OtherGroup)),
				// Tags read from ListTagResources for the answer without them, by the resource's mapping.
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.vpc", gateways.AtSliceIndex(0).AtMapKey("tags"),
					knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod")})),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.prodweb", gateways.AtSliceIndex(0).AtMapKey("tags_all"),
					knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod"), "team": knownvalue.StringExact("web")})),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.ids", gateways.AtSliceIndex(0).AtMapKey("vpc_id"),
					knownvalue.StringExact(acctest.OtherVpcID)),
				// Another product's gateway is listed as the API answers it, without the fields it lacks.
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.type", gateways.AtSliceIndex(0).AtMapKey("gateway_type"),
					knownvalue.StringExact(vpcapi.GatewayTypeEnhancedSiteToSite)),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.type", gateways.AtSliceIndex(0).AtMapKey("bandwidth"),
					knownvalue.Null()),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.type", gateways.AtSliceIndex(0).AtMapKey("status"),
					knownvalue.Null()),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.type", gateways.AtSliceIndex(0).AtMapKey("instance_charge_type"),
					knownvalue.Null()),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.all", gateways.AtSliceIndex(0).AtMapKey("gateway_type"),
					knownvalue.StringExact(vpcapi.GatewayTypeTraditional)),
			},
		}},
	})
}
