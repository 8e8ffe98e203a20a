package provider

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// A flaky API: 30% of all requests, whatever the action, are answered InternalError (500),
// ServiceUnavailable (503) or Throttling.User (400) before they take effect. Applying gateways,
// changing them and destroying them must never show the user an error, and must leave exactly the
// gateways asked for, then none.
func TestAccReliability_flakyAPI(t *testing.T) {
	const rate = 0.3
	n := reliability.Count(20, 100)
	e := newAccEnv(t, vpcsim.Config{Quota: n + 10})
	e.needSim(t, "injects faults")
	e.sim.SetFaults(vpcsim.Faults{
		ErrorRate: rate,
		Codes:     []string{vpcapi.CodeInternalError, vpcapi.CodeServiceUnavailable, vpcapi.CodeThrottlingUser},
	})
	guard := &dropGuard{e: e}
	noErrorDiagnostics := e.checkNoErrors

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{
			{
				Config: e.gatewaysConfig(n, "flaky", `  description = "Created under faults"`),
				Check:  resource.ComposeAggregateTestCheckFunc(e.checkSimMatchesState(n), noErrorDiagnostics),
			},
			{
				Config: e.gatewaysConfig(n, "changed", `  description = "Changed under faults"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					e.checkSimMatchesState(n),
					e.checkSimNames("changed-"),
					noErrorDiagnostics,
				),
			},
			{
				Config:  e.gatewaysConfig(n, "changed", `  description = "Changed under faults"`),
				Destroy: true,
				Check: func(*terraform.State) error {
					if left := e.simGatewayIDs(); len(left) > 0 {
						return fmt.Errorf("vpcsim still holds %v after destroy", left)
					}
					return noErrorDiagnostics(nil)
				},
			},
		},
	})
	guard.check(t)

	stats := e.sim.Stats().Requests
	all, failed := 0, 0
	figures := guard.figures()
	for _, action := range slices.Sorted(maps.Keys(stats)) {
		byStatus := stats[action]
		all += total(byStatus)
		failed += byStatus["500"] + byStatus["503"] + byStatus["400"] // 400: Throttling.User, the only refusal here
		figures = append(figures, reliability.Figure{Name: action + " answers by HTTP status", Value: fmtCounts(byStatus)})
	}
	figures = append([]reliability.Figure{
		{Name: "requests", Value: strconv.Itoa(all)},
		{Name: "requests failed by the faults (500, 503, 400 Throttling.User)", Value: fmt.Sprintf("%d (%.1f%%)", failed, 100*float64(failed)/float64(max(all, 1)))},
	}, figures...)
	reliability.Record(t, reliability.Result{
		Scenario: "Flaky API (30% of requests fail with 500, 503 or Throttling.User)",
		Runs:     n,
		Unit:     "gateways created (with a description), renamed and re-described, destroyed",
		Checked: []string{
			"no error diagnostic from any apply, refresh or destroy",
			"after apply and after the change, vpcsim holds exactly the gateways in state, one per configured gateway",
			"every gateway carries its new name in vpcsim after the change",
			"after destroy vpcsim holds no gateway, and no gateway left state while vpcsim still had it",
		},
		Figures: figures,
	})
}
