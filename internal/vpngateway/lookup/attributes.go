// Package search is what finds VPN gateways without managing them: the alicloud_vpn_gateways and
// alicloud_vpn_gateway data sources and the alicloud_vpn_gateway list resource, with one set of
// filters and one search over DescribeVpnGateways.
//
// A gateway found by a data source or a list resource is the resource's own model of it
// (vpngateway.Model), filled by the resource's own mapping (Refresh, RefreshTags) from the same
// answer an import would read: the data sources show every attribute of the resource, so that a
// new attribute of the resource appears in them with no change here, and the two can never read a
// gateway apart.
package lookup

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	resourceschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpngateway"
)

// notFoundAttributes are the resource's attributes a found gateway lacks: timeouts is
// configuration; auto_pay and period only shape the create call and the API reports neither;
// order_id is known only to the create that placed the order.
var notFoundAttributes = []string{"auto_pay", "order_id", "period", "timeouts"}

// gatewayTypeAttribute is the one attribute of a found gateway that the resource does not have: a
// list holds gateways of every type, and only some of them are the resource's.
const gatewayTypeAttribute = "gateway_type"

const gatewayTypeDescription = "Type of the gateway, the GatewayType of the API: `" + vpcapi.GatewayTypeTraditional +
	"` for the gateways `alicloud_vpn_gateway` manages (also when the API sends none), others such as `" +
	vpcapi.GatewayTypeEnhancedSiteToSite + "` for gateways of other products."

// foundGatewayAttributes are the attributes of a found gateway, as computed data source
// attributes with the resource's descriptions.
func foundGatewayAttributes(ctx context.Context) map[string]dsschema.Attribute {
	out := map[string]dsschema.Attribute{}
	for name, a := range vpngateway.Schema(ctx).Attributes {
		if !slices.Contains(notFoundAttributes, name) {
			out[name] = computedAttribute(name, a)
		}
	}
	out[gatewayTypeAttribute] = dsschema.StringAttribute{Computed: true, MarkdownDescription: gatewayTypeDescription}
	return out
}

// computedAttribute is a resource attribute as a computed data source attribute of the same type.
// Its description loses the sentence about replacement, which means nothing to a data source.
func computedAttribute(name string, a resourceschema.Attribute) dsschema.Attribute {
	description := strings.TrimSuffix(a.GetMarkdownDescription(), vpngateway.Replaces)
	sensitive := a.IsSensitive()
	switch t := a.GetType().(type) {
	case basetypes.StringType:
		return dsschema.StringAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description}
	case basetypes.Int64Type:
		return dsschema.Int64Attribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description}
	case basetypes.Int32Type:
		return dsschema.Int32Attribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description}
	case basetypes.Float64Type:
		return dsschema.Float64Attribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description}
	case basetypes.NumberType:
		return dsschema.NumberAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description}
	case basetypes.BoolType:
		return dsschema.BoolAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description}
	case basetypes.MapType:
		return dsschema.MapAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description, ElementType: t.ElemType}
	case basetypes.ListType:
		return dsschema.ListAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description, ElementType: t.ElemType}
	case basetypes.SetType:
		return dsschema.SetAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description, ElementType: t.ElemType}
	case basetypes.ObjectType:
		return dsschema.ObjectAttribute{Computed: true, Sensitive: sensitive, MarkdownDescription: description, AttributeTypes: t.AttrTypes}
	}
	// The schema is static: TestFoundGatewayAttributesAreTheResources meets this first.
	panic(fmt.Sprintf("attribute %s of alicloud_vpn_gateway has type %s, which the data sources cannot show", name, a.GetType()))
}

// foundGatewayAttrTypes are the attribute types of a found gateway, for its object value.
func foundGatewayAttrTypes(ctx context.Context) map[string]attr.Type {
	out := map[string]attr.Type{}
	for name, a := range foundGatewayAttributes(ctx) {
		out[name] = a.GetType()
	}
	return out
}

// gatewayMapper turns the API's answers into found gateways; made once per search, as it holds
// the resource's schema.
type gatewayMapper struct {
	schema    resourceschema.Schema
	attrTypes map[string]attr.Type
	region    string
	// defaults are the provider's default_tags: tags shows a gateway's own share of its tags, as
	// the resource's state does.
	defaults map[string]string
}

