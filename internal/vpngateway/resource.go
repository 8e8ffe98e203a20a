// Package vpngateway is the alicloud_vpn_gateway resource: its schema and plan-time rules, its
// create, read, update, delete and import, the waiters and finders they use, and the one mapping
// from the API's answer to the resource's model (Model.Refresh, Model.RefreshTags), which the data
// sources and the list resource (internal/vpngateway/lookup) read gateways through as well.
// Everything that talks to the API goes through internal/vpcclient.
package vpngateway

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpngw/terraform-provider-alicloud/internal/journal"
	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/tags"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

var (
	_ resource.ResourceWithUpgradeState     = (*vpnGatewayResource)(nil)
	_ resource.Resource                     = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithConfigure        = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithConfigValidators = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithIdentity         = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithImportState      = (*vpnGatewayResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*vpnGatewayResource)(nil)
)

// ordersURL is where the console lists orders to pay.
const ordersURL = "https://usercenter2.aliyun.com/order/list"

// vpnGatewayResource manages one alicloud_vpn_gateway.
type vpnGatewayResource struct {
	// client is the provider's; its ForRegion serves gateways in other regions.
	client *vpcclient.Client
	// defaultTags are the provider's default_tags.
	defaultTags map[string]string
	// inState is what this provider process has met in Terraform's state.
	inState *providerdata.InState
	// journal keeps the creates in flight in Terraform's data directory; nil keeps none.
	journal *journal.Journal
}

// NewResource is the constructor of alicloud_vpn_gateway, for the provider to register.
func NewResource() resource.Resource {
	return &vpnGatewayResource{}
}

func (r *vpnGatewayResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vpn_gateway"
}

