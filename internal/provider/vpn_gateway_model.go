package provider

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// vpnGatewayModel is the resource's data, attribute by attribute.
type vpnGatewayModel struct {
	AutoPay                   types.Bool     `tfsdk:"auto_pay"`
	Bandwidth                 types.Int64    `tfsdk:"bandwidth"`
	BusinessStatus            types.String   `tfsdk:"business_status"`
	CreateTime                types.String   `tfsdk:"create_time"`
	Description               types.String   `tfsdk:"description"`
	DisasterRecoveryVSwitchID types.String   `tfsdk:"disaster_recovery_vswitch_id"`
	EnableIpsec               types.Bool     `tfsdk:"enable_ipsec"`
	EnableSsl                 types.Bool     `tfsdk:"enable_ssl"`
	EndTime                   types.String   `tfsdk:"end_time"`
	ID                        types.String   `tfsdk:"id"`
	InstanceChargeType        types.String   `tfsdk:"instance_charge_type"`
	InternetIP                types.String   `tfsdk:"internet_ip"`
	Name                      types.String   `tfsdk:"name"`
	NetworkType               types.String   `tfsdk:"network_type"`
	OrderID                   types.String   `tfsdk:"order_id"`
	Period                    types.Int64    `tfsdk:"period"`
	Region                    types.String   `tfsdk:"region"`
	Spec                      types.String   `tfsdk:"spec"`
	SslConnections            types.Int64    `tfsdk:"ssl_connections"`
	Status                    types.String   `tfsdk:"status"`
	Timeouts                  timeouts.Value `tfsdk:"timeouts"`
	VpcID                     types.String   `tfsdk:"vpc_id"`
	VSwitchID                 types.String   `tfsdk:"vswitch_id"`
}

// createRequest is the CreateVpnGateway request for the planned gateway. Unknown and null values
// are left out, so the API applies its own defaults to them. Description is not a parameter of
// CreateVpnGateway: Create sets it afterwards.
func (m *vpnGatewayModel) createRequest(clientToken string) *vpc.CreateVpnGatewayRequest {
	req := &vpc.CreateVpnGatewayRequest{
		ClientToken:        dara.String(clientToken),
		RegionId:           dara.String(m.Region.ValueString()),
		VpcId:              dara.String(m.VpcID.ValueString()),
		Bandwidth:          dara.Int32(int32(m.Bandwidth.ValueInt64())),
		EnableIpsec:        knownBool(m.EnableIpsec),
		EnableSsl:          knownBool(m.EnableSsl),
		InstanceChargeType: knownString(m.InstanceChargeType),
		NetworkType:        knownString(m.NetworkType),
		Name:               knownString(m.Name),
		VSwitchId:          knownString(m.VSwitchID),
		// The API takes the second vSwitch only together with the first.
		DisasterRecoveryVSwitchId: knownString(m.DisasterRecoveryVSwitchID),
	}
	if !m.SslConnections.IsNull() && !m.SslConnections.IsUnknown() {
		req.SslConnections = dara.Int32(int32(m.SslConnections.ValueInt64()))
	}
	if m.InstanceChargeType.ValueString() == vpcapi.ChargeTypePrepay {
		req.Period = dara.Int32(int32(m.Period.ValueInt64()))
		req.AutoPay = knownBool(m.AutoPay)
	}
	return req
}

