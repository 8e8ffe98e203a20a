package vpcsim

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Gateways of another type share DescribeVpnGateways' lists with the ones CreateVpnGateway makes:
// the enhanced site-to-site gateways CreateEnhancedVpnGateway makes, on the real API. They are
// billed and sized otherwise (that action takes no Bandwidth and no InstanceChargeType), so they
// answer without ChargeType and Spec, and the lists answer them without Status either: the fields
// whose absence crashed the official provider's list data source. The simulator does not serve the
// actions that make them; the admin API puts them in place, as another tool would on a real account.

// GatewayTypeEnhancedSiteToSite is the GatewayType of the enhanced site-to-site gateways.
const GatewayTypeEnhancedSiteToSite = "Enhanced.SiteToSite"

// ForeignGateway is a gateway of another type, as AddForeignGateway takes it and GET /_sim/state
// lists it (under "foreignGateways"). Empty fields get defaults when it is added.
type ForeignGateway struct {
	VpnGatewayID string `json:"VpnGatewayId,omitempty"` // "": a new ID
	RegionID     string `json:"RegionId,omitempty"`     // "": DefaultRegion
	GatewayType  string `json:"GatewayType,omitempty"`  // "": GatewayTypeEnhancedSiteToSite; never "Traditional"
	VpcID        string `json:"VpcId,omitempty"`        // "": the region's first VPC
	VSwitchID    string `json:"VSwitchId,omitempty"`    // "": the VPC's first vSwitch
	Name         string `json:"Name,omitempty"`         // "": the ID
	Description  string `json:"Description,omitempty"`
	InternetIP   string `json:"InternetIp,omitempty"` // set when added
	CreateTime   int64  `json:"CreateTime,omitempty"` // set when added, ms since the epoch
	// Drift and Removed: answered fields changed by PatchGateway, as for Gateway.
	Drift   map[string]json.RawMessage `json:"Drift,omitempty"`
	Removed []string                   `json:"Removed,omitempty"`
}

// foreignGateway is a ForeignGateway as the state keeps it.
type foreignGateway struct {
	Seq         int64                      `json:"seq"` // shares the creation order of gateways, for listings
	ID          string                     `json:"id"`
	RegionID    string                     `json:"regionId"`
	GatewayType string                     `json:"gatewayType"`
	VpcID       string                     `json:"vpcId"`
	VSwitchID   string                     `json:"vSwitchId"`
	Name        string                     `json:"name"`
	Description string                     `json:"description,omitempty"`
	InternetIP  string                     `json:"internetIp"`
	CreatedAt   time.Time                  `json:"createdAt"`
	Drift       map[string]json.RawMessage `json:"drift,omitempty"`
	Removed     []string                   `json:"removed,omitempty"`
}

func (f *foreignGateway) view() ForeignGateway {
	return ForeignGateway{
		VpnGatewayID: f.ID, RegionID: f.RegionID, GatewayType: f.GatewayType, VpcID: f.VpcID, VSwitchID: f.VSwitchID,
		Name: f.Name, Description: f.Description, InternetIP: f.InternetIP, CreateTime: f.CreatedAt.UnixMilli(),
		Drift: f.Drift, Removed: f.Removed,
	}
}

// answer is the foreign gateway as the API answers it: list says whether as an item of
// DescribeVpnGateways, which leaves Status out as well.
func (f *foreignGateway) answer(list bool) map[string]any {
	a := map[string]any{
		"VpnGatewayId": f.ID, "GatewayType": f.GatewayType, "VpcId": f.VpcID, "VSwitchId": f.VSwitchID,
		"Name": f.Name, "Description": f.Description, "BusinessStatus": vpcapi.BusinessStatusNormal,
		"InternetIp": f.InternetIP, "CreateTime": f.CreatedAt.UnixMilli(), "IpsecVpn": enableDisable(true),
		"SslVpn": enableDisable(false), "NetworkType": vpcapi.NetworkTypePublic, "VpnType": vpcapi.VpnTypeNormal,
		"AutoPropagate": true, "EnableBgp": false, "ResourceGroupId": DefaultResourceGroupID,
		"Tags": tagsAnswer(nil),
	}
	if !list {
		a["Status"] = vpcapi.StatusActive
	}
	applyDrift(a, f.Drift, f.Removed)
	return a
}

