package vpcsim_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

func TestAdminEndpoints(t *testing.T) {
	clk := newClock()
	f := start(t, delayedConfig(clk))
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	clk.Advance(provisionDelay)
	wantAPIError(t, describeVpcs(f.client(t, withKey("nobody", "x"))), vpcapi.CodeAccessKeyNotFound, 404)

	// /_sim/state uses DescribeVpnGateway's field names.
	var raw struct {
		Gateways       []map[string]any `json:"gateways"`
		Orders         []map[string]any `json:"orders"`
		ResourceGroups []string         `json:"resourceGroups"`
	}
	if status := f.admin(t, "GET", "/_sim/state", "", &raw); status != 200 {
		t.Fatalf("state answered %d", status)
	}
	gw := raw.Gateways[0]
	for _, field := range []string{"VpnGatewayId", "VpcId", "VSwitchId", "Name", "Status", "BusinessStatus", "ChargeType", "Spec", "InternetIp", "CreateTime", "IpsecVpn", "SslVpn", "NetworkType", "VpnType", "AutoPropagate", "ResourceGroupId"} {
		if _, ok := gw[field]; !ok {
			t.Errorf("state gateway lacks %s: %v", field, gw)
		}
	}
	if gw["VpnGatewayId"] != id || gw["Status"] != vpcapi.StatusActive || raw.Orders[0]["VpnGatewayId"] != id || raw.Orders[0]["Paid"] != true {
		t.Fatalf("state %v", raw)
	}
	// When provisioning ended, for benchmarks: in the admin view only, never in the API's answers.
	if created, _ := gw["CreateTime"].(float64); gw["ProvisionedTime"] != created+float64(provisionDelay.Milliseconds()) {
		t.Errorf("ProvisionedTime %v, want CreateTime %v + %v", gw["ProvisionedTime"], gw["CreateTime"], provisionDelay)
	}
	answer, err := f.call(t, vpcapi.ActionDescribeVpnGateway, vpcapi.Version,
		map[string]*string{"RegionId": tea.String(vpcsim.DefaultRegion), "VpnGatewayId": tea.String(id)})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := answer["body"].(map[string]any)
	for _, adminOnly := range []string{"ProvisionedTime", "OrderId", "RegionId"} {
		if _, ok := body[adminOnly]; ok || body["VpnGatewayId"] != id {
			t.Errorf("DescribeVpnGateway answers %s: %v", adminOnly, body)
		}
	}

	var stats vpcsim.Stats
	f.admin(t, "GET", "/_sim/stats", "", &stats)
	if stats.Requests[vpcapi.ActionCreateVpnGateway]["200"] != 1 || stats.Requests[vpcapi.ActionDescribeVpcs]["404"] != 1 {
		t.Fatalf("stats %v", stats.Requests)
	}

	// Drift: a rename and a forced status, seen through the API.
	var patched gateway.View
	if status := f.admin(t, "POST", "/_sim/gateways/"+id, `{"Name":"drifted","Status":"updating"}`, &patched); status != 200 || patched.Name != "drifted" {
		t.Fatalf("patch answered %d %+v", status, patched)
	}
	g := mustDescribe(t, c, id)
	if tea.StringValue(g.Name) != "drifted" || tea.StringValue(g.Status) != vpcapi.StatusUpdating {
		t.Fatalf("after drift: %+v", g)
	}
	wantAPIError(t, modify(c, id, "back"), vpcapi.CodeVpnGatewayConfiguring, 400)
	f.admin(t, "POST", "/_sim/gateways/"+id, `{"Status":""}`, nil)
	wantStatus(t, c, id, vpcapi.StatusActive)
	for _, bad := range []string{`{"Status":"broken"}`, `{"Colour":"red"}`, `not json`} {
		if status := f.admin(t, "POST", "/_sim/gateways/"+id, bad, nil); status != 400 {
			t.Errorf("patch %s answered %d", bad, status)
		}
	}
	if status := f.admin(t, "POST", "/_sim/gateways/vpn-nothere", `{"Name":"x"}`, nil); status != 404 {
		t.Errorf("patching an unknown gateway answered %d", status)
	}

	// Faults through the admin API.
	var faults vpcsim.Faults
	if status := f.admin(t, "POST", "/_sim/faults", `{"errorCount":1,"codes":["ServiceUnavailable"],"latency":"1ms"}`, &faults); status != 200 ||
		faults.ErrorCount != 1 || time.Duration(faults.Latency) != time.Millisecond {
		t.Fatalf("faults answered %d %+v", status, faults)
	}
	wantAPIError(t, describeVpcs(c), vpcapi.CodeServiceUnavailable, 503)
	// effectErrorCount: the modify happens, the answer is a 500.
	if status := f.admin(t, "POST", "/_sim/faults", `{"effectErrorCount":1,"actions":["ModifyVpnGatewayAttribute"]}`, &faults); status != 200 || faults.EffectErrorCount != 1 {
		t.Fatalf("faults answered %d %+v", status, faults)
	}
	wantAPIError(t, modify(c, id, "late-error"), vpcapi.CodeInternalError, 500)
	if got := tea.StringValue(mustDescribe(t, c, id).Name); got != "late-error" {
		t.Fatalf("a modify failed after its effect left name %q", got)
	}
	clk.Advance(updateDelay)
	if err := modify(c, id, "drifted"); err != nil {
		t.Fatalf("effectErrorCount 1 failed a second modify: %v", err)
	}
	for _, bad := range []string{`{"codes":["Boom"]}`, `{"errorRate":2}`, `{"actions":["Nope"]}`, `{"latency":"soon"}`, `{"dropcount":1,"x":1}`, `{"effectErrorCount":-1}`} {
		if status := f.admin(t, "POST", "/_sim/faults", bad, nil); status != 400 {
			t.Errorf("faults %s answered %d", bad, status)
		}
	}
	f.admin(t, "POST", "/_sim/faults", "", nil)
	if err := describeVpcs(c); err != nil {
		t.Fatalf("faults not cleared by an empty body: %v", err)
	}

	if status := f.admin(t, "DELETE", "/_sim/gateways/"+id, "", nil); status != 200 {
		t.Fatalf("remove answered %d", status)
	}
	_, err = describe(t, c, id)
	wantAPIError(t, err, vpcapi.CodeVpnGatewayNotFound, 404)
	if status := f.admin(t, "DELETE", "/_sim/gateways/"+id, "", nil); status != 404 {
		t.Fatalf("removing twice answered %d", status)
	}

	mustCreate(t, c, createRequest())
	if status := f.admin(t, "POST", "/_sim/reset", "", nil); status != 200 {
		t.Fatalf("reset answered %d", status)
	}
	var state vpcsim.StateView
	var resetStats vpcsim.Stats
	f.admin(t, "GET", "/_sim/state", "", &state)
	f.admin(t, "GET", "/_sim/stats", "", &resetStats)
	if len(state.Gateways) != 0 || len(state.Orders) != 0 || len(resetStats.Requests) != 0 {
		t.Fatalf("after reset: %+v %+v", state, resetStats)
	}
	if status := f.admin(t, "GET", "/_sim/nothing", "", nil); status != 404 {
		t.Fatalf("unknown admin path answered %d", status)
	}
	if n := len(f.sim.Stats().Requests); n != 0 {
		t.Fatalf("admin requests were counted: %v", f.sim.Stats().Requests)
	}
}

