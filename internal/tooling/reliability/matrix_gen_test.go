package reliability

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

func TestRequestsCapReads(t *testing.T) {
	got := Requests(map[string]int{"DescribeVpnGateway": 7, "CreateVpnGateway": 2, "ListTagResources": 1})
	var names []string
	for _, r := range got {
		names = append(names, r.String())
	}
	want := []string{"CreateVpnGateway#1", "CreateVpnGateway#2", "DescribeVpnGateway#1", "DescribeVpnGateway#2",
		"DescribeVpnGateway#3", "ListTagResources#1"}
	if !slices.Equal(names, want) {
		t.Fatalf("requests %v, want %v", names, want)
	}
}

// Cells come from the lists: a new fault kind or lifecycle adds its cells, and every kind lands
// on every request it applies to.
func TestCellsGenerated(t *testing.T) {
	l := Lifecycles()[4] // rename
	reqs := []Request{{"DescribeVpnGateway", 1}, {"ModifyVpnGatewayAttribute", 1}}
	kinds := FaultKinds()
	cells := Cells(l, reqs, kinds)
	seen := map[string]bool{}
	for _, c := range cells {
		if seen[c.Name()] {
			t.Errorf("cell %s twice", c.Name())
		}
		seen[c.Name()] = true
	}
	for _, want := range []string{"rename/ModifyVpnGatewayAttribute#1/refuse-VpnGateway.Configuring",
		"rename/ModifyVpnGatewayAttribute#1/status", "rename/DescribeVpnGateway#1/sigint", "rename/step/readLag",
		"rename/DescribeVpnGateway#1/kill", "rename/ModifyVpnGatewayAttribute#1/timeout"} {
		if !seen[want] {
			t.Errorf("no cell %s among %d", want, len(cells))
		}
	}
	for _, unwanted := range []string{"rename/DescribeVpnGateway#1/status", "rename/DescribeVpnGateway#1/refuse-VpnGateway.Configuring",
		"rename/step/hold"} {
		if seen[unwanted] {
			t.Errorf("cell %s generated", unwanted)
		}
	}
	more := append(kinds, FaultKind{Name: "new", On: onRequest})
	if got := len(Cells(l, reqs, more)); got != len(cells)+2 {
		t.Errorf("a new kind on every request added %d cells, want 2", got-len(cells))
	}
	imp := Lifecycles()[12]
	for _, c := range Cells(imp, reqs, kinds) {
		if c.Fault.Name == "timeout" {
			t.Errorf("import has no timeout, yet %s", c.Name())
		}
	}
}

func TestSampleCoversEveryLifecycleAndKind(t *testing.T) {
	ls, kinds := Lifecycles(), FaultKinds()
	cells := Sample(ls, kinds, PrimaryRequests)
	lifecycles, faults, names := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range cells {
		lifecycles[c.Lifecycle.Name], faults[c.Fault.Name] = true, true
		if names[c.Name()] {
			t.Errorf("cell %s twice", c.Name())
		}
		names[c.Name()] = true
		if !c.Fault.On(c.Request, c.Lifecycle) {
			t.Errorf("cell %s: the fault does not apply to the request", c.Name())
		}
	}
	for _, l := range ls {
		if !lifecycles[l.Name] {
			t.Errorf("lifecycle %s is not in the sample", l.Name)
		}
	}
	for _, f := range kinds {
		if !faults[f.Name] {
			t.Errorf("fault %s is not in the sample", f.Name)
		}
	}
	if len(cells) > len(ls)+len(kinds) {
		t.Errorf("the sample has %d cells", len(cells))
	}
}

func TestFaultRules(t *testing.T) {
	kinds := map[string]FaultKind{}
	for _, f := range FaultKinds() {
		kinds[f.Name] = f
	}
	r := Request{"DeleteVpnGateway", 2}
	st := kinds["status"].Faults(r)
	if len(st.Rules) != 1 || st.Rules[0].Status != "deleting" || st.Rules[0].Request != 2 || time.Duration(st.Rules[0].For) != holdFor {
		t.Errorf("status on %s: %+v", r, st)
	}
	if f := kinds["readLag"].Faults(Request{}); len(f.Rules) != 0 || time.Duration(f.ReadLag) != readLagFor {
		t.Errorf("readLag: %+v", f)
	}
	if f := kinds["kill"].Faults(r); len(f.Rules) != 0 {
		t.Errorf("kill sets rules: %+v", f)
	}
	if f := kinds["refuse-Throttling.User"].Faults(r); f.Rules[0].Code != "Throttling.User" || f.Rules[0].Kind != "refuse" {
		t.Errorf("refuse: %+v", f)
	}
}

func TestConfigHCL(t *testing.T) {
	c := Config{DefaultTags: map[string]string{"b": "2", "a": "1"},
		Gateway: Gateway{Name: "n", Bandwidth: 5, Tags: map[string]string{"env": "x"}, Prepay: true, EnableSSL: true, SSLConnections: 5}}
	hcl := c.HCL(func(extra string) string { return "provider {\n" + extra + "}\n" }, 3*time.Second)
	for _, want := range []string{`tags = { "a" = "1", "b" = "2" }`, `tags = { "env" = "x" }`, `instance_charge_type = "PREPAY"`,
		`ssl_connections = 5`, `create = "3s"`} {
		if !strings.Contains(hcl, want) {
			t.Errorf("no %s in\n%s", want, hcl)
		}
	}
}

func TestCompareState(t *testing.T) {
	v := gateway.View{VpnGatewayID: "vpn-1", RegionID: "cn-hangzhou", Name: "n", Spec: "5M", ChargeType: "PostpayByFlow",
		IpsecVpn: "enable", SslVpn: "disable", Tags: map[string]string{"a": "1"}, Status: "active", CreateTime: 1000}
	state := `{"resources":[{"mode":"managed","type":"alicloud_vpn_gateway","name":"test","instances":[{"attributes":{
		"id":"vpn-1","region":"cn-hangzhou","name":"n","bandwidth":5,"spec":"5M","instance_charge_type":"POSTPAY",
		"enable_ipsec":true,"enable_ssl":false,"ssl_connections":null,"tags_all":{"a":"1"},"tags":{"a":"1"},
		"status":"active","create_time":"1970-01-01T00:00:01Z","description":null,"timeouts":null}}]}]}`
	g, ok, err := ReadStateGateway([]byte(state), "alicloud_vpn_gateway.test")
	if err != nil || !ok || g.ID != "vpn-1" || g.Tainted {
		t.Fatalf("%+v %v %v", g, ok, err)
	}
	if d := CompareState(g, v); len(d) != 0 {
		t.Fatalf("differences: %v", d)
	}
	v.Name, v.Tags = "m", map[string]string{"a": "2"}
	g.Attrs["unknown"] = "x"
	d := CompareState(g, v)
	if len(d) != 3 || !strings.Contains(strings.Join(d, ";"), "unknown has no counterpart") {
		t.Fatalf("differences: %v", d)
	}
}
