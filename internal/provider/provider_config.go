package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/tags"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// Environment variables the provider reads, in order of precedence for each setting: the SDK's
// ALIBABA_CLOUD_* names first, then the official alicloud provider's ALICLOUD_* names.
var (
	envRegion        = []string{"ALIBABA_CLOUD_REGION", "ALICLOUD_REGION"}
	envAccessKey     = []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALICLOUD_ACCESS_KEY"}
	envSecretKey     = []string{"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALICLOUD_SECRET_KEY"}
	envSecurityToken = []string{"ALIBABA_CLOUD_SECURITY_TOKEN", "ALICLOUD_SECURITY_TOKEN"}
	envProfile       = []string{"ALIBABA_CLOUD_PROFILE", "ALICLOUD_PROFILE"}
	envVpcEndpoint   = []string{"ALIBABA_CLOUD_ENDPOINT_VPC"}
)

type providerModel struct {
	AccessKey     types.String      `tfsdk:"access_key"`
	DefaultTags   *defaultTagsModel `tfsdk:"default_tags"`
	Endpoints     *endpointsModel   `tfsdk:"endpoints"`
	Profile       types.String      `tfsdk:"profile"`
	Protocol      types.String      `tfsdk:"protocol"`
	Region        types.String      `tfsdk:"region"`
	SecretKey     types.String      `tfsdk:"secret_key"`
	SecurityToken types.String      `tfsdk:"security_token"`
}

type defaultTagsModel struct {
	Tags types.Map `tfsdk:"tags"`
}

type endpointsModel struct {
	Vpc types.String `tfsdk:"vpc"`
}

func providerSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Manages Alibaba Cloud VPN gateways through the VPC API (version 2016-04-28). " +
			"Argument names follow the official `aliyun/alicloud` provider, so existing habits and environment " +
			"variables carry over.\n\n" +
			"Credentials are looked up in this order: `access_key` and `secret_key` (with `security_token` for an " +
			"STS key) from this block or the environment; else the Alibaba Cloud CLI profile named by `profile`; " +
			"else the default chain of the Alibaba Cloud SDK: environment, OIDC role (ACK RRSA), the CLI's current " +
			"profile in `~/.aliyun/config.json`, the ECS instance's RAM role. The provider reports missing " +
			"credentials when it is configured, before any request is sent.",
		Attributes: map[string]schema.Attribute{
			"access_key": schema.StringAttribute{
				MarkdownDescription: "AccessKey ID. Defaults to `ALIBABA_CLOUD_ACCESS_KEY_ID`, then `ALICLOUD_ACCESS_KEY`. " +
					"Requires `secret_key`.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(path.MatchRoot("secret_key"))},
			},
			"profile": schema.StringAttribute{
				MarkdownDescription: "Name of a profile in the Alibaba Cloud CLI's configuration file " +
					"(`~/.aliyun/config.json`, or the file named by `ALIBABA_CLOUD_CONFIG_FILE`). Used when no access " +
					"key is set. Defaults to `ALIBABA_CLOUD_PROFILE`, then `ALICLOUD_PROFILE`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"protocol": schema.StringAttribute{
				MarkdownDescription: "Protocol of the API requests: `HTTPS` (the default) or `HTTP`. Use `HTTP` only " +
					"with a local endpoint such as the vpcsim simulator.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(vpcclient.ProtocolHTTPS, vpcclient.ProtocolHTTP)},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Region of the resources, such as `cn-hangzhou`, unless a resource sets its own " +
					"`region`. Defaults to `ALIBABA_CLOUD_REGION`, then `ALICLOUD_REGION`; one of them is required. " +
					"A region ID: " + providerdata.RegionsDescription,
				Optional:   true,
				Validators: []validator.String{providerdata.RegionIDValidator()},
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "AccessKey secret. Defaults to `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, then " +
					"`ALICLOUD_SECRET_KEY`. Requires `access_key`. Never written to logs or state.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(path.MatchRoot("access_key"))},
			},
			"security_token": schema.StringAttribute{
				MarkdownDescription: "Security token of an STS (temporary) access key. Defaults to " +
					"`ALIBABA_CLOUD_SECURITY_TOKEN`, then `ALICLOUD_SECURITY_TOKEN`. Never written to logs or state.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
		Blocks: map[string]schema.Block{
			"default_tags": schema.SingleNestedBlock{
				MarkdownDescription: "Tags every taggable resource of this provider holds, under its own `tags`: a " +
					"key a resource also sets takes the resource's value. A resource's `tags_all` shows the merge, and " +
					"a change here updates every resource in place.",
				Attributes: map[string]schema.Attribute{
					"tags": schema.MapAttribute{
						MarkdownDescription: "The default tags. " + tags.Description + " Counted with each resource's own " +
							"tags, at most 20 per resource.",
						ElementType: types.StringType,
						Optional:    true,
						Validators:  tags.Validators(),
					},
				},
			},
			"endpoints": schema.SingleNestedBlock{
				MarkdownDescription: "Custom API endpoints, for a private endpoint or a simulator.",
				Attributes: map[string]schema.Attribute{
					"vpc": schema.StringAttribute{
						MarkdownDescription: "VPC API endpoint as `host` or `host:port`, without a scheme (see " +
							"`protocol`), such as `vpc-vpc.cn-hangzhou.aliyuncs.com` or `127.0.0.1:8790`. Defaults to " +
							"`ALIBABA_CLOUD_ENDPOINT_VPC`, then the SDK's endpoint for the region " +
							"(`vpc.aliyuncs.com` or `vpc.<region>.aliyuncs.com`).",
						Optional:   true,
						Validators: []validator.String{endpointValidator{}},
					},
				},
			},
		},
	}
}

