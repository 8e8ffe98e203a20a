package vpngateway_test

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

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

var (
	rfc3339 = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)
	ipv4    = regexp.MustCompile(`^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$`)
	digits  = regexp.MustCompile(`^\d+$`)
	vpnID   = regexp.MustCompile(`^vpn-[0-9a-z]+$`)
)

func TestAccVpnGateway_basic(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	var vswitch knownvalue.Check = knownvalue.NotNull()
	if e.Sim != nil {
		vswitch = knownvalue.StringExact(vpcsim.DefaultVSwitchID) // the API picks the VPC's first
	}
	config := e.GatewayConfig(`
  bandwidth       = 10
  name            = "edge-vpn"
  description     = "Site-to-site and remote access"
  enable_ssl      = true
  ssl_connections = 5
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.Expect("auto_pay", knownvalue.Bool(false)),
				acctest.Expect("bandwidth", knownvalue.Int64Exact(10)),
				acctest.Expect("business_status", knownvalue.StringExact(vpcapi.BusinessStatusNormal)),
				acctest.Expect("create_time", knownvalue.StringRegexp(rfc3339)),
				acctest.Expect("description", knownvalue.StringExact("Site-to-site and remote access")),
				acctest.Expect("disaster_recovery_vswitch_id", knownvalue.Null()),
				acctest.Expect("enable_ipsec", knownvalue.Bool(true)),
				acctest.Expect("enable_ssl", knownvalue.Bool(true)),
				acctest.Expect("end_time", knownvalue.Null()),
				acctest.Expect("id", knownvalue.StringRegexp(vpnID)),
				acctest.Expect("instance_charge_type", knownvalue.StringExact(vpcapi.ChargeTypePostpay)),
				acctest.Expect("internet_ip", knownvalue.StringRegexp(ipv4)),
				acctest.Expect("name", knownvalue.StringExact("edge-vpn")),
				acctest.Expect("network_type", knownvalue.StringExact(vpcapi.NetworkTypePublic)),
				acctest.Expect("order_id", knownvalue.StringRegexp(digits)),
				acctest.Expect("period", knownvalue.Null()),
				acctest.Expect("region", knownvalue.StringExact(e.Region)),
				acctest.Expect("spec", knownvalue.StringExact("10M")),
				acctest.Expect("ssl_connections", knownvalue.Int64Exact(5)),
				acctest.Expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
				acctest.Expect("timeouts", knownvalue.Null()),
				acctest.Expect("vpc_id", knownvalue.StringExact(e.VpcID)),
				acctest.Expect("vswitch_id", vswitch),
			},
			Check: func(s *terraform.State) error {
				if e.Sim == nil {
					return nil
				}
				id := s.RootModule().Resources[acctest.ResourceName].Primary.ID
				g, ok := e.Gateway(id)
				switch {
				case !ok:
					return fmt.Errorf("vpcsim has no gateway %s", id)
				case g.Name != "edge-vpn" || g.Description != "Site-to-site and remote access" || g.SslVpn != "enable":
					return fmt.Errorf("vpcsim's gateway differs from the configuration: %+v", g)
				case len(e.Sim.Gateways()) != 1:
					return fmt.Errorf("vpcsim has %d gateways, want exactly 1", len(e.Sim.Gateways()))
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
	e := acctest.New(t, vpcsim.Config{})
	config := e.GatewayConfig(`
  bandwidth   = 10
  name        = "imported"
  description = "Imported again"
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config},
			{
				// terraform import: everything the API reports matches what the create stored;
				// order_id is not something the API can report.
				ResourceName:            acctest.ResourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"order_id"},
			},
			{
				// An import {} block: the plan must be a no-op import.
				Config:          config,
				ResourceName:    acctest.ResourceName,
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
			e := acctest.New(t, vpcsim.Config{})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.Factories(),
				CheckDestroy:             e.CheckDestroyed,
				Steps: []resource.TestStep{
					{Config: e.GatewayConfig(args)},
					{
						Config:          e.ProviderBlock(),
						ResourceName:    acctest.ResourceName,
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
	e := acctest.New(t, vpcsim.Config{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: e.Config(fmt.Sprintf(`resource "terraform_data" "region" {
  input = %q
}

resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 10
  name      = "edge"
  region    = terraform_data.region.output
}
`, e.Region, e.VpcID)),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectUnknownValue(acctest.ResourceName, tfjsonpath.New("region"))},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.Expect("region", knownvalue.StringExact(e.Region))},
		}},
	})
}