// TestStateFile: everything acknowledged is on disk before the answer, and a new simulator on the
// same file carries on: gateways, unpaid orders, statuses and ClientToken answers.
func TestStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clk := newClock()
	cfg := delayedConfig(clk)
	cfg.StateFile = path
	sim, err := vpcsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := serve(t, sim)
	c := f.client(t)

	req := createRequest()
	req.ClientToken = tea.String("persisted-token")
	created := mustCreate(t, c, req)
	id := tea.StringValue(created.VpnGatewayId)
	// Read the file behind the simulator's back, as a restart after kill -9 would.
	onDisk, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(onDisk), id) || !strings.Contains(string(onDisk), "persisted-token") {
		t.Fatalf("the acknowledged create is not on disk: %v\n%s", err, onDisk)
	}
	unpaid := createRequest()
	unpaid.InstanceChargeType, unpaid.Period = tea.String(vpcapi.ChargeTypePrepay), tea.Int32(1)
	unpaidGw := mustCreate(t, c, unpaid)
	clk.Advance(provisionDelay)
	if err := modify(c, id, "before-restart"); err != nil {
		t.Fatal(err)
	}
	before := sim.Gateways()
	f.srv.Close()
	if err := sim.Close(); err != nil {
		t.Fatal(err)
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".state.json.tmp-*")); len(matches) != 0 {
		t.Fatalf("temporary files left: %v", matches)
	}

	again, err := vpcsim.New(cfg)
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	t.Cleanup(func() { _ = again.Close() })
	f = serve(t, again)
	c = f.client(t)
	after := again.Gateways()
	a, _ := json.Marshal(after)
	b, _ := json.Marshal(before)
	if string(a) != string(b) {
		t.Fatalf("gateways changed across a restart:\n%s\n%s", b, a)
	}
	wantStatus(t, c, id, vpcapi.StatusUpdating)
	retry := mustCreate(t, c, req)
	if tea.StringValue(retry.VpnGatewayId) != id || tea.Int64Value(retry.OrderId) != tea.Int64Value(created.OrderId) {
		t.Fatalf("the token's answer was lost in the restart: %+v", retry)
	}
	unpaidID := tea.StringValue(unpaidGw.VpnGatewayId)
	wantStatus(t, c, unpaidID, vpcapi.StatusInit)
	if err := again.PayOrder(strconv.FormatInt(tea.Int64Value(unpaidGw.OrderId), 10)); err != nil {
		t.Fatal(err)
	}
	clk.Advance(provisionDelay)
	wantStatus(t, c, unpaidID, vpcapi.StatusActive)
	if fresh := mustCreate(t, c, createRequest()); tea.Int64Value(fresh.OrderId) <= tea.Int64Value(unpaidGw.OrderId) {
		t.Fatalf("order IDs restarted: %d after %d", tea.Int64Value(fresh.OrderId), tea.Int64Value(unpaidGw.OrderId))
	}

	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := vpcsim.New(cfg); err == nil {
		t.Fatal("a corrupt state file was accepted")
	}
}

