package vpcsim_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

func TestDurationJSON(t *testing.T) {
	var f vpcsim.Faults
	if err := json.Unmarshal([]byte(`{"latency":"250ms"}`), &f); err != nil || time.Duration(f.Latency) != 250*time.Millisecond {
		t.Fatalf("%v %v", err, f.Latency)
	}
	b, err := json.Marshal(vpcsim.Faults{Latency: vpcsim.Duration(2 * time.Second)})
	if err != nil || string(b) != `{"latency":"2s"}` {
		t.Fatalf("%s %v", b, err)
	}
	if err := json.Unmarshal([]byte(`{"latency":true}`), &f); err == nil {
		t.Fatal("a boolean latency was accepted")
	}
}

// rules sets faults of rules alone.
func rules(f *fixture, list ...vpcsim.FaultRule) { f.sim.SetFaults(vpcsim.Faults{Rules: list}) }

// TestRuleRefuseKthRequest: a refuse rule fails exactly the request it numbers, before any effect,
// with the code and HTTP status the API answers for it; the others go through.
func TestRuleRefuseKthRequest(t *testing.T) {
	for _, tc := range []struct {
		code, want string
		status     int
	}{
		{"", vpcapi.CodeInternalError, 500},
		{vpcapi.CodeServiceUnavailable, vpcapi.CodeServiceUnavailable, 503},
		{vpcapi.CodeThrottlingUser, vpcapi.CodeThrottlingUser, 400},
		{vpcapi.CodeVpnGatewayConfiguring, vpcapi.CodeVpnGatewayConfiguring, 400},
		{vpcapi.CodeIncorrectStatus, vpcapi.CodeIncorrectStatus, 400},
		{vpcapi.CodeOperationConflict, vpcapi.CodeOperationConflict, 409},
	} {
		t.Run(tc.want, func(t *testing.T) {
			f := start(t, vpcsim.Config{})
			c := f.client(t)
			rules(f, vpcsim.FaultRule{Action: vpcapi.ActionCreateVpnGateway, Request: 2, Kind: vpcsim.FaultRefuse, Code: tc.code})
			mustCreate(t, c, createRequest())
			_, err := c.CreateVpnGateway(createRequest())
			wantAPIError(t, err, tc.want, tc.status)
			if n := len(f.sim.Gateways()); n != 1 {
				t.Fatalf("the refused create took effect: %d gateways", n)
			}
			mustCreate(t, c, createRequest())
			if n := f.sim.Stats().Effects[vpcapi.ActionCreateVpnGateway]; n != 2 {
				t.Fatalf("effects %d, want 2", n)
			}
		})
	}
}

// TestRuleKinds: effectError and drop take effect and then fail; rules apply in order, per action;
// setting the faults again restarts the request numbers; request 0 is every request.
func TestRuleKinds(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)

	rules(f,
		vpcsim.FaultRule{Action: vpcapi.ActionModifyVpnGatewayAttribute, Request: 1, Kind: vpcsim.FaultEffectError},
		vpcsim.FaultRule{Action: vpcapi.ActionModifyVpnGatewayAttribute, Kind: vpcsim.FaultDrop},
		vpcsim.FaultRule{Action: vpcapi.ActionDescribeVpcs, Kind: vpcsim.FaultRefuse, Code: vpcapi.CodeServiceUnavailable},
	)
	wantAPIError(t, modify(c, id, "first"), vpcapi.CodeInternalError, 500)
	if got := tea.StringValue(mustDescribe(t, c, id).Name); got != "first" {
		t.Fatalf("effectError: name %q, the modify did not take effect", got)
	}
	if err := modify(c, id, "second"); err == nil {
		t.Fatal("drop: the modify was answered")
	}
	if got := tea.StringValue(mustDescribe(t, c, id).Name); got != "second" {
		t.Fatalf("drop: name %q, the modify did not take effect", got)
	}
	for range 2 {
		_, err := c.DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String(vpcsim.DefaultRegion)})
		wantAPIError(t, err, vpcapi.CodeServiceUnavailable, 503)
	}

	// Setting faults again counts from 1 again: the first modify fails late once more.
	rules(f, vpcsim.FaultRule{Action: vpcapi.ActionModifyVpnGatewayAttribute, Request: 1, Kind: vpcsim.FaultEffectError})
	wantAPIError(t, modify(c, id, "third"), vpcapi.CodeInternalError, 500)
	if err := modify(c, id, "fourth"); err != nil {
		t.Fatalf("the second modify after resetting the rules: %v", err)
	}
	if n := f.sim.Stats().Effects[vpcapi.ActionModifyVpnGatewayAttribute]; n != 4 {
		t.Fatalf("modify effects %d, want 4", n)
	}
}