// Create sends one CreateVpnGateway, whose ClientToken every retry reuses, and sees it through to
// its answer even when the apply is interrupted or times out meanwhile; it puts the new ID and
// order ID in state at once, and waits for the gateway to become active; then it tags the gateway
// and sets what CreateVpnGateway cannot take (description, auto_propagate). From the moment the
// API answers, any failure leaves the gateway in state (see failCreated): never a gateway that no
// state knows about.
func (r *vpnGatewayResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan Model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.Region.IsUnknown() || plan.Region.IsNull() {
		plan.Region = types.StringValue(r.client.Region())
	}
	client, err := r.client.ForRegion(plan.Region.ValueString())
	if err != nil {
		resp.Diagnostics.AddError(summary("creating", ""), err.Error())
		return
	}
	desired, diags := desiredTags(ctx, &plan, r.defaultTags)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}

	// The journal key covers what the create sets besides the request, so that a create left by an
	// ended process is finished only by one that would set the same gateway up.
	request := plan.createRequest("")
	request.ClientToken = nil
	key, err := r.journal.Key(client.Endpoint(), struct {
		Request       *vpc.CreateVpnGatewayRequest
		Tags          map[string]string
		Description   types.String
		AutoPropagate types.Bool
	}{request, desired, plan.Description, plan.AutoPropagate})
	if err != nil {
		resp.Diagnostics.AddError(summary("creating", ""), err.Error())
		return
	}
	start, err := launch(ctx, client, r.journal, key, request)
	if err != nil {
		resp.Diagnostics.AddError(summary("creating", ""), providerdata.ErrorDetail(err))
		return
	}
	out := start.out
	id := dara.StringValue(out.VpnGatewayId)
	ctx = tflog.SetField(ctx, "vpn_gateway_id", id)
	r.inState.Note(id)
	if start.adopted {
		resp.Diagnostics.AddWarning(summary("creating", id)+": adopted a gateway an earlier apply created",
			fmt.Sprintf("An earlier apply in this working directory created VPN Gateway %s with this same request and "+
				"ended before Terraform could store it (its provider process was killed or crashed). The provider's "+
				"journal of creates in flight (%s) recorded it, so this apply adopts it instead of creating a second "+
				"gateway, and finishes its create.", id, r.journal.Dir()))
	}
	plan.ID = types.StringValue(id)
	plan.OrderID = types.StringNull()
	if out.OrderId != nil {
		plan.OrderID = types.StringValue(strconv.FormatInt(*out.OrderId, 10))
	}
	tflog.Info(ctx, "created VPN Gateway", map[string]interface{}{"order_id": plan.OrderID.ValueString()})
	// CreateVpnGateway takes no tags: the new gateway holds none until tagged below.
	plan.TagsAll = tags.Value(nil)
	nullUnknowns(&plan)
	SetIdentity(ctx, resp.Identity, &plan, &resp.Diagnostics)
	// What ModifyVpnGatewayAttribute sets once the gateway is active: null when unset.
	description, autoPropagate := plan.Description, plan.AutoPropagate
	// Create sets the state after each step that changes the gateway (created, active, tagged,
	// described), not once at the end: Terraform stores whatever state Create returns with an error,
	// so a failure at any later step leaves state holding the gateway as far as it got, and the
	// next apply finishes it instead of leaking it.
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.InstanceChargeType.ValueString() == vpcapi.ChargeTypePrepay && !plan.AutoPay.ValueBool() {
		r.createUnpaid(ctx, client, &plan, desired, resp)
		return
	}

	gw, err := waitVpnGatewayActive(ctx, client, id, opCreate)
	if err != nil {
		failCreated(&plan, resp, summary("waiting for", id)+" to become active", providerdata.ErrorDetail(err))
		return
	}
	plan.read(gw, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !r.tagCreated(ctx, client, &plan, desired, resp) {
		return
	}

	// CreateVpnGateway takes no description and no auto_propagate: they are set once the gateway
	// is active, in one change.
	change := &vpc.ModifyVpnGatewayAttributeRequest{}
	if !description.IsNull() && !description.Equal(plan.Description) {
		change.Description = dara.String(description.ValueString())
	}
	if ap := knownBool(autoPropagate); ap != nil && !autoPropagate.Equal(plan.AutoPropagate) {
		change.AutoPropagate = ap
	}
	if change.Description == nil && change.AutoPropagate == nil {
		return
	}
	gw, err = r.modify(ctx, client, id, change)
	if err != nil {
		failCreated(&plan, resp, summary("setting the description and auto_propagate of", id), providerdata.ErrorDetail(err))
		return
	}
	plan.read(gw, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// tagCreated tags a gateway just created with desired, and records them in state; false when it
// failed (the error is in resp).
func (r *vpnGatewayResource) tagCreated(ctx context.Context, client *vpcclient.Client, plan *Model, desired map[string]string, resp *resource.CreateResponse) bool {
	if len(desired) == 0 {
		return true
	}
	id := plan.ID.ValueString()
	if err := updateVpnGatewayTags(ctx, client, id, nil, desired); err != nil {
		failCreated(plan, resp, summary("tagging", id), providerdata.ErrorDetail(err))
		return false
	}
	plan.TagsAll = tags.Value(desired)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	return !resp.Diagnostics.HasError()
}

// createUnpaid finishes the create of a PREPAY gateway whose order waits to be paid: no wait, a
// read for what the API already reports, and a warning that says where to pay. Such a gateway has
// no description to set: the configuration validators refuse one, since the API changes nothing on
// an unpaid gateway.
func (r *vpnGatewayResource) createUnpaid(ctx context.Context, client *vpcclient.Client, plan *Model, desired map[string]string, resp *resource.CreateResponse) {
	id := plan.ID.ValueString()
	gw, err := findVpnGatewayByID(ctx, client, id)
	if err != nil {
		failCreated(plan, resp, summary("reading", id), providerdata.ErrorDetail(err))
		return
	}
	plan.read(gw, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Tags belong to the resource, not to its order: an unpaid gateway takes them too.
	if !r.tagCreated(ctx, client, plan, desired, resp) {
		return
	}
	detail := fmt.Sprintf("Order %s of this PREPAY gateway is not paid (auto_pay = false), so the gateway stays in "+
		"status %s and Terraform did not wait for it. Pay the order in the Alibaba Cloud console under Expenses > "+
		"Orders (%s); the gateway is then provisioned, and a later refresh shows it %s. To pay from the account's "+
		"balance at creation instead, set auto_pay = true.",
		plan.OrderID.ValueString(), plan.Status.ValueString(), ordersURL, vpcapi.StatusActive)
	resp.Diagnostics.AddWarning(summary("paying for", id)+": order "+plan.OrderID.ValueString()+" awaits payment", detail)
}

// Read refreshes the gateway from DescribeVpnGateway, or from a DescribeVpnGateways list when many
// reads run at once (a large refresh); "not found" always comes from DescribeVpnGateway. A gateway deleted outside Terraform leaves
// state with a warning, and the next plan proposes to create it.
func (r *vpnGatewayResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state Model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.Region.IsNull() || state.Region.ValueString() == "" {
		// Imported by an earlier version of this provider, which took the provider's region.
		state.Region = types.StringValue(r.client.Region())
	}
	// Before the read: a state written without identity (an older provider or CLI) needs it even
	// when the gateway is gone and the resource leaves state.
	SetIdentity(ctx, resp.Identity, &state, &resp.Diagnostics)
	id := state.ID.ValueString()
	ctx, client := r.gatewayClient(ctx, &state, "reading", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	gw, err := findVpnGatewayForRefresh(ctx, client, id, state.VpcID.ValueString())
	if errors.Is(err, vpcclient.ErrVpnGatewayNotFound) {
		resp.Diagnostics.AddWarning(summary("reading", id)+": not found",
			fmt.Sprintf("VPN Gateway %s no longer exists in %s; it was deleted outside Terraform. It is removed from "+
				"state, and the next plan proposes to create it again.", id, state.Region.ValueString()))
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError(summary("reading", id), providerdata.ErrorDetail(err))
		return
	}
	all, err := findVpnGatewayTags(ctx, client, gw)
	if err != nil {
		resp.Diagnostics.AddError(summary("reading the tags of", id), providerdata.ErrorDetail(err))
		return
	}
	state.read(gw, &resp.Diagnostics)
	resp.Diagnostics.Append(state.RefreshTags(ctx, all, r.defaultTags)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes the gateway in place: its resource group (MoveVpnResourceGroup), then its tags
// (untag, then tag), while it is still active; then its name, description and auto_propagate
// through ModifyVpnGatewayAttribute, waiting until it is active again. Changes to auto_pay and
// period send nothing: they only matter at creation.
func (r *vpnGatewayResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state Model
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The CLIs that keep no identity send none with the plan; the gateway's is the state's.
	SetIdentity(ctx, resp.Identity, &state, &resp.Diagnostics)
	ctx, cancel := withTimeout(ctx, plan.Timeouts.Update, defaultUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	id := state.ID.ValueString()
	ctx, client := r.gatewayClient(ctx, &state, "updating", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	// A move is done once a read shows the gateway in its new group.
	var moved []func(*vpc.DescribeVpnGatewayResponseBody) bool
	if group := knownString(plan.ResourceGroupID); group != nil && !plan.ResourceGroupID.Equal(state.ResourceGroupID) {
		if err := moveVpnGatewayResourceGroup(ctx, client, id, *group); err != nil {
			resp.Diagnostics.AddError(summary("moving", id)+" to resource group "+*group, providerdata.ErrorDetail(err))
			return
		}
		moved = append(moved, showsGroup(*group))
	}
	current, diags := tags.FromValue(ctx, state.TagsAll)
	resp.Diagnostics.Append(diags...)
	desired, diags := desiredTags(ctx, &plan, r.defaultTags)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := updateVpnGatewayTags(ctx, client, id, current, desired); err != nil {
		resp.Diagnostics.AddError(summary("tagging", id), providerdata.ErrorDetail(err))
		return
	}

	change := &vpc.ModifyVpnGatewayAttributeRequest{}
	if name := knownString(plan.Name); name != nil && !plan.Name.Equal(state.Name) {
		change.Name = name
	}
	if description := knownString(plan.Description); description != nil && !plan.Description.Equal(state.Description) {
		change.Description = description
	}
	if ap := knownBool(plan.AutoPropagate); ap != nil && !plan.AutoPropagate.Equal(state.AutoPropagate) {
		change.AutoPropagate = ap
	}
	var (
		gw  *vpc.DescribeVpnGatewayResponseBody
		err error
	)
	switch {
	case change.Name != nil || change.Description != nil || change.AutoPropagate != nil:
		gw, err = r.modify(ctx, client, id, change, moved...)
		if err != nil {
			resp.Diagnostics.AddError(summary("updating", id), providerdata.ErrorDetail(err))
			return
		}
	case len(moved) > 0:
		gw, err = waitVpnGatewayActive(ctx, client, id, opModify, moved...)
		if err != nil {
			resp.Diagnostics.AddError(summary("moving", id), "The move was accepted, but "+providerdata.ErrorDetail(err))
			return
		}
	default:
		// Nothing the API can change: read, so the computed values in state are fresh.
		gw, err = readAfterUpdate(ctx, client, id, plan.Status)
		if err != nil {
			resp.Diagnostics.AddError(summary("reading", id), providerdata.ErrorDetail(err))
			return
		}
	}
	// The plan kept the payment status: no update changes it, and one that billing changes in the
	// meantime shows at the next refresh instead of failing this apply as an inconsistent result.
	businessStatus := plan.BusinessStatus
	plan.read(gw, &resp.Diagnostics)
	if !businessStatus.IsUnknown() {
		plan.BusinessStatus = businessStatus
	}
	plan.TagsAll = tags.Value(desired)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// readAfterUpdate reads the gateway after an update that asked the API for no change of its
// attributes. A plan that kept its status active promised it: should the read find the gateway
// busy with a change made elsewhere, the update waits until it is active again.
func readAfterUpdate(ctx context.Context, client *vpcclient.Client, id string, planned types.String) (*vpc.DescribeVpnGatewayResponseBody, error) {
	gw, err := findVpnGatewayByID(ctx, client, id)
	if err != nil || planned.ValueString() != vpcapi.StatusActive || dara.StringValue(gw.Status) == vpcapi.StatusActive {
		return gw, err
	}
	return waitVpnGatewayActive(ctx, client, id, opModify)
}

// showsChange checks that a read shows the attributes change sets.
func showsChange(change *vpc.ModifyVpnGatewayAttributeRequest) func(*vpc.DescribeVpnGatewayResponseBody) bool {
	return func(gw *vpc.DescribeVpnGatewayResponseBody) bool {
		return (change.Name == nil || dara.StringValue(gw.Name) == *change.Name) &&
			(change.Description == nil || dara.StringValue(gw.Description) == *change.Description) &&
			(change.AutoPropagate == nil || dara.BoolValue(gw.AutoPropagate) == *change.AutoPropagate)
	}
}

// showsGroup checks that a read shows the gateway in resource group group.
func showsGroup(group string) func(*vpc.DescribeVpnGatewayResponseBody) bool {
	return func(gw *vpc.DescribeVpnGatewayResponseBody) bool {
		return dara.StringValue(gw.ResourceGroupId) == group
	}
}

// modify sends one ModifyVpnGatewayAttribute (one ClientToken for all its retries; a busy gateway
// is retried until ctx ends) and waits until the gateway is active again and a read shows the
// change, and what each of alsoShows checks.
func (r *vpnGatewayResource) modify(ctx context.Context, client *vpcclient.Client, id string, req *vpc.ModifyVpnGatewayAttributeRequest,
	alsoShows ...func(*vpc.DescribeVpnGatewayResponseBody) bool) (*vpc.DescribeVpnGatewayResponseBody, error) {
	req.RegionId = dara.String(client.Region())
	req.VpnGatewayId = dara.String(id)
	req.ClientToken = dara.String(vpcclient.NewClientToken())
	if _, err := client.ModifyVpnGatewayAttribute(ctx, req); err != nil {
		return nil, err
	}
	gw, err := waitVpnGatewayActive(ctx, client, id, opModify, append(alsoShows, showsChange(req))...)
	if err != nil {
		return nil, fmt.Errorf("the change was accepted, but %w", err)
	}
	return gw, nil
}

// Delete sends DeleteVpnGateway (a busy gateway is retried until the delete timeout) and waits
// until the gateway is gone. A gateway already gone is success. A subscription the API refuses to
// release before it ends leaves state with a warning.
func (r *vpnGatewayResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state Model
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := withTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	id := state.ID.ValueString()
	ctx, client := r.gatewayClient(ctx, &state, "deleting", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	_, err := client.DeleteVpnGateway(ctx, &vpc.DeleteVpnGatewayRequest{
		RegionId:     dara.String(client.Region()),
		VpnGatewayId: dara.String(id),
		ClientToken:  dara.String(vpcclient.NewClientToken()),
	})
	switch {
	case errors.Is(err, vpcclient.ErrVpnGatewayNotFound):
		return
	case vpcclient.MaybeNotFound(err):
		// Only DescribeVpnGateway's answer proves a gateway gone: a delete refused with another
		// not-found code for a gateway that still exists must not drop it from state.
		_, ferr := findVpnGatewayByID(ctx, client, id)
		if errors.Is(ferr, vpcclient.ErrVpnGatewayNotFound) {
			return
		}
		if ferr == nil {
			ferr = fmt.Errorf("DeleteVpnGateway answered as if the gateway did not exist, but DescribeVpnGateway still finds it")
		}
		resp.Diagnostics.AddError(summary("deleting", id), providerdata.ErrorDetail(err)+"\n\n"+providerdata.ErrorDetail(ferr))
		return
	case vpcclient.HasCode(err, vpcapi.CodeForbiddenRelease):
		resp.Diagnostics.AddWarning(releaseRefused(ctx, client, &state, err))
		return
	case err != nil:
		resp.Diagnostics.AddError(summary("deleting", id), providerdata.ErrorDetail(err))
		return
	}
	if err := waitVpnGatewayDeleted(ctx, client, id); err != nil {
		resp.Diagnostics.AddError(summary("waiting for", id)+" to be deleted", providerdata.ErrorDetail(err))
		return
	}
}

// ImportState takes a gateway by its ID (vpn-... in the provider's region, or <region>/vpn-...) or
// by its identity, and records the region with it, so that Read asks that region; Read fills in the
// rest.
func (r *vpnGatewayResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, region := importTarget(ctx, req, r.client.Region(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.CheckRegion(ctx, region); err != nil {
		resp.Diagnostics.AddError(summary("importing", id), providerdata.RegionError(err))
		return
	}
	r.noteInState(id)
	m := Model{ID: types.StringValue(id), Region: types.StringValue(region)}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), m.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("region"), m.Region)...)
	SetIdentity(ctx, resp.Identity, &m, &resp.Diagnostics)
}

func (r *vpnGatewayResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = vpnGatewayIdentitySchema()
}

func (r *vpnGatewayResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = Schema(ctx)
}

func (r *vpnGatewayResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return vpnGatewayConfigValidators()
}

func (r *vpnGatewayResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if pd := providerdata.From(req.ProviderData, &resp.Diagnostics); pd != nil {
		r.client, r.defaultTags, r.inState, r.journal = pd.Client, pd.DefaultTags, pd.InState, pd.Journal
	}
}

// ModifyPlan shows the provider's region as the gateway's when the configuration sets none, so
// that a plan names the region the gateway will be created in; it plans tags_all from tags and the
// provider's default_tags, so that a change of either is an in-place update; it warns about what a
// plan would cost that Terraform cannot show (a subscription that outlives its destroy, a public
// address that changes), and when it plans a new gateway it checks the VPC for a gateway of the
// same name.
func (r *vpnGatewayResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client == nil {
		return
	}
	var state *Model
	if !req.State.Raw.IsNull() {
		state = &Model{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
		if resp.Diagnostics.HasError() {
			return
		}
		r.noteInState(state.ID.ValueString())
	}
	if req.Plan.Raw.IsNull() {
		warnSubscriptionDestroy(state, &resp.Diagnostics)
		return
	}
	var plan Model
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Only a region the configuration leaves unset takes the provider's: one configured from a value
	// known after apply must stay unknown, or Terraform rejects the plan.
	var configRegion types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("region"), &configRegion)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if configRegion.IsNull() && plan.Region.IsUnknown() {
		plan.Region = types.StringValue(r.client.Region())
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("region"), plan.Region)...)
	}
	if !plan.Region.IsUnknown() {
		if err := r.client.CheckRegion(ctx, plan.Region.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("region"), "Unknown region", providerdata.RegionError(err))
			return
		}
	}
	var configTags types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tags"), &configTags)...)
	if resp.Diagnostics.HasError() {
		return
	}
	tagsAll, diags := tags.Planned(ctx, configTags, r.defaultTags, path.Root("tags"))
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("tags_all"), tagsAll)...)
	if state == nil {
		var configName types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &configName)...)
		if resp.Diagnostics.HasError() {
			return
		}
		r.checkSameName(ctx, &plan, configName.IsNull(), &resp.Diagnostics)
		return
	}
	if len(resp.RequiresReplace) > 0 {
		warnReplacement(state, resp.RequiresReplace, &resp.Diagnostics)
	}
}

// noteInState records that Terraform's state holds the gateway id (it is refreshed, planned,
// changed, deleted or imported): the same-name check no longer names it, and the journal of
// creates in flight lets it go, since no create may adopt it any more.
func (r *vpnGatewayResource) noteInState(id string) {
	r.inState.Note(id)
	r.journal.Retire(id)
}

// gatewayClient returns the client of the region of a gateway in state, and a context whose logs
// name the gateway. A region the client cannot serve is an error diagnostic for the operation.
func (r *vpnGatewayResource) gatewayClient(ctx context.Context, m *Model, operation string, diags *diag.Diagnostics) (context.Context, *vpcclient.Client) {
	id := m.ID.ValueString()
	ctx = tflog.SetField(ctx, "vpn_gateway_id", id)
	r.noteInState(id)
	client, err := r.client.ForRegion(m.Region.ValueString())
	if err != nil {
		diags.AddError(summary(operation, id), err.Error())
	}
	return ctx, client
}

// withTimeout bounds ctx by an operation's configured timeout (the Create, Update or Delete method
// of the timeouts attribute), or by its default when none is set.
func withTimeout(ctx context.Context, configured func(context.Context, time.Duration) (time.Duration, diag.Diagnostics),
	fallback time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	timeout, d := configured(ctx, fallback)
	diags.Append(d...)
	return context.WithTimeout(ctx, timeout)
}

// nullUnknowns turns the values still unknown in a planned model into nulls, for a state that
// must be complete before the API has reported them.
func nullUnknowns(m *Model) {
	// The zero types.Map has no element type, which state refuses: the maps are nulled with theirs.
	if m.Tags.IsUnknown() {
		m.Tags = tags.Null()
	}
	if m.TagsAll.IsUnknown() {
		m.TagsAll = tags.Null()
	}
	v := reflect.ValueOf(m).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if av, ok := f.Interface().(attr.Value); ok && av.IsUnknown() {
			// The zero value of every framework value type is its null.
			f.Set(reflect.Zero(f.Type()))
		}
	}
}

// Diagnostic summaries: the operation and the gateway, as "creating VPN Gateway (vpn-123)".
func summary(operation, id string) string {
	if id == "" {
		return operation + " VPN Gateway"
	}
	return fmt.Sprintf("%s VPN Gateway (%s)", operation, id)
}
