package vpcsim_test

import (
	"fmt"
	"slices"
	"strconv"
	"testing"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// rawDescribe answers DescribeVpnGateway's body as JSON decoded into a map, so that a missing field
// can be told from an empty one.
func (f *fixture) rawDescribe(t *testing.T, id string) map[string]any {
	t.Helper()
	answer, err := f.call(t, vpcapi.ActionDescribeVpnGateway, vpcapi.Version,
		map[string]*string{"RegionId": tea.String(vpcsim.DefaultRegion), "VpnGatewayId": tea.String(id)})
	if err != nil {
		t.Fatalf("DescribeVpnGateway(%s): %v", id, err)
	}
	body, _ := answer["body"].(map[string]any)
	return body
}

// rawList answers DescribeVpnGateways' items the same way, with TotalCount.
func (f *fixture) rawList(t *testing.T, query map[string]string) (items []map[string]any, total float64) {
	t.Helper()
	q := map[string]*string{"RegionId": tea.String(vpcsim.DefaultRegion)}
	for k, v := range query {
		q[k] = tea.String(v)
	}
	answer, err := f.call(t, vpcapi.ActionDescribeVpnGateways, vpcapi.Version, q)
	if err != nil {
		t.Fatalf("DescribeVpnGateways(%v): %v", query, err)
	}
	body, _ := answer["body"].(map[string]any)
	list, _ := body["VpnGateways"].(map[string]any)
	raw, _ := list["VpnGateway"].([]any)
	for _, it := range raw {
		m, _ := it.(map[string]any)
		items = append(items, m)
	}
	total, err = strconv.ParseFloat(fmt.Sprint(body["TotalCount"]), 64)
	if err != nil {
		t.Fatalf("TotalCount %v: %v", body["TotalCount"], err)
	}
	return items, total
}

// TestDriftAnyField: a patch sets any answered field to any value or takes it out of both
// Describe answers, through the Go API and the admin API, and Restore undoes it.
func TestDriftAnyField(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)

	if err := f.sim.PatchGateway(id, gateway.Patch{
		Fields: map[string]any{"Spec": "7M", "ChargeType": "Subscription", "Status": "stopped", "IpsecVpn": "on"},
		Remove: []string{"SslVpn"},
	}); err != nil {
		t.Fatal(err)
	}
	var patched gateway.View
	if status := f.admin(t, "POST", "/_sim/gateways/"+id, `{"Remove":["ChargeType","IpsecVpn"],"Fields":{"SslMaxConnections":"many"}}`, &patched); status != 200 {
		t.Fatalf("patch answered %d", status)
	}
	// The admin view shows the gateway as it is, and the drift beside it.
	if patched.Spec != "10M" || patched.Status != vpcapi.StatusActive || string(patched.Drift["Spec"]) != `"7M"` ||
		!slices.Equal(patched.Removed, []string{"ChargeType", "IpsecVpn", "SslVpn"}) {
		t.Fatalf("admin view after the patches: %+v", patched)
	}
	want := map[string]any{"Spec": "7M", "Status": "stopped", "SslMaxConnections": "many", "VpcId": vpcsim.DefaultVpcID}
	items, _ := f.rawList(t, nil)
	for name, answer := range map[string]map[string]any{"DescribeVpnGateway": f.rawDescribe(t, id), "DescribeVpnGateways": items[0]} {
		for k, v := range want {
			if answer[k] != v {
				t.Errorf("%s: %s = %v, want %v", name, k, answer[k], v)
			}
		}
		for _, k := range []string{"ChargeType", "IpsecVpn", "SslVpn"} {
			if v, ok := answer[k]; ok {
				t.Errorf("%s answers removed field %s = %v", name, k, v)
			}
		}
	}
	// Drift in the answer only: the gateway still behaves as the active one it is.
	if err := modify(c, id, "still-works"); err != nil {
		t.Fatalf("a gateway answered \"stopped\" by drift could not be modified: %v", err)
	}

	// Restore, then a field set anew in the same patch.
	if status := f.admin(t, "POST", "/_sim/gateways/"+id, `{"Restore":["Spec","ChargeType","IpsecVpn","SslVpn","Status","SslMaxConnections"],"Fields":{"IpsecVpn":"disable"}}`, nil); status != 200 {
		t.Fatalf("restore answered %d", status)
	}
	g := mustDescribe(t, c, id)
	if tea.StringValue(g.Spec) != "10M" || tea.StringValue(g.ChargeType) != "PostpayByFlow" || tea.StringValue(g.SslVpn) != "disable" ||
		tea.StringValue(g.IpsecVpn) != "disable" || tea.StringValue(g.Status) != vpcapi.StatusActive {
		t.Fatalf("after restore: %+v", g)
	}

	for _, bad := range []string{`{"Fields":{"Colour":"red"}}`, `{"Remove":["RequestId"]}`, `{"Restore":["spec"]}`, `{"Fields":"x"}`} {
		if status := f.admin(t, "POST", "/_sim/gateways/"+id, bad, nil); status != 400 {
			t.Errorf("patch %s answered %d, want 400", bad, status)
		}
	}
	if err := f.sim.PatchGateway(id, gateway.Patch{Remove: []string{"Nope"}}); err == nil {
		t.Error("a patch removing an unknown field was accepted")
	}
	if got := gateway.Fields(); len(got) == 0 || !slices.Contains(got, "ChargeType") {
		t.Errorf("gateway.Fields() = %v", got)
	}
}
