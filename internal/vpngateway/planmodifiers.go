package vpngateway

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// activeAfterUpdate plans an in-place update of an active gateway as leaving it active: every
// update ends with a read that shows it active (a wait after a change the API acted on, and after
// a read that finds the gateway busy for a change made elsewhere). Any other status in state may
// become another, and stays unknown.
type activeAfterUpdate struct{}

func (activeAfterUpdate) Description(context.Context) string {
	return "An in-place update of an active gateway leaves it active."
}

func (m activeAfterUpdate) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (activeAfterUpdate) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	if req.StateValue.ValueString() == vpcapi.StatusActive {
		resp.PlanValue = types.StringValue(vpcapi.StatusActive)
	}
}

// nullWithoutSSL plans ssl_connections null for a gateway without SSL-VPN, as Read reports it,
// instead of a value known only after apply.
type nullWithoutSSL struct{}

func (nullWithoutSSL) Description(context.Context) string {
	return "Null when enable_ssl is false."
}

func (m nullWithoutSSL) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (nullWithoutSSL) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if !req.ConfigValue.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var enableSsl types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("enable_ssl"), &enableSsl)...)
	if !enableSsl.IsNull() && !enableSsl.IsUnknown() && !enableSsl.ValueBool() {
		resp.PlanValue = types.Int64Null()
	}
}
