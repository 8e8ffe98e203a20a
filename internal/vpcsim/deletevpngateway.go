package vpcsim

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

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
