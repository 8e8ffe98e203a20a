package gateway

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// gatewayFields are the fields the API answers about a VPN gateway, by their API names: the ones
// a drift patch may set, remove or restore. A gateway without a disaster-recovery vSwitch or a
// subscription answers without the fields that describe them.
var gatewayFields = []string{
	"AutoPropagate", "BusinessStatus", "ChargeType", "CreateTime", "Description",
	"DisasterRecoveryInternetIp", "DisasterRecoveryVSwitchId", "EnableBgp", "EndTime", "GatewayType",
	"InternetIp", "IpsecVpn", "Name", "NetworkType", "ResourceGroupId", "Spec", "SslMaxConnections",
	"SslVpn", "SslVpnInternetIp", "Status", "Tags", "VSwitchId", "VpcId", "VpnGatewayId", "VpnType",
}

// Fields lists the answered fields a Patch may name in Fields, Remove and Restore.
func Fields() []string { return slices.Clone(gatewayFields) }

// TypeTraditional is the GatewayType of the gateways CreateVpnGateway makes, as opposed to
// the "Enhanced.SiteToSite" ones other actions make (see Foreign).
const TypeTraditional = "Traditional"

// Answer is the gateway as DescribeVpnGateway and DescribeVpnGateways answer it, drift included
// (ModifyVpnGatewayAttribute answers it without Tags). A map rather than a struct, so that drift
// can give a field any JSON value or take it away.
func (g *Record) Answer(now time.Time, st *Settings) map[string]any {
	v := g.View(now, st)
	a := map[string]any{
		"VpnGatewayId": v.VpnGatewayID, "VpcId": v.VpcID, "VSwitchId": v.VSwitchID, "Name": v.Name,
		"Description": v.Description, "Status": v.Status, "BusinessStatus": v.BusinessStatus,
		"ChargeType": v.ChargeType, "Spec": v.Spec, "InternetIp": v.InternetIP, "CreateTime": v.CreateTime,
		"IpsecVpn": v.IpsecVpn, "SslVpn": v.SslVpn, "SslMaxConnections": v.SslMaxConnections,
		"NetworkType": v.NetworkType, "VpnType": v.VpnType, "AutoPropagate": v.AutoPropagate,
		"EnableBgp": v.EnableBgp, "ResourceGroupId": v.ResourceGroupID, "GatewayType": TypeTraditional,
		"Tags": tagsAnswer(g.Tags),
	}
	if v.DisasterRecoveryVSwitchID != "" {
		a["DisasterRecoveryVSwitchId"] = v.DisasterRecoveryVSwitchID
		a["DisasterRecoveryInternetIp"] = v.DisasterRecoveryInternetIP
	}
	if v.SslVpnInternetIP != "" {
		a["SslVpnInternetIp"] = v.SslVpnInternetIP
	}
	if v.EndTime != 0 {
		a["EndTime"] = v.EndTime
	}
	applyDrift(a, g.Drift, g.Removed)
	return a
}

// tagAnswer is one item of an answer's Tags.Tag list.
type tagAnswer struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// tagsAnswer is a gateway's user tags as the Describe actions answer them: always there, an empty
// list when it has none, as the official provider reads them from nowhere else.
func tagsAnswer(tags tagging.Set) map[string][]tagAnswer {
	list := []tagAnswer{}
	for _, t := range tags.Sorted() {
		list = append(list, tagAnswer(t))
	}
	return map[string][]tagAnswer{"Tag": list}
}

func applyDrift(a map[string]any, drift map[string]json.RawMessage, removed []string) {
	for k, v := range drift {
		a[k] = v
	}
	for _, k := range removed {
		delete(a, k)
	}
}

// ErrBadPatch is what a patch, or any other admin change, that cannot be applied wraps.
var ErrBadPatch = errors.New("invalid patch")

var statuses = []string{vpcapi.StatusInit, vpcapi.StatusProvisioning, vpcapi.StatusActive, vpcapi.StatusUpdating, vpcapi.StatusDeleting}

// Check refuses a patch forcing a status gateways do not have, or naming a field the API does not
// answer, so that a typo in a test fails loudly instead of drifting nothing.
func (p Patch) Check() error {
	if p.Status != nil && *p.Status != "" && !slices.Contains(statuses, *p.Status) {
		return fmt.Errorf("status %q is not one of %v (or \"\" to stop forcing one): %w", *p.Status, statuses, ErrBadPatch)
	}
	names := slices.Concat(p.Remove, p.Restore)
	for k := range p.Fields {
		names = append(names, k)
	}
	for _, k := range names {
		if !slices.Contains(gatewayFields, k) {
			return fmt.Errorf("field %q is not one the API answers (%v): %w", k, gatewayFields, ErrBadPatch)
		}
	}
	return nil
}

// PatchDrift applies a patch's Fields, Remove and Restore to a gateway's drift. Restore runs
// first, so that one patch can restore a field and set it anew.
func PatchDrift(drift map[string]json.RawMessage, removed []string, p Patch) (map[string]json.RawMessage, []string, error) {
	if drift = maps.Clone(drift); drift == nil {
		drift = map[string]json.RawMessage{}
	}
	removed = slices.DeleteFunc(slices.Clone(removed), func(k string) bool { return slices.Contains(p.Restore, k) })
	for _, k := range p.Restore {
		delete(drift, k)
	}
	for k, v := range p.Fields {
		raw, err := json.Marshal(v)
		if err != nil {
			return nil, nil, fmt.Errorf("field %q: %v: %w", k, err, ErrBadPatch)
		}
		drift[k] = raw
		removed = slices.DeleteFunc(removed, func(r string) bool { return r == k })
	}
	for _, k := range p.Remove {
		delete(drift, k)
		if !slices.Contains(removed, k) {
			removed = append(removed, k)
		}
	}
	slices.Sort(removed)
	if len(drift) == 0 {
		drift = nil
	}
	if len(removed) == 0 {
		removed = nil
	}
	return drift, removed, nil
}
