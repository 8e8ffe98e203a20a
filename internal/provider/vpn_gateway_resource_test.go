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
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

const resourceName = "alicloud_vpn_gateway.test"

var (
	rfc3339 = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	ipv4    = regexp.MustCompile(`^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$`)
	digits  = regexp.MustCompile(`^\d+$`)
	vpnID   = regexp.MustCompile(`^vpn-[0-9a-z]+$`)
)

func expect(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(resourceName, tfjsonpath.New(attr), v)
}

// gatewayConfig is the test gateway with the given arguments after vpc_id.
func (e *accEnv) gatewayConfig(args string) string {
	return e.config(fmt.Sprintf(`resource "alicloud_vpn_gateway" "test" {
  vpc_id = %q
%s
}
`, e.vpcID, args))
}

func TestAccVpnGateway_basic(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	var vswitch knownvalue.Check = knownvalue.NotNull()
	if e.sim != nil {
		vswitch = knownvalue.StringExact(vpcsim.DefaultVSwitchID) // the API picks the VPC's first
	}
	config := e.gatewayConfig(`
  bandwidth       = 10
  name            = "edge-vpn"
  description     = "Site-to-site and remote access"
  enable_ssl      = true
  ssl_connections = 5
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				expect("auto_pay", knownvalue.Bool(false)),
				expect("bandwidth", knownvalue.Int64Exact(10)),
				expect("business_status", knownvalue.StringExact(vpcapi.BusinessStatusNormal)),
				expect("create_time", knownvalue.StringRegexp(rfc3339)),
				expect("description", knownvalue.StringExact("Site-to-site and remote access")),
				expect("disaster_recovery_vswitch_id", knownvalue.Null()),
				expect("enable_ipsec", knownvalue.Bool(true)),
				expect("enable_ssl", knownvalue.Bool(true)),
				expect("end_time", knownvalue.Null()),
				expect("id", knownvalue.StringRegexp(vpnID)),
				expect("instance_charge_type", knownvalue.StringExact(vpcapi.ChargeTypePostpay)),
				expect("internet_ip", knownvalue.StringRegexp(ipv4)),
				expect("name", knownvalue.StringExact("edge-vpn")),
				expect("network_type", knownvalue.StringExact(vpcapi.NetworkTypePublic)),
				expect("order_id", knownvalue.StringRegexp(digits)),
				expect("period", knownvalue.Null()),
				expect("region", knownvalue.StringExact(e.region)),
				expect("spec", knownvalue.StringExact("10M")),
				expect("ssl_connections", knownvalue.Int64Exact(5)),
				expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
				expect("timeouts", knownvalue.Null()),
				expect("vpc_id", knownvalue.StringExact(e.vpcID)),
				expect("vswitch_id", vswitch),
			},
			Check: func(s *terraform.State) error {
				if e.sim == nil {
					return nil
				}
				id := s.RootModule().Resources[resourceName].Primary.ID
				g, ok := e.gateway(id)
				switch {
				case !ok:
					return fmt.Errorf("vpcsim has no gateway %s", id)
				case g.Name != "edge-vpn" || g.Description != "Site-to-site and remote access" || g.SslVpn != "enable":
					return fmt.Errorf("vpcsim's gateway differs from the configuration: %+v", g)
				case len(e.sim.Gateways()) != 1:
					return fmt.Errorf("vpcsim has %d gateways, want exactly 1", len(e.sim.Gateways()))
				}
				return nil
			},
		}, {
			// A second plan of the same configuration is quiet.
			Config:   config,
			PlanOnly: true,
		}},
	})
}

func TestAccVpnGateway_import(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	config := e.gatewayConfig(`
  bandwidth   = 10
  name        = "imported"
  description = "Imported again"
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{Config: config},
			{
				// terraform import: everything the API reports matches what the create stored;
				// order_id is not something the API can report.
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"order_id"},
			},
			{
				// An import {} block: the plan must be a no-op import.
				Config:          config,
				ResourceName:    resourceName,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
			},
		},
	})
}

