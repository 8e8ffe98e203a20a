// Package provider is the Terraform provider itself: its configuration (credentials, endpoint,
// region, default_tags), the one client it hands everything it serves (internal/providerdata), and
// the registration of the alicloud_vpn_gateway resource (internal/vpngateway), its data sources and
// its list resource (internal/vpngateway/lookup). Its tests are the end-to-end tests of the
// assembled provider, through a real Terraform CLI against vpcsim.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/vpngw/terraform-provider-alicloud/internal/journal"
	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/redact"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpngateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpngateway/lookup"
)

var (
	_ provider.Provider                  = (*alicloudProvider)(nil)
	_ provider.ProviderWithListResources = (*alicloudProvider)(nil)
)

// alicloudProvider is the provider; version is set by main from the build's ldflags.
type alicloudProvider struct {
	version     string
	redactStdio bool
}

// Option changes how the provider is served.
type Option func(*alicloudProvider)

// RedactStdio masks credentials in everything the process writes to standard output and standard
// error (see internal/redact), from the provider's configuration on. For the provider's own
// process only: the in-process tests' standard output is the test binary's.
func RedactStdio() Option {
	return func(p *alicloudProvider) { p.redactStdio = true }
}

// New returns the provider's constructor for providerserver.
func New(version string, options ...Option) func() provider.Provider {
	return func() provider.Provider {
		p := &alicloudProvider{version: version}
		for _, o := range options {
			o(p)
		}
		return p
	}
}

func (p *alicloudProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "alicloud"
	resp.Version = p.version
}

func (p *alicloudProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema()
}

// Configure builds the one VPC client every resource of this provider shares. It resolves the
// credentials and the endpoint here, so that a misconfiguration is one error now rather than one
// per resource later, and it sends no request.
func (p *alicloudProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	if p.redactStdio {
		// Before the credentials are resolved: credentials-go's own debug output prints them.
		if err := redact.Stdio(); err != nil {
			resp.Diagnostics.AddError("Configuring the provider", "Redacting standard output and standard error: "+err.Error())
			return
		}
	}
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientCfg, diags := cfg.clientConfig(p.version)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	client, err := vpcclient.New(clientCfg)
	if err != nil {
		resp.Diagnostics.Append(clientError(err))
		return
	}
	if err := client.CheckRegion(ctx, clientCfg.Region); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("region"), "Unknown region", providerdata.RegionError(err))
		return
	}
	defaultTags, diags := cfg.defaultTags(ctx)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	pd := &providerdata.Data{Client: client, DefaultTags: defaultTags, InState: &providerdata.InState{}, Journal: journal.Open()}
	resp.ResourceData, resp.DataSourceData, resp.ListResourceData = pd, pd, pd
}

func (p *alicloudProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		vpngateway.NewResource,
	}
}

func (p *alicloudProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		lookup.NewVpnGatewayDataSource,
		lookup.NewVpnGatewaysDataSource,
	}
}

func (p *alicloudProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		lookup.NewListResource,
	}
}