// orphan creates a gateway of 10 Mbit/s in the test's VPC outside Terraform, named name (nil: no
// name), as an interrupted apply leaves one, and returns its ID.
func orphan(e *acctest.Env, t *testing.T, name *string) string {
	t.Helper()
	out, err := e.DirectClient(t).CreateVpnGateway(context.Background(), &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(e.Region), VpcId: dara.String(e.VpcID), Bandwidth: dara.Int32(10),
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
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "stages a gateway no state holds")
	var orphanID, goneID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					orphanID = orphan(e, t, dara.String("edge"))
					goneID = orphan(e, t, dara.String("other"))
					if err := e.Sim.PatchGateway(goneID, gateway.Patch{Name: dara.String("edge"), Status: dara.String(vpcapi.StatusDeleting)}); err != nil {
						t.Fatal(err)
					}
				},
				Config: e.GatewayConfig("  bandwidth = 10\n  name = \"edge\"\n"),
				Check: resource.ComposeTestCheckFunc(
					e.ExpectWarning(func() string { return "already has the name" }, func() string { return orphanID },
						func() string { return "terraform import <resource address> " + orphanID }),
					func(*terraform.State) error {
						if e.Diags.Warning(goneID) {
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
						if err := e.Sim.RemoveGateway(id); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: e.GatewayConfig("  bandwidth = 10\n  name = \"edge\"\n"),
			},
		},
	})
}

// A gateway planned without a name has no name to look for: the plan names a gateway of the VPC
// that was created without a name, recently, and is in no state (an interrupted apply's), and not
// one that has a name.
func TestAccVpnGateway_planWarnsOfUnnamed(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "stages a gateway no state holds")
	var unnamedID, namedID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					unnamedID = orphan(e, t, nil)
					namedID = orphan(e, t, dara.String("someone-elses"))
				},
				Config: e.GatewayConfig("  bandwidth = 10\n"),
				Check: resource.ComposeTestCheckFunc(
					e.ExpectWarning(func() string { return "was created without a name and is in no state" },
						func() string { return "terraform import <resource address> " + unnamedID }),
					func(*terraform.State) error {
						if e.Diags.Warning(namedID) {
							return fmt.Errorf("warned about %s, a gateway with a name", namedID)
						}
						return nil
					},
				),
			},
			{
				PreConfig: func() {
					for _, id := range []string{unnamedID, namedID} {
						if err := e.Sim.RemoveGateway(id); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: e.GatewayConfig("  bandwidth = 10\n"),
			},
		},
	})
}

