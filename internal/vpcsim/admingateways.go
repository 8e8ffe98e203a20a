package vpcsim

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

// PatchGateway changes a gateway behind the API's back (drift), as POST /_sim/gateways/{id} does.
// A gateway of another type takes Name, Description, Fields, Remove and Restore, not Status:
// what it answers is all there is to it, so set Fields["Status"] instead.
func (s *Sim) PatchGateway(id string, p gateway.Patch) error {
	if err := p.Check(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.state.foreign[id]; f != nil {
		if p.Status != nil {
			return fmt.Errorf("gateway %q is of type %s, whose status is not simulated; set Fields[\"Status\"]: %w", id, f.GatewayType, gateway.ErrBadPatch)
		}
		if err := patchShared(p, &f.Drift, &f.Removed, &f.Name, &f.Description); err != nil {
			return err
		}
		return s.commitLocked()
	}
	g := s.state.gateways[id]
	if g == nil {
		return fmt.Errorf("gateway %q: %w", id, ErrNotFound)
	}
	if _, gone := g.Status(s.now(), &s.gw); gone {
		return fmt.Errorf("gateway %q: %w", id, ErrNotFound)
	}
	if err := patchShared(p, &g.Drift, &g.Removed, &g.Name, &g.Description); err != nil {
		return err
	}
	g.ForcedStatus = ptrOr(p.Status, g.ForcedStatus)
	return s.commitLocked()
}

// patchShared applies what a patch changes on a gateway of either kind: the drift of its answered
// fields, its Name and its Description.
func patchShared(p gateway.Patch, drift *map[string]json.RawMessage, removed *[]string, name, description *string) error {
	d, r, err := gateway.PatchDrift(*drift, *removed, p)
	if err != nil {
		return err
	}
	*drift, *removed = d, r
	*name = ptrOr(p.Name, *name)
	*description = ptrOr(p.Description, *description)
	return nil
}

func ptrOr(p *string, def string) string {
	if p != nil {
		return *p
	}
	return def
}

// RemoveGateway makes a gateway (of any type) vanish at once, whatever its billing or status, as
// DELETE /_sim/gateways/{id} does: the way out for an unpaid or subscribed gateway the API will
// not delete, and the way to take a gateway of another type away.
func (s *Sim) RemoveGateway(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.gateways[id] == nil && s.state.foreign[id] == nil {
		return fmt.Errorf("gateway %q: %w", id, ErrNotFound)
	}
	delete(s.state.gateways, id)
	delete(s.state.foreign, id)
	return s.commitLocked()
}

// AddForeignGateway puts a gateway of another type into its region's DescribeVpnGateways lists,
// as POST /_sim/foreign-gateways does, and returns it with its defaults filled in. It counts
// against no quota: the VPN gateway quota is CreateVpnGateway's.
func (s *Sim) AddForeignGateway(g gateway.Foreign) (gateway.Foreign, error) {
	g.RegionID = cmp.Or(g.RegionID, DefaultRegion)
	g.GatewayType = cmp.Or(g.GatewayType, gateway.TypeEnhancedSiteToSite)
	if g.GatewayType == gateway.TypeTraditional {
		return gateway.Foreign{}, fmt.Errorf("GatewayType %q is the type CreateVpnGateway makes; create it through the API: %w", g.GatewayType, gateway.ErrBadPatch)
	}
	if g.Drift != nil || g.Removed != nil || g.InternetIP != "" || g.CreateTime != 0 {
		return gateway.Foreign{}, fmt.Errorf("the simulator sets Drift, Removed, InternetIp and CreateTime itself (drift goes through PatchGateway): %w", gateway.ErrBadPatch)
	}
	region := s.regions[g.RegionID]
	if region == nil {
		return gateway.Foreign{}, fmt.Errorf("region %q has no network in this simulator: %w", g.RegionID, gateway.ErrBadPatch)
	}
	var vpc *network.Vpc
	if g.VpcID == "" && len(region.Vpcs) > 0 {
		vpc = &region.Vpcs[0]
	} else if vpc = region.Vpc(g.VpcID); vpc == nil {
		return gateway.Foreign{}, fmt.Errorf("VPC %q is not in region %s: %w", g.VpcID, g.RegionID, gateway.ErrBadPatch)
	}
	var vsw *network.VSwitch
	if g.VSwitchID == "" && len(vpc.VSwitches) > 0 {
		vsw = &vpc.VSwitches[0]
	} else if vsw = vpc.VSwitch(g.VSwitchID); vsw == nil {
		return gateway.Foreign{}, fmt.Errorf("vSwitch %q is not in VPC %s: %w", g.VSwitchID, vpc.ID, gateway.ErrBadPatch)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.state
	if g.VpnGatewayID == "" {
		g.VpnGatewayID = s.newGatewayID()
	} else if st.gateways[g.VpnGatewayID] != nil || st.foreign[g.VpnGatewayID] != nil {
		return gateway.Foreign{}, fmt.Errorf("gateway %q exists already: %w", g.VpnGatewayID, gateway.ErrBadPatch)
	}
	st.counters.Seq++
	f := &gateway.ForeignRecord{
		Seq: st.counters.Seq, ID: g.VpnGatewayID, RegionID: g.RegionID, GatewayType: g.GatewayType, VpcID: vpc.ID,
		VSwitchID: vsw.ID, Name: cmp.Or(g.Name, g.VpnGatewayID), Description: g.Description,
		InternetIP: s.allocateIP(vpcapi.NetworkTypePublic, vsw), CreatedAt: s.now(),
	}
	st.foreign[f.ID] = f
	if err := s.commitLocked(); err != nil {
		return gateway.Foreign{}, err
	}
	return f.View(), nil
}

// ForeignGateways returns every gateway of another type, oldest first.
func (s *Sim) ForeignGateways() []gateway.Foreign {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.foreignGatewaysLocked()
}

func (s *Sim) foreignGatewaysLocked() []gateway.Foreign {
	list := slices.Collect(maps.Values(s.state.foreign))
	slices.SortFunc(list, func(a, b *gateway.ForeignRecord) int { return cmp.Compare(a.Seq, b.Seq) })
	out := make([]gateway.Foreign, 0, len(list))
	for _, f := range list {
		out = append(out, f.View())
	}
	return out
}
