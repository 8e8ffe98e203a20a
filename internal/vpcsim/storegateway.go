package vpcsim

import (
	"cmp"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// defaultSslConnections is what the API gives an SSL-enabled gateway created without
// SslConnections.
const defaultSslConnections = 5

// gatewaySpec is a CreateVpnGateway call as read, each parameter in its own form: record holds
// the gateway's fields the call gives, the rest what decides the others.
type gatewaySpec struct {
	region                 *network.Region
	record                 gateway.Record
	periodSet              bool
	autoPay                bool
	sslSet                 bool
	vSwitchID, drVSwitchID string
}

// createGateway checks a gateway against the site's offer, the account and the quota, gives it
// its IDs and addresses, and stores it with its order.
func (s *Sim) createGateway(spec gatewaySpec, x *exchange) (*gateway.Record, *apierr.Error) {
	g := &spec.record
	facts := s.cfg.Dialect.Facts()
	if !slices.Contains(facts.ChargeTypes, g.ChargeType) {
		return nil, apierr.InvalidParameter("InstanceChargeType", "%q is not one of %v, the billing methods sold on the %s site", g.ChargeType, facts.ChargeTypes, s.cfg.Dialect)
	}
	switch {
	case g.ChargeType == vpcapi.ChargeTypePrepay && !spec.periodSet:
		return nil, apierr.MissingParameter("Period")
	case g.ChargeType == vpcapi.ChargeTypePrepay && !dialect.ValidPeriod(g.Period):
		return nil, apierr.InvalidParameter("Period", "%d is not one of %v (months)", g.Period, dialect.Periods)
	case g.ChargeType == vpcapi.ChargeTypePostpay && spec.periodSet:
		return nil, apierr.InvalidParameter("Period", "it applies to InstanceChargeType %s only", vpcapi.ChargeTypePrepay)
	}
	switch {
	case spec.sslSet && !g.SSL:
		return nil, apierr.InvalidParameter("SslConnections", "it applies only when EnableSsl is true")
	case spec.sslSet && !dialect.ValidSslConnections(g.SSLConnections):
		return nil, apierr.InvalidParameter("SslConnections", "%d is not one of %v", g.SSLConnections, dialect.SslConnections)
	case g.SSL && !spec.sslSet:
		g.SSLConnections = defaultSslConnections
	}
	if g.Name != "" && !dialect.ValidName(g.Name) {
		return nil, dialect.InvalidName()
	}
	if g.NetworkType != vpcapi.NetworkTypePublic && g.NetworkType != vpcapi.NetworkTypePrivate {
		return nil, apierr.InvalidParameter("NetworkType", "%q is not %s or %s", g.NetworkType, vpcapi.NetworkTypePublic, vpcapi.NetworkTypePrivate)
	}
	if !slices.Contains(facts.VpnTypes, g.VpnType) {
		return nil, apierr.InvalidParameter("VpnType", "%q is not one of %v, the VPN types sold on the %s site", g.VpnType, facts.VpnTypes, s.cfg.Dialect)
	}
	if sold := facts.Bandwidths[g.NetworkType]; !slices.Contains(sold, g.Bandwidth) {
		return nil, apierr.InvalidParameter("Bandwidth", "%d is not one of %v (Mbit/s), the bandwidths of %s gateways sold on the %s site", g.Bandwidth, sold, g.NetworkType, s.cfg.Dialect)
	}
	vpc := spec.region.Vpc(g.VpcID)
	if vpc == nil {
		return nil, apierr.VpcNotFound()
	}
	vsw, drVsw, aerr := pickVSwitches(vpc, spec.vSwitchID, spec.drVSwitchID)
	if aerr != nil {
		return nil, aerr
	}
	if !s.state.resourceGroups[g.ResourceGroupID] {
		return nil, apierr.ResourceGroupNotFound(g.ResourceGroupID)
	}
	if s.countGateways(g.RegionID, x) >= s.cfg.Quota {
		return nil, apierr.QuotaFull()
	}

	st := s.state
	st.counters.Seq++
	st.counters.OrderID++
	g.Seq, g.OrderID, g.ID = st.counters.Seq, st.counters.OrderID, s.newGatewayID()
	g.Name = cmp.Or(g.Name, g.ID)
	if vsw != nil {
		g.VSwitchID = vsw.ID
	}
	g.InternetIP = s.allocateIP(g.NetworkType, vsw)
	if drVsw == nil && g.IPsec && vsw != nil {
		g.IntranetIP = s.allocateIP(vpcapi.NetworkTypePrivate, vsw)
	}
	if drVsw != nil {
		g.DRVSwitchID = drVsw.ID
		g.DRInternetIP = s.allocateIP(g.NetworkType, drVsw)
		// The reference answers SslVpnInternetIp only for SSL on a public dual-tunnel gateway:
		// the SSL server has an address of its own there, and shares InternetIp elsewhere.
		if g.SSL && g.NetworkType == vpcapi.NetworkTypePublic {
			g.SSLInternetIP = s.allocateIP(g.NetworkType, vsw)
		}
	}
	if s.cfg.ProvisionSpread {
		g.ProvisionFor = gateway.SpreadDelay(s.cfg.ProvisionDelay, s.cfg.Seed, g.Seq)
	}
	paid := g.ChargeType == vpcapi.ChargeTypePostpay || spec.autoPay
	if paid {
		g.StartedAt = x.now
	}
	if g.ChargeType == vpcapi.ChargeTypePrepay {
		g.EndsAt = x.now.AddDate(0, int(g.Period), 0)
	}
	st.gateways[g.ID] = g
	st.orders[g.OrderID] = &order{ID: g.OrderID, GatewayID: g.ID, Paid: paid}
	x.mutated = true
	return g, nil
}

// pickVSwitches finds the gateway's vSwitch, the VPC's first when none is named, and its
// disaster-recovery vSwitch, which must sit in another zone.
func pickVSwitches(vpc *network.Vpc, vSwitchID, drVSwitchID string) (vsw, drVsw *network.VSwitch, aerr *apierr.Error) {
	if vSwitchID != "" {
		if vsw = vpc.VSwitch(vSwitchID); vsw == nil {
			return nil, nil, apierr.VSwitchNotFound()
		}
	} else if len(vpc.VSwitches) > 0 {
		vsw = &vpc.VSwitches[0]
	}
	if drVSwitchID == "" {
		return vsw, nil, nil
	}
	if vSwitchID == "" {
		return nil, nil, apierr.MissingParameter("VSwitchId")
	}
	if drVsw = vpc.VSwitch(drVSwitchID); drVsw == nil {
		return nil, nil, apierr.VSwitchNotFound()
	}
	if drVsw.ZoneID == vsw.ZoneID {
		return nil, nil, apierr.InvalidParameter("DisasterRecoveryVSwitchId", "it is in zone %s, the zone of VSwitchId; it must be in another zone", drVsw.ZoneID)
	}
	return vsw, drVsw, nil
}

// deleteGateway starts a gateway's deletion, which the API refuses while the gateway is being
// deleted, in its subscription or not ready; without a delete delay it is gone at once.
func (s *Sim) deleteGateway(g *gateway.Record, x *exchange) *apierr.Error {
	if status, _ := g.Status(x.now, &s.gw); status == vpcapi.StatusDeleting {
		return apierr.IncorrectStatus(status)
	}
	if g.InSubscription(x.now) {
		return apierr.ForbiddenRelease()
	}
	if aerr := g.CheckReady(x.now, &s.gw); aerr != nil {
		return aerr
	}
	g.DeletedAt = x.now
	if s.cfg.DeleteDelay == 0 {
		delete(s.state.gateways, g.ID)
	}
	x.mutated = true
	return nil
}

// gatewayChange is what ModifyVpnGatewayAttribute changes: an empty Name or Description, or an
// AutoPropagate not given, leaves the gateway's as it is.
type gatewayChange struct {
	name, description string
	autoPropagate     *bool
}

// modifyGateway changes a ready gateway's attributes, which keeps it updating for the update
// delay.
func (s *Sim) modifyGateway(g *gateway.Record, ch gatewayChange, x *exchange) *apierr.Error {
	if aerr := g.CheckReady(x.now, &s.gw); aerr != nil {
		return aerr
	}
	g.Name = cmp.Or(ch.name, g.Name)
	g.Description = cmp.Or(ch.description, g.Description)
	if ch.autoPropagate != nil {
		g.AutoPropagate = *ch.autoPropagate
	}
	g.UpdatingUntil = x.now.Add(s.cfg.UpdateDelay)
	x.mutated = true
	return nil
}

// moveGateway puts a live VPN gateway of the region into another resource group of the account;
// moving it to the group it is in changes nothing. vpcsim keeps no resource of the other types
// MoveVpnResourceGroup takes, so their IDs are not found.
func (s *Sim) moveGateway(regionID, instanceID, resourceType, groupID string, x *exchange) *apierr.Error {
	if !s.state.resourceGroups[groupID] {
		return apierr.ResourceGroupNotFound(groupID)
	}
	g := s.state.gateways[instanceID]
	if resourceType != vpcapi.MoveResourceTypeVpnGateway || g == nil || g.RegionID != regionID {
		return apierr.InstanceIDNotFound(instanceID, resourceType)
	}
	if _, gone := g.Status(x.now, &s.gw); gone {
		return apierr.InstanceIDNotFound(instanceID, resourceType)
	}
	if g.ResourceGroupID != groupID {
		g.ResourceGroupID = groupID
		x.mutated = true
	}
	return nil
}

// listed is one item of DescribeVpnGateways, of either kind, with what its filters compare.
type listed struct {
	seq    int64
	fields map[string]string // filter parameter -> the item's value ("" when it has none)
	tags   tagging.Set       // for the Tag.N filters
	answer func() map[string]any
}

// listGateways lists a region's gateways of both kinds as the reads see them, newest first, that
// have every tag filter and every wanted field value ("" wants any).
func (s *Sim) listGateways(regionID string, wanted map[string]string, filters []tagging.Filter, x *exchange) []listed {
	var items []listed
	for _, g := range s.readGateways(regionID, x) {
		v := g.View(x.now, &s.gw)
		items = append(items, listed{seq: g.Seq, tags: g.Tags, answer: func() map[string]any { return g.Answer(x.now, &s.gw) }, fields: map[string]string{
			"VpcId": v.VpcID, "VpnGatewayId": v.VpnGatewayID, "Status": v.Status, "BusinessStatus": v.BusinessStatus,
			"ResourceGroupId": v.ResourceGroupID, "GatewayType": gateway.TypeTraditional,
		}})
	}
	for _, f := range s.state.foreign {
		if f.RegionID == regionID {
			items = append(items, listed{seq: f.Seq, answer: func() map[string]any { return f.Answer(true, DefaultResourceGroupID) }, fields: map[string]string{
				"VpcId": f.VpcID, "VpnGatewayId": f.ID, "Status": "", "BusinessStatus": vpcapi.BusinessStatusNormal,
				"ResourceGroupId": DefaultResourceGroupID, "GatewayType": f.GatewayType,
			}})
		}
	}
	// Newest first, as the API lists them; both kinds count for TotalCount and paging alike.
	slices.SortFunc(items, func(a, b listed) int { return cmp.Compare(b.seq, a.seq) })
	return slices.DeleteFunc(items, func(it listed) bool {
		if !it.tags.Match(filters) {
			return true
		}
		for name, value := range it.fields {
			if want := wanted[name]; want != "" && value != want {
				return true
			}
		}
		return false
	})
}