// TestStateFileWriteFailure: when the state cannot be written the client is told so and the
// change is undone, so that what it sees never differs from what a restart would see.
func TestStateFileWriteFailure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	f := start(t, vpcsim.Config{StateFile: filepath.Join(dir, "state.json")})
	c := f.client(t)
	mustCreate(t, c, createRequest())
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	_, err := c.CreateVpnGateway(createRequest())
	wantAPIError(t, err, vpcapi.CodeInternalError, 500)
	if n := len(f.sim.Gateways()); n != 1 {
		t.Fatalf("%d gateways after a failed write, want the 1 that was written", n)
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for name, cfg := range map[string]vpcsim.Config{
		"malformed region":     {Networks: []network.Region{{ID: "Mars 1"}}},
		"duplicate VPC":        {Networks: []network.Region{{ID: "cn-beijing", Vpcs: []network.Vpc{{ID: vpcsim.DefaultVpcID, CidrBlock: "10.0.0.0/8"}}}}},
		"bad CIDR":             {Networks: []network.Region{{ID: "cn-beijing", Vpcs: []network.Vpc{{ID: "vpc-b", CidrBlock: "ten"}}}}},
		"vSwitch without zone": {Networks: []network.Region{{ID: "cn-beijing", Vpcs: []network.Vpc{{ID: "vpc-b", CidrBlock: "10.0.0.0/8", VSwitches: []network.VSwitch{{ID: "vsw-b", CidrBlock: "10.0.0.0/24"}}}}}}},
		"key without secret":   {AccessKeys: []vpcsim.AccessKey{{ID: "k"}}},
		"fault rate 2":         {FaultRate: 2},
		"negative delay":       {ProvisionDelay: -time.Second},
	} {
		if _, err := vpcsim.New(cfg); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// serve is start for a simulator the test closes itself.
func serve(t *testing.T, sim *vpcsim.Sim) *fixture {
	t.Helper()
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return &fixture{sim: sim, srv: srv, endpoint: strings.TrimPrefix(srv.URL, "http://")}
}

// TestStatsBuckets: a missing or implausible action, and unknown names past the first 64 (the
// buckets included), are counted in buckets, so that garbage cannot grow the counters without
// bound.
func TestStatsBuckets(t *testing.T) {
	f := start(t, vpcsim.Config{})
	send(t, f.srv.URL, recorded{method: "POST", url: "/", header: http.Header{}})
	send(t, f.srv.URL, recorded{method: "POST", url: "/?Action=Describe.Nothing&Version=2016-04-28", header: http.Header{}})
	for i := range 70 {
		send(t, f.srv.URL, recorded{method: "POST", url: fmt.Sprintf("/?Action=Nothing%d&Version=2016-04-28", i), header: http.Header{}})
	}
	stats := f.sim.Stats().Requests
	if stats["(none)"]["400"] != 1 || stats["(invalid)"]["404"] != 1 || stats["(other)"]["404"] != 70-62 || len(stats) != 64+1 {
		t.Fatalf("%d names counted: none %v, invalid %v, other %v", len(stats), stats["(none)"], stats["(invalid)"], stats["(other)"])
	}
}

// TestClosed: after Close every request is answered ServiceUnavailable.
func TestClosed(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	if err := f.sim.Close(); err != nil {
		t.Fatal(err)
	}
	wantAPIError(t, describeVpcs(c), vpcapi.CodeServiceUnavailable, 503)
	if status := f.admin(t, "GET", "/_sim/state", "", nil); status != 503 {
		t.Fatalf("admin after Close answered %d", status)
	}
}