// An import {} block with `terraform plan -generate-config-out`: the generated configuration must
// pass the provider's own validators and import with nothing else to change, with SSL-VPN off
// (ssl_connections then reads as null, not the API's 0) and on, and with tags, a resource group and
// auto_propagate.
func TestAccVpnGateway_importGeneratesConfig(t *testing.T) {
	for name, args := range map[string]string{
		"plain": "  bandwidth = 10\n",
		"ssl":   "  bandwidth = 10\n  name = \"edge\"\n  enable_ssl = true\n  ssl_connections = 10\n",
		// Every argument of tags, resource groups and BGP propagation.
		"tagged": "  bandwidth = 10\n  tags = { app = \"vpn\", team = \"net\" }\n  auto_propagate = false\n  vpn_type = \"Normal\"\n" +
			"  resource_group_id = \"" + vpcsim.SecondResourceGroupID + "\"\n",
	} {
		t.Run(name, func(t *testing.T) {
			e := newAccEnv(t, vpcsim.Config{})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				CheckDestroy:             e.checkDestroyed,
				Steps: []resource.TestStep{
					{Config: e.gatewayConfig(args)},
					{
						Config:          e.providerBlock(),
						ResourceName:    resourceName,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithID,
						GenerateConfig:  true,
					},
				},
			})
		})
	}
}

// A region known only at apply time (another resource's output) stays unknown in the plan: the
// provider's region fills in only a region the configuration leaves unset.
func TestAccVpnGateway_regionKnownAfterApply(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{{
			Config: e.config(fmt.Sprintf(`resource "terraform_data" "region" {
  input = %q
}

resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 10
  name      = "edge"
  region    = terraform_data.region.output
}
`, e.region, e.vpcID)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue(resourceName, tfjsonpath.New("region"))},
			},
			ConfigStateChecks: []statecheck.StateCheck{expect("region", knownvalue.StringExact(e.region))},
		}},
	})
}

// orphan creates a gateway of 10 Mbit/s in the test's VPC outside Terraform, named name (nil: no
// name), as an interrupted apply leaves one, and returns its ID.
func (e *accEnv) orphan(t *testing.T, name *string) string {
	t.Helper()
	out, err := e.directClient(t).CreateVpnGateway(context.Background(), &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(e.region), VpcId: dara.String(e.vpcID), Bandwidth: dara.Int32(10),
		Name: name, ClientToken: dara.String(vpcclient.NewClientToken()),
	})
	if err != nil {
		t.Fatal(err)
	}
	return *out.VpnGatewayId
}

// A gateway that an interrupted apply created but could not record (the provider was killed after
// CreateVpnGateway answered) is named in a warning by the next plan, with its ID and how to import
// it; a gateway being deleted is not.
func TestAccVpnGateway_planWarnsOfSameName(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "stages a gateway no state holds")
	var orphanID, goneID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					orphanID = e.orphan(t, dara.String("edge"))
					goneID = e.orphan(t, dara.String("other"))
					if err := e.sim.PatchGateway(goneID, gateway.Patch{Name: dara.String("edge"), Status: dara.String(vpcapi.StatusDeleting)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: e.gatewayConfig("  bandwidth = 10\n  name = \"edge\"\n"),
				Check: resource.ComposeTestCheckFunc(
					e.expectWarning(func() string { return "already has the name" }, func() string { return orphanID },
						func() string { return "terraform import <resource address> " + orphanID }),
					func(*terraform.State) error {
						if e.diags.warning(goneID) {
							return fmt.Errorf("warned about %s, a gateway being deleted", goneID)
						}
						return nil
					},
				),
			},
			{
				// Release the staged gateways, so that the destroy check sees only Terraform's.
				PreConfig: func() {
					for _, id := range []string{orphanID, goneID} {
						if err := e.sim.RemoveGateway(id); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: e.gatewayConfig("  bandwidth = 10\n  name = \"edge\"\n"),
			},
		},
	})
}