// AddForeignGateway puts a gateway of another type into its region's DescribeVpnGateways lists,
// as POST /_sim/foreign-gateways does, and returns it with its defaults filled in. It counts
// against no quota: the VPN gateway quota is CreateVpnGateway's.
func (s *Sim) AddForeignGateway(g ForeignGateway) (ForeignGateway, error) {
	g.RegionID = cmp.Or(g.RegionID, DefaultRegion)
	g.GatewayType = cmp.Or(g.GatewayType, GatewayTypeEnhancedSiteToSite)
	if g.GatewayType == gatewayTypeTraditional {
		return ForeignGateway{}, fmt.Errorf("GatewayType %q is the type CreateVpnGateway makes; create it through the API: %w", g.GatewayType, errBadPatch)
	}
	if g.Drift != nil || g.Removed != nil || g.InternetIP != "" || g.CreateTime != 0 {
		return ForeignGateway{}, fmt.Errorf("the simulator sets Drift, Removed, InternetIp and CreateTime itself (drift goes through PatchGateway): %w", errBadPatch)
	}
	region := s.regions[g.RegionID]
	if region == nil {
		return ForeignGateway{}, fmt.Errorf("region %q has no network in this simulator: %w", g.RegionID, errBadPatch)
	}
	var vpc *Vpc
	if g.VpcID == "" && len(region.Vpcs) > 0 {
		vpc = &region.Vpcs[0]
	} else if vpc = region.vpc(g.VpcID); vpc == nil {
		return ForeignGateway{}, fmt.Errorf("VPC %q is not in region %s: %w", g.VpcID, g.RegionID, errBadPatch)
	}
	var vsw *VSwitch
	if g.VSwitchID == "" && len(vpc.VSwitches) > 0 {
		vsw = &vpc.VSwitches[0]
	} else if vsw = vpc.vSwitch(g.VSwitchID); vsw == nil {
		return ForeignGateway{}, fmt.Errorf("vSwitch %q is not in VPC %s: %w", g.VSwitchID, vpc.ID, errBadPatch)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.state
	if g.VpnGatewayID == "" {
		g.VpnGatewayID = s.newGatewayID()
	} else if st.gateways[g.VpnGatewayID] != nil || st.foreign[g.VpnGatewayID] != nil {
		return ForeignGateway{}, fmt.Errorf("gateway %q exists already: %w", g.VpnGatewayID, errBadPatch)
	}
	st.counters.Seq++
	f := &foreignGateway{
		Seq: st.counters.Seq, ID: g.VpnGatewayID, RegionID: g.RegionID, GatewayType: g.GatewayType, VpcID: vpc.ID,
		VSwitchID: vsw.ID, Name: cmp.Or(g.Name, g.VpnGatewayID), Description: g.Description,
		InternetIP: s.allocateIP(vpcapi.NetworkTypePublic, vsw), CreatedAt: s.now(),
	}
	st.foreign[f.ID] = f
	if err := s.commitLocked(); err != nil {
		return ForeignGateway{}, err
	}
	return f.view(), nil
}

// ForeignGateways returns every gateway of another type, oldest first.
func (s *Sim) ForeignGateways() []ForeignGateway {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.foreignGatewaysLocked()
}

func (s *Sim) foreignGatewaysLocked() []ForeignGateway {
	list := slices.Collect(maps.Values(s.state.foreign))
	slices.SortFunc(list, func(a, b *foreignGateway) int { return cmp.Compare(a.Seq, b.Seq) })
	out := make([]ForeignGateway, 0, len(list))
	for _, f := range list {
		out = append(out, f.view())
	}
	return out
}