// TestEffectsAndRequestLog: a ClientToken replay is no effect, a refused request neither; the log
// lists every API request in arrival order with its answer and fault, and reset clears it.
func TestEffectsAndRequestLog(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	req := createRequest()
	req.ClientToken = tea.String("effects-token")
	rules(f,
		vpcsim.FaultRule{Action: vpcapi.ActionCreateVpnGateway, Request: 1, Kind: vpcsim.FaultRefuse, Code: vpcapi.CodeOperationConflict},
		vpcsim.FaultRule{Action: vpcapi.ActionCreateVpnGateway, Request: 2, Kind: vpcsim.FaultDrop},
	)
	_, err := c.CreateVpnGateway(req)
	wantAPIError(t, err, vpcapi.CodeOperationConflict, 409)
	if _, err := c.CreateVpnGateway(req); err == nil {
		t.Fatal("the dropped create was answered")
	}
	id := tea.StringValue(mustCreate(t, c, req).VpnGatewayId) // the replay of the dropped one
	mustDescribe(t, c, id)

	stats := f.sim.Stats()
	if stats.Effects[vpcapi.ActionCreateVpnGateway] != 1 || stats.Effects[vpcapi.ActionDescribeVpnGateway] != 1 {
		t.Fatalf("effects %v, want one create and one describe", stats.Effects)
	}
	want := []vpcsim.RequestEntry{
		{Seq: 1, Action: vpcapi.ActionCreateVpnGateway, Status: 409, Code: vpcapi.CodeOperationConflict, Fault: vpcsim.FaultRefuse},
		{Seq: 2, Action: vpcapi.ActionCreateVpnGateway, Status: 0, Fault: vpcsim.FaultDrop},
		{Seq: 3, Action: vpcapi.ActionCreateVpnGateway, Status: 200},
		{Seq: 4, Action: vpcapi.ActionDescribeVpnGateway, Status: 200},
	}
	var logged []vpcsim.RequestEntry
	if status := f.admin(t, "GET", "/_sim/requests", "", &logged); status != 200 || !slices.Equal(logged, want) {
		t.Fatalf("GET /_sim/requests %d:\n got %+v\nwant %+v", status, logged, want)
	}
	var asJSON []map[string]any
	f.admin(t, "GET", "/_sim/requests", "", &asJSON)
	if len(asJSON) != 4 || asJSON[2]["fault"] != "" || asJSON[2]["code"] != "" || asJSON[0]["seq"] != 1.0 {
		t.Fatalf("entries must carry every field, empty ones too: %v", asJSON)
	}
	var effects map[string]any
	f.admin(t, "GET", "/_sim/stats", "", &effects)
	if e, ok := effects["effects"].(map[string]any); !ok || e[vpcapi.ActionCreateVpnGateway] != 1.0 {
		t.Fatalf("GET /_sim/stats effects: %v", effects["effects"])
	}

	f.admin(t, "POST", "/_sim/reset", "", nil)
	if got := f.sim.Requests(); len(got) != 0 {
		t.Fatalf("reset left %d logged requests", len(got))
	}
	mustCreate(t, c, createRequest())
	if got := f.sim.Requests(); len(got) != 1 || got[0].Seq != 1 {
		t.Fatalf("after reset the log starts again at 1: %+v", got)
	}
}

