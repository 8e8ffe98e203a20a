package vpngateway_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// providerBlockWith is the provider block with more settings in it (default_tags).
func providerBlockWith(e *acctest.Env, settings string) string {
	return strings.TrimSuffix(e.ProviderBlock(), "}\n") + settings + "}\n"
}

// taggedProvider is the provider block with default_tags (none when ""), an HCL map.
func taggedProvider(e *acctest.Env, defaultTags string) string {
	if defaultTags == "" {
		return e.ProviderBlock()
	}
	return providerBlockWith(e, fmt.Sprintf("  default_tags {\n    tags = %s\n  }\n", defaultTags))
}

// taggedConfig is the test gateway under a provider with default_tags (none when "").
func taggedConfig(e *acctest.Env, defaultTags, args string) string {
	return taggedProvider(e, defaultTags) + fmt.Sprintf(`resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 10
  name      = "tagged"
%s
}
`, e.VpcID, args)
}

// expectSim checks the simulator's own view of the test gateway, never the provider's state.
func expectSim(e *acctest.Env, check func(g gateway.View) error) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if e.Sim == nil {
			return nil
		}
		id := s.RootModule().Resources[acctest.ResourceName].Primary.ID
		g, ok := e.Gateway(id)
		if !ok {
			return fmt.Errorf("vpcsim has no gateway %s", id)
		}
		return check(g)
	}
}

// simTags checks that vpcsim holds exactly want on the test gateway: no tag lost, none left over.
func simTags(e *acctest.Env, want map[string]string) resource.TestCheckFunc {
	return expectSim(e, func(g gateway.View) error {
		if !maps.Equal(g.Tags, want) {
			return fmt.Errorf("vpcsim's gateway has tags %v, want %v", g.Tags, want)
		}
		return nil
	})
}

func simGroup(e *acctest.Env, want string) resource.TestCheckFunc {
	return expectSim(e, func(g gateway.View) error {
		if g.ResourceGroupID != want {
			return fmt.Errorf("vpcsim's gateway is in resource group %s, want %s", g.ResourceGroupID, want)
		}
		return nil
	})
}

func simAutoPropagate(e *acctest.Env, want bool) resource.TestCheckFunc {
	return expectSim(e, func(g gateway.View) error {
		if g.AutoPropagate != want {
			return fmt.Errorf("vpcsim's gateway has AutoPropagate %v, want %v", g.AutoPropagate, want)
		}
		return nil
	})
}

func tagsValue(tags map[string]string) knownvalue.Check {
	checks := map[string]knownvalue.Check{}
	for k, v := range tags {
		checks[k] = knownvalue.StringExact(v)
	}
	return knownvalue.MapExact(checks)
}

func expectAction(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(acctest.ResourceName, action)}}
}

// A changed default_tags value is a change of tags_all alone: the refresh finds the gateway's own
// tags as they were (none), reports nothing changed outside Terraform, and the update retags.
func TestAccVpnGateway_defaultTagsChangeIsNoDrift(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: taggedConfig(e, `{ team = "net" }`, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("tags", knownvalue.Null()),
					acctest.Expect("tags_all", tagsValue(map[string]string{"team": "net"})),
				},
			},
			{
				Config: taggedConfig(e, `{ team = "ops" }`, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionUpdate),
					expectRefreshed(acctest.ResourceName, "tags", fmt.Sprint(nil)),
					noDrift{},
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("tags", knownvalue.Null()),
					acctest.Expect("tags_all", tagsValue(map[string]string{"team": "ops"})),
				},
				Check: simTags(e, map[string]string{"team": "ops"}),
			},
		},
	})
}

// noDrift is a plan check: the refresh found nothing changed outside Terraform ("Objects have
// changed outside of Terraform" lists none).
type noDrift struct{}

func (noDrift) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, d := range req.Plan.ResourceDrift {
		resp.Error = errors.Join(resp.Error, fmt.Errorf("%s changed outside of Terraform: %v -> %v", d.Address, d.Change.Before, d.Change.After))
	}
}

