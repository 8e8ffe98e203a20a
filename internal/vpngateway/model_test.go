package vpngateway

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/tags"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

func TestPeriodOf(t *testing.T) {
	start := time.Date(2025, time.January, 31, 10, 0, 0, 0, time.UTC)
	for _, months := range subscriptionPeriods {
		end := start.AddDate(0, int(months), 0)
		got, ok := periodOf(start.UnixMilli(), end.UnixMilli())
		if !ok || got != months {
			t.Errorf("%d months (%s to %s): periodOf = %d, %v", months, start, end, got, ok)
		}
		// The real API ends a subscription at the following midnight; that must not change the count.
		nextMidnight := end.Truncate(24 * time.Hour).Add(24 * time.Hour)
		if got, _ := periodOf(start.UnixMilli(), nextMidnight.UnixMilli()); got != months {
			t.Errorf("%d months ending at midnight: periodOf = %d", months, got)
		}
	}
	for _, c := range [][2]int64{{0, 1000}, {1000, 1000}, {2000, 1000}, {1000, 1000 + int64(time.Hour/time.Millisecond)}} {
		if got, ok := periodOf(c[0], c[1]); ok {
			t.Errorf("periodOf(%d, %d) = %d, want no period", c[0], c[1], got)
		}
	}
}

func TestBandwidthOf(t *testing.T) {
	for spec, want := range map[string]int64{"5M": 5, "10": 10, "100M": 100, "20Mbps": 20} {
		if got, ok := bandwidthOf(spec); !ok || got != want {
			t.Errorf("bandwidthOf(%q) = %d, %v; want %d", spec, got, ok, want)
		}
	}
	for _, spec := range []string{"", "M", "fast", "0M"} {
		if got, ok := bandwidthOf(spec); ok {
			t.Errorf("bandwidthOf(%q) = %d, want none", spec, got)
		}
	}
}

func describedGateway() *vpc.DescribeVpnGatewayResponseBody {
	return &vpc.DescribeVpnGatewayResponseBody{
		VpnGatewayId:      dara.String("vpn-1"),
		VpcId:             dara.String("vpc-1"),
		VSwitchId:         dara.String("vsw-1"),
		Name:              dara.String("gw"),
		Description:       dara.String(""),
		Status:            dara.String(vpcapi.StatusActive),
		BusinessStatus:    dara.String(vpcapi.BusinessStatusNormal),
		ChargeType:        dara.String("Prepay"),
		Spec:              dara.String("20M"),
		InternetIp:        dara.String("47.0.0.1"),
		CreateTime:        dara.Int64(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).UnixMilli()),
		EndTime:           dara.Int64(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).UnixMilli()),
		IpsecVpn:          dara.String("enable"),
		SslVpn:            dara.String("disable"),
		SslMaxConnections: dara.Int64(0),
		NetworkType:       dara.String(""),
		VpnType:           dara.String(vpcapi.VpnTypeNormal),
		ResourceGroupId:   dara.String("rg-acfm1"),
		AutoPropagate:     dara.Bool(true),
		EnableBgp:         dara.Bool(false),
	}
}

// After an import, Refresh alone must produce what a configuration of the gateway would plan.
func TestRefreshAfterImport(t *testing.T) {
	var m Model // as ImportState leaves it: nulls but the ID
	m.ID = types.StringValue("vpn-1")
	m.Refresh(describedGateway())

	checks := map[string][2]string{
		"bandwidth":            {m.Bandwidth.String(), "20"},
		"instance_charge_type": {m.InstanceChargeType.ValueString(), vpcapi.ChargeTypePrepay},
		"period":               {m.Period.String(), "12"},
		"auto_pay":             {m.AutoPay.String(), "false"},
		"create_time":          {m.CreateTime.ValueString(), "2025-03-01T00:00:00Z"},
		"end_time":             {m.EndTime.ValueString(), "2026-03-01T00:00:00Z"},
		"enable_ipsec":         {m.EnableIpsec.String(), "true"},
		"enable_ssl":           {m.EnableSsl.String(), "false"},
		"ssl_connections":      {m.SslConnections.String(), "<null>"},
		"network_type":         {m.NetworkType.ValueString(), vpcapi.NetworkTypePublic},
		"description":          {fmt.Sprint(m.Description.IsNull()), "true"},
		"disaster_recovery":    {fmt.Sprint(m.DisasterRecoveryVSwitchID.IsNull()), "true"},
		"order_id":             {fmt.Sprint(m.OrderID.IsNull()), "true"},
		"vpn_type":             {m.VpnType.ValueString(), vpcapi.VpnTypeNormal},
		"resource_group_id":    {m.ResourceGroupID.ValueString(), "rg-acfm1"},
		"auto_propagate":       {m.AutoPropagate.String(), "true"},
		"enable_bgp":           {m.EnableBgp.String(), "false"},
		"ssl_vpn_internet_ip":  {fmt.Sprint(m.SslVpnInternetIP.IsNull()), "true"},
		"dr_internet_ip":       {fmt.Sprint(m.DisasterRecoveryInternetIP.IsNull()), "true"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %s, want %s", name, c[0], c[1])
		}
	}
}

