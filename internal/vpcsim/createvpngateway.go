package vpcsim

import (
	"cmp"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/site"
)

// defaultSslConnections is what the API gives an SSL-enabled gateway created without
// SslConnections.
const defaultSslConnections = 5

type createAnswer struct {
	RequestID    string `json:"RequestId"`
	VpnGatewayID string `json:"VpnGatewayId"`
	Name         string `json:"Name"`
	OrderID      int64  `json:"OrderId"`
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
	case sslSet && !site.ValidSslConnections(sslConnections):
		return nil, apierr.InvalidParameter("SslConnections", "%d is not one of %v", sslConnections, site.SslConnections)
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
