package vpcsim

import (
	"cmp"
	"crypto/rand"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/site"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// Every handler validates the whole request before it changes anything, so that an error answer
// never leaves a half-made change behind.

// defaultSslConnections is what the API gives an SSL-enabled gateway created without
// SslConnections.
const defaultSslConnections = 5

type createAnswer struct {
	RequestID    string `json:"RequestId"`
	VpnGatewayID string `json:"VpnGatewayId"`
	Name         string `json:"Name"`
	OrderID      int64  `json:"OrderId"`
}

type gatewaysAnswer struct {
	RequestID   string `json:"RequestId"`
	TotalCount  int    `json:"TotalCount"`
	PageNumber  int    `json:"PageNumber"`
	PageSize    int    `json:"PageSize"`
	VpnGateways struct {
		VpnGateway []map[string]any `json:"VpnGateway"`
	} `json:"VpnGateways"`
}

func (s *Sim) createVpnGateway(c *request.Call, x *exchange) (any, *apierr.Error) {
	region, aerr := s.regions.Region(c)
	if aerr != nil {
		return nil, aerr
	}
	vpcID, aerr := c.Required("VpcId")
	if aerr != nil {
		return nil, aerr
	}
	if _, aerr := c.Required("Bandwidth"); aerr != nil {
		return nil, aerr
	}
	bandwidth, _, aerr := c.OptInt("Bandwidth")
	if aerr != nil {
		return nil, aerr
	}
	g := &gateway.Record{
		RegionID:        region.ID,
		VpcID:           vpcID,
		Bandwidth:       bandwidth,
		ChargeType:      cmp.Or(c.Get("InstanceChargeType"), vpcapi.ChargeTypePostpay),
		NetworkType:     cmp.Or(c.Get("NetworkType"), vpcapi.NetworkTypePublic),
		VpnType:         cmp.Or(c.Get("VpnType"), vpcapi.VpnTypeNormal),
		ResourceGroupID: cmp.Or(c.Get("ResourceGroupId"), DefaultResourceGroupID),
		Name:            c.Get("Name"),
		// CreateVpnGateway takes no AutoPropagate, and a new gateway answers false: the official
		// provider reads it into an argument that is optional and not computed, and its tests that
		// leave it unset pass their empty-plan checks (README, "Reported fields").
		AutoPropagate: false,
		CreatedAt:     x.now,
	}
	facts := s.cfg.Dialect.Facts()
	if !slices.Contains(facts.ChargeTypes, g.ChargeType) {
		return nil, apierr.InvalidParameter("InstanceChargeType", "%q is not one of %v, the billing methods sold on the %s site", g.ChargeType, facts.ChargeTypes, s.cfg.Dialect)
	}
	period, periodSet, aerr := c.OptInt("Period")
	switch {
	case aerr != nil:
		return nil, aerr
	case g.ChargeType == vpcapi.ChargeTypePrepay && !periodSet:
		return nil, apierr.MissingParameter("Period")
	case g.ChargeType == vpcapi.ChargeTypePrepay && !site.ValidPeriod(period):
		return nil, apierr.InvalidParameter("Period", "%d is not one of %v (months)", period, site.Periods)
	case g.ChargeType == vpcapi.ChargeTypePostpay && periodSet:
		return nil, apierr.InvalidParameter("Period", "it applies to InstanceChargeType %s only", vpcapi.ChargeTypePrepay)
	}
	g.Period = period
	autoPay, aerr := c.OptBool("AutoPay", false)
	if aerr != nil {
		return nil, aerr
	}
	if g.IPsec, aerr = c.OptBool("EnableIpsec", true); aerr != nil {
		return nil, aerr
	}
	if g.SSL, aerr = c.OptBool("EnableSsl", false); aerr != nil {
		return nil, aerr
	}
	sslConnections, sslSet, aerr := c.OptInt("SslConnections")
	switch {
	case aerr != nil:
		return nil, aerr
	case sslSet && !g.SSL:
		return nil, apierr.InvalidParameter("SslConnections", "it applies only when EnableSsl is true")
	case sslSet && sslConnections < 1:
		return nil, apierr.InvalidParameter("SslConnections", "%d is not a positive number of clients", sslConnections)
	case g.SSL && !sslSet:
		sslConnections = defaultSslConnections
	}
	g.SSLConnections = sslConnections
	if g.Name != "" && !site.ValidName(g.Name) {
		return nil, site.InvalidName()
	}
	if g.NetworkType != vpcapi.NetworkTypePublic && g.NetworkType != vpcapi.NetworkTypePrivate {
		return nil, apierr.InvalidParameter("NetworkType", "%q is not %s or %s", g.NetworkType, vpcapi.NetworkTypePublic, vpcapi.NetworkTypePrivate)
	}
	if !slices.Contains(facts.VpnTypes, g.VpnType) {
		return nil, apierr.InvalidParameter("VpnType", "%q is not one of %v, the VPN types sold on the %s site", g.VpnType, facts.VpnTypes, s.cfg.Dialect)
	}
	if sold := facts.Bandwidths[g.NetworkType]; !slices.Contains(sold, bandwidth) {
		return nil, apierr.InvalidParameter("Bandwidth", "%d is not one of %v (Mbit/s), the bandwidths of %s gateways sold on the %s site", bandwidth, sold, g.NetworkType, s.cfg.Dialect)
	}
	vpc := region.Vpc(vpcID)
	if vpc == nil {
		return nil, apierr.VpcNotFound()
	}
	vsw, drVsw, aerr := pickVSwitches(c, vpc)
	if aerr != nil {
		return nil, aerr
	}
	if !s.state.resourceGroups[g.ResourceGroupID] {
		return nil, apierr.ResourceGroupNotFound(g.ResourceGroupID)
	}
	if s.countGateways(region.ID, x) >= s.cfg.Quota {
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
	paid := g.ChargeType == vpcapi.ChargeTypePostpay || autoPay
	if paid {
		g.StartedAt = x.now
	}
	if g.ChargeType == vpcapi.ChargeTypePrepay {
		g.EndsAt = x.now.AddDate(0, int(g.Period), 0)
	}
	st.gateways[g.ID] = g
	st.orders[g.OrderID] = &order{ID: g.OrderID, GatewayID: g.ID, Paid: paid}
	x.mutated = true
	return createAnswer{RequestID: x.requestID, VpnGatewayID: g.ID, Name: g.Name, OrderID: g.OrderID}, nil
}

// pickVSwitches finds the gateway's vSwitch, the VPC's first when none is named, and its
// disaster-recovery vSwitch, which must sit in another zone.
func pickVSwitches(c *request.Call, vpc *network.Vpc) (vsw, drVsw *network.VSwitch, aerr *apierr.Error) {
	if id := c.Get("VSwitchId"); id != "" {
		if vsw = vpc.VSwitch(id); vsw == nil {
			return nil, nil, apierr.VSwitchNotFound()
		}
	} else if len(vpc.VSwitches) > 0 {
		vsw = &vpc.VSwitches[0]
	}
	id := c.Get("DisasterRecoveryVSwitchId")
	if id == "" {
		return vsw, nil, nil
	}
	if c.Get("VSwitchId") == "" {
		return nil, nil, apierr.MissingParameter("VSwitchId")
	}
	if drVsw = vpc.VSwitch(id); drVsw == nil {
		return nil, nil, apierr.VSwitchNotFound()
	}
	if drVsw.ZoneID == vsw.ZoneID {
		return nil, nil, apierr.InvalidParameter("DisasterRecoveryVSwitchId", "it is in zone %s, the zone of VSwitchId; it must be in another zone", drVsw.ZoneID)
	}
	return vsw, drVsw, nil
}

// describeVpnGateway answers a gateway of another type too, with what DescribeVpnGateway is
// known to answer for one: its status, and no ChargeType or Spec.
func (s *Sim) describeVpnGateway(c *request.Call, x *exchange) (any, *apierr.Error) {
	if f := s.findForeign(c); f != nil {
		return withRequestID(f.Answer(false, DefaultResourceGroupID), x.requestID), nil
	}
	g, aerr := s.findGateway(c, x)
	if aerr != nil {
		return nil, aerr
	}
	return withRequestID(g.Answer(x.now, &s.gw), x.requestID), nil
}

// listed is one item of DescribeVpnGateways, of either kind, with what its filters compare.
type listed struct {
	seq    int64
	fields map[string]string // filter parameter -> the item's value ("" when it has none)
	tags   tagging.Set       // for the Tag.N filters
	answer func() map[string]any
}

func (s *Sim) describeVpnGateways(c *request.Call, x *exchange) (any, *apierr.Error) {
	region, aerr := s.regions.Region(c)
	if aerr != nil {
		return nil, aerr
	}
	page, size, aerr := c.Paging()
	if aerr != nil {
		return nil, aerr
	}
	filters, aerr := c.TagFilters()
	if aerr != nil {
		return nil, aerr
	}
	var items []listed
	for _, g := range s.liveGateways(region.ID, x) {
		v := g.View(x.now, &s.gw)
		items = append(items, listed{seq: g.Seq, tags: g.Tags, answer: func() map[string]any { return g.Answer(x.now, &s.gw) }, fields: map[string]string{
			"VpcId": v.VpcID, "VpnGatewayId": v.VpnGatewayID, "Status": v.Status, "BusinessStatus": v.BusinessStatus,
			"ResourceGroupId": v.ResourceGroupID, "GatewayType": gateway.TypeTraditional,
		}})
	}
	for _, f := range s.state.foreign {
		if f.RegionID == region.ID {
			items = append(items, listed{seq: f.Seq, answer: func() map[string]any { return f.Answer(true, DefaultResourceGroupID) }, fields: map[string]string{
				"VpcId": f.VpcID, "VpnGatewayId": f.ID, "Status": "", "BusinessStatus": vpcapi.BusinessStatusNormal,
				"ResourceGroupId": DefaultResourceGroupID, "GatewayType": f.GatewayType,
			}})
		}
	}
	// Newest first, as the API lists them; both kinds count for TotalCount and paging alike.
	slices.SortFunc(items, func(a, b listed) int { return cmp.Compare(b.seq, a.seq) })
	items = slices.DeleteFunc(items, func(it listed) bool {
		if !it.tags.Match(filters) {
			return true
		}
		for name, value := range it.fields {
			if want := c.Get(name); want != "" && value != want {
				return true
			}
		}
		return false
	})
	a := gatewaysAnswer{RequestID: x.requestID, TotalCount: len(items), PageNumber: page, PageSize: size}
	a.VpnGateways.VpnGateway = []map[string]any{}
	for _, it := range request.Page(items, page, size) {
		a.VpnGateways.VpnGateway = append(a.VpnGateways.VpnGateway, it.answer())
	}
	return a, nil
}

func (s *Sim) modifyVpnGatewayAttribute(c *request.Call, x *exchange) (any, *apierr.Error) {
	name, description := c.Get("Name"), c.Get("Description")
	if name != "" && !site.ValidName(name) {
		return nil, site.InvalidName()
	}
	if description != "" && !site.ValidDescription(description) {
		return nil, site.InvalidDescription()
	}
	autoPropagate, aerr := c.OptBool("AutoPropagate", false)
	if aerr != nil {
		return nil, aerr
	}
	g, aerr := s.findGateway(c, x)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := g.CheckReady(x.now, &s.gw); aerr != nil {
		return nil, aerr
	}
	if name != "" {
		g.Name = name
	}
	if description != "" {
		g.Description = description
	}
	if c.Has("AutoPropagate") {
		g.AutoPropagate = autoPropagate
	}
	g.UpdatingUntil = x.now.Add(s.cfg.UpdateDelay)
	x.mutated = true
	a := g.Answer(x.now, &s.gw)
	delete(a, "Tags") // the reference's answer to a modify has every field of the gateway but its tags
	return withRequestID(a, x.requestID), nil
}

func (s *Sim) deleteVpnGateway(c *request.Call, x *exchange) (any, *apierr.Error) {
	g, aerr := s.findGateway(c, x)
	if aerr != nil {
		return nil, aerr
	}
	if status, _ := g.Status(x.now, &s.gw); status == vpcapi.StatusDeleting {
		return nil, apierr.IncorrectStatus(status)
	}
	if g.InSubscription(x.now) {
		return nil, apierr.ForbiddenRelease()
	}
	if aerr := g.CheckReady(x.now, &s.gw); aerr != nil {
		return nil, aerr
	}
	g.DeletedAt = x.now
	if s.cfg.DeleteDelay == 0 {
		delete(s.state.gateways, g.ID)
	}
	x.mutated = true
	return requestIDAnswer{x.requestID}, nil
}

// findGateway is the call's VpnGatewayId in its RegionId; a gateway whose deletion has run its
// course is forgotten here, when it is first found gone.
func (s *Sim) findGateway(c *request.Call, x *exchange) (*gateway.Record, *apierr.Error) {
	region, aerr := s.regions.Region(c)
	if aerr != nil {
		return nil, aerr
	}
	id, aerr := c.Required("VpnGatewayId")
	if aerr != nil {
		return nil, aerr
	}
	g := s.state.gateways[id]
	if g == nil || g.RegionID != region.ID {
		return nil, apierr.GatewayNotFound()
	}
	if _, gone := g.Status(x.now, &s.gw); gone {
		delete(s.state.gateways, id)
		return nil, apierr.GatewayNotFound()
	}
	return g, nil
}

// tagTarget is what a tag action is aimed at: the call's region, its ResourceType in canonical
// form, and its ResourceId.N.
type tagTarget struct {
	region       *network.Region
	resourceType string
	ids          []string
}

// tagTarget reads the parameters every tag action opens with, in the order their refusals come:
// RegionId, ResourceType, then ResourceId.N, which TagResources and UnTagResources require and
// ListTagResources does not (it can select by Tag.N alone).
func (s *Sim) tagTarget(c *request.Call, idsRequired bool) (tagTarget, *apierr.Error) {
	region, aerr := s.regions.Region(c)
	if aerr != nil {
		return tagTarget{}, aerr
	}
	t, aerr := c.Required("ResourceType")
	if aerr != nil {
		return tagTarget{}, aerr
	}
	resourceType, err := tagging.ResourceType(t)
	if err != nil {
		return tagTarget{}, apierr.FromTagging(err)
	}
	ids := c.Indexed("ResourceId")
	if idsRequired && len(ids) == 0 {
		return tagTarget{}, apierr.MissingParameter("ResourceId.1")
	}
	return tagTarget{region: region, resourceType: resourceType, ids: ids}, nil
}

// tagTargets are the resources a tag action names (ResourceId.N, at most
// tagging.MaxResourcesPerCall, none counting twice), of its canonical resource type: live VPN
// gateways of the call's region, in creation order. vpcsim keeps tags of VPN gateways only: an ID
// of another type, a gateway of another type (gateway.Foreign) included, is not found.
func (s *Sim) tagTargets(x *exchange, t tagTarget) ([]*gateway.Record, *apierr.Error) {
	if aerr := tagging.CheckResourceCount(len(t.ids)); aerr != nil {
		return nil, apierr.FromTagging(aerr)
	}
	var found []*gateway.Record
	var missing []string
	for _, id := range t.ids {
		g := s.state.gateways[id]
		if g != nil && g.RegionID == t.region.ID && t.resourceType == vpcapi.TagResourceTypeVpnGateway {
			if _, gone := g.Status(x.now, &s.gw); !gone {
				found = append(found, g)
				continue
			}
		}
		missing = append(missing, id)
	}
	if len(missing) > 0 {
		return nil, apierr.InstanceIDsNotFound(missing)
	}
	slices.SortFunc(found, func(a, b *gateway.Record) int { return cmp.Compare(a.Seq, b.Seq) })
	return found, nil
}

// findForeign is the call's VpnGatewayId as a gateway of another type in its RegionId, if it is one.
func (s *Sim) findForeign(c *request.Call) *gateway.ForeignRecord {
	f := s.state.foreign[c.Get("VpnGatewayId")]
	if f == nil || f.RegionID != c.Get("RegionId") {
		return nil
	}
	return f
}

// liveGateways lists a region's gateways, newest first as the API lists them, forgetting the
// ones that are gone.
func (s *Sim) liveGateways(regionID string, x *exchange) []*gateway.Record {
	var out []*gateway.Record
	for id, g := range s.state.gateways {
		if _, gone := g.Status(x.now, &s.gw); gone {
			delete(s.state.gateways, id)
			continue
		}
		if g.RegionID == regionID {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b *gateway.Record) int { return cmp.Compare(b.Seq, a.Seq) })
	return out
}

// countGateways counts a region's gateways that are not gone, for the quota; it runs on every
// create, so it neither allocates nor sorts.
func (s *Sim) countGateways(regionID string, x *exchange) int {
	n := 0
	for _, g := range s.state.gateways {
		if _, gone := g.Status(x.now, &s.gw); !gone && g.RegionID == regionID {
			n++
		}
	}
	return n
}

// newGatewayID returns an unused ID shaped like the API's: "vpn-" and 21 lowercase letters and
// digits.
func (s *Sim) newGatewayID() string {
	for {
		if id := "vpn-" + randomID(21); s.state.gateways[id] == nil && s.state.foreign[id] == nil {
			return id
		}
	}
}

// randomID returns n random lowercase letters and digits, the alphabet of the API's IDs.
func randomID(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// allocateIP gives a public gateway the next documentation address and a private one an address
// in its vSwitch.
func (s *Sim) allocateIP(networkType string, vsw *network.VSwitch) string {
	n := s.state.counters.IP
	s.state.counters.IP++
	if networkType == vpcapi.NetworkTypePrivate && vsw != nil {
		return network.PrivateIP(vsw.CidrBlock, n)
	}
	return network.PublicIP(n)
}
