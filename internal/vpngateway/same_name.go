package vpngateway

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/vpngw/terraform-provider-alicloud/internal/journal"
	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// checkSameName warns when the VPC of a gateway about to be created already holds one with the
// planned name that is not in this state. Most likely an earlier apply created it and was killed
// before Terraform could record it (the one gap Terraform's protocol leaves). In the working
// directory of that apply, the journal of creates in flight lets the apply adopt it, and the
// warning says so; anywhere else this warning is how the user learns its ID and imports it,
// instead of paying for two.
//
// Terraform plans the replacement of a tainted gateway, and the new half of a replacement, as a
// create with no prior state; the gateway being replaced is told from a stray one by the client's
// record of the gateways this process has met in state (Read, ModifyPlan, Update, Delete, import).
//
// Terraform plans the create half again when it applies, in a provider process of its own that
// has met no state, and a create_before_destroy replacement creates before the old gateway is
// deposed from view: there, the old gateway still stands in the VPC under the name. It differs from
// the plan in an argument that cannot change in place (that is why it is replaced), and so does any
// gateway this configuration could not adopt without replacing it: the check names only gateways
// that match the plan in those arguments, as an interrupted apply of this configuration leaves.
//
// A gateway planned without a name (nameless) has no name to look for: the API names a gateway
// created without one by its ID. The check then names the gateways of the VPC that were created
// without a name within unnamedWindow, that no state holds, and that match the plan: an
// interrupted apply of a nameless gateway leaves one of those.
//
// The lookup has a short budget of its own and ends with the plan's context. When it fails for
// the credentials or the endpoint, the plan fails with the same error an apply would meet; when it
// cannot finish for any other reason, the plan says that the check was skipped.
func (r *vpnGatewayResource) checkSameName(ctx context.Context, plan *Model, nameless bool, diags *diag.Diagnostics) {
	name, vpcID := knownString(plan.Name), knownString(plan.VpcID)
	if name == nil && nameless {
		name = new(string)
	}
	if name == nil || vpcID == nil || plan.Region.IsUnknown() {
		return
	}
	client, err := r.client.ForRegion(plan.Region.ValueString())
	if err != nil {
		diags.AddError(summary("planning", ""), err.Error())
		return
	}
	gateways, err := client.VpnGatewaysInVpc(ctx, *vpcID)
	var endpointErr *vpcclient.EndpointError
	switch {
	case err == nil:
	case vpcclient.IsCredentialError(err), errors.As(err, &endpointErr):
		diags.AddError(summary("planning", "")+": listing the gateways of "+*vpcID, providerdata.ErrorDetail(err))
		return
	default:
		diags.AddWarning(summary("planning", "")+": same-name check skipped", sameNameSkipped(ctx, *name, *vpcID, err))
		return
	}
	if *name == "" {
		warnUnnamed(r.inState, r.journal, plan, *vpcID, gateways, diags)
		return
	}
	for id, gw := range gateways {
		if dara.StringValue(gw.Name) != *name || dara.StringValue(gw.Status) == vpcapi.StatusDeleting ||
			r.inState.Holds(id) || !couldAdopt(plan, gw) {
			continue
		}
		diags.AddWarning(fmt.Sprintf("VPN Gateway %s in %s already has the name %q", id, *vpcID, *name),
			fmt.Sprintf("This plan creates a gateway named %q, and VPC %s already holds VPN Gateway %s (status %s) "+
				"under that name, which is not in this state. If an earlier apply was interrupted after the gateway "+
				"was created (the provider was killed before Terraform could record it), adopt it instead of creating "+
				"a second one:\n\n  terraform import <resource address> %s\n\nor an import block with id = %q. If another "+
				"configuration manages that gateway, this warning needs no action; nor does it if the gateway is in "+
				"this state after all, which a plan run with -refresh=false cannot tell.%s",
				*name, *vpcID, id, dara.StringValue(gw.Status), id, id, adoptedOnApply(r.journal, id)))
	}
}

