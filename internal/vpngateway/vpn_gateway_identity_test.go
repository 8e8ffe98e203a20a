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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Identity end to end, on a CLI that keeps it (Terraform or OpenTofu 1.12 and newer; `make
// testacc-matrix` runs it on OpenTofu 1.12.6): state records it at create and keeps it through an
// in-place update, and an import {} block by identity adopts the gateway with nothing to change.
func TestAccVpnGateway_identity(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	config := func(name string) string {
		return e.GatewayConfig(fmt.Sprintf("  bandwidth = 10\n  name = %q\n", name))
	}
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	identity := func() map[string]knownvalue.Check {
		return map[string]knownvalue.Check{
			"id":     knownvalue.StringRegexp(vpnID),
			"region": knownvalue.StringExact(e.Region),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config:            config("identity-1"),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(acctest.ResourceName, identity())},
			Check:             id.Capture,
		}, {
			Config: config("identity-2"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionUpdate)},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(acctest.ResourceName, identity()),
				statecheck.ExpectIdentityValueMatchesState(acctest.ResourceName, tfjsonpath.New("id")),
			},
		}, {
			Config:          config("identity-2"),
			ResourceName:    acctest.ResourceName,
			ImportState:     true,
			ImportStateKind: resource.ImportBlockWithResourceIdentity,
		}},
	})
}

// A gateway in another region than the provider's imports by `<region>/<id>`, on every CLI: the
// import records the region, and Read asks that region for it. A plain ID takes the provider's
// region, where this gateway is not.
func TestAccVpnGateway_importFromAnotherRegion(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{Networks: acctest.Networks})
	e.NeedSim(t, "a second region")
	config := e.Config(fmt.Sprintf(`resource "alicloud_vpn_gateway" "test" {
  region    = %q
  vpc_id    = %q
  bandwidth = 10
  name      = "shanghai"
}
`, acctest.OtherRegion, acctest.RegionVpcID))
	regionAndID := func(s *terraform.State) (string, error) {
		return acctest.OtherRegion + "/" + s.RootModule().Resources[acctest.ResourceName].Primary.ID, nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config},
			{
				ResourceName:            acctest.ResourceName,
				ImportState:             true,
				ImportStateIdFunc:       regionAndID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"order_id"},
			},
			{
				Config:            config,
				ResourceName:      acctest.ResourceName,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				ImportStateIdFunc: regionAndID,
			},
			{
				ResourceName: acctest.ResourceName,
				ImportState:  true,
				ExpectError:  regexp.MustCompile(`no longer exists in ` + vpcsim.DefaultRegion + `|Cannot import non-existent`),
			},
			{
				ResourceName:  acctest.ResourceName,
				ImportState:   true,
				ImportStateId: "shanghai",
				ExpectError:   regexp.MustCompile(`Expected a VPN gateway ID such as vpn-`),
			},
		},
	})
}
