package vpngateway

import (
	"context"
	"math"
	"strconv"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/tags"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Model is the resource's data, attribute by attribute. The data sources and the list resource
// hold a found gateway in it too, filled by Refresh and RefreshTags, so that they can never read a
// gateway apart from the resource.
type Model struct {
	AutoPay                    types.Bool     `tfsdk:"auto_pay"`
	AutoPropagate              types.Bool     `tfsdk:"auto_propagate"`
	Bandwidth                  types.Int64    `tfsdk:"bandwidth"`
	BusinessStatus             types.String   `tfsdk:"business_status"`
	CreateTime                 types.String   `tfsdk:"create_time"`
	Description                types.String   `tfsdk:"description"`
	DisasterRecoveryInternetIP types.String   `tfsdk:"disaster_recovery_internet_ip"`
	DisasterRecoveryVSwitchID  types.String   `tfsdk:"disaster_recovery_vswitch_id"`
	EnableBgp                  types.Bool     `tfsdk:"enable_bgp"`
	EnableIpsec                types.Bool     `tfsdk:"enable_ipsec"`
	EnableSsl                  types.Bool     `tfsdk:"enable_ssl"`
	EndTime                    types.String   `tfsdk:"end_time"`
	ID                         types.String   `tfsdk:"id"`
	InstanceChargeType         types.String   `tfsdk:"instance_charge_type"`
	InternetIP                 types.String   `tfsdk:"internet_ip"`
	Name                       types.String   `tfsdk:"name"`
	NetworkType                types.String   `tfsdk:"network_type"`
	OrderID                    types.String   `tfsdk:"order_id"`
	Period                     types.Int64    `tfsdk:"period"`
	Region                     types.String   `tfsdk:"region"`
	ResourceGroupID            types.String   `tfsdk:"resource_group_id"`
	Spec                       types.String   `tfsdk:"spec"`
	SslConnections             types.Int64    `tfsdk:"ssl_connections"`
	SslVpnInternetIP           types.String   `tfsdk:"ssl_vpn_internet_ip"`
	Status                     types.String   `tfsdk:"status"`
	Tags                       types.Map      `tfsdk:"tags"`
	TagsAll                    types.Map      `tfsdk:"tags_all"`
	Timeouts                   timeouts.Value `tfsdk:"timeouts"`
	VpcID                      types.String   `tfsdk:"vpc_id"`
	VpnType                    types.String   `tfsdk:"vpn_type"`
	VSwitchID                  types.String   `tfsdk:"vswitch_id"`
}

// createRequest is the CreateVpnGateway request for the planned gateway. Unknown and null values
// are left out, so the API applies its own defaults to them (an unset resource group is the
// account's default one). Description, auto_propagate and tags are not parameters of
// CreateVpnGateway: Create sets them afterwards.
func (m *Model) createRequest(clientToken string) *vpc.CreateVpnGatewayRequest {
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
		ResourceGroupId:           knownString(m.ResourceGroupID),
		VpnType:                   knownString(m.VpnType),
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

// Refresh sets every attribute the API reports from gw but the tags (RefreshTags), and returns
// what it could not read. What the API cannot report stays as it was (order_id, timeouts, region)
// or, after an import, is derived (period) or defaulted (auto_pay), so that an import followed by
// a plan shows no change.
//
// An attribute that forces replacement is never set from a value the API left out or sent in a
// form no reader knows: it keeps its earlier value (after an import, the schema's default), and the
// field is reported as an unknown variant, so that an unfamiliar answer cannot destroy a gateway.
//
// It is the one mapping from the API's answer to the model: Read, the data sources and the list
// resource all read a gateway through it.
func (m *Model) Refresh(gw *vpc.DescribeVpnGatewayResponseBody) UnknownVariants {
	var unknown UnknownVariants
	m.ID = types.StringValue(dara.StringValue(gw.VpnGatewayId))
	m.VpcID = keptIfMissing(m.VpcID, gw.VpcId, "VpcId", "vpc_id", &unknown)
	m.VSwitchID = keptIfMissing(m.VSwitchID, gw.VSwitchId, "", "", &unknown)
	m.DisasterRecoveryVSwitchID = keptIfMissing(m.DisasterRecoveryVSwitchID, gw.DisasterRecoveryVSwitchId, "", "", &unknown)
	m.Name = types.StringValue(dara.StringValue(gw.Name))
	m.Description = stringOrNull(gw.Description)
	m.Status = types.StringValue(dara.StringValue(gw.Status))
	m.BusinessStatus = stringOrNull(gw.BusinessStatus)
	m.InternetIP = stringOrNull(gw.InternetIp)
	m.DisasterRecoveryInternetIP = stringOrNull(gw.DisasterRecoveryInternetIp)
	m.SslVpnInternetIP = stringOrNull(gw.SslVpnInternetIp)
	m.ResourceGroupID = stringOrKept(m.ResourceGroupID, gw.ResourceGroupId)
	m.AutoPropagate = boolOrKept(m.AutoPropagate, gw.AutoPropagate)
	m.EnableBgp = boolOrKept(m.EnableBgp, gw.EnableBgp)
	m.Spec = stringOrNull(gw.Spec)
	if bw, ok := bandwidthOf(dara.StringValue(gw.Spec)); ok {
		m.Bandwidth = types.Int64Value(bw)
	} else {
		if m.Bandwidth.IsUnknown() {
			m.Bandwidth = types.Int64Null()
		}
		unknown.add("Spec", "bandwidth", dara.StringValue(gw.Spec), m.Bandwidth.String())
	}

	m.EnableIpsec = variantRead(m.EnableIpsec, gw.IpsecVpn, switchOf, true, types.BoolValue, "IpsecVpn", "enable_ipsec", &unknown)
	m.EnableSsl = variantRead(m.EnableSsl, gw.SslVpn, switchOf, false, types.BoolValue, "SslVpn", "enable_ssl", &unknown)
	// Without SSL-VPN the API still reports a connection count (0), which no configuration could
	// set: keep it null so that imported and generated configurations stay valid.
	switch {
	case !m.EnableSsl.ValueBool():
		m.SslConnections = types.Int64Null()
	case dara.Int64Value(gw.SslMaxConnections) > 0:
		m.SslConnections = types.Int64Value(*gw.SslMaxConnections)
	default:
		if m.SslConnections.IsUnknown() {
			m.SslConnections = types.Int64Null()
		}
		unknown.add("SslMaxConnections", "ssl_connections", int64Text(gw.SslMaxConnections), m.SslConnections.String())
	}

	sentNetworkType := dara.StringValue(gw.NetworkType)
	if nt, ok := networkTypeOf(sentNetworkType); ok {
		m.NetworkType = types.StringValue(nt)
	} else {
		if m.NetworkType.IsNull() || m.NetworkType.IsUnknown() {
			// Gateways older than the parameter report none; they are public.
			m.NetworkType = types.StringValue(vpcapi.NetworkTypePublic)
		}
		if sentNetworkType != "" {
			unknown.add("NetworkType", "network_type", sentNetworkType, m.NetworkType.String())
		}
	}

	m.VpnType = variantRead(m.VpnType, gw.VpnType, vpnTypeOf, vpcapi.VpnTypeNormal, types.StringValue, "VpnType", "vpn_type", &unknown)
	m.InstanceChargeType = variantRead(m.InstanceChargeType, gw.ChargeType, chargeTypeOf, vpcapi.ChargeTypePostpay, types.StringValue,
		"ChargeType", "instance_charge_type", &unknown)
	m.CreateTime = timeOrNull(dara.Int64Value(gw.CreateTime))
	m.EndTime = types.StringNull()
	if m.InstanceChargeType.ValueString() == vpcapi.ChargeTypePrepay {
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
	return unknown
}

// RefreshTags sets tags_all to the tags the API holds (all) and tags to the gateway's own share of
// them: all but the provider's default tags (tags.Own), so that an import plans no change. The data
// sources and the list resource show a found gateway's tags through it, as Read does.
//
// A model whose tags_all is known comes from state, where no tags means none of the gateway's own;
// one without (an import, a found gateway) says nothing of which tags are its own.
func (m *Model) RefreshTags(ctx context.Context, all, defaults map[string]string) diag.Diagnostics {
	prior, diags := tags.FromValue(ctx, m.Tags)
	if prior == nil && !m.TagsAll.IsNull() && !m.TagsAll.IsUnknown() {
		prior = map[string]string{}
	}
	own := tags.Own(all, defaults, prior)
	m.TagsAll = tags.Value(all)
	// A gateway without tags of its own keeps "tags" as configured: unset (null) or an empty map.
	if len(own) == 0 && (m.Tags.IsNull() || m.Tags.IsUnknown()) {
		m.Tags = tags.Null()
	} else {
		m.Tags = tags.Value(own)
	}
	return diags
}

// stringOrKept is the API's value of an attribute that changes in place, or the earlier one when
// the API sent none.
func stringOrKept(prior types.String, sent *string) types.String {
	if dara.StringValue(sent) != "" {
		return types.StringValue(*sent)
	}
	if prior.IsUnknown() {
		return types.StringNull()
	}
	return prior
}

// boolOrKept is stringOrKept for a bool.
func boolOrKept(prior types.Bool, sent *bool) types.Bool {
	if sent != nil {
		return types.BoolValue(*sent)
	}
	if prior.IsUnknown() {
		return types.BoolNull()
	}
	return prior
}

// keptIfMissing is the API's value of an attribute that forces replacement, or the earlier one when
// the API sent none. field names the API's field when its absence is an unknown variant; "" for a field
// the API leaves out by design (a gateway created without a vSwitch has none).
func keptIfMissing(prior types.String, sent *string, field, attribute string, unknown *UnknownVariants) types.String {
	if dara.StringValue(sent) != "" {
		return types.StringValue(*sent)
	}
	if prior.IsUnknown() {
		prior = types.StringNull()
	}
	if field != "" {
		unknown.add(field, attribute, "", prior.String())
	}
	return prior
}

// variantRead is a field the API answers in several forms, read by read, or the earlier value
// (after an import, fallback, the schema's default) when the API sent none or read does not know
// the form it sent; that form is reported as an unknown variant.
func variantRead[T any, V attr.Value](prior V, sent *string, read func(string) (T, bool), fallback T, value func(T) V,
	field, attribute string, unknown *UnknownVariants) V {
	if v, ok := read(dara.StringValue(sent)); ok {
		return value(v)
	}
	if prior.IsNull() || prior.IsUnknown() {
		prior = value(fallback)
	}
	unknown.add(field, attribute, dara.StringValue(sent), prior.String())
	return prior
}

func int64Text(v *int64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatInt(*v, 10)
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

// read is refresh, with a warning for each field it could not read.
func (m *Model) read(gw *vpc.DescribeVpnGatewayResponseBody, diags *diag.Diagnostics) {
	m.Refresh(gw).Warn(diags, dara.StringValue(gw.VpnGatewayId), dara.StringValue(gw.RequestId))
}
