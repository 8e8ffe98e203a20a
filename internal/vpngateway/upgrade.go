package vpngateway

import (
	"context"
	"encoding/json"
	"fmt"
	"math"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/vpngw/terraform-provider-alicloud/internal/tags"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// vpnGatewaySchemaVersion is 1 since the resource takes state that the official aliyun/alicloud
// provider wrote: after `terraform state replace-provider`, its gateways arrive at version 0, as
// this provider's own earlier state does, and the upgrade below reads both.
const vpnGatewaySchemaVersion = 1

// officialNames are the official provider's names of attributes this resource names otherwise,
// newest first where it has had two: its state may hold either.
var officialNames = map[string][]string{
	"name":                 {"vpn_gateway_name", "name"},
	"instance_charge_type": {"payment_type", "instance_charge_type"},
}

// UpgradeState reads a version 0 state as raw JSON, because two providers wrote it: this one before
// version 1, and the official aliyun/alicloud provider. Every attribute this schema has is kept
// when its value has the type the schema gives it; the official names and values are mapped
// (vpn_gateway_name, payment_type, PostPaid, PayAsYouGo, PrePaid, Subscription); what this schema
// does not know is dropped. The Read that follows fills in what the API reports.
func (r *vpnGatewayResource) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
			if req.RawState == nil || req.RawState.JSON == nil {
				resp.Diagnostics.AddError("Upgrading VPN Gateway state", "The state has no JSON form to upgrade.")
				return
			}
			// The official provider's state names no region: its gateways live in its provider's
			// region, which after the move is this provider's.
			region := ""
			if r.client != nil {
				region = r.client.Region()
			}
			upgraded, err := upgradeVpnGatewayState(ctx, req.RawState.JSON, region, r.defaultTags)
			if err != nil {
				resp.Diagnostics.AddError("Upgrading VPN Gateway state",
					fmt.Sprintf("The state of this alicloud_vpn_gateway could not be read: %v.", err))
				return
			}
			resp.DynamicValue = &tfprotov6.DynamicValue{JSON: upgraded}
		}},
	}
}

// upgradeVpnGatewayState is the version 0 state raw (JSON) as this schema's JSON. What the state
// lacks is filled as this provider's plan would have it, so that a plan that does not refresh
// first (-refresh=false) has nothing to change: region ("" leaves it null), tags_all (the tags over
// defaultTags), and the schema's default of every attribute that has one. Without the defaults,
// such a plan would replace a gateway of the official v1.214.0, whose state has no vpn_type.
// A refresh reads every one of them from the API anyway.
func upgradeVpnGatewayState(ctx context.Context, raw []byte, region string, defaultTags map[string]string) ([]byte, error) {
	var old map[string]any
	if err := json.Unmarshal(raw, &old); err != nil {
		return nil, err
	}
	if r, _ := old["region"].(string); r == "" && region != "" {
		old["region"] = region
	}
	for ours, theirs := range officialNames {
		for _, name := range theirs {
			if v, ok := old[name]; ok && v != nil {
				old[ours] = v
				break
			}
		}
	}
	if ct, ok := old["instance_charge_type"].(string); ok {
		// The official values (PostPaid, PayAsYouGo, PrePaid, Subscription) read like the API's.
		if v, known := chargeTypeOf(ct); known {
			old["instance_charge_type"] = v
		}
	}
	if old["instance_charge_type"] != vpcapi.ChargeTypePrepay {
		// The official provider stores its default period (1) on pay-as-you-go gateways too.
		old["period"] = nil
	}

	if tags, ok := old["tags"].(map[string]any); ok && len(tags) == 0 {
		// The official provider's refresh writes {} for a gateway without tags, where a
		// configuration that sets none plans null.
		old["tags"] = nil
	}

	if old["tags_all"] == nil {
		own := map[string]string{}
		if configured, ok := old["tags"].(map[string]any); ok {
			for k, v := range configured {
				if s, ok := v.(string); ok {
					own[k] = s
				}
			}
		}
		all := map[string]any{}
		for k, v := range tags.Merge(defaultTags, own) {
			all[k] = v
		}
		old["tags_all"] = all
	}

	out := map[string]any{}
	for name, a := range Schema(ctx).Attributes {
		v := old[name]
		if !fitsType(v, a.GetType()) {
			v = nil
		}
		if v == nil {
			v = schemaDefault(ctx, a)
		}
		out[name] = withAllAttributes(v, a.GetType())
	}
	return json.Marshal(out)
}

// schemaDefault is the attribute's static default as a JSON value, or nil when it has none.
func schemaDefault(ctx context.Context, a schema.Attribute) any {
	switch a := a.(type) {
	case schema.StringAttribute:
		if a.Default != nil {
			var resp defaults.StringResponse
			a.Default.DefaultString(ctx, defaults.StringRequest{}, &resp)
			return resp.PlanValue.ValueString()
		}
	case schema.BoolAttribute:
		if a.Default != nil {
			var resp defaults.BoolResponse
			a.Default.DefaultBool(ctx, defaults.BoolRequest{}, &resp)
			return resp.PlanValue.ValueBool()
		}
	}
	return nil
}

// withAllAttributes gives an object value every attribute of its type, null where it had none.
func withAllAttributes(v any, t attr.Type) any {
	m, isMap := v.(map[string]any)
	ot, isObject := t.(attr.TypeWithAttributeTypes)
	if !isMap || !isObject {
		return v
	}
	for k := range ot.AttributeTypes() {
		if _, ok := m[k]; !ok {
			m[k] = nil
		}
	}
	return m
}

// fitsType reports whether a JSON value can stand for an attribute of type t: a null always can.
// The official provider's timeouts (a create and delete block) and create_time (milliseconds) do
// not fit this schema's, and are dropped.
func fitsType(v any, t attr.Type) bool {
	if v == nil {
		return true
	}
	switch t := t.(type) {
	case basetypes.StringType:
		_, ok := v.(string)
		return ok
	case basetypes.BoolType:
		_, ok := v.(bool)
		return ok
	case basetypes.Int64Type:
		n, ok := v.(float64)
		return ok && n == math.Trunc(n)
	case basetypes.MapType:
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		for _, e := range m {
			if !fitsType(e, t.ElemType) {
				return false
			}
		}
		return true
	case attr.TypeWithAttributeTypes:
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		types := t.AttributeTypes()
		for k, e := range m {
			et, known := types[k]
			if !known || !fitsType(e, et) {
				return false
			}
		}
		return true
	}
	return false
}