// sameNameSkipped is the detail of the warning that the same-name check was skipped: it names
// the cause the lookup met, since only a lookup that ran out of time ran out of the check's budget.
func sameNameSkipped(ctx context.Context, name, vpcID string, err error) string {
	var cause string
	switch {
	case ctx.Err() != nil:
		cause = "the plan was interrupted"
	case errors.Is(err, context.DeadlineExceeded):
		cause = "listing them did not finish within the check's budget"
	default:
		cause = "listing them failed"
	}
	return fmt.Sprintf("This plan creates a gateway named %q. The provider checks that VPC %s does not already hold "+
		"one of that name, left by an interrupted apply, but could not list the VPC's gateways: %s, so the check "+
		"was skipped.\n\n%s", name, vpcID, cause, providerdata.ErrorDetail(err))
}

// adoptedOnApply is what a same-name warning adds when the journal of creates in flight names the
// gateway: the apply of a create with the same request adopts it without an import.
func adoptedOnApply(j *journal.Journal, id string) string {
	if !j.Holds(id) {
		return ""
	}
	return fmt.Sprintf("\n\nThe provider's journal of creates in flight (%s) records %s as created by an earlier apply "+
		"in this working directory that ended before Terraform could store it. If this plan's create has the arguments "+
		"and tags of that apply, applying it adopts %s without an import, instead of creating a second gateway; if "+
		"they changed since, import it as above.", j.Dir(), id, id)
}

// couldAdopt tells whether gw matches the plan in every argument the API cannot change in place
// that the plan knows: adopting it would not plan its replacement.
func couldAdopt(plan *Model, gw *vpc.DescribeVpnGatewayResponseBody) bool {
	var found Model
	found.Refresh(gw)
	for _, pair := range [][2]attr.Value{
		{plan.Bandwidth, found.Bandwidth},
		{plan.NetworkType, found.NetworkType},
		{plan.InstanceChargeType, found.InstanceChargeType},
		{plan.EnableIpsec, found.EnableIpsec},
		{plan.EnableSsl, found.EnableSsl},
		{plan.VSwitchID, found.VSwitchID},
		{plan.SslConnections, found.SslConnections},
	} {
		planned, actual := pair[0], pair[1]
		if !planned.IsNull() && !planned.IsUnknown() && !planned.Equal(actual) {
			return false
		}
	}
	return true
}

// unnamedWindow is how recent a gateway created without a name must be for the plan of a nameless
// gateway to name it: an interrupted apply is retried within minutes, and older gateways of the
// VPC are most likely another configuration's.
const unnamedWindow = time.Hour

// warnUnnamed is checkSameName for a gateway planned without a name.
func warnUnnamed(inState *providerdata.InState, j *journal.Journal, plan *Model, vpcID string, gateways map[string]*vpc.DescribeVpnGatewayResponseBody, diags *diag.Diagnostics) {
	for id, gw := range gateways {
		created := time.UnixMilli(dara.Int64Value(gw.CreateTime))
		if dara.StringValue(gw.Name) != id || time.Since(created) > unnamedWindow ||
			dara.StringValue(gw.Status) == vpcapi.StatusDeleting || inState.Holds(id) || !couldAdopt(plan, gw) {
			continue
		}
		diags.AddWarning(fmt.Sprintf("VPN Gateway %s in %s was created without a name and is in no state", id, vpcID),
			fmt.Sprintf("This plan creates a gateway without a name, and VPC %s holds VPN Gateway %s (status %s), created "+
				"without a name %s ago, which is not in this state and matches this plan. If an earlier apply was "+
				"interrupted after the gateway was created, adopt it instead of creating a second one:\n\n  terraform "+
				"import <resource address> %s\n\nor an import block with id = %q. If another configuration manages that "+
				"gateway, this warning needs no action. A name on the gateway lets this check tell yours from others.%s",
				vpcID, id, dara.StringValue(gw.Status), time.Since(created).Round(time.Second), id, id, adoptedOnApply(j, id)))
	}
}