// terraform import into a state that does not hold the gateway, then a plan: nothing to do.
func TestAccVpnGateway_importThenPlan(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	config := e.GatewayConfig(`
  bandwidth       = 10
  name            = "imported"
  description     = "Imported again"
  enable_ssl      = true
  ssl_connections = 10
`)
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		// removed {} blocks, which forget a resource without destroying it, came with 1.7.
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_7_0)},
		Steps: []resource.TestStep{
			{Config: config, Check: id.Capture},
			{
				Config: e.ProviderBlock() + `
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
				ResourceName:       acctest.ResourceName,
				ImportState:        true,
				ImportStatePersist: true,
				ImportStateIdFunc:  func(*terraform.State) (string, error) { return id.Get(), nil },
			},
			{
				Config:   config,
				PlanOnly: true,
			},
		},
	})
}

func TestAccVpnGateway_updateInPlaceAndReplace(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	first := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: e.GatewayConfig("  bandwidth = 10\n  name = \"before\"\n"),
				Check:  first.Capture,
			},
			{
				Config: e.GatewayConfig("  bandwidth = 10\n  name = \"after\"\n  description = \"Renamed in place\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("name", knownvalue.StringExact("after")),
					acctest.Expect("description", knownvalue.StringExact("Renamed in place")),
					acctest.Expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
				},
				Check: func(s *terraform.State) error {
					if id := s.RootModule().Resources[acctest.ResourceName].Primary.ID; id != first.Get() {
						return fmt.Errorf("the rename replaced the gateway: %s became %s", first.Get(), id)
					}
					if e.Sim == nil {
						return nil
					}
					g, _ := e.Gateway(first.Get())
					if g.Name != "after" {
						return fmt.Errorf("vpcsim's gateway is named %q, want %q", g.Name, "after")
					}
					if g.Description != "Renamed in place" {
						return fmt.Errorf("vpcsim's gateway is described %q, want %q", g.Description, "Renamed in place")
					}
					return nil
				},
			},
			{
				Config: e.GatewayConfig("  bandwidth = 100\n  name = \"after\"\n  description = \"Renamed in place\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("bandwidth", knownvalue.Int64Exact(100)),
					acctest.Expect("spec", knownvalue.StringExact("100M")),
				},
				Check: func(s *terraform.State) error {
					if id := s.RootModule().Resources[acctest.ResourceName].Primary.ID; id == first.Get() {
						return fmt.Errorf("a bandwidth change kept gateway %s", id)
					}
					if e.Sim != nil && len(e.Sim.Gateways()) != 1 {
						return fmt.Errorf("vpcsim has %d gateways after the replacement, want 1", len(e.Sim.Gateways()))
					}
					return nil
				},
			},
			{
				Config: e.GatewayConfig("  bandwidth = 100\n  name = \"after\"\n  description = \"Renamed in place\"\n  enable_ssl = true\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("enable_ssl", knownvalue.Bool(true)),
					acctest.Expect("ssl_connections", knownvalue.Int64Exact(5)), // the API's default
				},
			},
		},
	})
}

func TestAccVpnGateway_deletedOutsideTerraform(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "deletes a gateway behind Terraform's back")
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	config := e.GatewayConfig("  bandwidth = 10\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config, Check: id.Capture},
			{
				PreConfig: func() {
					if err := e.Sim.RemoveGateway(id.Get()); err != nil {
						t.Fatal(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					e.ExpectWarning(id.Get, func() string { return "deleted outside Terraform" }),
					func(s *terraform.State) error {
						if now := s.RootModule().Resources[acctest.ResourceName].Primary.ID; now == id.Get() {
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
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "uses the simulator's two vSwitches")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: e.GatewayConfig(fmt.Sprintf(`
  bandwidth                    = 100
  enable_ipsec                 = false
  enable_ssl                   = true
  ssl_connections              = 20
  vswitch_id                   = %q
  disaster_recovery_vswitch_id = %q
`, vpcsim.DefaultVSwitchID, vpcsim.SecondVSwitchID)),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.Expect("vswitch_id", knownvalue.StringExact(vpcsim.DefaultVSwitchID)),
				acctest.Expect("disaster_recovery_vswitch_id", knownvalue.StringExact(vpcsim.SecondVSwitchID)),
				acctest.Expect("network_type", knownvalue.StringExact(vpcapi.NetworkTypePublic)),
				acctest.Expect("enable_ipsec", knownvalue.Bool(false)),
				acctest.Expect("ssl_connections", knownvalue.Int64Exact(20)),
				acctest.Expect("spec", knownvalue.StringExact("100M")),
			},
		}},
	})
}

func TestAccVpnGateway_quotaFull(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{Quota: 1})
	e.NeedSim(t, "fills the region's quota")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: e.Config(fmt.Sprintf(`
resource "alicloud_vpn_gateway" "test" {
  count     = 2
  vpc_id    = %q
  bandwidth = 10
}
`, e.VpcID)),
			ExpectError: regexp.MustCompile(`(?s)creating VPN Gateway.*Code: Resource\.QuotaFull.*RequestId: \S+.*Quota Center`),
		}},
	})
	if n := len(e.Sim.Gateways()); n != 0 {
		t.Errorf("vpcsim holds %d gateways after the test", n)
	}
}

func TestAccVpnGateway_prepayAutoPay(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "a subscription cannot be released before it ends")
	e.NeedSubscriptions(t)
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	endTime := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "end_time"}
	t.Cleanup(func() { _ = e.Sim.RemoveGateway(id.Get()) })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkReleaseRefused(e, id, endTime),
		Steps: []resource.TestStep{
			{
				Config: e.GatewayConfig(`
  bandwidth            = 10
  instance_charge_type = "PREPAY"
  period               = 1
  auto_pay             = true
`),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
					acctest.Expect("instance_charge_type", knownvalue.StringExact(vpcapi.ChargeTypePrepay)),
					acctest.Expect("end_time", knownvalue.StringRegexp(rfc3339)),
					acctest.Expect("period", knownvalue.Int64Exact(1)),
					acctest.Expect("auto_pay", knownvalue.Bool(true)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(id.Capture, endTime.Capture),
			},
			{
				// period and auto_pay only matter at creation: changing them is an update that
				// sends nothing, never a replacement.
				Config: e.GatewayConfig(`
  bandwidth            = 10
  instance_charge_type = "PREPAY"
  period               = 3
  auto_pay             = false
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("period", knownvalue.Int64Exact(3)),
					acctest.Expect("auto_pay", knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error {
					if n := e.Requests()[vpcapi.ActionModifyVpnGatewayAttribute]; n != 0 {
						return fmt.Errorf("changing period and auto_pay sent %d ModifyVpnGatewayAttribute requests", n)
					}
					return nil
				},
			},
			{
				// An import derives period from the subscription and defaults auto_pay.
				ResourceName:            acctest.ResourceName,
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
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "pays the order through the simulator")
	e.NeedSubscriptions(t)
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	orderID := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "order_id"}
	endTime := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "end_time"}
	t.Cleanup(func() { _ = e.Sim.RemoveGateway(id.Get()) })
	config := e.GatewayConfig(`
  bandwidth            = 10
  instance_charge_type = "PREPAY"
  period               = 12
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkReleaseRefused(e, id, endTime),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("status", knownvalue.StringExact(vpcapi.StatusInit)),
					acctest.Expect("order_id", knownvalue.StringRegexp(digits)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					id.Capture, orderID.Capture, endTime.Capture,
					e.ExpectWarning(orderID.Get, func() string { return "not paid" }, fixed("https://usercenter2.aliyun.com/order/list")),
					func(*terraform.State) error {
						// No wait: one create and one read, no polling.
						if n := e.Requests()[vpcapi.ActionDescribeVpnGateway]; n > 2 {
							return fmt.Errorf("an unpaid create polled %d times", n)
						}
						return nil
					},
				),
			},
			{
				PreConfig: func() {
					if err := e.Sim.PayOrder(orderID.Get()); err != nil {
						t.Fatal(err)
					}
					wait.For(t, "the gateway is Active in vpcsim", 30*time.Second, 100*time.Millisecond, func() bool { g, _ := e.Gateway(id.Get()); return g.Status == vpcapi.StatusActive })
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
					acctest.Expect("internet_ip", knownvalue.StringRegexp(ipv4)),
				},
			},
		},
	})
}

// checkReleaseRefused is the CheckDestroy of a subscription: the API refuses to release it, so
// destroy must leave it in the simulator and warn with its end time.
func checkReleaseRefused(e *acctest.Env, id, endTime *acctest.StateAttr) func(*terraform.State) error {
	return func(*terraform.State) error {
		if _, ok := e.Gateway(id.Get()); !ok {
			return fmt.Errorf("subscription gateway %s was released before its end", id.Get())
		}
		if !e.Diags.Warning(id.Get(), vpcapi.CodeForbiddenRelease, endTime.Get()) {
			return fmt.Errorf("destroy did not warn that %s cannot be released before %s", id.Get(), endTime.Get())
		}
		return nil
	}
}

// A create whose wait fails leaves the gateway in state, tainted: the next apply replaces it, and
// no gateway is ever orphaned.
func TestAccVpnGateway_createWaitTimesOut(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{ProvisionDelay: 4 * time.Second})
	e.NeedSim(t, "controls how long provisioning takes")
	var first string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config:      e.GatewayConfig("  bandwidth = 10\n  timeouts = { create = \"1s\" }\n"),
				ExpectError: regexp.MustCompile(`(?s)waiting for VPN Gateway \(vpn-\S+\) to become active.*timed out waiting for status active`),
			},
			{
				PreConfig: func() {
					gws := e.Sim.Gateways()
					if len(gws) != 1 {
						t.Fatalf("vpcsim has %d gateways after the failed create, want 1", len(gws))
					}
					first = gws[0].VpnGatewayID
					// Let it finish provisioning, so that the replacement can delete it at once.
					wait.For(t, "the gateway is Active in vpcsim", 30*time.Second, 100*time.Millisecond, func() bool { g, _ := e.Gateway(first); return g.Status == vpcapi.StatusActive })
				},
				Config: e.GatewayConfig("  bandwidth = 10\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: func(s *terraform.State) error {
					gws := e.Sim.Gateways()
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
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "holds a gateway in status updating")
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	config := e.GatewayConfig("  bandwidth = 10\n")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy: func(s *terraform.State) error {
			if n := e.Sim.Stats().Codes[vpcapi.ActionDeleteVpnGateway][vpcapi.CodeVpnGatewayConfiguring]; n == 0 {
				return fmt.Errorf("the delete never met a busy gateway; the test staged nothing")
			}
			return e.CheckDestroyed(s)
		},
		Steps: []resource.TestStep{
			{Config: config, Check: id.Capture},
			{
				PreConfig: func() {
					updating, none := vpcapi.StatusUpdating, ""
					if err := e.Sim.PatchGateway(id.Get(), gateway.Patch{Status: &updating}); err != nil {
						t.Fatal(err)
					}
					time.AfterFunc(1500*time.Millisecond, func() {
						_ = e.Sim.PatchGateway(id.Get(), gateway.Patch{Status: &none})
					})
				},
				Config:  config,
				Destroy: true,
			},
		},
	})
}
