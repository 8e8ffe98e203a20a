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
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

const sameName = "already has the name"

// noSameNameWarning is a check that no warning named id as a gateway of the same name.
func (e *accEnv) noSameNameWarning(id func() string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if e.diags.warning(sameName, id()) {
			return fmt.Errorf("warned about %s as a stray gateway, but the state manages it", id())
		}
		return nil
	}
}

// The same-name warning names stray gateways only: not the tainted gateway a plan replaces, not
// the gateway a create_before_destroy replacement replaces, and still a stray one next to them.
func TestAccVpnGateway_sameNameWarnsOnlyOfStrays(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{ProvisionDelay: 4 * time.Second})
	e.needSim(t, "stages a stray gateway and a tainted one")
	var tainted, stray string
	replaced := &stateAttr{resource: resourceName, attr: "id"}
	cbd := func(bandwidth int) string {
		return e.gatewayConfig(fmt.Sprintf("  bandwidth = %d\n  name = \"edge\"\n  lifecycle {\n    create_before_destroy = true\n  }\n", bandwidth))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config:      e.gatewayConfig("  bandwidth = 5\n  name = \"edge\"\n  timeouts = { create = \"1s\" }\n"),
				ExpectError: regexp.MustCompile(`(?s)waiting for VPN Gateway \(vpn-\S+\) to become active`),
			},
			{
				PreConfig: func() {
					gws := e.sim.Gateways()
					if len(gws) != 1 {
						t.Fatalf("vpcsim has %d gateways after the failed create, want 1", len(gws))
					}
					tainted = gws[0].VpnGatewayID
					waitForSim(t, func() bool { g, _ := e.gateway(tainted); return g.Status == vpcapi.StatusActive })
					out, err := e.directClient(t).CreateVpnGateway(context.Background(), &vpc.CreateVpnGatewayRequest{
						RegionId: dara.String(e.region), VpcId: dara.String(e.vpcID), Bandwidth: dara.Int32(5),
						Name: dara.String("edge"), ClientToken: dara.String(vpcclient.NewClientToken()),
					})
					must(t, err)
					stray = *out.VpnGatewayId
				},
				Config: e.gatewayConfig("  bandwidth = 5\n  name = \"edge\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					e.noSameNameWarning(func() string { return tainted }),
					e.expectWarning(func() string { return sameName }, func() string { return stray }),
					replaced.capture,
				),
			},
			{
				// Into create_before_destroy first, an in-place change only.
				PreConfig: func() { must(t, e.sim.RemoveGateway(stray)) },
				Config:    cbd(5),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionNoop),
				}},
			},
			{
				Config: cbd(10),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionCreateBeforeDestroy),
				}},
				Check: e.noSameNameWarning(replaced.get),
			},
		},
	})
}

// noWarning is a check that no warning holds every one of parts.
func (e *accEnv) noWarning(parts ...func() string) func(*terraform.State) error {
	return func(*terraform.State) error {
		var want []string
		for _, p := range parts {
			want = append(want, p())
		}
		if e.diags.warning(want...) {
			return fmt.Errorf("a warning holds %q", want)
		}
		return nil
	}
}

func fixed(s string) func() string { return func() string { return s } }