// refresh sets every attribute the API reports from gw. What the API cannot report stays as it
// was (order_id, timeouts, region) or, after an import, is derived (period) or defaulted
// (auto_pay), so that an import followed by a plan shows no change.
func (m *vpnGatewayModel) refresh(gw *vpc.DescribeVpnGatewayResponseBody) {
	m.ID = types.StringValue(dara.StringValue(gw.VpnGatewayId))
	m.VpcID = types.StringValue(dara.StringValue(gw.VpcId))
	m.VSwitchID = stringOrNull(gw.VSwitchId)
	m.DisasterRecoveryVSwitchID = stringOrNull(gw.DisasterRecoveryVSwitchId)
	m.Name = types.StringValue(dara.StringValue(gw.Name))
	m.Description = stringOrNull(gw.Description)
	m.Status = types.StringValue(dara.StringValue(gw.Status))
	m.BusinessStatus = stringOrNull(gw.BusinessStatus)
	m.InternetIP = stringOrNull(gw.InternetIp)
	m.Spec = stringOrNull(gw.Spec)
	if bw, ok := bandwidthOf(dara.StringValue(gw.Spec)); ok {
		m.Bandwidth = types.Int64Value(bw)
	}
	m.EnableIpsec = types.BoolValue(dara.StringValue(gw.IpsecVpn) == "enable")
	m.EnableSsl = types.BoolValue(dara.StringValue(gw.SslVpn) == "enable")
	// Without SSL-VPN the API still reports a connection count (0), which no configuration could
	// set: keep it null so that imported and generated configurations stay valid.
	m.SslConnections = types.Int64Null()
	if m.EnableSsl.ValueBool() {
		m.SslConnections = types.Int64Value(dara.Int64Value(gw.SslMaxConnections))
	}
	if nt := dara.StringValue(gw.NetworkType); nt != "" {
		m.NetworkType = types.StringValue(nt)
	} else if m.NetworkType.IsNull() || m.NetworkType.IsUnknown() {
		// Gateways older than the parameter report none; they are public.
		m.NetworkType = types.StringValue(vpcapi.NetworkTypePublic)
	}

	// DescribeVpnGateway answers Prepay/Postpay where CreateVpnGateway takes PREPAY/POSTPAY.
	chargeType := strings.ToUpper(dara.StringValue(gw.ChargeType))
	m.InstanceChargeType = types.StringValue(chargeType)
	m.CreateTime = timeOrNull(dara.Int64Value(gw.CreateTime))
	m.EndTime = types.StringNull()
	if chargeType == vpcapi.ChargeTypePrepay {
		m.EndTime = timeOrNull(dara.Int64Value(gw.EndTime))
		if m.Period.IsNull() {
			if p, ok := periodOf(dara.Int64Value(gw.CreateTime), dara.Int64Value(gw.EndTime)); ok {
				m.Period = types.Int64Value(p)
			}
		}
	}
	if m.AutoPay.IsNull() || m.AutoPay.IsUnknown() {
		m.AutoPay = types.BoolValue(false)
	}
	if m.OrderID.IsUnknown() {
		m.OrderID = types.StringNull()
	}
}

// bandwidthOf reads the bandwidth in Mbit/s from a Spec such as "10M" (or "10").
func bandwidthOf(spec string) (int64, bool) {
	digits := strings.TrimRightFunc(spec, func(r rune) bool { return r < '0' || r > '9' })
	bw, err := strconv.ParseInt(digits, 10, 64)
	return bw, err == nil && bw > 0
}

// periodOf is the subscription length in whole months between two API timestamps (milliseconds),
// rounded to the nearest month, so that day-length differences between months do not matter.
func periodOf(createMillis, endMillis int64) (int64, bool) {
	if createMillis <= 0 || endMillis <= createMillis {
		return 0, false
	}
	const averageMonth = 365.2425 / 12 * 24 * float64(time.Hour)
	months := math.Round(float64(time.Duration(endMillis-createMillis)*time.Millisecond) / averageMonth)
	return int64(months), months >= 1
}

// knownString is v for a request: nil when null, unknown or empty, so the API's default applies.
func knownString(v types.String) *string {
	if v.IsNull() || v.IsUnknown() || v.ValueString() == "" {
		return nil
	}
	return dara.String(v.ValueString())
}

func knownBool(v types.Bool) *bool {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	return dara.Bool(v.ValueBool())
}

func timeOrNull(millis int64) types.String {
	if millis <= 0 {
		return types.StringNull()
	}
	return types.StringValue(time.UnixMilli(millis).UTC().Format(time.RFC3339))
}

func stringOrNull(s *string) types.String {
	if dara.StringValue(s) == "" {
		return types.StringNull()
	}
	return types.StringValue(*s)
}
