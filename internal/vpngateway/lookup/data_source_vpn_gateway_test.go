package lookup_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// The singular data source: one match by id or by filters, a gateway of another product when asked
// for, and an error naming the number found and the filters for none and for several.
func TestAccVpnGatewayDataSource_exactlyOne(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{ProvisionDelay: time.Millisecond})
	e.NeedSim(t, "stages gateways through the API")
	web1 := e.Stage(t, "web-1", nil)
	web2 := e.Stage(t, "web-2", nil)
	e.Tag(t, web2, map[string]string{"env": "prod", "team": "web"})
	f, err := e.Sim.AddForeignGateway(gateway.Foreign{Name: "enhanced"})
	if err != nil {
		t.Fatal(err)
	}
	ds := func(name, args string) string {
		return fmt.Sprintf("data \"alicloud_vpn_gateway\" %q {\n%s\n}\n", name, args)
	}
	at := func(name, attr string) (string, tfjsonpath.Path) {
		return "data.alicloud_vpn_gateway." + name, tfjsonpath.New(attr)
	}
	check := func(name, attr string, v knownvalue.Check) statecheck.StateCheck {
		a, p := at(name, attr)
		return statecheck.ExpectKnownValue(a, p, v)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config: e.Config(ds("by_id", fmt.Sprintf("  id = %q", web1)) +
				ds("by_name", `  name_regex = "^web-2$"`) +
				ds("by_tags", `  tags = { env = "prod" }`) +
				ds("foreign", `  gateway_type = "Enhanced.SiteToSite"`)),
			ConfigStateChecks: []statecheck.StateCheck{
				check("by_id", "id", knownvalue.StringExact(web1)),
				check("by_id", "name", knownvalue.StringExact("web-1")),
				check("by_id", "vpc_id", knownvalue.StringExact(vpcsim.DefaultVpcID)),
				check("by_id", "status", knownvalue.StringExact(vpcapi.StatusActive)),
				check("by_id", "bandwidth", knownvalue.Int64Exact(10)),
				check("by_id", "region", knownvalue.StringExact(vpcsim.DefaultRegion)),
				check("by_id", "gateway_type", knownvalue.StringExact(vpcapi.GatewayTypeTraditional)),
				check("by_name", "id", knownvalue.StringExact(web2)),
				check("by_tags", "id", knownvalue.StringExact(web2)),
				check("foreign", "id", knownvalue.StringExact(f.VpnGatewayID)),
				check("foreign", "spec", knownvalue.Null()),
			},
		}, {
			Config:      e.Config(ds("none", `  name_regex = "^db-"`)),
			ExpectError: regexp.MustCompile(`(?s)reading VPN Gateway: 0 found.*0 match name_regex\s+=\s+"\^db-"`),
		}, {
			Config: e.Config(ds("several", fmt.Sprintf("  vpc_id = %q", vpcsim.DefaultVpcID))),
			ExpectError: regexp.MustCompile(fmt.Sprintf(`(?s)reading VPN Gateway: 2 found.*2 match vpc_id\s+=\s+"%s".*%s.*%s`,
				vpcsim.DefaultVpcID, web2, web1)),
		}},
	})
}

// A gateway made by Terraform and the data sources' view of it agree on every attribute the two
// share: they read it by the same mapping.
func TestAccVpnGatewayDataSource_agreesWithTheResource(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	config := e.GatewayConfig(`
  bandwidth       = 10
  name            = "agree"
  description     = "Same mapping"
  enable_ssl      = true
  ssl_connections = 5
`) + `
data "alicloud_vpn_gateway" "test" {
  id = alicloud_vpn_gateway.test.id
}

data "alicloud_vpn_gateways" "test" {
  ids = [alicloud_vpn_gateway.test.id]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: config,
			Check:  sameAsResource,
		}},
	})
}

// sameAsResource compares every attribute of the data sources' gateways with the resource's.
func sameAsResource(s *terraform.State) error {
	mod := s.RootModule()
	res := mod.Resources[acctest.ResourceName].Primary.Attributes
	one := mod.Resources["data.alicloud_vpn_gateway.test"].Primary.Attributes
	list := mod.Resources["data.alicloud_vpn_gateways.test"].Primary.Attributes
	if list["gateways.#"] != "1" {
		return fmt.Errorf("alicloud_vpn_gateways found %s gateways; want 1", list["gateways.#"])
	}
	compared := 0
	for name, want := range res {
		if name == "%" || isNotFoundAttribute(name) {
			continue
		}
		if got := one[name]; got != want {
			return fmt.Errorf("alicloud_vpn_gateway.%s = %q; the resource has %q", name, got, want)
		}
		if got := list["gateways.0."+name]; got != want {
			return fmt.Errorf("alicloud_vpn_gateways.gateways[0].%s = %q; the resource has %q", name, got, want)
		}
		compared++
	}
	if compared < 15 {
		return fmt.Errorf("compared only %d attributes", compared)
	}
	return nil
}

// isNotFoundAttribute tells the resource's attributes the data sources do not show, as their
// description promises: auto_pay, period and timeouts (configuration only) and order_id (known only
// to the create that placed the order).
func isNotFoundAttribute(flat string) bool {
	for _, n := range []string{"auto_pay", "order_id", "period", "timeouts"} {
		if flat == n || regexp.MustCompile(`^`+n+`[.%#]`).MatchString(flat) {
			return true
		}
	}
	return false
}

// Past the first page: 120 gateways and another product's, all of ours and none of the other.
func TestAccVpnGatewaysDataSource_pages(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{Quota: 200, ProvisionDelay: time.Millisecond})
	e.NeedSim(t, "stages 120 gateways")
	ids := e.StageMany(t, "many", 120)
	if _, err := e.Sim.AddForeignGateway(gateway.Foreign{}); err != nil {
		t.Fatal(err)
	}
	checks := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.all", tfjsonpath.New("ids"), knownvalue.ListSizeExact(len(ids))),
		statecheck.ExpectKnownValue("data.alicloud_vpn_gateways.all", tfjsonpath.New("gateways"), knownvalue.ListSizeExact(len(ids))),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{{
			Config:            e.Config(`data "alicloud_vpn_gateways" "all" {}`),
			ConfigStateChecks: checks,
		}},
	})
}
