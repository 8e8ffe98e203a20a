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
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

const sameName = "already has the name"

// noSameNameWarning is a check that no warning named id as a gateway of the same name.
func noSameNameWarning(e *acctest.Env, id func() string) func(*terraform.State) error {
	return func(*terraform.State) error {
		if e.Diags.Warning(sameName, id()) {
			return fmt.Errorf("warned about %s as a stray gateway, but the state manages it", id())
		}
		return nil
	}
}

// The same-name warning names stray gateways only: not the tainted gateway a plan replaces, not
// the gateway a create_before_destroy replacement replaces, and still a stray one next to them.
func TestAccVpnGateway_sameNameWarnsOnlyOfStrays(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{ProvisionDelay: 4 * time.Second})
	e.NeedSim(t, "stages a stray gateway and a tainted one")
	var tainted, stray string
	replaced := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	cbd := func(bandwidth int) string {
		return e.GatewayConfig(fmt.Sprintf("  bandwidth = %d\n  name = \"edge\"\n  lifecycle {\n    create_before_destroy = true\n  }\n", bandwidth))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config:      e.GatewayConfig("  bandwidth = 10\n  name = \"edge\"\n  timeouts = { create = \"1s\" }\n"),
				ExpectError: regexp.MustCompile(`(?s)waiting for VPN Gateway \(vpn-\S+\) to become active`),
			},
			{
				PreConfig: func() {
					gws := e.Sim.Gateways()
					if len(gws) != 1 {
						t.Fatalf("vpcsim has %d gateways after the failed create, want 1", len(gws))
					}
					tainted = gws[0].VpnGatewayID
					wait.For(t, "the gateway is Active in vpcsim", 30*time.Second, 100*time.Millisecond, func() bool { g, _ := e.Gateway(tainted); return g.Status == vpcapi.StatusActive })
					out, err := e.DirectClient(t).CreateVpnGateway(context.Background(), &vpc.CreateVpnGatewayRequest{
						RegionId: dara.String(e.Region), VpcId: dara.String(e.VpcID), Bandwidth: dara.Int32(10),
						Name: dara.String("edge"), ClientToken: dara.String(vpcclient.NewClientToken()),
					})
					must(t, err)
					stray = *out.VpnGatewayId
				},
				Config: e.GatewayConfig("  bandwidth = 10\n  name = \"edge\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					noSameNameWarning(e, func() string { return tainted }),
					e.ExpectWarning(func() string { return sameName }, func() string { return stray }),
					replaced.Capture,
				),
			},
			{
				// Into create_before_destroy first, an in-place change only.
				PreConfig: func() { must(t, e.Sim.RemoveGateway(stray)) },
				Config:    cbd(10),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionNoop),
				}},
			},
			{
				Config: cbd(100),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionCreateBeforeDestroy),
				}},
				Check: noSameNameWarning(e, replaced.Get),
			},
		},
	})
}

// noWarning is a check that no warning holds every one of parts.
func noWarning(e *acctest.Env, parts ...func() string) func(*terraform.State) error {
	return func(*terraform.State) error {
		var want []string
		for _, p := range parts {
			want = append(want, p())
		}
		if e.Diags.Warning(want...) {
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
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "a subscription cannot be released before it ends")
	e.NeedSubscriptions(t)
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	orderID := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "order_id"}
	t.Cleanup(func() { _ = e.Sim.RemoveGateway(id.Get()) })
	unpaid := func(args string) string {
		return e.GatewayConfig("  bandwidth = 10\n  instance_charge_type = \"PREPAY\"\n  period = 1\n" + args)
	}
	oneGateway := func(*terraform.State) error {
		if gws := e.Sim.Gateways(); len(gws) != 1 || gws[0].VpnGatewayID != id.Get() {
			return fmt.Errorf("vpcsim holds %+v, want only %s", gws, id.Get())
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy: func(s *terraform.State) error {
			if err := oneGateway(s); err != nil {
				return fmt.Errorf("the unpaid subscription must stay in vpcsim: %w", err)
			}
			for _, check := range []func(*terraform.State) error{
				// at plan
				e.ExpectWarning(fixed("destroying VPN Gateway"), id.Get, fixed("the API will refuse to release"),
					orderID.Get, fixed("cancel the unpaid order")),
				// at delete
				e.ExpectWarning(fixed("release refused, order"), id.Get, orderID.Get, fixed("cancel the unpaid order"),
					fixed(vpcapi.CodeForbiddenRelease)),
				noWarning(e, id.Get, fixed("unsubscribe")),
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
				Check:  resource.ComposeAggregateTestCheckFunc(id.Capture, orderID.Capture),
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
				Config:             e.GatewayConfig("  bandwidth = 100\n  instance_charge_type = \"PREPAY\"\n  period = 1\n"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				Check: e.ExpectWarning(fixed("replacing VPN Gateway"), id.Get, fixed("bandwidth"),
					fixed("the API will refuse to release"), fixed("cancel the unpaid order"), fixed("second subscription")),
			},
		},
	})
}

// Once the order is paid, the description is added in place with auto_pay = true (no replacement,
// no second gateway); a plan that would replace the paid subscription warns with its end, and the
// replacement of a gateway with a public address warns that the address changes.
func TestAccVpnGateway_prepayPaidThenDescribed(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "pays the order through the simulator")
	e.NeedSubscriptions(t)
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	orderID := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "order_id"}
	endTime := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "end_time"}
	ip := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "internet_ip"}
	t.Cleanup(func() { _ = e.Sim.RemoveGateway(id.Get()) })
	prepay := func(bandwidth int, args string) string {
		return e.GatewayConfig(fmt.Sprintf("  bandwidth = %d\n  instance_charge_type = \"PREPAY\"\n  period = 1\n%s", bandwidth, args))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkReleaseRefused(e, id, endTime),
		Steps: []resource.TestStep{
			{
				Config: prepay(5, ""),
				Check:  resource.ComposeAggregateTestCheckFunc(id.Capture, orderID.Capture),
			},
			{
				PreConfig: func() {
					must(t, e.Sim.PayOrder(orderID.Get()))
					wait.For(t, "the gateway is Active in vpcsim", 30*time.Second, 100*time.Millisecond, func() bool { g, _ := e.Gateway(id.Get()); return g.Status == vpcapi.StatusActive })
				},
				Config: prepay(5, "  auto_pay = true\n  description = \"Added after paying\"\n"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionUpdate),
				}},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(acctest.ResourceName, "description", "Added after paying"),
					resource.TestCheckResourceAttrWith(acctest.ResourceName, "id", func(v string) error {
						if v != id.Get() {
							return fmt.Errorf("id %s, want %s: the gateway was replaced", v, id.Get())
						}
						return nil
					}),
					func(*terraform.State) error {
						if gws := e.Sim.Gateways(); len(gws) != 1 || gws[0].Description != "Added after paying" {
							return fmt.Errorf("vpcsim holds %+v, want one gateway with the description", gws)
						}
						return nil
					},
					endTime.Capture, ip.Capture,
				),
			},
			{
				Config:             prepay(10, "  auto_pay = true\n  description = \"Added after paying\"\n"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					e.ExpectWarning(fixed("replacing VPN Gateway"), id.Get, fixed("the API will refuse to release"), endTime.Get,
						fixed("second subscription")),
					e.ExpectWarning(fixed("its public IP address"), ip.Get, fixed("changes"), fixed("IPsec peer")),
				),
			},
		},
	})
}