// A gateway planned without a name has no name to look for: the plan names a gateway of the VPC
// that was created without a name, recently, and is in no state (an interrupted apply's), and not
// one that has a name.
func TestAccVpnGateway_planWarnsOfUnnamed(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "stages a gateway no state holds")
	var unnamedID, namedID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					unnamedID = e.orphan(t, nil)
					namedID = e.orphan(t, dara.String("someone-elses"))
				},
				Config: e.gatewayConfig("  bandwidth = 10\n"),
				Check: resource.ComposeTestCheckFunc(
					e.expectWarning(func() string { return "was created without a name and is in no state" },
						func() string { return "terraform import <resource address> " + unnamedID }),
					func(*terraform.State) error {
						if e.diags.warning(namedID) {
							return fmt.Errorf("warned about %s, a gateway with a name", namedID)
						}
						return nil
					},
				),
			},
			{
				PreConfig: func() {
					for _, id := range []string{unnamedID, namedID} {
						if err := e.sim.RemoveGateway(id); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: e.gatewayConfig("  bandwidth = 10\n"),
			},
		},
	})
}

// terraform import into a state that does not hold the gateway, then a plan: nothing to do.
func TestAccVpnGateway_importThenPlan(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	config := e.gatewayConfig(`
  bandwidth       = 10
  name            = "imported"
  description     = "Imported again"
  enable_ssl      = true
  ssl_connections = 10
`)
	id := &stateAttr{resource: resourceName, attr: "id"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		// removed {} blocks, which forget a resource without destroying it, came with 1.7.
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_7_0)},
		Steps: []resource.TestStep{
			{Config: config, Check: id.capture},
			{
				Config: e.providerBlock() + `
removed {
  from = alicloud_vpn_gateway.test
  lifecycle {
    destroy = false
  }
}
`,
			},
			{
				Config:             config,
				ResourceName:       resourceName,
				ImportState:        true,
				ImportStatePersist: true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id.get(), nil },
			},
			{
				Config:   config,
				PlanOnly: true,
			},
		},
	})
}

func TestAccVpnGateway_updateInPlaceAndReplace(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	first := &stateAttr{resource: resourceName, attr: "id"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: e.gatewayConfig("  bandwidth = 10\n  name = \"before\"\n"),
				Check:  first.capture,
			},
			{
				Config: e.gatewayConfig("  bandwidth = 10\n  name = \"after\"\n  description = \"Renamed in place\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expect("name", knownvalue.StringExact("after")),
					expect("description", knownvalue.StringExact("Renamed in place")),
					expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
				},
				Check: func(s *terraform.State) error {
					if id := s.RootModule().Resources[resourceName].Primary.ID; id != first.get() {
						return fmt.Errorf("the rename replaced the gateway: %s became %s", first.get(), id)
					}
					if e.sim == nil {
						return nil
					}
					if g, _ := e.gateway(first.get()); g.Name != "after" || g.Description != "Renamed in place" {
						return fmt.Errorf("vpcsim's gateway was not renamed: %+v", g)
					}
					return nil
				},
			},
			{
				Config: e.gatewayConfig("  bandwidth = 100\n  name = \"after\"\n  description = \"Renamed in place\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expect("bandwidth", knownvalue.Int64Exact(100)),
					expect("spec", knownvalue.StringExact("100M")),
				},
				Check: func(s *terraform.State) error {
					if id := s.RootModule().Resources[resourceName].Primary.ID; id == first.get() {
						return fmt.Errorf("a bandwidth change kept gateway %s", id)
					}
					if e.sim != nil && len(e.sim.Gateways()) != 1 {
						return fmt.Errorf("vpcsim has %d gateways after the replacement, want 1", len(e.sim.Gateways()))
					}
					return nil
				},
			},
			{
				Config: e.gatewayConfig("  bandwidth = 100\n  name = \"after\"\n  description = \"Renamed in place\"\n  enable_ssl = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expect("enable_ssl", knownvalue.Bool(true)),
					expect("ssl_connections", knownvalue.Int64Exact(5)), // the API's default
				},
			},
		},
	})
}

