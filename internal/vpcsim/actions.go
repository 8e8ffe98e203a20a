package vpcsim

import (
	"cmp"
	"crypto/rand"
	"slices"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// Every handler validates the whole request before it changes anything, so that an error answer
// never leaves a half-made change behind.

// defaultSslConnections is what the API gives an SSL-enabled gateway created without
// SslConnections.
const defaultSslConnections = 5

// Paging limits of the Describe actions.
const (
	defaultPageSize = 10
	maxPageSize     = vpcapi.MaxPageSize
)

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

// withRequestID is a gateway's answer as a whole answer body.
func withRequestID(a map[string]any, requestID string) map[string]any {
	a["RequestId"] = requestID
	return a
}

type requestIDAnswer struct {
	RequestID string `json:"RequestId"`
}

func (s *Sim) createVpnGateway(c *call, x *exchange) (any, *apiError) {
	region, aerr := s.region(c)
	if aerr != nil {
		return nil, aerr
	}
	vpcID, aerr := c.required("VpcId")
	if aerr != nil {
		return nil, aerr
	}
	if _, aerr := c.required("Bandwidth"); aerr != nil {
		return nil, aerr
	}
	bandwidth, _, aerr := c.optInt("Bandwidth")
	if aerr != nil {
		return nil, aerr
	}
	g := &gateway{
		RegionID:        region.ID,
		VpcID:           vpcID,
		Bandwidth:       bandwidth,
		ChargeType:      cmp.Or(c.get("InstanceChargeType"), vpcapi.ChargeTypePostpay),
		NetworkType:     cmp.Or(c.get("NetworkType"), vpcapi.NetworkTypePublic),
		VpnType:         cmp.Or(c.get("VpnType"), vpcapi.VpnTypeNormal),
		ResourceGroupID: cmp.Or(c.get("ResourceGroupId"), DefaultResourceGroupID),
		Name:            c.get("Name"),
		// CreateVpnGateway takes no AutoPropagate, and a new gateway answers false: the official
		// provider reads it into an argument that is optional and not computed, and its tests that
		// leave it unset pass their empty-plan checks (README, "Reported fields").
		AutoPropagate: false,
		CreatedAt:     x.now,
	}
	site := s.cfg.dialect()
	if !slices.Contains(site.chargeTypes, g.ChargeType) {
		return nil, errInvalidParameter("InstanceChargeType", "%q is not one of %v, the billing methods sold on the %s site", g.ChargeType, site.chargeTypes, s.cfg.Dialect)
	}
	period, periodSet, aerr := c.optInt("Period")
	switch {
	case aerr != nil:
		return nil, aerr
	case g.ChargeType == vpcapi.ChargeTypePrepay && !periodSet:
		return nil, errMissingParameter("Period")
	case g.ChargeType == vpcapi.ChargeTypePrepay && !validPeriod(period):
		return nil, errInvalidParameter("Period", "%d is not one of %v (months)", period, periods)
	case g.ChargeType == vpcapi.ChargeTypePostpay && periodSet:
		return nil, errInvalidParameter("Period", "it applies to InstanceChargeType %s only", vpcapi.ChargeTypePrepay)
	}
	g.Period = period
	autoPay, aerr := c.optBool("AutoPay", false)
	if aerr != nil {
		return nil, aerr
	}
	if g.IPsec, aerr = c.optBool("EnableIpsec", true); aerr != nil {
		return nil, aerr
	}
	if g.SSL, aerr = c.optBool("EnableSsl", false); aerr != nil {
		return nil, aerr
	}
	sslConnections, sslSet, aerr := c.optInt("SslConnections")
	switch {
	case aerr != nil:
		return nil, aerr
	case sslSet && !g.SSL:
		return nil, errInvalidParameter("SslConnections", "it applies only when EnableSsl is true")
	case sslSet && sslConnections < 1:
		return nil, errInvalidParameter("SslConnections", "%d is not a positive number of clients", sslConnections)
	case g.SSL && !sslSet:
		sslConnections = defaultSslConnections
	}
	g.SSLConnections = sslConnections
	if g.Name != "" && !validName(g.Name) {
		return nil, errInvalidName()
	}
	if g.NetworkType != vpcapi.NetworkTypePublic && g.NetworkType != vpcapi.NetworkTypePrivate {
		return nil, errInvalidParameter("NetworkType", "%q is not %s or %s", g.NetworkType, vpcapi.NetworkTypePublic, vpcapi.NetworkTypePrivate)
	}
	if !slices.Contains(site.vpnTypes, g.VpnType) {
		return nil, errInvalidParameter("VpnType", "%q is not one of %v, the VPN types sold on the %s site", g.VpnType, site.vpnTypes, s.cfg.Dialect)
	}
	if sold := site.bandwidths[g.NetworkType]; !slices.Contains(sold, bandwidth) {
		return nil, errInvalidParameter("Bandwidth", "%d is not one of %v (Mbit/s), the bandwidths of %s gateways sold on the %s site", bandwidth, sold, g.NetworkType, s.cfg.Dialect)
	}
	vpc := region.vpc(vpcID)
	if vpc == nil {
		return nil, errVpcNotFound()
	}
	vsw, drVsw, aerr := pickVSwitches(c, vpc)
	if aerr != nil {
		return nil, aerr
	}
	if !s.state.resourceGroups[g.ResourceGroupID] {
		return nil, errResourceGroupNotFound(g.ResourceGroupID)
	}
	if s.countGateways(region.ID, x) >= s.cfg.Quota {
		return nil, errQuotaFull()
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
		g.ProvisionFor = spreadDelay(s.cfg.ProvisionDelay, s.cfg.Seed, g.Seq)
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
func pickVSwitches(c *call, vpc *Vpc) (vsw, drVsw *VSwitch, aerr *apiError) {
	if id := c.get("VSwitchId"); id != "" {
		if vsw = vpc.vSwitch(id); vsw == nil {
			return nil, nil, errVSwitchNotFound()
		}
	} else if len(vpc.VSwitches) > 0 {
		vsw = &vpc.VSwitches[0]
	}
	id := c.get("DisasterRecoveryVSwitchId")
	if id == "" {
		return vsw, nil, nil
	}
	if c.get("VSwitchId") == "" {
		return nil, nil, errMissingParameter("VSwitchId")
	}
	if drVsw = vpc.vSwitch(id); drVsw == nil {
		return nil, nil, errVSwitchNotFound()
	}
	if drVsw.ZoneID == vsw.ZoneID {
		return nil, nil, errInvalidParameter("DisasterRecoveryVSwitchId", "it is in zone %s, the zone of VSwitchId; it must be in another zone", drVsw.ZoneID)
	}
	return vsw, drVsw, nil
}

// describeVpnGateway answers a gateway of another type too, with what DescribeVpnGateway is
// known to answer for one: its status, and no ChargeType or Spec.
func (s *Sim) describeVpnGateway(c *call, x *exchange) (any, *apiError) {
	if f := s.findForeign(c); f != nil {
		return withRequestID(f.answer(false), x.requestID), nil
	}
	g, aerr := s.findGateway(c, x)
	if aerr != nil {
		return nil, aerr
	}
	return withRequestID(g.answer(x.now, &s.cfg), x.requestID), nil
}

// listed is one item of DescribeVpnGateways, of either kind, with what its filters compare.
type listed struct {
	seq    int64
	fields map[string]string // filter parameter -> the item's value ("" when it has none)
	tags   tagging.Set       // for the Tag.N filters
	answer func() map[string]any
}

func (s *Sim) describeVpnGateways(c *call, x *exchange) (any, *apiError) {
	region, aerr := s.region(c)
	if aerr != nil {
		return nil, aerr
	}
	page, size, aerr := paging(c)
	if aerr != nil {
		return nil, aerr
	}
	filters, aerr := c.tagFilters()
	if aerr != nil {
		return nil, aerr
	}
	var items []listed
	for _, g := range s.liveGateways(region.ID, x) {
		v := g.view(x.now, &s.cfg)
		items = append(items, listed{seq: g.Seq, tags: g.Tags, answer: func() map[string]any { return g.answer(x.now, &s.cfg) }, fields: map[string]string{
			"VpcId": v.VpcID, "VpnGatewayId": v.VpnGatewayID, "Status": v.Status, "BusinessStatus": v.BusinessStatus,
			"ResourceGroupId": v.ResourceGroupID, "GatewayType": gatewayTypeTraditional,
		}})
	}
	for _, f := range s.state.foreign {
		if f.RegionID == region.ID {
			items = append(items, listed{seq: f.Seq, answer: func() map[string]any { return f.answer(true) }, fields: map[string]string{
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
			if want := c.get(name); want != "" && value != want {
				return true
			}
		}
		return false
	})
	a := gatewaysAnswer{RequestID: x.requestID, TotalCount: len(items), PageNumber: page, PageSize: size}
	a.VpnGateways.VpnGateway = []map[string]any{}
	for _, it := range pageOf(items, page, size) {
		a.VpnGateways.VpnGateway = append(a.VpnGateways.VpnGateway, it.answer())
	}
	return a, nil
}

func (s *Sim) modifyVpnGatewayAttribute(c *call, x *exchange) (any, *apiError) {
	name, description := c.get("Name"), c.get("Description")
	if name != "" && !validName(name) {
		return nil, errInvalidName()
	}
	if description != "" && !validDescription(description) {
		return nil, errInvalidDescription()
	}
	autoPropagate, aerr := c.optBool("AutoPropagate", false)
	if aerr != nil {
		return nil, aerr
	}
	g, aerr := s.findGateway(c, x)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := s.checkReady(g, x); aerr != nil {
		return nil, aerr
	}
	if name != "" {
		g.Name = name
	}
	if description != "" {
		g.Description = description
	}
	if c.has("AutoPropagate") {
		g.AutoPropagate = autoPropagate
	}
	g.UpdatingUntil = x.now.Add(s.cfg.UpdateDelay)
	x.mutated = true
	a := g.answer(x.now, &s.cfg)
	delete(a, "Tags") // the reference's answer to a modify has every field of the gateway but its tags
	return withRequestID(a, x.requestID), nil
}

func (s *Sim) deleteVpnGateway(c *call, x *exchange) (any, *apiError) {
	g, aerr := s.findGateway(c, x)
	if aerr != nil {
		return nil, aerr
	}
	if status, _ := g.status(x.now, &s.cfg); status == vpcapi.StatusDeleting {
		return nil, errIncorrectStatus(status)
	}
	if g.inSubscription(x.now) {
		return nil, errForbiddenRelease()
	}
	if aerr := s.checkReady(g, x); aerr != nil {
		return nil, aerr
	}
	g.DeletedAt = x.now
	if s.cfg.DeleteDelay == 0 {
		delete(s.state.gateways, g.ID)
	}
	x.mutated = true
	return requestIDAnswer{x.requestID}, nil
}

// checkReady refuses a change to a gateway that is not active: one being deleted has the wrong
// status for anything, one still being set up or changed asks the caller to come back later.
func (s *Sim) checkReady(g *gateway, x *exchange) *apiError {
	switch status, _ := g.status(x.now, &s.cfg); status {
	case vpcapi.StatusActive:
		return nil
	case vpcapi.StatusDeleting:
		return errIncorrectStatus(status)
	default:
		return errConfiguring()
	}
}

type vpcsAnswer struct {
	RequestID  string `json:"RequestId"`
	TotalCount int    `json:"TotalCount"`
	PageNumber int    `json:"PageNumber"`
	PageSize   int    `json:"PageSize"`
	Vpcs       struct {
		Vpc []vpcItem `json:"Vpc"`
	} `json:"Vpcs"`
}

type vpcItem struct {
	VpcID           string `json:"VpcId"`
	VpcName         string `json:"VpcName"`
	RegionID        string `json:"RegionId"`
	CidrBlock       string `json:"CidrBlock"`
	Status          string `json:"Status"`
	IsDefault       bool   `json:"IsDefault"`
	CreationTime    string `json:"CreationTime"`
	ResourceGroupID string `json:"ResourceGroupId"`
	VSwitchIDs      struct {
		VSwitchID []string `json:"VSwitchId"`
	} `json:"VSwitchIds"`
}

func (s *Sim) describeVpcs(c *call, x *exchange) (any, *apiError) {
	region, aerr := s.region(c)
	if aerr != nil {
		return nil, aerr
	}
	page, size, aerr := paging(c)
	if aerr != nil {
		return nil, aerr
	}
	isDefault, aerr := c.optBool("IsDefault", false)
	if aerr != nil {
		return nil, aerr
	}
	var ids []string
	if v := c.get("VpcId"); v != "" {
		ids = strings.Split(v, ",")
	}
	var matched []vpcItem
	for _, v := range region.Vpcs {
		if ids != nil && !slices.Contains(ids, v.ID) || c.get("VpcName") != "" && c.get("VpcName") != v.Name || isDefault {
			continue
		}
		item := vpcItem{
			VpcID: v.ID, VpcName: v.Name, RegionID: region.ID, CidrBlock: v.CidrBlock, Status: "Available",
			CreationTime: networkCreated, ResourceGroupID: DefaultResourceGroupID,
		}
		for _, sw := range v.VSwitches {
			item.VSwitchIDs.VSwitchID = append(item.VSwitchIDs.VSwitchID, sw.ID)
		}
		matched = append(matched, item)
	}
	a := vpcsAnswer{RequestID: x.requestID, TotalCount: len(matched), PageNumber: page, PageSize: size}
	a.Vpcs.Vpc = pageOf(matched, page, size)
	return a, nil
}

type vSwitchesAnswer struct {
	RequestID  string `json:"RequestId"`
	TotalCount int    `json:"TotalCount"`
	PageNumber int    `json:"PageNumber"`
	PageSize   int    `json:"PageSize"`
	VSwitches  struct {
		VSwitch []vSwitchItem `json:"VSwitch"`
	} `json:"VSwitches"`
}

type vSwitchItem struct {
	VSwitchID               string `json:"VSwitchId"`
	VpcID                   string `json:"VpcId"`
	ZoneID                  string `json:"ZoneId"`
	CidrBlock               string `json:"CidrBlock"`
	Status                  string `json:"Status"`
	AvailableIPAddressCount int64  `json:"AvailableIpAddressCount"`
	IsDefault               bool   `json:"IsDefault"`
	CreationTime            string `json:"CreationTime"`
	ResourceGroupID         string `json:"ResourceGroupId"`
}

// describeVSwitches lists vSwitches of a region, a VPC, or both; the API wants at least one.
func (s *Sim) describeVSwitches(c *call, x *exchange) (any, *apiError) {
	regionID, vpcID := c.get("RegionId"), c.get("VpcId")
	if regionID == "" && vpcID == "" {
		return nil, errMissingParameter("RegionId")
	}
	if regionID != "" && s.regions[regionID] == nil {
		return nil, errRegionNotFound()
	}
	page, size, aerr := paging(c)
	if aerr != nil {
		return nil, aerr
	}
	isDefault, aerr := c.optBool("IsDefault", false)
	if aerr != nil {
		return nil, aerr
	}
	var matched []vSwitchItem
	for _, r := range s.sortedRegions() {
		if regionID != "" && r.ID != regionID {
			continue
		}
		for _, v := range r.Vpcs {
			if vpcID != "" && v.ID != vpcID {
				continue
			}
			for _, sw := range v.VSwitches {
				if c.get("VSwitchId") != "" && c.get("VSwitchId") != sw.ID || c.get("ZoneId") != "" && c.get("ZoneId") != sw.ZoneID || isDefault {
					continue
				}
				matched = append(matched, vSwitchItem{
					VSwitchID: sw.ID, VpcID: v.ID, ZoneID: sw.ZoneID, CidrBlock: sw.CidrBlock, Status: "Available",
					AvailableIPAddressCount: availableIPs(sw.CidrBlock), CreationTime: networkCreated, ResourceGroupID: DefaultResourceGroupID,
				})
			}
		}
	}
	a := vSwitchesAnswer{RequestID: x.requestID, TotalCount: len(matched), PageNumber: page, PageSize: size}
	a.VSwitches.VSwitch = pageOf(matched, page, size)
	return a, nil
}

// region is the call's RegionId, which must be a region the simulator has a network in.
func (s *Sim) region(c *call) (*Region, *apiError) {
	id, aerr := c.required("RegionId")
	if aerr != nil {
		return nil, aerr
	}
	r := s.regions[id]
	if r == nil {
		return nil, errRegionNotFound()
	}
	return r, nil
}

func (s *Sim) sortedRegions() []*Region {
	out := make([]*Region, 0, len(s.regions))
	for _, r := range s.regions {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *Region) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// findGateway is the call's VpnGatewayId in its RegionId; a gateway whose deletion has run its
// course is forgotten here, when it is first found gone.
func (s *Sim) findGateway(c *call, x *exchange) (*gateway, *apiError) {
	region, aerr := s.region(c)
	if aerr != nil {
		return nil, aerr
	}
	id, aerr := c.required("VpnGatewayId")
	if aerr != nil {
		return nil, aerr
	}
	g := s.state.gateways[id]
	if g == nil || g.RegionID != region.ID {
		return nil, errGatewayNotFound()
	}
	if _, gone := g.status(x.now, &s.cfg); gone {
		delete(s.state.gateways, id)
		return nil, errGatewayNotFound()
	}
	return g, nil
}

// tagTarget is what a tag action is aimed at: the call's region, its ResourceType in canonical
// form, and its ResourceId.N.
type tagTarget struct {
	region       *Region
	resourceType string
	ids          []string
}

// tagTarget reads the parameters every tag action opens with, in the order their refusals come:
// RegionId, ResourceType, then ResourceId.N, which TagResources and UnTagResources require and
// ListTagResources does not (it can select by Tag.N alone).
func (s *Sim) tagTarget(c *call, idsRequired bool) (tagTarget, *apiError) {
	region, aerr := s.region(c)
	if aerr != nil {
		return tagTarget{}, aerr
	}
	t, aerr := c.required("ResourceType")
	if aerr != nil {
		return tagTarget{}, aerr
	}
	resourceType, err := tagging.ResourceType(t)
	if err != nil {
		return tagTarget{}, fromTagging(err)
	}
	ids := c.indexed("ResourceId")
	if idsRequired && len(ids) == 0 {
		return tagTarget{}, errMissingParameter("ResourceId.1")
	}
	return tagTarget{region: region, resourceType: resourceType, ids: ids}, nil
}

// tagTargets are the resources a tag action names (ResourceId.N, at most
// tagging.MaxResourcesPerCall, none counting twice), of its canonical resource type: live VPN
// gateways of the call's region, in creation order. vpcsim keeps tags of VPN gateways only: an ID
// of another type, a gateway of another type (foreign.go) included, is not found.
func (s *Sim) tagTargets(x *exchange, t tagTarget) ([]*gateway, *apiError) {
	if aerr := tagging.CheckResourceCount(len(t.ids)); aerr != nil {
		return nil, fromTagging(aerr)
	}
	var found []*gateway
	var missing []string
	for _, id := range t.ids {
		g := s.state.gateways[id]
		if g != nil && g.RegionID == t.region.ID && t.resourceType == vpcapi.TagResourceTypeVpnGateway {
			if _, gone := g.status(x.now, &s.cfg); !gone {
				found = append(found, g)
				continue
			}
		}
		missing = append(missing, id)
	}
	if len(missing) > 0 {
		return nil, errInstanceIDsNotFound(missing)
	}
	slices.SortFunc(found, func(a, b *gateway) int { return cmp.Compare(a.Seq, b.Seq) })
	return found, nil
}

// findForeign is the call's VpnGatewayId as a gateway of another type in its RegionId, if it is one.
func (s *Sim) findForeign(c *call) *foreignGateway {
	f := s.state.foreign[c.get("VpnGatewayId")]
	if f == nil || f.RegionID != c.get("RegionId") {
		return nil
	}
	return f
}

// liveGateways lists a region's gateways, newest first as the API lists them, forgetting the
// ones that are gone.
func (s *Sim) liveGateways(regionID string, x *exchange) []*gateway {
	var out []*gateway
	for id, g := range s.state.gateways {
		if _, gone := g.status(x.now, &s.cfg); gone {
			delete(s.state.gateways, id)
			continue
		}
		if g.RegionID == regionID {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b *gateway) int { return cmp.Compare(b.Seq, a.Seq) })
	return out
}

// countGateways counts a region's gateways that are not gone, for the quota; it runs on every
// create, so it neither allocates nor sorts.
func (s *Sim) countGateways(regionID string, x *exchange) int {
	n := 0
	for _, g := range s.state.gateways {
		if _, gone := g.status(x.now, &s.cfg); !gone && g.RegionID == regionID {
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
func (s *Sim) allocateIP(networkType string, vsw *VSwitch) string {
	n := s.state.counters.IP
	s.state.counters.IP++
	if networkType == vpcapi.NetworkTypePrivate && vsw != nil {
		return privateIP(vsw.CidrBlock, n)
	}
	return publicIP(n)
}

func paging(c *call) (page, size int, aerr *apiError) {
	p, set, aerr := c.optInt("PageNumber")
	if aerr != nil {
		return 0, 0, aerr
	}
	if !set {
		p = 1
	}
	if p < 1 || p > 1<<20 {
		return 0, 0, errInvalidParameter("PageNumber", "%d is not a page number (1 or more)", p)
	}
	n, set, aerr := c.optInt("PageSize")
	if aerr != nil {
		return 0, 0, aerr
	}
	if !set {
		n = defaultPageSize
	}
	if n < 1 || n > maxPageSize {
		return 0, 0, errInvalidParameter("PageSize", "%d is not within 1 to %d", n, maxPageSize)
	}
	return int(p), int(n), nil
}

// pageOf returns page number page (from 1) of items, size to a page; never nil, so that an
// empty page is an empty JSON list as the API answers it.
func pageOf[T any](items []T, page, size int) []T {
	start := min((page-1)*size, len(items))
	end := min(start+size, len(items))
	return append([]T{}, items[start:end]...)
}
