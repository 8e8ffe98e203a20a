package vpngateway_test

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
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
	e := acctest.New(t, vpcsim.Config{Quota: n + 10})
	e.NeedSim(t, "injects faults")
	e.Sim.SetFaults(vpcsim.Faults{
		ErrorRate: rate,
		Codes:     []string{vpcapi.CodeInternalError, vpcapi.CodeServiceUnavailable, vpcapi.CodeThrottlingUser},
	})
	guard := acctest.NewDropGuard(e)
	noErrorDiagnostics := e.CheckNoErrors

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: guard.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config: e.GatewaysConfig(n, "flaky", `  description = "Created under faults"`),
				Check:  resource.ComposeAggregateTestCheckFunc(e.CheckSimMatchesState(n), noErrorDiagnostics),
			},
			{
				Config: e.GatewaysConfig(n, "changed", `  description = "Changed under faults"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					e.CheckSimMatchesState(n),
					checkSimNames(e, "changed-"),
					noErrorDiagnostics,
				),
			},
			{
				Config:  e.GatewaysConfig(n, "changed", `  description = "Changed under faults"`),
				Destroy: true,
				Check: func(*terraform.State) error {
					if left := e.SimGatewayIDs(); len(left) > 0 {
						return fmt.Errorf("vpcsim still holds %v after destroy", left)
					}
					return noErrorDiagnostics(nil)
				},
			},
		},
	})
	guard.Check(t)

	stats := e.Sim.Stats().Requests
	all, failed := 0, 0
	figures := guard.Figures()
	for _, action := range slices.Sorted(maps.Keys(stats)) {
		byStatus := stats[action]
		all += acctest.Total(byStatus)
		failed += byStatus["500"] + byStatus["503"] + byStatus["400"] // 400: Throttling.User, the only refusal here
		figures = append(figures, reliability.Figure{Name: action + " answers by HTTP status", Value: acctest.FmtCounts(byStatus)})
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
