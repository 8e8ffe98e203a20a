package lookup_test

import (
	"context"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// What a read of alicloud_vpn_gateways costs over 100 gateways: 2 DescribeVpnGateways pages and,
// when the answers lack their tags, 2 ListTagResources of 50 IDs: the refresh's cost. It is a count
// of requests, so a test checks it; the benchmark reports the same figure.

const costGateways = 100

// costWorld is a configured provider over 100 gateways whose answers carry no Tags field, half of
// them tagged.
func costWorld(tb testing.TB) *acctest.Proto {
	tb.Helper()
	w := acctest.NewProto(tb, vpcsim.Config{Quota: costGateways, ProvisionDelay: time.Millisecond})
	for i, id := range w.Env.StageMany(tb, "cost", costGateways) {
		if i%2 == 0 {
			w.Env.Tag(tb, id, map[string]string{"team": "cost"})
		}
		if err := w.Env.Sim.PatchGateway(id, gateway.Patch{Remove: []string{"Tags"}}); err != nil {
			tb.Fatal(err)
		}
	}
	return w
}

// readCost reads the data source (no filter) once and returns its requests by action.
func readCost(tb testing.TB, w *acctest.Proto) map[string]int {
	tb.Helper()
	before := w.Env.Requests()
	typ := w.Schema.DataSourceSchemas["alicloud_vpn_gateways"].ValueType()
	resp, err := w.Server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: "alicloud_vpn_gateways", Config: acctest.Dynamic(tb, typ, nil),
	})
	if err != nil {
		tb.Fatal(err)
	}
	acctest.CheckDiags(tb, "ReadDataSource", resp.Diagnostics)
	found := acctest.Decoded(tb, typ, resp.State)["ids"]
	var ids []tftypes.Value
	if err := found.As(&ids); err != nil || len(ids) != costGateways {
		tb.Fatalf("the data source found %d gateways (%v); want %d", len(ids), err, costGateways)
	}
	cost := map[string]int{}
	for action, n := range w.Env.Requests() {
		if d := n - before[action]; d > 0 {
			cost[action] = d
		}
	}
	return cost
}

func TestDataSourceCostOver100Gateways(t *testing.T) {
	t.Parallel()
	cost := readCost(t, costWorld(t))
	t.Logf("alicloud_vpn_gateways over %d gateways: %v", costGateways, cost)
	if cost["DescribeVpnGateways"] > 2 || cost["ListTagResources"] > 2 || len(cost) > 2 {
		t.Errorf("a read over %d gateways made %v; want at most 2 DescribeVpnGateways and 2 ListTagResources, nothing else",
			costGateways, cost)
	}
}

func BenchmarkDataSourceOver100Gateways(b *testing.B) {
	w := costWorld(b)
	var cost map[string]int
	for b.Loop() {
		cost = readCost(b, w)
	}
	b.ReportMetric(float64(cost["DescribeVpnGateways"]), "DescribeVpnGateways/op")
	b.ReportMetric(float64(cost["ListTagResources"]), "ListTagResources/op")
	total := 0
	for _, n := range cost {
		total += n
	}
	b.ReportMetric(float64(total), "requests/op")
}
