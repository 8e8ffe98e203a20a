package vpngateway_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Lost responses: the first answer to every CreateVpnGateway, ModifyVpnGatewayAttribute and
// DeleteVpnGateway is lost after the simulator acted on it. Every operation must be retried with
// its own ClientToken, so that the simulator replays its first answer: exactly one gateway per
// create, all in state, one change per rename, one deletion per destroy. A retry under a new token
// shows up as a second gateway (create) or as extra answers (modify, delete: a busy refusal, then
// a second action).
func TestAccReliability_lostResponses(t *testing.T) {
	n := reliability.Count(10, 100)
	e := acctest.New(t, vpcsim.Config{Quota: n + 10})
	e.NeedSim(t, "loses the API's answers")
	loser := acctest.NewAnswerLoser(e.Sim)
	e.Interpose(t, loser)
	guard := acctest.NewDropGuard(e)
	twice := map[string]int{"200": 2 * n} // the answer lost, then its replay

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				PreConfig: func() { loser.LoseFirstAnswersOf(vpcapi.ActionCreateVpnGateway) },
				Config:    e.GatewaysConfig(n, "lost", ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					e.CheckSimMatchesState(n),
					checkLost(loser, vpcapi.ActionCreateVpnGateway, n),
					e.CheckStatuses(vpcapi.ActionCreateVpnGateway, twice),
					func(*terraform.State) error {
						if orders := len(e.Sim.State().Orders); orders != n {
							return fmt.Errorf("vpcsim placed %d orders for %d gateways", orders, n)
						}
						return nil
					},
				),
			},
			{
				PreConfig: func() { loser.LoseFirstAnswersOf(vpcapi.ActionModifyVpnGatewayAttribute) },
				Config:    e.GatewaysConfig(n, "renamed", ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					e.CheckSimMatchesState(n),
					checkLost(loser, vpcapi.ActionModifyVpnGatewayAttribute, n),
					e.CheckStatuses(vpcapi.ActionModifyVpnGatewayAttribute, twice),
					checkSimNames(e, "renamed-"),
				),
			},
			{
				PreConfig: func() { loser.LoseFirstAnswersOf(vpcapi.ActionDeleteVpnGateway) },
				Config:    e.GatewaysConfig(n, "renamed", ""),
				Destroy:   true,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLost(loser, vpcapi.ActionDeleteVpnGateway, n),
					e.CheckStatuses(vpcapi.ActionDeleteVpnGateway, twice),
					func(*terraform.State) error {
						if left := e.SimGatewayIDs(); len(left) > 0 {
							return fmt.Errorf("vpcsim still holds %v after destroy", left)
						}
						return nil
					},
				),
			},
		},
	})
	guard.Check(t)

	figures := append(guard.Figures(), loser.Figures(e,
		vpcapi.ActionCreateVpnGateway, vpcapi.ActionModifyVpnGatewayAttribute, vpcapi.ActionDeleteVpnGateway)...)
	reliability.Record(t, reliability.Result{
		Scenario: "Lost responses (create, modify, delete)",
		Runs:     n,
		Unit:     "gateways, each losing the first answer to its create, its rename and its delete",
		Checked: []string{
			"every create, rename and delete lost its first answer after vpcsim acted on it",
			"vpcsim holds exactly one gateway and one order per create, and exactly the gateways in state",
			"vpcsim answered each action exactly twice per gateway (the lost answer and its ClientToken replay): no second action, no busy refusal",
			"every gateway carries its new name in vpcsim after the rename",
			"after destroy vpcsim holds no gateway, and no gateway left state while vpcsim still had it",
		},
		Figures: figures,
	})
}

// checkLost requires the answers of want operations of action to have been lost.
func checkLost(l *acctest.AnswerLoser, action string, want int) func(*terraform.State) error {
	return func(*terraform.State) error {
		if got := l.LostAnswers(action); got != want {
			return fmt.Errorf("%d answers to %s were lost, want %d (one per gateway)", got, action, want)
		}
		return nil
	}
}

// checkSimNames requires every gateway in the simulator to be named with prefix.
func checkSimNames(e *acctest.Env, prefix string) func(*terraform.State) error {
	return func(*terraform.State) error {
		for _, g := range e.Sim.Gateways() {
			if !strings.HasPrefix(g.Name, prefix) {
				return fmt.Errorf("vpcsim's gateway %s is named %q, want %s...", g.VpnGatewayID, g.Name, prefix)
			}
		}
		return nil
	}
}