func TestAccVpnGateway_deletedOutsideTerraform(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "deletes a gateway behind Terraform's back")
	id := &stateAttr{resource: resourceName, attr: "id"}
	config := e.gatewayConfig("  bandwidth = 10\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{Config: config, Check: id.capture},
			{
				PreConfig: func() {
					if err := e.sim.RemoveGateway(id.get()); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					e.expectWarning(id.get, func() string { return "deleted outside Terraform" }),
					func(s *terraform.State) error {
						if now := s.RootModule().Resources[resourceName].Primary.ID; now == id.get() {
							return fmt.Errorf("state still holds the deleted gateway %s", now)
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccVpnGateway_dualTunnel(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "uses the simulator's two vSwitches")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{{
			Config: e.gatewayConfig(fmt.Sprintf(`
  bandwidth                    = 100
  enable_ipsec                 = false
  enable_ssl                   = true
  ssl_connections              = 20
  vswitch_id                   = %q
  disaster_recovery_vswitch_id = %q
`, vpcsim.DefaultVSwitchID, vpcsim.SecondVSwitchID)),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("vswitch_id", knownvalue.StringExact(vpcsim.DefaultVSwitchID)),
				expect("disaster_recovery_vswitch_id", knownvalue.StringExact(vpcsim.SecondVSwitchID)),
				expect("network_type", knownvalue.StringExact(vpcapi.NetworkTypePublic)),
				expect("enable_ipsec", knownvalue.Bool(false)),
				expect("ssl_connections", knownvalue.Int64Exact(20)),
				expect("spec", knownvalue.StringExact("100M")),
			},
		}},
	})
}

func TestAccVpnGateway_quotaFull(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{Quota: 1})
	e.needSim(t, "fills the region's quota")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{{
			Config: e.config(fmt.Sprintf(`
resource "alicloud_vpn_gateway" "test" {
  count     = 2
  vpc_id    = %q
  bandwidth = 10
}
`, e.vpcID)),
			ExpectError: regexp.MustCompile(`(?s)creating VPN Gateway.*Code: Resource\.QuotaFull.*RequestId: \S+.*Quota Center`),
		}},
	})
	if n := len(e.sim.Gateways()); n != 0 {
		t.Errorf("vpcsim holds %d gateways after the test", n)
	}
}

func TestAccVpnGateway_prepayAutoPay(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "a subscription cannot be released before it ends")
	e.needSubscriptions(t)
	id := &stateAttr{resource: resourceName, attr: "id"}
	endTime := &stateAttr{resource: resourceName, attr: "end_time"}
	t.Cleanup(func() { _ = e.sim.RemoveGateway(id.get()) })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkReleaseRefused(id, endTime),
		Steps: []resource.TestStep{
			{
				Config: e.gatewayConfig(`
  bandwidth            = 10
  instance_charge_type = "PREPAY"
  period               = 1
  auto_pay             = true
`),
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
					expect("instance_charge_type", knownvalue.StringExact(vpcapi.ChargeTypePrepay)),
					expect("end_time", knownvalue.StringRegexp(rfc3339)),
					expect("period", knownvalue.Int64Exact(1)),
					expect("auto_pay", knownvalue.Bool(true)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(id.capture, endTime.capture),
			},
			{
				// period and auto_pay only matter at creation: changing them is an update that
				// sends nothing, never a replacement.
				Config: e.gatewayConfig(`
  bandwidth            = 10
  instance_charge_type = "PREPAY"
  period               = 3
  auto_pay             = false
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expect("period", knownvalue.Int64Exact(3)),
					expect("auto_pay", knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error {
					if n := e.requests()[vpcapi.ActionModifyVpnGatewayAttribute]; n != 0 {
						return fmt.Errorf("changing period and auto_pay sent %d ModifyVpnGatewayAttribute requests", n)
					}
					return nil
				},
			},
			{
				// An import derives period from the subscription and defaults auto_pay.
				ResourceName:            resourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"order_id", "period", "auto_pay"},
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if got := states[0].Attributes["period"]; got != "1" {
						return fmt.Errorf("imported period = %q, want 1 (the subscription's length)", got)
					}
					if got := states[0].Attributes["auto_pay"]; got != "false" {
						return fmt.Errorf("imported auto_pay = %q, want false", got)
					}
					return nil
				},
			},
		},
	})
}

func TestAccVpnGateway_prepayUnpaid(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "pays the order through the simulator")
	e.needSubscriptions(t)
	id := &stateAttr{resource: resourceName, attr: "id"}
	orderID := &stateAttr{resource: resourceName, attr: "order_id"}
	endTime := &stateAttr{resource: resourceName, attr: "end_time"}
	t.Cleanup(func() { _ = e.sim.RemoveGateway(id.get()) })
	config := e.gatewayConfig(`
  bandwidth            = 10
  instance_charge_type = "PREPAY"
  period               = 12
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkReleaseRefused(id, endTime),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact(vpcapi.StatusInit)),
					expect("order_id", knownvalue.StringRegexp(digits)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					id.capture, orderID.capture, endTime.capture,
					e.expectWarning(orderID.get, func() string { return "not paid" }, fixed("https://usercenter2.aliyun.com/order/list")),
					func(*terraform.State) error {
						// No wait: one create and one read, no polling.
						if n := e.requests()[vpcapi.ActionDescribeVpnGateway]; n > 2 {
							return fmt.Errorf("an unpaid create polled %d times", n)
						}
						return nil
					},
				),
			},
			{
				PreConfig: func() {
					if err := e.sim.PayOrder(orderID.get()); err != nil {
						t.Fatal(err)
					}
					waitForSim(t, func() bool { g, _ := e.gateway(id.get()); return g.Status == vpcapi.StatusActive })
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
					expect("internet_ip", knownvalue.StringRegexp(ipv4)),
				},
			},
		},
	})
}

