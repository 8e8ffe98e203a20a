package vpngateway

import (
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Every form of the dialect table in internal/vpcsim/README.md goes through Refresh and must come
// out as the state its canonical form gives, with nothing reported as an unknown variant.
func TestRefreshReadsEveryKnownForm(t *testing.T) {
	rows := []struct {
		row   string
		forms []string
		set   func(gw *vpc.DescribeVpnGatewayResponseBody, form string)
	}{
		{"ChargeType, pay-as-you-go", []string{"PostpayByFlow", "POSTPAY", "Postpay", "postpaybyflow", "PostPaid", "PayAsYouGo"},
			func(gw *vpc.DescribeVpnGatewayResponseBody, f string) { gw.ChargeType = dara.String(f) }},
		{"ChargeType, subscription", []string{"Prepay", "PREPAY", "PrePaid", "Subscription"},
			func(gw *vpc.DescribeVpnGatewayResponseBody, f string) { gw.ChargeType = dara.String(f) }},
		{"Spec", []string{"20M", "20", "20Mbps"},
			func(gw *vpc.DescribeVpnGatewayResponseBody, f string) { gw.Spec = dara.String(f) }},
		{"IpsecVpn on", []string{"enable", "Enable", "ENABLE"},
			func(gw *vpc.DescribeVpnGatewayResponseBody, f string) { gw.IpsecVpn = dara.String(f) }},
		{"IpsecVpn off", []string{"disable", "Disable"},
			func(gw *vpc.DescribeVpnGatewayResponseBody, f string) { gw.IpsecVpn = dara.String(f) }},
		{"SslVpn off", []string{"disable", "Disable"},
			func(gw *vpc.DescribeVpnGatewayResponseBody, f string) { gw.SslVpn = dara.String(f) }},
		{"NetworkType public", []string{"public", "Public", ""},
			func(gw *vpc.DescribeVpnGatewayResponseBody, f string) { gw.NetworkType = dara.String(f) }},
		{"NetworkType private", []string{"private", "Private"},
			func(gw *vpc.DescribeVpnGatewayResponseBody, f string) { gw.NetworkType = dara.String(f) }},
		{"VpnType national", []string{"NationalStandard", "nationalstandard"},
			func(gw *vpc.DescribeVpnGatewayResponseBody, f string) { gw.VpnType = dara.String(f) }},
	}
	for _, row := range rows {
		t.Run(row.row, func(t *testing.T) {
			var want Model
			for i, form := range row.forms {
				gw := describedGateway()
				row.set(gw, form)
				m := Model{ID: types.StringValue("vpn-1")}
				if unknown := m.Refresh(gw); len(unknown) > 0 {
					t.Errorf("%q: reported as an unknown variant: %+v", form, unknown)
				}
				if i == 0 {
					want = m
					continue
				}
				if diff := modelDiff(want, m); diff != "" {
					t.Errorf("%q reads differently from %q: %s", form, row.forms[0], diff)
				}
			}
		})
	}
}

// A value the API left out, or sent in a form nobody has seen, keeps what the attribute held
// (after an import, the schema's default) and is reported, for every attribute that forces
// replacement and is read from the answer.
func TestRefreshKeepsPriorValueOfUnreadableField(t *testing.T) {
	prior := func() Model {
		m := Model{ID: types.StringValue("vpn-1")}
		m.Refresh(describedGateway())
		m.EnableSsl, m.SslConnections = types.BoolValue(true), types.Int64Value(10)
		return m
	}
	cases := []struct {
		name, attribute string
		set             func(gw *vpc.DescribeVpnGatewayResponseBody)
		get             func(m Model) string
		want            string // the value kept from the prior state
		afterImport     string // the value after an import (prior attribute null)
	}{
		{"ChargeType missing", "instance_charge_type", func(gw *vpc.DescribeVpnGatewayResponseBody) { gw.ChargeType = nil },
			func(m Model) string { return m.InstanceChargeType.ValueString() }, vpcapi.ChargeTypePrepay, vpcapi.ChargeTypePostpay},
		{"ChargeType unknown", "instance_charge_type", func(gw *vpc.DescribeVpnGatewayResponseBody) { gw.ChargeType = dara.String("MonthlyByBandwidth") },
			func(m Model) string { return m.InstanceChargeType.ValueString() }, vpcapi.ChargeTypePrepay, vpcapi.ChargeTypePostpay},
		{"IpsecVpn missing", "enable_ipsec", func(gw *vpc.DescribeVpnGatewayResponseBody) { gw.IpsecVpn = nil },
			func(m Model) string { return m.EnableIpsec.String() }, "true", "true"},
		{"SslVpn unknown", "enable_ssl", func(gw *vpc.DescribeVpnGatewayResponseBody) {
			gw.SslVpn, gw.SslMaxConnections = dara.String("pending"), dara.Int64(10)
		},
			func(m Model) string { return m.EnableSsl.String() }, "true", "false"},
		{"Spec missing", "bandwidth", func(gw *vpc.DescribeVpnGatewayResponseBody) { gw.Spec = nil },
			func(m Model) string { return m.Bandwidth.String() }, "20", "<null>"},
		{"Spec unknown", "bandwidth", func(gw *vpc.DescribeVpnGatewayResponseBody) { gw.Spec = dara.String("large") },
			func(m Model) string { return m.Bandwidth.String() }, "20", "<null>"},
		{"NetworkType unknown", "network_type", func(gw *vpc.DescribeVpnGatewayResponseBody) { gw.NetworkType = dara.String("hybrid") },
			func(m Model) string { return m.NetworkType.ValueString() }, vpcapi.NetworkTypePublic, vpcapi.NetworkTypePublic},
		{"VpcId missing", "vpc_id", func(gw *vpc.DescribeVpnGatewayResponseBody) { gw.VpcId = nil },
			func(m Model) string { return m.VpcID.String() }, `"vpc-1"`, "<null>"},
		{"VpnType missing", "vpn_type", func(gw *vpc.DescribeVpnGatewayResponseBody) { gw.VpnType = nil },
			func(m Model) string { return m.VpnType.ValueString() }, vpcapi.VpnTypeNormal, vpcapi.VpnTypeNormal},
		{"VpnType unknown", "vpn_type", func(gw *vpc.DescribeVpnGatewayResponseBody) { gw.VpnType = dara.String("Quantum") },
			func(m Model) string { return m.VpnType.ValueString() }, vpcapi.VpnTypeNormal, vpcapi.VpnTypeNormal},
		{"SslMaxConnections missing", "ssl_connections", func(gw *vpc.DescribeVpnGatewayResponseBody) {
			gw.SslVpn, gw.SslMaxConnections = dara.String("enable"), nil
		}, func(m Model) string { return m.SslConnections.String() }, "10", "<null>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			gw := describedGateway()
			c.set(gw)
			m := prior()
			unknown := m.Refresh(gw)
			if got := c.get(m); got != c.want {
				t.Errorf("%s = %s after the answer, want the prior %s", c.attribute, got, c.want)
			}
			if len(unknown) != 1 || unknown[0].attribute != c.attribute {
				t.Fatalf("unknown variants = %+v, want exactly one for %s", unknown, c.attribute)
			}

			imported := Model{ID: types.StringValue("vpn-1")}
			imported.Refresh(gw)
			if got := c.get(imported); got != c.afterImport {
				t.Errorf("after an import, %s = %s, want %s", c.attribute, got, c.afterImport)
			}
		})
	}
}

