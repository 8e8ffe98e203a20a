package lookup

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpngateway"
)

var (
	_ datasource.DataSource              = (*vpnGatewayDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*vpnGatewayDataSource)(nil)
)

// vpnGatewayDataSource is alicloud_vpn_gateway: the one gateway that an ID or the filters match.
type vpnGatewayDataSource struct {
	pd *providerdata.Data
}

// NewVpnGatewayDataSource is the constructor of the alicloud_vpn_gateway data source, for the
// provider to register.
func NewVpnGatewayDataSource() datasource.DataSource {
	return &vpnGatewayDataSource{}
}

func (d *vpnGatewayDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_gateway"
}

// Schema is the gateway's attributes, as alicloud_vpn_gateways shows them, and the filters. A filter
// that names an attribute of the gateway (vpc_id, status, tags...) is that attribute too: optional,
// to search by it, and computed, to read it.
func (d *vpnGatewayDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := foundGatewayAttributes(ctx)
	filters := gatewayFilterAttributes()
	delete(filters, "ids")
	filters["id"] = dsschema.StringAttribute{
		MarkdownDescription: "The gateway with this ID (`vpn-...`).",
		Optional:            true,
		Validators: []validator.String{
			stringvalidator.RegexMatches(vpngateway.IDPattern, "must be a VPN gateway ID such as vpn-bp1a2b3c4d5e6f7g8h9i0"),
		},
	}
	for name, filter := range filters {
		found, ok := attrs[name]
		if !ok {
			attrs[name] = filter
			continue
		}
		attrs[name] = filterAndResult(name, filter, found)
	}
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "The one VPN gateway of a region that an `id`, or the filters of `alicloud_vpn_gateways`, " +
			"match; anything else (none, or several) is an error that gives the number found and the filters used. " +
			"Its attributes are those of `alicloud_vpn_gateways`' `gateways`, read by the same mapping as " +
			"`alicloud_vpn_gateway`.",
		Attributes: attrs,
	}
}

// filterAndResult is a filter that is also an attribute of the gateway: set, it filters; either way
// it holds the gateway's value once found.
func filterAndResult(name string, filter, found dsschema.Attribute) dsschema.Attribute {
	description := fmt.Sprintf("Filter: %s Result: %s", filter.GetMarkdownDescription(), found.GetMarkdownDescription())
	switch f := filter.(type) {
	case dsschema.StringAttribute:
		f.Computed, f.MarkdownDescription = true, description
		return f
	case dsschema.MapAttribute:
		f.Computed, f.MarkdownDescription = true, description
		return f
	}
	panic(fmt.Sprintf("filter %s is a %T, which cannot also be an attribute of the gateway", name, filter))
}

func (d *vpnGatewayDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if pd := providerdata.From(req.ProviderData, &resp.Diagnostics); pd != nil {
		d.pd = pd
	}
}

func (d *vpnGatewayDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	f, diags := readGatewayFilter(ctx, req.Config, d.pd.Client.Region())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	found, _ := searchFor(ctx, d.pd, f, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if len(found) != 1 {
		detail := fmt.Sprintf("alicloud_vpn_gateway must match exactly one VPN gateway; %d match %s.", len(found), f)
		if len(found) > 1 {
			var ids []string
			for _, g := range found {
				ids = append(ids, g.model.ID.ValueString())
			}
			detail += fmt.Sprintf(" They are %v. Narrow the filters (id, for one), or use alicloud_vpn_gateways for a list.", ids)
		} else {
			detail += " Check the filters and the region, or use alicloud_vpn_gateways, which may find none."
		}
		resp.Diagnostics.AddError(fmt.Sprintf("reading VPN Gateway: %d found", len(found)), detail)
		return
	}
	for name, v := range found[0].object.Attributes() {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(name), v)...)
	}
}