// A subscription whose order is not paid refuses a description at plan (nothing is created, nothing
// tainted); a plan that would replace or destroy it warns that the API will refuse the release and
// says to cancel the unpaid order; the destroy says the same, and never "unsubscribe".
func TestAccVpnGateway_prepayUnpaidEdges(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "a subscription cannot be released before it ends")
	id := &stateAttr{resource: resourceName, attr: "id"}
	orderID := &stateAttr{resource: resourceName, attr: "order_id"}
	t.Cleanup(func() { _ = e.sim.RemoveGateway(id.get()) })
	unpaid := func(args string) string {
		return e.gatewayConfig("  bandwidth = 5\n  instance_charge_type = \"PREPAY\"\n  period = 1\n" + args)
	}
	oneGateway := func(*terraform.State) error {
		if gws := e.sim.Gateways(); len(gws) != 1 || gws[0].VpnGatewayID != id.get() {
			return fmt.Errorf("vpcsim holds %+v, want only %s", gws, id.get())
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy: func(s *terraform.State) error {
			if err := oneGateway(s); err != nil {
				return fmt.Errorf("the unpaid subscription must stay in vpcsim: %w", err)
			}
			for _, check := range []func(*terraform.State) error{
				// at plan
				e.expectWarning(fixed("destroying VPN Gateway"), id.get, fixed("the API will refuse to release"),
					orderID.get, fixed("cancel the unpaid order")),
				// at delete
				e.expectWarning(fixed("release refused, order"), id.get, orderID.get, fixed("cancel the unpaid order"),
					fixed(vpcapi.CodeForbiddenRelease)),
				e.noWarning(id.get, fixed("unsubscribe")),
			} {
				if err := check(s); err != nil {
					return err
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: unpaid(""),
				Check:  resource.ComposeAggregateTestCheckFunc(id.capture, orderID.capture),
			},
			{
				Config:      unpaid("  description = \"Added before paying\"\n"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`description\s+cannot\s+be\s+set\s+when\s+instance_charge_type\s+=\s+PREPAY\s+and\s+auto_pay\s+=\s+false`),
			},
			{
				// Still one gateway, still not tainted: the plan is empty.
				Config:   unpaid(""),
				PlanOnly: true,
				Check:    oneGateway,
			},
			{
				Config:             e.gatewayConfig("  bandwidth = 10\n  instance_charge_type = \"PREPAY\"\n  period = 1\n"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				Check: e.expectWarning(fixed("replacing VPN Gateway"), id.get, fixed("bandwidth"),
					fixed("the API will refuse to release"), fixed("cancel the unpaid order"), fixed("second subscription")),
			},
		},
	})
}

// Once the order is paid, the description is added in place with auto_pay = true (no replacement,
// no second gateway); a plan that would replace the paid subscription warns with its end, and the
// replacement of a gateway with a public address warns that the address changes.
func TestAccVpnGateway_prepayPaidThenDescribed(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "pays the order through the simulator")
	id := &stateAttr{resource: resourceName, attr: "id"}
	orderID := &stateAttr{resource: resourceName, attr: "order_id"}
	endTime := &stateAttr{resource: resourceName, attr: "end_time"}
	ip := &stateAttr{resource: resourceName, attr: "internet_ip"}
	t.Cleanup(func() { _ = e.sim.RemoveGateway(id.get()) })
	prepay := func(bandwidth int, args string) string {
		return e.gatewayConfig(fmt.Sprintf("  bandwidth = %d\n  instance_charge_type = \"PREPAY\"\n  period = 1\n%s", bandwidth, args))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkReleaseRefused(id, endTime),
		Steps: []resource.TestStep{
			{
				Config: prepay(5, ""),
				Check:  resource.ComposeAggregateTestCheckFunc(id.capture, orderID.capture),
			},
			{
				PreConfig: func() {
					must(t, e.sim.PayOrder(orderID.get()))
					waitForSim(t, func() bool { g, _ := e.gateway(id.get()); return g.Status == vpcapi.StatusActive })
				},
				Config: prepay(5, "  auto_pay = true\n  description = \"Added after paying\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(resourceName, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(resourceName, "description", "Added after paying"),
					resource.TestCheckResourceAttrWith(resourceName, "id", func(v string) error {
						if v != id.get() {
							return fmt.Errorf("id %s, want %s: the gateway was replaced", v, id.get())
						}
						return nil
					}),
					func(*terraform.State) error {
						if gws := e.sim.Gateways(); len(gws) != 1 || gws[0].Description != "Added after paying" {
							return fmt.Errorf("vpcsim holds %+v, want one gateway with the description", gws)
						}
						return nil
					},
					endTime.capture, ip.capture,
				),
			},
			{
				Config:             prepay(10, "  auto_pay = true\n  description = \"Added after paying\"\n"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					e.expectWarning(fixed("replacing VPN Gateway"), id.get, fixed("the API will refuse to release"), endTime.get,
						fixed("second subscription")),
					e.expectWarning(fixed("its public IP address"), ip.get, fixed("changes"), fixed("IPsec peer")),
				),
			},
		},
	})
}