// What the configuration fixed and the API cannot report survives a refresh.
func TestRefreshKeepsWhatTheAPICannotReport(t *testing.T) {
	m := Model{
		Period:  types.Int64Value(3),
		AutoPay: types.BoolValue(true),
		OrderID: types.StringValue("42"),
		Region:  types.StringValue("cn-shanghai"),
	}
	gw := describedGateway()
	gw.ChargeType = dara.String("Postpay")
	m.Refresh(gw)
	if m.Period.ValueInt64() != 3 {
		t.Errorf("refresh lost a configuration-only value: period %s, want 3", m.Period)
	}
	if !m.AutoPay.ValueBool() {
		t.Errorf("refresh lost a configuration-only value: auto_pay %s, want true", m.AutoPay)
	}
	if m.OrderID.ValueString() != "42" {
		t.Errorf("refresh lost a configuration-only value: order_id %s, want 42", m.OrderID)
	}
	if m.Region.ValueString() != "cn-shanghai" {
		t.Errorf("refresh lost a configuration-only value: region %s, want cn-shanghai", m.Region)
	}
	if !m.EndTime.IsNull() {
		t.Errorf("a POSTPAY gateway has end_time %s", m.EndTime)
	}
}

func TestCreateRequest(t *testing.T) {
	m := Model{
		Region:                    types.StringValue("cn-hangzhou"),
		VpcID:                     types.StringValue("vpc-1"),
		Bandwidth:                 types.Int64Value(10),
		EnableIpsec:               types.BoolValue(true),
		EnableSsl:                 types.BoolValue(false),
		InstanceChargeType:        types.StringValue(vpcapi.ChargeTypePostpay),
		NetworkType:               types.StringValue(vpcapi.NetworkTypePublic),
		Name:                      types.StringUnknown(),
		VSwitchID:                 types.StringUnknown(),
		DisasterRecoveryVSwitchID: types.StringNull(),
		SslConnections:            types.Int64Unknown(),
		Period:                    types.Int64Null(),
		AutoPay:                   types.BoolValue(false),
	}
	req := m.createRequest("tok")
	if req.Name != nil || req.VSwitchId != nil || req.SslConnections != nil || req.DisasterRecoveryVSwitchId != nil {
		t.Errorf("unknown or null values were sent: %s", req)
	}
	if req.Period != nil || req.AutoPay != nil {
		t.Errorf("POSTPAY request carries Period or AutoPay: %s", req)
	}
	if dara.StringValue(req.ClientToken) != "tok" || dara.Int32Value(req.Bandwidth) != 10 {
		t.Errorf("request = %s", req)
	}

	m.InstanceChargeType = types.StringValue(vpcapi.ChargeTypePrepay)
	m.Period = types.Int64Value(12)
	m.AutoPay = types.BoolValue(true)
	m.SslConnections = types.Int64Value(5)
	req = m.createRequest("tok")
	if dara.Int32Value(req.Period) != 12 || !dara.BoolValue(req.AutoPay) || dara.Int32Value(req.SslConnections) != 5 {
		t.Errorf("PREPAY request = %s", req)
	}
}