// Tags, default_tags, the resource group and auto_propagate: set at create, then each changed in
// place (the gateway keeps its ID), checked against vpcsim's own state; an import reads them all
// back; a change of vpn_type is planned as a replacement.
func TestAccVpnGateway_tagsAndResourceGroup(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "moves gateways between vpcsim's seeded resource groups")
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	sameID := func(s *terraform.State) error {
		if got := s.RootModule().Resources[acctest.ResourceName].Primary.ID; got != id.Get() {
			return fmt.Errorf("gateway %s was replaced by %s", id.Get(), got)
		}
		return nil
	}
	defaults := `{ env = "prod", team = "net" }`
	created := taggedConfig(e, defaults, fmt.Sprintf(`  tags = { app = "vpn", team = "sec" }
  resource_group_id = %q
  auto_propagate    = false`, vpcsim.SecondResourceGroupID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: created,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("tags", tagsValue(map[string]string{"app": "vpn", "team": "sec"})),
					acctest.Expect("tags_all", tagsValue(map[string]string{"app": "vpn", "team": "sec", "env": "prod"})),
					acctest.Expect("resource_group_id", knownvalue.StringExact(vpcsim.SecondResourceGroupID)),
					acctest.Expect("auto_propagate", knownvalue.Bool(false)),
					acctest.Expect("vpn_type", knownvalue.StringExact(vpcapi.VpnTypeNormal)),
					acctest.Expect("enable_bgp", knownvalue.Bool(false)),
					acctest.Expect("ssl_vpn_internet_ip", knownvalue.Null()),
					acctest.Expect("disaster_recovery_internet_ip", knownvalue.Null()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					id.Capture,
					simTags(e, map[string]string{"app": "vpn", "team": "sec", "env": "prod"}),
					simGroup(e, vpcsim.SecondResourceGroupID),
					simAutoPropagate(e, false),
				),
			},
			{
				// Everything new reads back as created.
				Config:                  created,
				ResourceName:            acctest.ResourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"order_id"},
			},
			{
				// A tag changed, one of the resource's removed (the default of that key shows again).
				Config: taggedConfig(e, defaults, fmt.Sprintf(`  tags = { app = "vpn2" }
  resource_group_id = %q
  auto_propagate    = false`, vpcsim.SecondResourceGroupID)),
				ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("tags", tagsValue(map[string]string{"app": "vpn2"})),
					acctest.Expect("tags_all", tagsValue(map[string]string{"app": "vpn2", "team": "net", "env": "prod"})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameID,
					simTags(e, map[string]string{"app": "vpn2", "team": "net", "env": "prod"})),
			},
			{
				// default_tags changed: an in-place update, the removed default untagged.
				Config: taggedConfig(e, `{ env = "staging" }`, fmt.Sprintf(`  tags = { app = "vpn2" }
  resource_group_id = %q
  auto_propagate    = false`, vpcsim.SecondResourceGroupID)),
				ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("tags_all", tagsValue(map[string]string{"app": "vpn2", "env": "staging"})),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameID, simTags(e, map[string]string{"app": "vpn2", "env": "staging"})),
			},
			{
				// Another resource group, auto_propagate back on, the resource's tags gone.
				Config: taggedConfig(e, `{ env = "staging" }`, fmt.Sprintf(`  resource_group_id = %q
  auto_propagate    = true`, vpcsim.ThirdResourceGroupID)),
				ConfigPlanChecks: expectAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect("tags", knownvalue.Null()),
					acctest.Expect("tags_all", tagsValue(map[string]string{"env": "staging"})),
					acctest.Expect("resource_group_id", knownvalue.StringExact(vpcsim.ThirdResourceGroupID)),
					acctest.Expect("auto_propagate", knownvalue.Bool(true)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(sameID,
					simTags(e, map[string]string{"env": "staging"}),
					simGroup(e, vpcsim.ThirdResourceGroupID),
					simAutoPropagate(e, true)),
			},
			{
				// Unset, the resource group and auto_propagate stay as they are, with no diff.
				Config:   taggedConfig(e, `{ env = "staging" }`, ""),
				PlanOnly: true,
			},
			{
				Config:             taggedConfig(e, `{ env = "staging" }`, `  vpn_type = "NationalStandard"`),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(acctest.ResourceName, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
		},
	})
}

// A gateway whose answers carry no Tags field is read through ListTagResources: the plan stays
// empty, and an import still reads the tags.
func TestAccVpnGateway_tagsFromListTagResources(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "removes Tags from vpcsim's answers")
	config := taggedConfig(e, `{ env = "prod" }`, `  tags = { app = "vpn" }`)
	var listedBefore int
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					id := s.RootModule().Resources[acctest.ResourceName].Primary.ID
					listedBefore = e.Requests()[vpcapi.ActionListTagResources]
					return e.Sim.PatchGateway(id, gateway.Patch{Remove: []string{"Tags"}})
				},
			},
			{
				Config:   config,
				PlanOnly: true,
			},
			{
				Config:                  config,
				ResourceName:            acctest.ResourceName,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"order_id"},
				Check: func(*terraform.State) error {
					if n := e.Requests()[vpcapi.ActionListTagResources]; n <= listedBefore {
						return fmt.Errorf("no ListTagResources after Tags left the answers (%d before, %d after)", listedBefore, n)
					}
					return nil
				},
			},
		},
	})
}