// TestRulesThroughAdmin: rules travel as JSON, and a rule that cannot mean anything is refused.
func TestRulesThroughAdmin(t *testing.T) {
	f := start(t, vpcsim.Config{})
	var got vpcsim.Faults
	body := `{"rules":[{"action":"CreateVpnGateway","request":2,"kind":"hold","for":"4s"},
		{"action":"DeleteVpnGateway","kind":"status","status":"deleting","for":"1m"}],"readLag":"2s"}`
	if status := f.admin(t, "POST", "/_sim/faults", body, &got); status != 200 {
		t.Fatalf("POST /_sim/faults answered %d", status)
	}
	want := []vpcsim.FaultRule{
		{Action: vpcapi.ActionCreateVpnGateway, Request: 2, Kind: vpcsim.FaultHold, For: vpcsim.Duration(4 * time.Second)},
		{Action: vpcapi.ActionDeleteVpnGateway, Kind: vpcsim.FaultStatus, Status: "deleting", For: vpcsim.Duration(time.Minute)},
	}
	if f.admin(t, "GET", "/_sim/faults", "", &got); !slices.Equal(got.Rules, want) || time.Duration(got.ReadLag) != 2*time.Second {
		t.Fatalf("GET /_sim/faults: %+v", got)
	}
	for _, bad := range []string{
		`{"rules":[{"action":"NoSuchAction","kind":"refuse"}]}`,
		`{"rules":[{"action":"CreateVpnGateway","kind":"explode"}]}`,
		`{"rules":[{"action":"CreateVpnGateway","kind":"refuse","code":"Forbidden"}]}`,
		`{"rules":[{"action":"CreateVpnGateway","kind":"drop","code":"InternalError"}]}`,
		`{"rules":[{"action":"CreateVpnGateway","kind":"hold"}]}`,
		`{"rules":[{"action":"CreateVpnGateway","kind":"drop","for":"1s"}]}`,
		`{"rules":[{"action":"CreateVpnGateway","kind":"status","status":"active","for":"1s"}]}`,
		`{"rules":[{"action":"CreateVpnGateway","kind":"refuse","request":-1}]}`,
		`{"rules":[{"action":"CreateVpnGateway","kind":"refuse","count":1}]}`,
		`{"readLag":"-1s"}`,
	} {
		if status := f.admin(t, "POST", "/_sim/faults", bad, nil); status != 400 {
			t.Errorf("POST /_sim/faults %s answered %d, want 400", bad, status)
		}
	}
}

// impatient is a client that gives up on an answer after 100ms, and does not retry.
func impatient(c *openapiutil.Config) {
	c.HttpClient = httpDoer{&http.Client{Timeout: 100 * time.Millisecond}}
}

// TestRuleHold: a held create takes effect when it arrives and its answer waits; other requests
// are served meanwhile; a client that gives up hears nothing, and the effect stands.
func TestRuleHold(t *testing.T) {
	f := start(t, vpcsim.Config{})
	rules(f, vpcsim.FaultRule{Action: vpcapi.ActionCreateVpnGateway, Kind: vpcsim.FaultHold, For: vpcsim.Duration(time.Minute)})
	held := make(chan error, 1)
	go func() {
		_, err := f.client(t).CreateVpnGateway(createRequest())
		held <- err
	}()
	wait.For(t, "the held create takes effect on arrival", 5*time.Second, 10*time.Millisecond, func() bool { return len(f.sim.Gateways()) == 1 })
	// The held request holds no lock: the simulator goes on serving.
	patient := func(c *openapiutil.Config) { c.HttpClient = httpDoer{&http.Client{Timeout: 5 * time.Second}} }
	if _, err := f.client(t, patient).DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String(vpcsim.DefaultRegion)}); err != nil {
		t.Fatalf("DescribeVpcs while a request is held: %v", err)
	}
	select {
	case err := <-held:
		t.Fatalf("the create held for a minute was answered: %v", err)
	default:
	}

	if _, err := f.client(t, impatient).CreateVpnGateway(createRequest()); err == nil {
		t.Fatal("a create held for a minute answered a client that waits 100ms")
	}
	if n := len(f.sim.Gateways()); n != 2 {
		t.Fatalf("%d gateways, want the 2 held creates", n)
	}
	if got := f.sim.Requests(); len(got) != 3 || got[0].Fault != vpcsim.FaultHold || got[1].Status != 200 || got[2].Fault != vpcsim.FaultHold {
		t.Fatalf("log %+v", got)
	}
	f.srv.CloseClientConnections() // the first client gives up too, so that the server can stop
	if err := <-held; err == nil {
		t.Fatal("the held create answered after its connection closed")
	}
}