func newGatewayMapper(ctx context.Context, region string, defaults map[string]string) *gatewayMapper {
	s := vpngateway.Schema(ctx)
	attrTypes := make(map[string]attr.Type, len(s.Attributes))
	for name, a := range s.Attributes {
		attrTypes[name] = a.GetType()
	}
	return &gatewayMapper{schema: s, attrTypes: attrTypes, region: region, defaults: defaults}
}

// foundGateway is a gateway a search found.
type foundGateway struct {
	model       vpngateway.Model
	gatewayType string // as the API sent it; "" for a gateway older than the field
	unknown     vpngateway.UnknownVariants
	requestID   string
}

// typeOrTraditional is a GatewayType as the data sources show it: the API answers the gateways
// older than the field without one, and they are all traditional.
func typeOrTraditional(gatewayType string) string {
	return cmp.Or(gatewayType, vpcapi.GatewayTypeTraditional)
}

// found maps one answer, its Tags field filled in (vpcclient.FillTags): the model Read would hold after
// importing the gateway (every attribute null but the region, then Refresh and RefreshTags), so
// that a list resource's full object plans clean once imported.
func (m *gatewayMapper) found(ctx context.Context, gw *vpc.DescribeVpnGatewayResponseBody, gatewayType string) (foundGateway, diag.Diagnostics) {
	g := foundGateway{gatewayType: gatewayType}
	diags := m.nullModel(ctx, &g.model)
	if diags.HasError() {
		return g, diags
	}
	g.model.Region = types.StringValue(m.region)
	g.unknown = g.model.Refresh(gw)
	if !vpcclient.IsVpnGatewayType(gatewayType) {
		unsentAsNull(&g.model, gw)
	}
	all, _ := vpcclient.TagsFromAnswer(gw.Tags)
	diags.Append(g.model.RefreshTags(ctx, all, m.defaults)...)
	if gw.RequestId != nil {
		g.requestID = *gw.RequestId
	}
	return g, diags
}

// unsentAsNull nulls the attributes of another product's gateway that its answer lacks. The
// resource's mapping gives such a field the value a gateway older than it has (status "", the
// default charge type, IPsec on): true of the resource's gateways, a claim the API never made
// about another product's.
func unsentAsNull(m *vpngateway.Model, gw *vpc.DescribeVpnGatewayResponseBody) {
	for _, f := range []struct {
		sent  *string
		clear func()
	}{
		{gw.Status, func() { m.Status = types.StringNull() }},
		{gw.ChargeType, func() { m.InstanceChargeType = types.StringNull() }},
		{gw.IpsecVpn, func() { m.EnableIpsec = types.BoolNull() }},
		{gw.SslVpn, func() { m.EnableSsl = types.BoolNull() }},
		{gw.NetworkType, func() { m.NetworkType = types.StringNull() }},
		{gw.VpnType, func() { m.VpnType = types.StringNull() }},
	} {
		if dara.StringValue(f.sent) == "" {
			f.clear()
		}
	}
}

// nullModel fills m with a null of each attribute's type (a zero types.Map, for one, has no
// element type), as the framework hands Read a state after an import.
func (m *gatewayMapper) nullModel(ctx context.Context, out *vpngateway.Model) diag.Diagnostics {
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}
	values := make(map[string]tftypes.Value, len(m.attrTypes))
	for name, t := range m.attrTypes {
		typ.AttributeTypes[name] = t.TerraformType(ctx)
		values[name] = tftypes.NewValue(typ.AttributeTypes[name], nil)
	}
	state := tfsdk.State{Schema: m.schema, Raw: tftypes.NewValue(typ, values)}
	return state.Get(ctx, out)
}

// attributes are the values of foundGatewayAttributes for g.
func (m *gatewayMapper) attributes(ctx context.Context, g *foundGateway) (map[string]attr.Value, diag.Diagnostics) {
	obj, diags := types.ObjectValueFrom(ctx, m.attrTypes, &g.model)
	if diags.HasError() {
		return nil, diags
	}
	values := maps.Clone(obj.Attributes())
	for _, name := range notFoundAttributes {
		delete(values, name)
	}
	values[gatewayTypeAttribute] = types.StringValue(typeOrTraditional(g.gatewayType))
	return values, diags
}
