package provider_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

// A region opened after this release works without a new one: the provider does not know it, so
// it asks DescribeRegions, which lists it. A region the API does not list is refused at plan.
func TestAccProvider_regionListedByTheAPI(t *testing.T) {
	const newRegion = "ap-newcity-1"
	e := acctest.New(t, vpcsim.Config{Networks: []network.Region{{ID: newRegion, Vpcs: []network.Vpc{{
		ID: "vpc-newcity0000000000001", Name: "newcity", CidrBlock: "10.0.0.0/8",
		VSwitches: []network.VSwitch{{ID: "vsw-newcity0000000000001", ZoneID: newRegion + "a", CidrBlock: "10.0.0.0/24"}},
	}}}}})
	e.NeedSim(t, "serves a region the provider does not know")
	gateway := func(region string) string {
		return e.Config(fmt.Sprintf(`
resource "alicloud_vpn_gateway" "test" {
  region    = %q
  vpc_id    = "vpc-newcity0000000000001"
  bandwidth = 10
}
`, region))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config:            gateway(newRegion),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(acctest.ResourceName, tfjsonpath.New("region"), knownvalue.StringExact(newRegion))},
			},
			{
				Config:      gateway("mars-north-1"),
				ExpectError: regexp.MustCompile(`(?s)Unknown region.*"mars-north-1":\s+region\s+not\s+listed\s+by\s+DescribeRegions`),
			},
		},
	})
	if n := e.Requests()[vpcapi.ActionDescribeRegions]; n == 0 {
		t.Error("no DescribeRegions: the unknown regions were not looked up")
	}

	// The provider's own region is checked the same way, when the provider is configured.
	provider := strings.Replace(e.ProviderBlock(), fmt.Sprintf("region     = %q", e.Region), `region     = "mars-north-1"`, 1)
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: []resource.TestStep{{
		Config:      provider + "resource \"alicloud_vpn_gateway\" \"test\" {\n  vpc_id    = \"vpc-newcity0000000000001\"\n  bandwidth = 10\n}\n",
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Unknown region.*"mars-north-1":\s+region\s+not\s+listed\s+by\s+DescribeRegions;\s+the\s+API\s+lists\s+ap-newcity-1,\s+cn-hangzhou`),
	}}})
}

// A region the provider knows costs no DescribeRegions.
func TestAccProvider_knownRegionCostsNoRequest(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "counts the requests")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config:             e.GatewayConfig("  bandwidth = 10\n  region = \"cn-hangzhou\"\n"),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
	if n := e.Requests()[vpcapi.ActionDescribeRegions]; n != 0 {
		t.Errorf("%d DescribeRegions for cn-hangzhou, want none", n)
	}
}
