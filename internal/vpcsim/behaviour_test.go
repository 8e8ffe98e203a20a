package vpcsim_test

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

// TestClientToken: a retry with the same token gets the first answer and creates nothing; the
// same token with other parameters is refused; tokens are per action.
func TestClientToken(t *testing.T) {
	f := start(t, vpcsim.Config{})
	for _, sv := range signatureVersions {
		t.Run(sv.name, func(t *testing.T) {
			f.sim.Reset()
			c := f.client(t, sv.opt)
			req := createRequest()
			req.ClientToken = tea.String("token-" + sv.name)
			first := mustCreate(t, c, req)
			again := mustCreate(t, f.client(t, sv.opt), req)
			if tea.StringValue(again.VpnGatewayId) != tea.StringValue(first.VpnGatewayId) ||
				tea.Int64Value(again.OrderId) != tea.Int64Value(first.OrderId) || tea.StringValue(again.Name) != tea.StringValue(first.Name) {
				t.Fatalf("retry answered %+v, first %+v", again, first)
			}
			if tea.StringValue(again.RequestId) == tea.StringValue(first.RequestId) {
				t.Fatalf("a retry kept the first RequestId %s", tea.StringValue(first.RequestId))
			}
			wantRequestID(t, again.RequestId)
			if n := len(f.sim.Gateways()); n != 1 {
				t.Fatalf("%d gateways after a retried create", n)
			}

			changed := createRequest()
			changed.ClientToken, changed.Bandwidth = req.ClientToken, tea.Int32(20)
			_, err := c.CreateVpnGateway(changed)
			wantAPIError(t, err, vpcapi.CodeIdempotentParameterMismatch, 400)

			// The same token on another action is another request.
			id := tea.StringValue(first.VpnGatewayId)
			if _, err := c.ModifyVpnGatewayAttribute(&vpc.ModifyVpnGatewayAttributeRequest{
				RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(id), Name: tea.String("named"), ClientToken: req.ClientToken,
			}); err != nil {
				t.Fatalf("modify with the create's token: %v", err)
			}

			del := &vpc.DeleteVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(id), ClientToken: tea.String("del-" + sv.name)}
			for range 2 {
				if _, err := c.DeleteVpnGateway(del); err != nil {
					t.Fatalf("delete, then its retry: %v", err)
				}
			}
			if n := len(f.sim.Gateways()); n != 0 {
				t.Fatalf("%d gateways after delete", n)
			}
		})
	}
}

// TestRetryAfterFaults is the provider's retry story: a create that failed before taking effect,
// or whose answer was lost after it took effect, retried with its token, makes one gateway.
func TestRetryAfterFaults(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	req := createRequest()
	req.ClientToken = tea.String("retry-token")

	f.sim.SetFaults(vpcsim.Faults{ErrorCount: 1, Codes: []string{vpcapi.CodeServiceUnavailable}})
	_, err := c.CreateVpnGateway(req)
	wantAPIError(t, err, vpcapi.CodeServiceUnavailable, 503)
	if n := len(f.sim.Gateways()); n != 0 {
		t.Fatalf("a create that failed before taking effect made %d gateways", n)
	}

	f.sim.SetFaults(vpcsim.Faults{DropCount: 1, Actions: []string{vpcapi.ActionCreateVpnGateway}})
	if _, err := c.CreateVpnGateway(req); err == nil {
		t.Fatal("a dropped create answered")
	}
	gws := f.sim.Gateways()
	if len(gws) != 1 {
		t.Fatalf("a dropped create made %d gateways, want 1", len(gws))
	}
	retry := mustCreate(t, c, req)
	if tea.StringValue(retry.VpnGatewayId) != gws[0].VpnGatewayID || len(f.sim.Gateways()) != 1 {
		t.Fatalf("retry answered %s; gateways %v", tea.StringValue(retry.VpnGatewayId), f.sim.Gateways())
	}

	// A 500 after the effect: the gateway exists although the answer said it failed, and the
	// retry with the same token finds it.
	other := createRequest()
	other.ClientToken = tea.String("effect-token")
	f.sim.SetFaults(vpcsim.Faults{EffectErrorCount: 1, Actions: []string{vpcapi.ActionCreateVpnGateway}})
	_, err = c.CreateVpnGateway(other)
	wantAPIError(t, err, vpcapi.CodeInternalError, 500)
	gws = f.sim.Gateways()
	if len(gws) != 2 {
		t.Fatalf("a create that failed after taking effect left %d gateways, want 2", len(gws))
	}
	if again := mustCreate(t, c, other); tea.StringValue(again.VpnGatewayId) != gws[1].VpnGatewayID || len(f.sim.Gateways()) != 2 {
		t.Fatalf("retry after the late 500 answered %s; gateways %v", tea.StringValue(again.VpnGatewayId), f.sim.Gateways())
	}
	stats := f.sim.Stats().Requests[vpcapi.ActionCreateVpnGateway]
	if stats["503"] != 1 || stats["dropped"] != 1 || stats["500"] != 1 || stats["200"] != 2 {
		t.Fatalf("CreateVpnGateway stats %v", stats)
	}
}

