package vpngateway

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// IDPattern is the form of a gateway ID, as the API makes them: an import, an identity and the
// data sources' id and ids filters all take this form.
var IDPattern = regexp.MustCompile(`^vpn-[0-9a-z]+$`)

// vpnGatewayIdentity is the resource identity of a gateway: its ID, unique within its region, and
// the region. Terraform 1.12 and OpenTofu 1.12 keep it in state and import by it; older CLIs never
// ask for it, and the provider sets it all the same (the framework requires it after every
// operation that returns state, whatever the CLI).
type vpnGatewayIdentity struct {
	ID     types.String `tfsdk:"id"`
	Region types.String `tfsdk:"region"`
}

func vpnGatewayIdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "ID of the gateway (vpn-...).",
			},
			"region": identityschema.StringAttribute{
				OptionalForImport: true,
				Description:       "Region of the gateway; defaults to the provider's region.",
			},
		},
	}
}

// identityOf is the identity of the gateway a model describes.
func identityOf(m *Model) vpnGatewayIdentity {
	return vpnGatewayIdentity{ID: m.ID, Region: m.Region}
}

// SetIdentity records the identity of the gateway m describes. Every method that returns state
// calls it before anything can fail or remove the resource: a CLI that keeps no identity (Terraform
// before 1.12, older OpenTofu) sends none, and the framework refuses an answer without one
// ("Missing Resource Identity After Update"). The list resource sets each result's identity with it.
func SetIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, m *Model, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, identityOf(m))...)
}

// importTarget is the gateway an import names: by an import ID, `<region>/<id>` or `<id>` (in the
// provider's region), or by an identity, whose region defaults to the provider's.
func importTarget(ctx context.Context, req resource.ImportStateRequest, providerRegion string, diags *diag.Diagnostics) (id, region string) {
	var given string
	if req.ID == "" && req.Identity != nil {
		var identity vpnGatewayIdentity
		diags.Append(req.Identity.Get(ctx, &identity)...)
		if diags.HasError() {
			return "", ""
		}
		id, region = identity.ID.ValueString(), identity.Region.ValueString()
		given = fmt.Sprintf("the identity id = %q", id)
	} else {
		given = fmt.Sprintf("the import ID %q", req.ID)
		id = req.ID
		if r, gw, ok := strings.Cut(req.ID, "/"); ok {
			region, id = r, gw
		}
	}
	if region == "" {
		region = providerRegion
	}
	if !IDPattern.MatchString(id) {
		diags.AddError(summary("importing", id),
			fmt.Sprintf("Expected a VPN gateway ID such as vpn-bp1a2b3c4d5e6f7g8h9i0, optionally after its region and a "+
				"slash (cn-hangzhou/vpn-bp1a2b3c4d5e6f7g8h9i0), or an identity with id and, optionally, region; got %s.", given))
		return "", ""
	}
	return id, region
}
