package lookup

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

var (
	_ datasource.DataSource              = (*vpnGatewaysDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*vpnGatewaysDataSource)(nil)
)

// vpnGatewaysDataSource is alicloud_vpn_gateways: every gateway of a region that the filters match.
type vpnGatewaysDataSource struct {
	pd *providerdata.Data
}

// NewVpnGatewaysDataSource is the constructor of the alicloud_vpn_gateways data source, for the
// provider to register.
func NewVpnGatewaysDataSource() datasource.DataSource {
	return &vpnGatewaysDataSource{}
}

func (d *vpnGatewaysDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_gateways"
}

func (d *vpnGatewaysDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := gatewayFilterAttributes()
	attrs["names"] = dsschema.ListAttribute{
		MarkdownDescription: "Names of the gateways found, in the order of `ids`.",
		ElementType:         types.StringType,
		Computed:            true,
	}
	attrs["gateways"] = dsschema.ListNestedAttribute{
		MarkdownDescription: "The gateways found, in the order of `ids`: every attribute of `alicloud_vpn_gateway` " +
			"but the ones only its configuration knows (`auto_pay`, `period`, `timeouts`) and `order_id`, which " +
			"only the create that placed the order knows; and `gateway_type`.",
		Computed:     true,
		NestedObject: dsschema.NestedAttributeObject{Attributes: foundGatewayAttributes(ctx)},
	}
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "The VPN gateways of a region that match every filter given (no filter: all of them). " +
			"It reads every page of DescribeVpnGateways, maps each gateway as `alicloud_vpn_gateway` does, and skips " +
			"the gateways of other products that share the API's lists unless `gateway_type` asks for them.",
		Attributes: attrs,
	}
}

func (d *vpnGatewaysDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := providerdata.From(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.pd = pd
	}
}

func (d *vpnGatewaysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	f, diags := readGatewayFilter(ctx, req.Config, d.pd.Client.Region())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	found, attrTypes := searchFor(ctx, d.pd, f, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ids, names, gateways := []attr.Value{}, []attr.Value{}, []attr.Value{}
	for _, g := range found {
		ids = append(ids, g.model.ID)
		names = append(names, g.model.Name)
		gateways = append(gateways, g.object)
	}
	tflog.Debug(ctx, "listed VPN gateways", map[string]interface{}{"filters": f.String(), "found": len(found)})
	for name, v := range map[string]attr.Value{
		"ids":      types.ListValueMust(types.StringType, ids),
		"names":    types.ListValueMust(types.StringType, names),
		"gateways": types.ListValueMust(types.ObjectType{AttrTypes: attrTypes}, gateways),
		"region":   types.StringValue(f.region),
	} {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
}

// shownGateway is a found gateway with its data source object.
type shownGateway struct {
	foundGateway
	object types.Object
}

// searchFor runs a data source's search to the end: the gateways found, each as an object of
// foundGatewayAttributes (whose types it returns), and a warning for each field of the resource's
// type of gateway that the mapping could not read. Another product's gateway lacks such fields by
// design, so it warns about none.
func searchFor(ctx context.Context, pd *providerdata.Data, f gatewayFilter, diags *diag.Diagnostics) ([]shownGateway, map[string]attr.Type) {
	attrTypes := foundGatewayAttrTypes(ctx)
	regional, err := pd.Client.ForRegion(f.region)
	if err != nil {
		diags.AddError(fmt.Sprintf("listing VPN Gateways in %s", f.region), err.Error())
		return nil, attrTypes
	}
	mapper := newGatewayMapper(ctx, f.region, pd.DefaultTags)
	var out []shownGateway
	for g, err := range searchGateways(ctx, regional, f, mapper) {
		if err != nil {
			diags.AddError(fmt.Sprintf("listing VPN Gateways (%s)", f), providerdata.ErrorDetail(err))
			return nil, attrTypes
		}
		if vpcclient.IsVpnGatewayType(g.gatewayType) {
			g.unknown.Warn(diags, g.model.ID.ValueString(), g.requestID)
		}
		values, d := mapper.attributes(ctx, &g)
		diags.Append(d...)
		if diags.HasError() {
			return nil, attrTypes
		}
		obj, d := types.ObjectValue(attrTypes, values)
		diags.Append(d...)
		if diags.HasError() {
			return nil, attrTypes
		}
		out = append(out, shownGateway{foundGateway: g, object: obj})
	}
	return out, attrTypes
}