func TestNullUnknowns(t *testing.T) {
	m := Model{
		ID:      types.StringValue("vpn-1"),
		Name:    types.StringUnknown(),
		Period:  types.Int64Unknown(),
		AutoPay: types.BoolUnknown(),
		Tags:    tags.Unknown(),
		TagsAll: tags.Unknown(),
	}
	nullUnknowns(&m)
	if !m.Name.IsNull() {
		t.Errorf("nullUnknowns: name %s, want null", m.Name)
	}
	if !m.Period.IsNull() {
		t.Errorf("nullUnknowns: period %s, want null", m.Period)
	}
	if !m.AutoPay.IsNull() {
		t.Errorf("nullUnknowns: auto_pay %s, want null", m.AutoPay)
	}
	if m.ID.ValueString() != "vpn-1" {
		t.Errorf("nullUnknowns: id %s, want vpn-1 kept", m.ID)
	}
	// State refuses a map without its element type.
	for name, v := range map[string]types.Map{"tags": m.Tags, "tags_all": m.TagsAll} {
		if !v.IsNull() || v.ElementType(context.Background()) == nil {
			t.Errorf("%s = %#v, want a null map of strings", name, v)
		}
	}
}

// RefreshTags: tags_all is what the API holds, tags the gateway's own share of it.
func TestRefreshTags(t *testing.T) {
	ctx := context.Background()
	defaults := map[string]string{"env": "prod", "team": "net"}
	all := map[string]string{"env": "prod", "team": "sec", "app": "vpn"}

	imported := Model{Tags: tags.Null(), TagsAll: tags.Null()}
	imported.RefreshTags(ctx, all, defaults)
	if want := tags.Value(map[string]string{"team": "sec", "app": "vpn"}); !imported.Tags.Equal(want) {
		t.Errorf("after an import tags = %v, want %v", imported.Tags, want)
	}
	if !imported.TagsAll.Equal(tags.Value(all)) {
		t.Errorf("tags_all = %v, want %v", imported.TagsAll, all)
	}

	// From state, with none of its own: a default's old value (default_tags changed since) is no
	// tag of the gateway's own.
	refreshed := Model{Tags: tags.Null(), TagsAll: tags.Value(map[string]string{"env": "prod", "team": "sec"})}
	refreshed.RefreshTags(ctx, map[string]string{"env": "prod", "team": "sec"}, defaults)
	if !refreshed.Tags.IsNull() {
		t.Errorf("after default_tags changed, tags = %v, want null", refreshed.Tags)
	}

	// No tags of its own: unset stays null, an empty map stays empty.
	for _, prior := range []types.Map{tags.Null(), tags.Value(nil)} {
		m := Model{Tags: prior}
		m.RefreshTags(ctx, map[string]string{"env": "prod"}, defaults)
		if !m.Tags.Equal(prior) {
			t.Errorf("tags %v became %v", prior, m.Tags)
		}
	}
}

func TestErrorDetail(t *testing.T) {
	apiErr := &vpcclient.APIError{
		Action: vpcapi.ActionCreateVpnGateway, Code: vpcapi.CodeQuotaFull, Message: "The quota of resource is full",
		RequestID: "REQ-1", HTTPStatus: 400,
	}
	got := providerdata.ErrorDetail(apiErr)
	for _, want := range []string{"Code: Resource.QuotaFull", "Message: The quota of resource is full", "RequestId: REQ-1", "Quota Center"} {
		if !strings.Contains(got, want) {
			t.Errorf("detail lacks %q:\n%s", want, got)
		}
	}

	wrapped := fmt.Errorf("gave up after 9 attempts: %w", &vpcclient.APIError{Code: vpcapi.CodeThrottlingUser, RequestID: "REQ-2"})
	got = providerdata.ErrorDetail(wrapped)
	for _, want := range []string{"gave up after 9 attempts", "Code: Throttling.User", "RequestId: REQ-2", "-parallelism"} {
		if !strings.Contains(got, want) {
			t.Errorf("detail lacks %q:\n%s", want, got)
		}
	}
	for _, code := range []string{vpcapi.CodeSignatureDoesNotMatch, vpcapi.CodeAccessKeyNotFound} {
		if !strings.Contains(providerdata.ErrorDetail(&vpcclient.APIError{Code: code}), "access_key and secret_key") {
			t.Errorf("%s has no credentials hint", code)
		}
	}
	if got := providerdata.ErrorDetail(errors.New("dial tcp: refused")); got != "dial tcp: refused" {
		t.Errorf("transport error detail = %q", got)
	}
}
