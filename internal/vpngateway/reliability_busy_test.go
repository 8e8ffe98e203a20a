package vpngateway_test

import (
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// A busy API: every rename and every delete first meets VpnGateway.Configuring, then
// IncorrectStatus.VpnGateway, then OperationConflict (the three answers of a gateway in the middle
// of another change), and only then reaches the simulator. Each must wait and succeed, exactly
// once; and no gateway may leave state before the simulator says it is gone (the official
// provider takes IncorrectStatus.VpnGateway on delete for "gone").
func TestAccReliability_busyAPI(t *testing.T) {
	n := reliability.Count(3, 20)
	e := acctest.New(t, vpcsim.Config{Quota: n + 10})
	e.NeedSim(t, "answers for a busy gateway")
	busy := newBusyInjector(e.Sim, vpcapi.CodeVpnGatewayConfiguring, vpcapi.CodeIncorrectStatus, vpcapi.CodeOperationConflict)
	e.Interpose(t, busy)
	guard := acctest.NewDropGuard(e)
	once := map[string]int{"200": n}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: e.GatewaysConfig(n, "busy", ""),
				Check:  e.CheckSimMatchesState(n),
			},
			{
				PreConfig: func() { busy.target(vpcapi.ActionModifyVpnGatewayAttribute) },
				Config:    e.GatewaysConfig(n, "waited", ""),
				Check: resource.ComposeAggregateTestCheckFunc(
					e.CheckSimMatchesState(n),
					checkSimNames(e, "waited-"),
					busy.checkAnswered(vpcapi.ActionModifyVpnGatewayAttribute, n),
					e.CheckStatuses(vpcapi.ActionModifyVpnGatewayAttribute, once),
				),
			},
			{
				PreConfig: func() { busy.target(vpcapi.ActionDeleteVpnGateway) },
				Config:    e.GatewaysConfig(n, "waited", ""),
				Destroy:   true,
				Check: resource.ComposeAggregateTestCheckFunc(
					busy.checkAnswered(vpcapi.ActionDeleteVpnGateway, n),
					e.CheckStatuses(vpcapi.ActionDeleteVpnGateway, once),
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
	figures := append(guard.Figures(), busy.figures()...)
	for _, action := range []string{vpcapi.ActionModifyVpnGatewayAttribute, vpcapi.ActionDeleteVpnGateway} {
		figures = append(figures, reliability.Figure{Name: action + " answers of vpcsim by HTTP status", Value: acctest.FmtCounts(e.Statuses(action))})
	}
	reliability.Record(t, reliability.Result{
		Scenario: "Busy API (VpnGateway.Configuring, IncorrectStatus.VpnGateway, OperationConflict)",
		Runs:     n,
		Unit:     "gateways, each refused three times on its rename and three times on its delete",
		Checked: []string{
			"each rename and each delete met the three busy answers, waited, and succeeded without an error",
			"vpcsim acted exactly once per rename and per delete",
			"every gateway carries its new name in vpcsim after the rename",
			"no gateway left state while vpcsim still had it (checked when each destroy was reported done); vpcsim holds none after destroy",
		},
		Figures: figures,
	})
}

// A gateway stuck in "deleting" (IncorrectStatus.VpnGateway for every delete) until the delete
// timeout: the destroy fails with a clear message and the gateway stays in state, because only the
// API saying "not found" removes it. Once the gateway recovers, nothing was lost.
func TestAccReliability_stuckDeleting(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "forces a gateway's status")
	guard := acctest.NewDropGuard(e)
	id := &acctest.StateAttr{Resource: acctest.ResourceName, Attr: "id"}
	config := e.GatewayConfig(`  bandwidth = 10
  timeouts = {
    delete = "3s"
  }
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{Config: config, Check: id.Capture},
			{
				PreConfig: func() {
					must(t, e.Sim.PatchGateway(id.Get(), gateway.Patch{Status: ptr(vpcapi.StatusDeleting)}))
				},
				Config:  config,
				Destroy: true,
				ExpectError: regexp.MustCompile(`(?s)deleting VPN Gateway \(vpn-[0-9a-z]+\).*context deadline exceeded.*` +
					`Code: IncorrectStatus\.VpnGateway.*RequestId: \S+`),
			},
			{
				// Still in state: once the gateway recovers, the configuration plans no change.
				PreConfig: func() { must(t, e.Sim.PatchGateway(id.Get(), gateway.Patch{Status: ptr("")})) },
				Config:    config,
				PlanOnly:  true,
			},
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					e.CheckSimMatchesState(1),
					func(s *terraform.State) error {
						if got := s.RootModule().Resources[acctest.ResourceName].Primary.ID; got != id.Get() {
							return fmt.Errorf("state holds %s, want the stuck gateway %s", got, id.Get())
						}
						return nil
					},
				),
			},
		},
	})
	guard.Check(t)
	reliability.Record(t, reliability.Result{
		Scenario: "Busy API: a gateway stuck in deleting past the delete timeout",
		Runs:     1,
		Unit:     "destroy refused with IncorrectStatus.VpnGateway until its 3s timeout",
		Checked: []string{
			"the destroy fails with the gateway's ID, the timeout and the API's code and RequestId",
			"the gateway stays in state: after it recovers, the same configuration plans no change and state and vpcsim agree",
			"the final destroy removes it; no gateway left state while vpcsim still had it",
		},
		Figures: append(guard.Figures(),
			reliability.Figure{Name: "DeleteVpnGateway answers by HTTP status", Value: acctest.FmtCounts(e.Statuses(vpcapi.ActionDeleteVpnGateway))}),
	})
}

// busyInjector answers the mutating requests of its target action for each gateway with codes,
// one after another, before letting one through to the simulator: the gateway is busy with
// another change, and the request never takes effect.
type busyInjector struct {
	next  http.Handler
	codes []string

	mu       sync.Mutex
	action   string
	answered map[string]int // action/gateway -> busy answers given
	byCode   map[string]int
}

func newBusyInjector(next http.Handler, codes ...string) *busyInjector {
	return &busyInjector{next: next, codes: codes, answered: map[string]int{}, byCode: map[string]int{}}
}

// target switches the busy answers to action.
func (b *busyInjector) target(action string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.action = action
}

func (b *busyInjector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action, params := acctest.APIParams(r)
	id := params.Get("VpnGatewayId")
	key := action + "/" + id
	b.mu.Lock()
	var code string
	if action != "" && action == b.action && id != "" && b.answered[key] < len(b.codes) {
		code = b.codes[b.answered[key]]
		b.answered[key]++
		b.byCode[code]++
	}
	b.mu.Unlock()
	if code == "" {
		b.next.ServeHTTP(w, r)
		return
	}
	acctest.WriteAPIError(w, r, http.StatusBadRequest, code, busyMessage)
}

// busyMessage is what the busy answers say.
const busyMessage = "The gateway is being changed by another request; try again later."

// checkAnswered requires every one of n gateways to have met all the busy answers for action.
func (b *busyInjector) checkAnswered(action string, n int) func(*terraform.State) error {
	return func(*terraform.State) error {
		b.mu.Lock()
		defer b.mu.Unlock()
		met := 0
		for key, count := range b.answered {
			if strings.HasPrefix(key, action+"/") && count == len(b.codes) {
				met++
			}
		}
		if met != n {
			return fmt.Errorf("%d gateways met all %d busy answers to %s, want %d", met, len(b.codes), action, n)
		}
		return nil
	}
}

func (b *busyInjector) figures() []reliability.Figure {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []reliability.Figure
	for _, code := range slices.Sorted(maps.Keys(b.byCode)) {
		out = append(out, reliability.Figure{Name: "busy answers " + code, Value: strconv.Itoa(b.byCode[code])})
	}
	return out
}