// checkReleaseRefused is the CheckDestroy of a subscription: the API refuses to release it, so
// destroy must leave it in the simulator and warn with its end time.
func (e *accEnv) checkReleaseRefused(id, endTime *stateAttr) func(*terraform.State) error {
	return func(*terraform.State) error {
		if _, ok := e.gateway(id.get()); !ok {
			return fmt.Errorf("subscription gateway %s was released before its end", id.get())
		}
		if !e.diags.warning(id.get(), vpcapi.CodeForbiddenRelease, endTime.get()) {
			return fmt.Errorf("destroy did not warn that %s cannot be released before %s", id.get(), endTime.get())
		}
		return nil
	}
}

// A create whose wait fails leaves the gateway in state, tainted: the next apply replaces it, and
// no gateway is ever orphaned.
func TestAccVpnGateway_createWaitTimesOut(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{ProvisionDelay: 4 * time.Second})
	e.needSim(t, "controls how long provisioning takes")
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config:      e.gatewayConfig("  bandwidth = 10\n  timeouts = { create = \"1s\" }\n"),
				ExpectError: regexp.MustCompile(`(?s)waiting for VPN Gateway \(vpn-\S+\) to become active.*timed out waiting for status active`),
			},
			{
				PreConfig: func() {
					gws := e.sim.Gateways()
					if len(gws) != 1 {
						t.Fatalf("vpcsim has %d gateways after the failed create, want 1", len(gws))
					}
					first = gws[0].VpnGatewayID
					// Let it finish provisioning, so that the replacement can delete it at once.
					waitForSim(t, func() bool { g, _ := e.gateway(first); return g.Status == vpcapi.StatusActive })
				},
				Config: e.gatewayConfig("  bandwidth = 10\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					gws := e.sim.Gateways()
					if len(gws) != 1 || gws[0].VpnGatewayID == first {
						return fmt.Errorf("after replacing tainted %s vpcsim has %+v, want one new gateway", first, gws)
					}
					return nil
				},
			},
		},
	})
}

// Delete waits out a gateway that is busy with another change (the API answers
// VpnGateway.Configuring) instead of failing, or worse, forgetting it.
func TestAccVpnGateway_deleteWaitsForBusyGateway(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "holds a gateway in status updating")
	id := &stateAttr{resource: resourceName, attr: "id"}
	config := e.gatewayConfig("  bandwidth = 10\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(s *terraform.State) error {
			if n := e.sim.Stats().Codes[vpcapi.ActionDeleteVpnGateway][vpcapi.CodeVpnGatewayConfiguring]; n == 0 {
				return fmt.Errorf("the delete never met a busy gateway; the test staged nothing")
			}
			return e.checkDestroyed(s)
		},
		Steps: []resource.TestStep{
			{Config: config, Check: id.capture},
			{
				PreConfig: func() {
					updating, none := vpcapi.StatusUpdating, ""
					if err := e.sim.PatchGateway(id.get(), gateway.Patch{Status: &updating}); err != nil {
						t.Fatal(err)
					}
					time.AfterFunc(1500*time.Millisecond, func() {
						_ = e.sim.PatchGateway(id.get(), gateway.Patch{Status: &none})
					})
				},
				Config:  config,
				Destroy: true,
			},
		},
	})
}
