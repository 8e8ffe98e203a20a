package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

// The data sources are tested against gateways staged in the simulator through the API, not through
// Terraform: a test of many gateways then costs one plan and apply.

const (
	dsOtherVpcID    = "vpc-dsother0001"
	dsOtherVSwitch  = "vsw-dsother0001"
	dsOtherRegion   = "cn-shanghai"
	dsRegionVpcID   = "vpc-dsshanghai01"
	dsRegionVSwitch = "vsw-dsshanghai01"
	dsOtherGroup    = vpcsim.SecondResourceGroupID
)

// dataSourceNetworks are the simulator's networks for the data source tests: a second VPC in the
// default region, and a second region.
var dataSourceNetworks = []network.Region{
	{ID: vpcsim.DefaultRegion, Vpcs: []network.Vpc{{ID: dsOtherVpcID, Name: "other", CidrBlock: "10.0.0.0/16",
		VSwitches: []network.VSwitch{{ID: dsOtherVSwitch, ZoneID: "cn-hangzhou-h", CidrBlock: "10.0.0.0/24"}}}}},
	{ID: dsOtherRegion, Vpcs: []network.Vpc{{ID: dsRegionVpcID, Name: "shanghai", CidrBlock: "10.1.0.0/16",
		VSwitches: []network.VSwitch{{ID: dsRegionVSwitch, ZoneID: "cn-shanghai-b", CidrBlock: "10.1.0.0/24"}}}}},
}

// stage creates a gateway through the API and returns its ID; mutate adjusts the request.
func (e *accEnv) stage(t testing.TB, name string, mutate func(*vpc.CreateVpnGatewayRequest)) string {
	t.Helper()
	req := &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(e.region), VpcId: dara.String(e.vpcID), Bandwidth: dara.Int32(10),
		Name: dara.String(name), ClientToken: dara.String(vpcclient.NewClientToken()),
	}
	if mutate != nil {
		mutate(req)
	}
	c := e.directClient(t)
	if r := dara.StringValue(req.RegionId); r != e.region {
		var err error
		if c, err = c.ForRegion(r); err != nil {
			t.Fatal(err)
		}
	}
	out, err := c.CreateVpnGateway(context.Background(), req)
	if err != nil {
		t.Fatalf("staging gateway %s: %v", name, err)
	}
	return dara.StringValue(out.VpnGatewayId)
}

// stageMany creates n gateways named prefix-0... concurrently and returns their IDs.
func (e *accEnv) stageMany(t testing.TB, prefix string, n int) []string {
	t.Helper()
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { ids[i] = e.stage(t, fmt.Sprintf("%s-%d", prefix, i), nil) })
	}
	wg.Wait()
	return ids
}

// tag sets tags on a gateway through the API.
func (e *accEnv) tag(t testing.TB, id string, tags map[string]string) {
	t.Helper()
	req := &vpc.TagResourcesRequest{
		RegionId: dara.String(e.region), ResourceType: dara.String(vpcapi.TagResourceTypeVpnGateway),
		ResourceId: dara.StringSlice([]string{id}),
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		req.Tag = append(req.Tag, &vpc.TagResourcesRequestTag{Key: dara.String(k), Value: dara.String(tags[k])})
	}
	if _, err := e.directClient(t).TagResources(context.Background(), req); err != nil {
		t.Fatalf("tagging %s: %v", id, err)
	}
}

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
	e := newAccEnv(t, vpcsim.Config{Networks: dataSourceNetworks, ProvisionDelay: time.Millisecond, Dialect: dialect.China})
	e.needSim(t, "stages gateways in several VPCs, regions and states")

	web1 := e.stage(t, "web-1", nil)
	web2 := e.stage(t, "web-2", nil)
	other := e.stage(t, "db-1", func(r *vpc.CreateVpnGatewayRequest) { r.VpcId = dara.String(dsOtherVpcID) })
	unpaid := e.stage(t, "unpaid", func(r *vpc.CreateVpnGatewayRequest) {
		r.InstanceChargeType, r.Period = dara.String(vpcapi.ChargeTypePrepay), dara.Int32(1)
	})
	// The simulator filters by what it holds (Normal), and answers what the drift says: only the
	// provider's own check of each answer can leave this one out of business_status = "Normal".
	locked := e.stage(t, "locked", nil)
	if err := e.sim.PatchGateway(locked, gateway.Patch{Fields: map[string]any{"BusinessStatus": vpcapi.BusinessStatusFinancialLocked}}); err != nil {
		t.Fatal(err)
	}
	grouped := e.stage(t, "grouped", func(r *vpc.CreateVpnGatewayRequest) { r.ResourceGroupId = dara.String(dsOtherGroup) })
	shanghai := e.stage(t, "shanghai", func(r *vpc.CreateVpnGatewayRequest) {
		r.RegionId, r.VpcId = dara.String(dsOtherRegion), dara.String(dsRegionVpcID)
	})
	e.tag(t, web1, map[string]string{"env": "prod", "team": "web"})
	e.tag(t, web2, map[string]string{"env": "dev", "team": "web"})
	e.tag(t, other, map[string]string{"env": "prod"})
	// An answer without its tags: the search reads them with ListTagResources.
	if err := e.sim.PatchGateway(other, gateway.Patch{Remove: []string{"Tags"}}); err != nil {
		t.Fatal(err)
	}
	f, err := e.sim.AddForeignGateway(gateway.Foreign{Name: "enhanced"})
	if err != nil {
		t.Fatal(err)
	}

	config := e.config(dataSources("all", "") +
		dataSources("ids", fmt.Sprintf("  ids = [%q, %q]", web1, other)) +
		dataSources("noids", "  ids = []") +
		dataSources("name", `  name_regex = "^web-"`) +
		dataSources("vpc", fmt.Sprintf("  vpc_id = %q", dsOtherVpcID)) +
		dataSources("status", `  status = "init"`) +
		dataSources("normal", `  business_status = "Normal"`) +
		dataSources("locked", `  business_status = "FinancialLocked"`) +
		dataSources("group", fmt.Sprintf("  resource_group_id = %q", dsOtherGroup)) +
		dataSources("region", fmt.Sprintf("  region = %q", dsOtherRegion)) +
		dataSources("type", `  gateway_type = "Enhanced.SiteToSite"`) +
		dataSources("combined", fmt.Sprintf("  name_regex = \"^web-\"\n  vpc_id = %q\n  ids = [%q]", e.vpcID, web2)) +
		dataSources("prod", `  tags = { env = "prod" }`) +
		dataSources("prodweb", `  tags = { env = "prod", team = "web" }`) +
		dataSources("none", `  name_regex = "^nothing$"`))
	gateways := tfjsonpath.New("gateways")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
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
					knownvalue.StringExact(dsOtherRegion)),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.group", gateways.AtSliceIndex(0).AtMapKey("resource_group_id"),
					knownvalue.StringExact(dsOtherGroup)),
				// Tags read from ListTagResources for the answer without them, by the resource's mapping.
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.vpc", gateways.AtSliceIndex(0).AtMapKey("tags"),
					knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod")})),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.prodweb", gateways.AtSliceIndex(0).AtMapKey("tags_all"),
					knownvalue.MapExact(map[string]knownvalue.Check{"env": knownvalue.StringExact("prod"), "team": knownvalue.StringExact("web")})),
				statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.ids", gateways.AtSliceIndex(0).AtMapKey("vpc_id"),
					knownvalue.StringExact(dsOtherVpcID)),
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