// TestRuleDelay: a delayed create takes effect only after its delay, and then even though its
// client went away.
func TestRuleDelay(t *testing.T) {
	f := start(t, vpcsim.Config{})
	rules(f, vpcsim.FaultRule{Action: vpcapi.ActionCreateVpnGateway, Kind: vpcsim.FaultDelay, For: vpcsim.Duration(400 * time.Millisecond)})
	if _, err := f.client(t, impatient).CreateVpnGateway(createRequest()); err == nil {
		t.Fatal("a create delayed 400ms answered a client that waits 100ms")
	}
	if n := len(f.sim.Gateways()); n != 0 {
		t.Fatalf("delayed create took effect before its delay: %d gateways", n)
	}
	wait.For(t, "the delayed create takes effect once its client is gone", 5*time.Second, 10*time.Millisecond, func() bool { return len(f.sim.Gateways()) == 1 })
	if got := f.sim.Stats().Effects[vpcapi.ActionCreateVpnGateway]; got != 1 {
		t.Fatalf("effects %d", got)
	}
}

// TestRuleStatus: a status rule holds the gateway a request created or named in a transition, with
// what the API allows there, then lets it resume its own schedule.
func TestRuleStatus(t *testing.T) {
	clk := newClock()
	f := start(t, vpcsim.Config{Now: clk.Now})
	c := f.client(t)
	hold := func(action, status string) {
		rules(f, vpcsim.FaultRule{Action: action, Kind: vpcsim.FaultStatus, Status: status, For: vpcsim.Duration(time.Minute)})
	}

	hold(vpcapi.ActionCreateVpnGateway, vpcapi.StatusInit)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	wantStatus(t, c, id, vpcapi.StatusInit)
	wantAPIError(t, modify(c, id, "busy"), vpcapi.CodeVpnGatewayConfiguring, 400)
	clk.Advance(time.Minute)
	wantStatus(t, c, id, vpcapi.StatusActive)

	hold(vpcapi.ActionModifyVpnGatewayAttribute, vpcapi.StatusUpdating)
	if err := modify(c, id, "changed"); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, c, id, vpcapi.StatusUpdating)
	wantAPIError(t, modify(c, id, "again"), vpcapi.CodeVpnGatewayConfiguring, 400)
	wantAPIError(t, deleteGateway(c, id), vpcapi.CodeVpnGatewayConfiguring, 400)
	clk.Advance(time.Minute)
	wantStatus(t, c, id, vpcapi.StatusActive)

	// A read names a gateway too: the status comes after the read's own answer.
	hold(vpcapi.ActionDescribeVpnGateway, vpcapi.StatusUpdating)
	wantStatus(t, c, id, vpcapi.StatusActive)
	wantStatus(t, c, id, vpcapi.StatusUpdating)
	clk.Advance(time.Minute)

	// With no delete delay a deleted gateway is gone at once; held, it is seen deleting.
	hold(vpcapi.ActionDeleteVpnGateway, vpcapi.StatusDeleting)
	if err := deleteGateway(c, id); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, c, id, vpcapi.StatusDeleting)
	wantAPIError(t, deleteGateway(c, id), vpcapi.CodeIncorrectStatus, 400)
	clk.Advance(time.Minute)
	_, err := describe(t, c, id)
	wantAPIError(t, err, vpcapi.CodeVpnGatewayNotFound, 404)
}