func TestFaults(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)

	f.sim.SetFaults(vpcsim.Faults{ErrorCount: 2, Codes: []string{vpcapi.CodeThrottlingUser}, Actions: []string{vpcapi.ActionDescribeVpcs}})
	if err := describeVpcs(c); err == nil {
		t.Fatal("fault did not fire")
	} else {
		wantAPIError(t, err, vpcapi.CodeThrottlingUser, 400)
	}
	mustCreate(t, c, createRequest()) // another action: unaffected
	wantAPIError(t, describeVpcs(c), vpcapi.CodeThrottlingUser, 400)
	if err := describeVpcs(c); err != nil {
		t.Fatalf("after the count ran out: %v", err)
	}

	f.sim.SetFaults(vpcsim.Faults{ErrorRate: 1})
	for range 10 {
		_, err := c.CreateVpnGateway(createRequest())
		code, status := apiError(t, err)
		if fault := code == vpcapi.CodeInternalError && status == 500 || code == vpcapi.CodeServiceUnavailable && status == 503; !fault {
			t.Fatalf("rate fault answered %s %d", code, status)
		}
	}
	if n := len(f.sim.Gateways()); n != 1 {
		t.Fatalf("failed creates made gateways: %d", n)
	}

	// The rate is a chance per request: half of many requests fail, none of the rest.
	f.sim.SetFaults(vpcsim.Faults{ErrorRate: 0.5, Actions: []string{vpcapi.ActionDescribeVpcs}})
	failed := 0
	for range 200 {
		if describeVpcs(c) != nil {
			failed++
		}
	}
	if failed == 0 || failed == 200 {
		t.Fatalf("a 0.5 error rate failed %d of 200 requests", failed)
	}

	const latency = 100 * time.Millisecond
	f.sim.SetFaults(vpcsim.Faults{Latency: vpcsim.Duration(latency)})
	begin := time.Now()
	if err := describeVpcs(c); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(begin); took < latency {
		t.Fatalf("a request with %v latency answered in %v", latency, took)
	}

	f.sim.SetFaults(vpcsim.Faults{DropCount: 1})
	if err := describeVpcs(c); err == nil {
		t.Fatal("dropped request answered")
	}
	f.sim.SetFaults(vpcsim.Faults{})
	if err := describeVpcs(c); err != nil {
		t.Fatalf("faults cleared: %v", err)
	}
}

func TestFaultRateFromConfig(t *testing.T) {
	f := start(t, vpcsim.Config{FaultRate: 1})
	code, _ := apiError(t, describeVpcs(f.client(t)))
	if code != vpcapi.CodeInternalError && code != vpcapi.CodeServiceUnavailable {
		t.Fatalf("Config.FaultRate 1 answered %s", code)
	}
}