func TestUnknownVariantsWarn(t *testing.T) {
	var diags diag.Diagnostics
	var unknown UnknownVariants
	unknown.add("ChargeType", "instance_charge_type", "MonthlyByBandwidth", `"POSTPAY"`)
	unknown.add("IpsecVpn", "enable_ipsec", "", "true")
	unknown.Warn(&diags, "vpn-1", "req-9")
	if diags.HasError() || diags.WarningsCount() != 2 {
		t.Fatalf("diagnostics = %v, want two warnings", diags)
	}
	first := diags[0].Summary() + " " + diags[0].Detail()
	for _, want := range []string{"vpn-1", "ChargeType", `"MonthlyByBandwidth"`, "req-9", "instance_charge_type"} {
		if !strings.Contains(first, want) {
			t.Errorf("warning %q does not name %s", first, want)
		}
	}
	if !strings.Contains(diags[1].Detail(), "no value") {
		t.Errorf("a missing field's warning does not say the API sent no value: %q", diags[1].Detail())
	}
}

// modelDiff names the attributes read from varying fields in which two models differ, "" when
// they are the same. Spec is left out: it is the API's own text, kept as it came.
func modelDiff(a, b Model) string {
	pairs := map[string][2]string{
		"bandwidth":    {a.Bandwidth.String(), b.Bandwidth.String()},
		"enable_ipsec": {a.EnableIpsec.String(), b.EnableIpsec.String()}, "enable_ssl": {a.EnableSsl.String(), b.EnableSsl.String()},
		"ssl_connections":      {a.SslConnections.String(), b.SslConnections.String()},
		"instance_charge_type": {a.InstanceChargeType.String(), b.InstanceChargeType.String()},
		"network_type":         {a.NetworkType.String(), b.NetworkType.String()},
		"end_time":             {a.EndTime.String(), b.EndTime.String()}, "period": {a.Period.String(), b.Period.String()},
		"vpc_id": {a.VpcID.String(), b.VpcID.String()}, "status": {a.Status.String(), b.Status.String()},
		"vpn_type": {a.VpnType.String(), b.VpnType.String()},
	}
	var diffs []string
	for name, p := range pairs {
		if p[0] != p[1] {
			diffs = append(diffs, name+": "+p[0]+" vs "+p[1])
		}
	}
	return strings.Join(diffs, "; ")
}
