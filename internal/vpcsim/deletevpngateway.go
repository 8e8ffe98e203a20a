package vpcsim

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

func (s *Sim) deleteVpnGateway(c *request.Call, x *exchange) (any, *apierr.Error) {
	g, aerr := s.findGateway(c, x)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := s.deleteGateway(g, x); aerr != nil {
		return nil, aerr
	}
	return requestIDAnswer{x.requestID}, nil
}
