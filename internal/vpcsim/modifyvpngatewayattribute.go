package vpcsim

import (
	"maps"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

func (s *Sim) modifyVpnGatewayAttribute(c *request.Call, x *exchange) (any, *apierr.Error) {
	name, description := c.Get("Name"), c.Get("Description")
	if name != "" && !dialect.ValidName(name) {
		return nil, dialect.InvalidName()
	}
	if description != "" && !dialect.ValidDescription(description) {
		return nil, dialect.InvalidDescription()
	}
	autoPropagate, aerr := c.OptBool("AutoPropagate", false)
	if aerr != nil {
		return nil, aerr
	}
	ch := gatewayChange{name: name, description: description}
	if c.Has("AutoPropagate") {
		ch.autoPropagate = &autoPropagate
	}
	g, aerr := s.findGateway(c, x)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := s.modifyGateway(g, ch, x); aerr != nil {
		return nil, aerr
	}
	a := g.Answer(x.now, &s.gw)
	maps.DeleteFunc(a, func(k string, _ any) bool { return !slices.Contains(modifyAnswerFields, k) })
	if g.IntranetIP != "" {
		a["IntranetIp"] = g.IntranetIP
	}
	return withRequestID(a, x.requestID), nil
}

// modifyAnswerFields are the gateway's fields the SDK's ModifyVpnGatewayAttributeResponseBody
// has: fewer than the Describe answers (no charge type, feature switches, network or VPN type,
// gateway type or tags), and IntranetIp, which only this answer reports, for a single-tunnel
// gateway with IPsec.
var modifyAnswerFields = []string{
	"AutoPropagate", "BusinessStatus", "CreateTime", "Description", "DisasterRecoveryInternetIp",
	"DisasterRecoveryVSwitchId", "EnableBgp", "EndTime", "InternetIp", "Name", "ResourceGroupId",
	"Spec", "SslVpnInternetIp", "Status", "VSwitchId", "VpcId", "VpnGatewayId",
}