// TestBilling: a subscription has an end and cannot be released before it; an unpaid one waits
// for its order to be paid.
func TestBilling(t *testing.T) {
	clk := newClock()
	f := start(t, delayedConfig(clk))
	c := f.client(t)

	prepaid := createRequest()
	prepaid.InstanceChargeType, prepaid.Period, prepaid.AutoPay = tea.String(vpcapi.ChargeTypePrepay), tea.Int32(3), tea.Bool(true)
	paid := mustCreate(t, c, prepaid)
	id := tea.StringValue(paid.VpnGatewayId)
	clk.Advance(provisionDelay)
	g := mustDescribe(t, c, id)
	created := time.UnixMilli(tea.Int64Value(g.CreateTime))
	if tea.StringValue(g.ChargeType) != "Prepay" || tea.StringValue(g.Status) != vpcapi.StatusActive ||
		tea.Int64Value(g.EndTime) != created.AddDate(0, 3, 0).UnixMilli() {
		t.Fatalf("prepaid gateway: %+v", g)
	}
	wantAPIError(t, deleteGateway(c, id), vpcapi.CodeForbiddenRelease, http.StatusForbidden)
	if err := f.sim.RemoveGateway(id); err != nil {
		t.Fatalf("RemoveGateway: %v", err)
	}
	_, err := describe(t, c, id)
	wantAPIError(t, err, vpcapi.CodeVpnGatewayNotFound, 404)

	unpaidReq := createRequest()
	unpaidReq.InstanceChargeType, unpaidReq.Period = tea.String(vpcapi.ChargeTypePrepay), tea.Int32(1)
	unpaid := mustCreate(t, c, unpaidReq)
	id = tea.StringValue(unpaid.VpnGatewayId)
	clk.Advance(10 * provisionDelay)
	wantStatus(t, c, id, vpcapi.StatusInit)
	wantAPIError(t, modify(c, id, "early"), vpcapi.CodeVpnGatewayConfiguring, 400)
	var state vpcsim.StateView
	f.admin(t, "GET", "/_sim/state", "", &state)
	order := strconv.FormatInt(tea.Int64Value(unpaid.OrderId), 10)
	if len(state.Orders) != 2 || state.Orders[1].Paid || strconv.FormatInt(state.Orders[1].OrderID, 10) != order || state.Orders[1].VpnGatewayID != id {
		t.Fatalf("orders %+v", state.Orders)
	}
	if status := f.admin(t, "POST", "/_sim/orders/"+order+"/pay", "", nil); status != 200 {
		t.Fatalf("pay answered %d", status)
	}
	if status := f.admin(t, "POST", "/_sim/orders/12345/pay", "", nil); status != 404 {
		t.Fatalf("paying an unknown order answered %d", status)
	}
	wantStatus(t, c, id, vpcapi.StatusInit)
	clk.Advance(provisionDelay / 2)
	wantStatus(t, c, id, vpcapi.StatusProvisioning)
	clk.Advance(provisionDelay / 2)
	wantStatus(t, c, id, vpcapi.StatusActive)
	if err := f.sim.PayOrder(order); err != nil {
		t.Fatalf("paying twice: %v", err)
	}
}

func TestQuota(t *testing.T) {
	cfg := vpcsim.Config{Quota: 2, Networks: []network.Region{{ID: "cn-shanghai", Vpcs: []network.Vpc{{ID: "vpc-sh", CidrBlock: "10.0.0.0/8"}}}}}
	f := start(t, cfg)
	c := f.client(t)
	first := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	mustCreate(t, c, createRequest())
	_, err := c.CreateVpnGateway(createRequest())
	wantAPIError(t, err, vpcapi.CodeQuotaFull, 400)
	other := createRequest()
	other.RegionId, other.VpcId = tea.String("cn-shanghai"), tea.String("vpc-sh")
	mustCreate(t, c, other) // the quota is per region
	if err := deleteGateway(c, first); err != nil {
		t.Fatal(err)
	}
	mustCreate(t, c, createRequest())
}