// clientConfig merges the configuration with the environment and checks what the schema's
// validators could not see (values that come from the environment, unknown values).
func (m providerModel) clientConfig(version string) (vpcclient.Config, diag.Diagnostics) {
	var diags diag.Diagnostics
	for name, v := range map[string]types.String{
		"access_key": m.AccessKey, "profile": m.Profile, "protocol": m.Protocol, "region": m.Region,
		"secret_key": m.SecretKey, "security_token": m.SecurityToken,
	} {
		if v.IsUnknown() {
			diags.AddAttributeError(path.Root(name), "Unknown provider setting",
				fmt.Sprintf("%s is not known until apply; the provider needs it to plan. Set it to a value known at plan time.", name))
		}
	}
	var endpoint types.String
	if m.Endpoints != nil {
		endpoint = m.Endpoints.Vpc
	}
	if endpoint.IsUnknown() {
		diags.AddAttributeError(path.Root("endpoints").AtName("vpc"), "Unknown provider setting",
			"endpoints.vpc is not known until apply; the provider needs it to plan. Set it to a value known at plan time.")
	}
	if diags.HasError() {
		return vpcclient.Config{}, diags
	}

	cfg := vpcclient.Config{
		Region:          valueOrEnv(m.Region, envRegion),
		AccessKeyID:     valueOrEnv(m.AccessKey, envAccessKey),
		AccessKeySecret: valueOrEnv(m.SecretKey, envSecretKey),
		SecurityToken:   valueOrEnv(m.SecurityToken, envSecurityToken),
		Profile:         valueOrEnv(m.Profile, envProfile),
		Endpoint:        valueOrEnv(endpoint, envVpcEndpoint),
		Protocol:        m.Protocol.ValueString(),
		UserAgent:       "terraform-provider-alicloud-vpngw/" + version,
	}
	switch {
	case cfg.Region == "":
		diags.AddAttributeError(path.Root("region"), "No region",
			"The provider needs a region: set region in the provider block, or ALIBABA_CLOUD_REGION (or ALICLOUD_REGION) "+
				"in the environment, for example cn-hangzhou.")
	case !providerdata.RegionIDPattern.MatchString(cfg.Region):
		diags.AddAttributeError(path.Root("region"), "Malformed region",
			fmt.Sprintf("Region %q (region or ALIBABA_CLOUD_REGION) is not a region ID: expected one such as cn-hangzhou.", cfg.Region))
	}
	if cfg.Endpoint != "" {
		if err := vpcclient.CheckEndpoint(cfg.Endpoint); err != nil {
			diags.AddAttributeError(path.Root("endpoints").AtName("vpc"), "Malformed VPC endpoint",
				fmt.Sprintf("The VPC endpoint (endpoints.vpc or ALIBABA_CLOUD_ENDPOINT_VPC) is not usable: %v.", err))
		}
	}
	return cfg, diags
}

// defaultTags are the provider's default_tags, known at plan time: a resource's plan needs them to
// show its tags_all.
func (m providerModel) defaultTags(ctx context.Context) (map[string]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if m.DefaultTags == nil {
		return nil, diags
	}
	attr := path.Root("default_tags").AtName("tags")
	if planned, d := tags.Planned(ctx, m.DefaultTags.Tags, nil, attr); d.HasError() || planned.IsUnknown() {
		diags.Append(d...)
		if !diags.HasError() {
			diags.AddAttributeError(attr, "Unknown provider setting",
				"default_tags.tags is not known until apply; the provider needs it to plan every resource's tags_all. "+
					"Set it to values known at plan time.")
		}
		return nil, diags
	}
	return tags.FromValue(ctx, m.DefaultTags.Tags)
}

// clientError explains why vpcclient.New refused the configuration.
func clientError(err error) diag.Diagnostic {
	if errors.Is(err, vpcclient.ErrNoCredentials) {
		return diag.NewErrorDiagnostic("No usable Alibaba Cloud credentials",
			"The provider found no credentials it could use. Set one of:\n"+
				"  - access_key and secret_key (and security_token for an STS key) in the provider block;\n"+
				"  - ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (or ALICLOUD_ACCESS_KEY and "+
				"ALICLOUD_SECRET_KEY) in the environment;\n"+
				"  - profile (or ALIBABA_CLOUD_PROFILE) naming a profile of the Alibaba Cloud CLI (`aliyun configure`);\n"+
				"  - or run where an ECS RAM role or an OIDC role (ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, "+
				"ALIBABA_CLOUD_OIDC_TOKEN_FILE) is available.\n\n"+
				"Cause: "+withheldContents(err.Error()))
	}
	return diag.NewErrorDiagnostic("Invalid provider configuration", err.Error())
}

// withheldContents cuts the file contents that credentials-go quotes when it cannot parse the
// CLI's configuration: that file holds secrets.
func withheldContents(msg string) string {
	if i := strings.Index(msg, "' failed: {"); i >= 0 {
		return msg[:i] + "' failed (not valid JSON; contents withheld)"
	}
	return msg
}

func valueOrEnv(v types.String, env []string) string {
	if s := v.ValueString(); s != "" {
		return s
	}
	for _, name := range env {
		if s := os.Getenv(name); s != "" {
			return s
		}
	}
	return ""
}

var _ validator.String = endpointValidator{}

// endpointValidator accepts what vpcclient.CheckEndpoint accepts: host or host:port.
type endpointValidator struct{}

func (endpointValidator) Description(_ context.Context) string {
	return "must be host or host:port, without a scheme or path"
}

func (v endpointValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (endpointValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := vpcclient.CheckEndpoint(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Malformed Endpoint", err.Error()+".")
	}
}
