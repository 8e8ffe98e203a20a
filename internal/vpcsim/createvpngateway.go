package vpcsim

import (
	"cmp"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

type createAnswer struct {
	RequestID    string `json:"RequestId"`
	VpnGatewayID string `json:"VpnGatewayId"`
	Name         string `json:"Name"`
	OrderID      int64  `json:"OrderId"`
}

func (s *Sim) createVpnGateway(c *request.Call, x *exchange) (any, *apierr.Error) {
	spec, aerr := s.readGatewaySpec(c, x)
	if aerr != nil {
		return nil, aerr
	}
	g, aerr := s.createGateway(spec, x)
	if aerr != nil {
		return nil, aerr
	}
	return createAnswer{RequestID: x.requestID, VpnGatewayID: g.ID, Name: g.Name, OrderID: g.OrderID}, nil
}

// readGatewaySpec reads CreateVpnGateway's parameters, each in its own form; what they must be
// together, and against the site and the account, is createGateway's to check.
func (s *Sim) readGatewaySpec(c *request.Call, x *exchange) (gatewaySpec, *apierr.Error) {
	region, aerr := s.regions.Region(c)
	if aerr != nil {
		return gatewaySpec{}, aerr
	}
	vpcID, aerr := c.Required("VpcId")
	if aerr != nil {
		return gatewaySpec{}, aerr
	}
	if _, aerr := c.Required("Bandwidth"); aerr != nil {
		return gatewaySpec{}, aerr
	}
	bandwidth, _, aerr := c.OptInt("Bandwidth")
	if aerr != nil {
		return gatewaySpec{}, aerr
	}
	spec := gatewaySpec{
		region: region,
		record: gateway.Record{
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
		},
		vSwitchID:   c.Get("VSwitchId"),
		drVSwitchID: c.Get("DisasterRecoveryVSwitchId"),
	}
	if spec.record.Period, spec.periodSet, aerr = c.OptInt("Period"); aerr != nil {
		return gatewaySpec{}, aerr
	}
	if spec.autoPay, aerr = c.OptBool("AutoPay", false); aerr != nil {
		return gatewaySpec{}, aerr
	}
	if spec.record.IPsec, aerr = c.OptBool("EnableIpsec", true); aerr != nil {
		return gatewaySpec{}, aerr
	}
	if spec.record.SSL, aerr = c.OptBool("EnableSsl", false); aerr != nil {
		return gatewaySpec{}, aerr
	}
	if spec.record.SSLConnections, spec.sslSet, aerr = c.OptInt("SslConnections"); aerr != nil {
		return gatewaySpec{}, aerr
	}
	return spec, nil
}