// TestThrottling runs on a fixed clock, so exactly QPS requests pass per key and action.
func TestThrottling(t *testing.T) {
	clk := newClock()
	f := start(t, vpcsim.Config{QPS: 2, Now: clk.Now, AccessKeys: []vpcsim.AccessKey{
		{ID: vpcsim.DefaultAccessKeyID, Secret: vpcsim.DefaultAccessKeySecret}, {ID: "k2", Secret: "s2"},
	}})
	c := f.client(t)
	for i := range 2 {
		if err := describeVpcs(c); err != nil {
			t.Fatalf("request %d within the rate: %v", i, err)
		}
	}
	wantAPIError(t, describeVpcs(c), vpcapi.CodeThrottlingUser, 400)
	if _, err := c.DescribeVSwitches(&vpc.DescribeVSwitchesRequest{RegionId: tea.String(vpcsim.DefaultRegion)}); err != nil {
		t.Fatalf("another action is throttled: %v", err)
	}
	if err := describeVpcs(f.client(t, withKey("k2", "s2"))); err != nil {
		t.Fatalf("another key is throttled: %v", err)
	}
	clk.Advance(time.Second)
	if err := describeVpcs(c); err != nil {
		t.Fatalf("a second later: %v", err)
	}
	stats := f.sim.Stats()
	if n := stats.Requests[vpcapi.ActionDescribeVpcs]["400"]; n != 1 {
		t.Fatalf("throttled requests counted %d, want 1", n)
	}
	if n := stats.Codes[vpcapi.ActionDescribeVpcs][vpcapi.CodeThrottlingUser]; n != 1 || len(stats.Codes) != 1 {
		t.Fatalf("throttled requests counted %d by code, want 1 (and no other code): %v", n, stats.Codes)
	}
}

// TestConcurrentClients hammers one simulator from many SDK clients, both signature versions,
// with retried tokens; run it with -race. Every gateway is made once and every request counted.
func TestConcurrentClients(t *testing.T) {
	f := start(t, vpcsim.Config{Quota: 1000})
	const workers, perWorker = 16, 6
	errs := make(chan error, workers)
	for w := range workers {
		go func() {
			opts := []clientOption{acs3}
			if w%2 == 1 {
				opts = []clientOption{v1}
			}
			c := f.client(t, opts...) // an SDK client is not safe for concurrent use: one each
			errs <- func() error {
				for i := range perWorker {
					req := createRequest()
					req.ClientToken = tea.String(fmt.Sprintf("w%d-%d", w, i))
					var ids [2]string
					for try := range 2 {
						resp, err := c.CreateVpnGateway(req)
						if err != nil {
							return err
						}
						ids[try] = tea.StringValue(resp.Body.VpnGatewayId)
					}
					if ids[0] != ids[1] {
						return fmt.Errorf("token %s made %v", *req.ClientToken, ids)
					}
					if _, err := describe(t, c, ids[0]); err != nil {
						return err
					}
					if err := modify(c, ids[0], fmt.Sprintf("w%d-%d", w, i)); err != nil {
						return err
					}
					if _, err := c.DescribeVpnGateways(&vpc.DescribeVpnGatewaysRequest{RegionId: tea.String(vpcsim.DefaultRegion), PageSize: tea.Int32(50)}); err != nil {
						return err
					}
				}
				return nil
			}()
		}()
	}
	for range workers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := len(f.sim.Gateways()); n != workers*perWorker {
		t.Fatalf("%d gateways, want %d", n, workers*perWorker)
	}
	total := 0
	for _, byStatus := range f.sim.Stats().Requests {
		for status, n := range byStatus {
			if status != "200" {
				t.Errorf("%d requests answered %s", n, status)
			}
			total += n
		}
	}
	if total != workers*perWorker*5 {
		t.Fatalf("counted %d requests, want %d", total, workers*perWorker*5)
	}
}
