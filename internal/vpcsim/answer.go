package vpcsim

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

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

// GatewayFields lists the answered fields a GatewayPatch may name in Fields, Remove and Restore.
func GatewayFields() []string { return slices.Clone(gatewayFields) }

// gatewayTypeTraditional is the GatewayType of the gateways CreateVpnGateway makes, as opposed to
// the "Enhanced.SiteToSite" ones other actions make (foreign.go).
const gatewayTypeTraditional = "Traditional"

// answer is the gateway as DescribeVpnGateway and DescribeVpnGateways answer it, drift included
// (ModifyVpnGatewayAttribute answers it without Tags). A map rather than a struct, so that drift
// can give a field any JSON value or take it away.
func (g *gateway) answer(now time.Time, cfg *Config) map[string]any {
	v := g.view(now, cfg)
	a := map[string]any{
		"VpnGatewayId": v.VpnGatewayID, "VpcId": v.VpcID, "VSwitchId": v.VSwitchID, "Name": v.Name,
		"Description": v.Description, "Status": v.Status, "BusinessStatus": v.BusinessStatus,
		"ChargeType": v.ChargeType, "Spec": v.Spec, "InternetIp": v.InternetIP, "CreateTime": v.CreateTime,
		"IpsecVpn": v.IpsecVpn, "SslVpn": v.SslVpn, "SslMaxConnections": v.SslMaxConnections,
		"NetworkType": v.NetworkType, "VpnType": v.VpnType, "AutoPropagate": v.AutoPropagate,
		"EnableBgp": v.EnableBgp, "ResourceGroupId": v.ResourceGroupID, "GatewayType": gatewayTypeTraditional,
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

// checkFieldNames refuses a patch naming a field the API does not answer, so that a typo in a
// test fails loudly instead of drifting nothing.
func checkFieldNames(p GatewayPatch) error {
	names := slices.Concat(p.Remove, p.Restore)
	for k := range p.Fields {
		names = append(names, k)
	}
	for _, k := range names {
		if !slices.Contains(gatewayFields, k) {
			return fmt.Errorf("field %q is not one the API answers (%v): %w", k, gatewayFields, errBadPatch)
		}
	}
	return nil
}

// patchDrift applies a patch's Fields, Remove and Restore to a gateway's drift. Restore runs
// first, so that one patch can restore a field and set it anew.
func patchDrift(drift map[string]json.RawMessage, removed []string, p GatewayPatch) (map[string]json.RawMessage, []string, error) {
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
			return nil, nil, fmt.Errorf("field %q: %v: %w", k, err, errBadPatch)
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
