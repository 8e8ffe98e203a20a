package bench

import (
	"strings"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

func TestCreateLags(t *testing.T) {
	t0 := time.UnixMilli(1_800_000_000_000)
	gateways := []gateway.View{
		{VpnGatewayID: "vpn-a", ProvisionedTime: t0.UnixMilli()},
		{VpnGatewayID: "vpn-b", ProvisionedTime: t0.Add(time.Second).UnixMilli()},
		{VpnGatewayID: "vpn-unpaid"}, // never provisioned
	}
	done := []completion{
		{Action: "create", ID: "vpn-b", At: t0.Add(1750 * time.Millisecond)},
		{Action: "create", ID: "vpn-a", At: t0.Add(250 * time.Millisecond)},
		{Action: "update", ID: "vpn-a", At: t0.Add(time.Minute)},
		{Action: "create", ID: "vpn-unpaid", At: t0},
		{Action: "create", ID: "vpn-elsewhere", At: t0},
	}
	lags, unmatched := createLags(done, gateways)
	if len(lags) != 2 || lags[0] != 750*time.Millisecond || lags[1] != 250*time.Millisecond || unmatched != 2 {
		t.Fatalf("lags %v, unmatched %d", lags, unmatched)
	}
}

func TestDiffStats(t *testing.T) {
	before := vpcsim.Stats{
		Requests: map[string]map[string]int{"DescribeVpnGateway": {"200": 10, "400": 1}},
		Codes:    map[string]map[string]int{"DescribeVpnGateway": {"Throttling.User": 1}},
	}
	after := vpcsim.Stats{
		Requests: map[string]map[string]int{
			"DescribeVpnGateway": {"200": 25, "400": 4, "404": 1},
			"CreateVpnGateway":   {"200": 3, "400": 2},
		},
		Codes: map[string]map[string]int{
			"DescribeVpnGateway": {"Throttling.User": 3, "VpnGateway.Configuring": 1, "InvalidVpnGatewayInstanceId.NotFound": 1},
			"CreateVpnGateway":   {"Throttling": 1, "InvalidVpcId.NotFound": 1},
		},
	}
	c := diffStats(before, after)
	if c.ByAction["DescribeVpnGateway"] != 19 || c.ByAction["CreateVpnGateway"] != 5 || c.Total() != 24 {
		t.Fatalf("%+v", c)
	}
	// Throttled: 2 more Throttling.User and 1 Throttling; the other 400s are not throttling.
	if c.Throttled != 3 || c.Errors != 6 || c.Reads() != 19 {
		t.Fatalf("%+v", c)
	}
}

func TestMedian(t *testing.T) {
	if m := median([]time.Duration{3, 1, 2}); m != 2 {
		t.Fatal(m)
	}
	if m := median([]time.Duration{4, 1, 2, 3}); m != 2 {
		t.Fatal(m)
	}
}

func TestParseFlags(t *testing.T) {
	var errs strings.Builder
	o, err := parseFlags(nil, &errs)
	if err != nil {
		t.Fatal(err)
	}
	// The scenarios are the defaults.
	if len(o.Ns) != 3 || o.Ns[0] != 1 || o.Ns[1] != 20 || o.Ns[2] != 100 || o.ProvisionDelay != 5*time.Second ||
		o.QPS != 20 || o.Parallelism != 10 {
		t.Fatalf("%+v", o)
	}
	if o, err := parseFlags([]string{"-n", "1, 5"}, &errs); err != nil || len(o.Ns) != 2 || o.Ns[1] != 5 {
		t.Fatalf("%+v %v", o, err)
	}
	for _, bad := range [][]string{{"-n", "0"}, {"-n", "x"}, {"-parallelism", "0"}, {"-peer-provider", "x"}, {"extra"}, {"-qps", "-1"}} {
		if _, err := parseFlags(bad, &errs); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
