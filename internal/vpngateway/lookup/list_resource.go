package lookup

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpngateway"
)

var (
	_ list.ListResource              = (*vpnGatewayListResource)(nil)
	_ list.ListResourceWithConfigure = (*vpnGatewayListResource)(nil)
)

// vpnGatewayListResource lists the gateways of a region for `terraform query`, which adopts them in
// bulk: each result carries the gateway's identity and, with include_resource, the object an import
// followed by a read would hold, so that the configuration Terraform generates from it plans with
// no change once imported.
type vpnGatewayListResource struct {
	pd *providerdata.Data
}

// NewListResource is the constructor of the alicloud_vpn_gateway list resource, for the provider to
// register.
func NewListResource() list.ListResource {
	return &vpnGatewayListResource{}
}

func (l *vpnGatewayListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_gateway"
}

func (l *vpnGatewayListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "The VPN gateways of a region that `alicloud_vpn_gateway` manages and that match every " +
			"filter given, with the filters of the `alicloud_vpn_gateways` data source (gateways of other products are " +
			"never listed: the resource cannot manage them). Each result is named `<name> (<id>)` and carries the " +
			"gateway's identity.",
		Attributes: listFilterAttributes(),
	}
}

func (l *vpnGatewayListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := providerdata.From(req.ProviderData, &resp.Diagnostics); pd != nil {
		l.pd = pd
	}
}

// List streams the results as the pages come, and stops asking for pages once Terraform has as
// many results as its limit.
func (l *vpnGatewayListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	f, diags := readGatewayFilter(ctx, req.Config, l.pd.Client.Region())
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	client, err := l.pd.Client.ForRegion(f.region)
	if err != nil {
		var d diag.Diagnostics
		d.AddError(fmt.Sprintf("listing VPN Gateways in %s", f.region), err.Error())
		stream.Results = list.ListResultsStreamDiagnostics(d)
		return
	}
	mapper := newGatewayMapper(ctx, f.region, l.pd.DefaultTags)
	stream.Results = func(push func(list.ListResult) bool) {
		var pushed int64
		for g, err := range searchGateways(ctx, client, f, mapper) {
			result := req.NewListResult(ctx)
			if err != nil {
				result.Diagnostics.AddError(fmt.Sprintf("listing VPN Gateways (%s)", f), providerdata.ErrorDetail(err))
				push(result)
				return
			}
			id := g.model.ID.ValueString()
			result.DisplayName = fmt.Sprintf("%s (%s)", g.model.Name.ValueString(), id)
			vpngateway.SetIdentity(ctx, result.Identity, &g.model, &result.Diagnostics)
			if req.IncludeResource {
				g.unknown.Warn(&result.Diagnostics, id, g.requestID)
				result.Diagnostics.Append(result.Resource.Set(ctx, &g.model)...)
			}
			if !push(result) {
				return
			}
			if pushed++; req.Limit > 0 && pushed >= req.Limit {
				return
			}
		}
	}
}
