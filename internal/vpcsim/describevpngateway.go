package vpcsim

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// describeVpnGateway answers a gateway of another type too, with what DescribeVpnGateway is
// known to answer for one: its status, and no ChargeType or Spec.
func (s *Sim) describeVpnGateway(c *request.Call, x *exchange) (any, *apierr.Error) {
	if f := s.findForeign(c); f != nil {
		return withRequestID(f.Answer(false, DefaultResourceGroupID), x.requestID), nil
	}
	g, aerr := s.readGateway(c, x)
	if aerr != nil {
		return nil, aerr
	}
	return withRequestID(g.Answer(x.now, &s.gw), x.requestID), nil
}