// A lost answer (the action took effect, the connection closed) to every TagResources,
// UnTagResources and MoveVpnResourceGroup: each is retried, and the gateway ends with exactly the
// planned tags and group.
func TestAccVpnGateway_tagsLostAnswers(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "loses the API's answers")
	lose := func() {
		e.Sim.SetFaults(vpcsim.Faults{
			Actions:   []string{vpcapi.ActionTagResources, vpcapi.ActionUnTagResources, vpcapi.ActionMoveVpnResourceGroup},
			DropCount: 2,
		})
	}
	tried := func(action string, atLeast int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			if n := e.Requests()[action]; n < atLeast {
				return fmt.Errorf("%d %s requests, want at least %d (a lost answer and its retry)", n, action, atLeast)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				PreConfig: lose,
				Config:    taggedConfig(e, `{ env = "prod" }`, `  tags = { app = "vpn", team = "sec" }`),
				Check: resource.ComposeAggregateTestCheckFunc(
					simTags(e, map[string]string{"app": "vpn", "team": "sec", "env": "prod"}),
					tried(vpcapi.ActionTagResources, 2),
				),
			},
			{
				PreConfig: lose,
				Config: taggedConfig(e, `{ env = "prod" }`, fmt.Sprintf(`  tags = { app = "vpn2" }
  resource_group_id = %q`, vpcsim.SecondResourceGroupID)),
				Check: resource.ComposeAggregateTestCheckFunc(
					simTags(e, map[string]string{"app": "vpn2", "env": "prod"}),
					simGroup(e, vpcsim.SecondResourceGroupID),
					tried(vpcapi.ActionMoveVpnResourceGroup, 2),
					tried(vpcapi.ActionUnTagResources, 1),
				),
			},
			{
				Config: taggedConfig(e, `{ env = "prod" }`, fmt.Sprintf(`  tags = { app = "vpn2" }
  resource_group_id = %q`, vpcsim.SecondResourceGroupID)),
				PlanOnly: true,
			},
		},
	})
}

// The tag API's rules are checked at plan time, on tags and on default_tags, each error saying what
// was expected; nothing reaches the API.
func TestAccVpnGateway_tagValidation(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	many := func(n int) string {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, " k%02d = \"v\",", i)
		}
		return strings.TrimSuffix(b.String(), ",") + " }"
	}
	step := func(defaults, tags, want string) resource.TestStep {
		args := ""
		if tags != "" {
			args = "  tags = " + tags
		}
		// Terraform wraps the message: any space may be a line break.
		want = strings.ReplaceAll(want, " ", `\s+`)
		return resource.TestStep{Config: taggedConfig(e, defaults, args), PlanOnly: true, ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			step("", `{ "aliyun-x" = "v" }`, `must not start with aliyun or acs:`),
			step("", `{ "acs:owner" = "v" }`, `reserves for its own tags`),
			step("", `{ k = "see https://example.com" }`, `must not contain http:// or https://`),
			step("", `{ "" = "v" }`, `must be between 1 and 128`),
			step("", fmt.Sprintf(`{ k = %q }`, strings.Repeat("v", 129)), `must be at most 128`),
			step("", many(21), `at most 20 elements`),
			// Each within the limit, together beyond it.
			step(many(15), `{ e1 = "v", e2 = "v", e3 = "v", e4 = "v", e5 = "v", e6 = "v" }`, `(?s)21 tags.*at most 20`),
			step(`{ "acs:x" = "v" }`, "", `default_tags`),
			// The reserved prefixes in values too, and in any case: TagResources refuses them after the
			// gateway exists, which would taint it and replace it on every apply.
			step("", `{ owner = "aliyun-partner-team" }`, `(?s)tags\["owner"\] must not start with aliyun or acs:.*"aliyun-partner-team" starts with "aliyun"`),
			step("", `{ "ALIYUN-billing" = "v" }`, `starts with "ALIYUN"`),
			step("", `{ "Acs:owner" = "v" }`, `starts with "Acs:"`),
			step(`{ team = "ACS:ops" }`, "", `(?s)default_tags.*starts with "ACS:"`),
		},
	})
	if e.Sim != nil {
		for _, action := range []string{vpcapi.ActionCreateVpnGateway, vpcapi.ActionTagResources} {
			if n := e.Requests()[action]; n > 0 {
				t.Errorf("%d %s requests for configurations the plan refuses", n, action)
			}
		}
	}
}
