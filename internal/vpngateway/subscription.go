package vpngateway

import (
	"context"
	"fmt"
	"strings"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/vpngw/terraform-provider-alicloud/internal/providerdata"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// What a plan cannot show: the API refuses to release a subscription (PREPAY) gateway before its
// subscription ends, so destroying one only removes it from state; and a replaced gateway's
// public address goes with it. These warnings come at plan time, before the user agrees.

// warnSubscriptionDestroy warns when a plan destroys a subscription gateway.
func warnSubscriptionDestroy(state *Model, diags *diag.Diagnostics) {
	if state == nil || !isSubscription(state) {
		return
	}
	id := state.ID.ValueString()
	diags.AddWarning(summary("destroying", id)+": the API will refuse to release this subscription",
		"VPN Gateway "+id+" is a PREPAY (subscription) gateway. "+subscriptionOutlivesState(state))
}

// warnReplacement warns when a plan replaces a subscription gateway, or one with a public address.
func warnReplacement(state *Model, because path.Paths, diags *diag.Diagnostics) {
	id := state.ID.ValueString()
	changed := make([]string, len(because))
	for i, p := range because {
		changed[i] = p.String()
	}
	why := fmt.Sprintf("Changing %s replaces VPN Gateway %s: Terraform creates a new gateway and destroys this one.",
		strings.Join(changed, ", "), id)
	if isSubscription(state) {
		diags.AddWarning(summary("replacing", id)+": the API will refuse to release this subscription",
			why+" It is a PREPAY (subscription) gateway. "+subscriptionOutlivesState(state)+
				" The new gateway is a second subscription.")
	}
	if ip := state.InternetIP.ValueString(); ip != "" && state.NetworkType.ValueString() == vpcapi.NetworkTypePublic {
		diags.AddWarning(summary("replacing", id)+": its public IP address "+ip+" changes",
			why+" The new gateway gets a new public IP address, and "+ip+" goes with the old one. Every IPsec peer "+
				"(customer gateway) that connects to "+ip+" must be changed to the new address, which the apply "+
				"reports as internet_ip.")
	}
}

// subscriptionOutlivesState says what a destroy of a subscription gateway does.
func subscriptionOutlivesState(state *Model) string {
	if isUnpaid(state.AutoPay.ValueBool(), state.Status.ValueString()) {
		return fmt.Sprintf("Its order %s is not paid, and the API refuses to release it, so a destroy only removes "+
			"it from Terraform state. To discard it, cancel the unpaid order in the console under Expenses > Orders (%s).",
			orderOf(state), ordersURL)
	}
	return fmt.Sprintf("The API refuses to release it before its subscription ends (%s), so a destroy only removes it "+
		"from Terraform state: the gateway stays in the account, and is billed, until then.", endOf(state))
}

// releaseRefused is the warning of a delete that the API refused with ForbiddenRelease. The gateway
// is read again first: its order may have been paid since the last refresh.
func releaseRefused(ctx context.Context, client *vpcclient.Client, state *Model, err error) (string, string) {
	id := state.ID.ValueString()
	status := state.Status.ValueString()
	if gw, readErr := findVpnGatewayByID(ctx, client, id); readErr == nil {
		status = dara.StringValue(gw.Status)
	}
	if isUnpaid(state.AutoPay.ValueBool(), status) {
		return summary("deleting", id) + ": release refused, order " + orderOf(state) + " is not paid",
			fmt.Sprintf("The API refuses to release VPN Gateway %s, a PREPAY gateway whose order %s has not been paid. "+
				"Terraform no longer manages it; to discard it, cancel the unpaid order in the console under Expenses > "+
				"Orders (%s).\n\n%s", id, orderOf(state), ordersURL, providerdata.ErrorDetail(err))
	}
	end := endOf(state)
	return summary("deleting", id) + ": release refused until " + end,
		fmt.Sprintf("The API refuses to release a PREPAY (subscription) gateway before its subscription ends (%s). "+
			"Terraform no longer manages it, but it stays in the account until then; unsubscribe in the console to "+
			"end it earlier.\n\n%s", end, providerdata.ErrorDetail(err))
}

func isSubscription(state *Model) bool {
	return state.InstanceChargeType.ValueString() == vpcapi.ChargeTypePrepay
}

// isUnpaid tells a gateway whose order waits to be paid: created without auto_pay, and never
// provisioned. (One created with auto_pay was paid at creation, whatever its status.)
func isUnpaid(autoPay bool, status string) bool {
	return !autoPay && status == vpcapi.StatusInit
}

func endOf(state *Model) string {
	if state.EndTime.IsNull() || state.EndTime.ValueString() == "" {
		return "the end of its subscription"
	}
	return state.EndTime.ValueString()
}

func orderOf(state *Model) string {
	if state.OrderID.IsNull() || state.OrderID.ValueString() == "" {
		return "(its order ID is not in state)"
	}
	return state.OrderID.ValueString()
}
