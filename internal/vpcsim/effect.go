package vpcsim

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// beforeEffect is what the faults need to know of the gateways a request names, taken before the
// action runs: the records themselves, and when reads lag, copies of them as they were.
type beforeEffect struct {
	live  map[string]*gateway.Record // ID -> record; nil: no such gateway
	prior map[string]*gateway.Record // ID -> copy of the record; nil: no such gateway; nil map: no read lag
}

// namedGatewaysLocked takes the gateways c names by the parameters the actions name them with:
// VpnGatewayId, InstanceId (MoveVpnResourceGroup) and ResourceId.N (the tag actions). Only the
// writes lag, and only a status rule needs the gateways a read names.
func (s *Sim) namedGatewaysLocked(c *request.Call, plan faultPlan) beforeEffect {
	_, writes := writeActions[c.Action]
	if !writes && plan.status == "" {
		return beforeEffect{}
	}
	ids := c.Indexed("ResourceId")
	for _, name := range []string{"VpnGatewayId", "InstanceId"} {
		if id := c.Get(name); id != "" {
			ids = append(ids, id)
		}
	}
	b := beforeEffect{live: map[string]*gateway.Record{}}
	if writes && s.faults.ReadLag > 0 {
		b.prior = map[string]*gateway.Record{}
	}
	for _, id := range ids {
		g := s.state.gateways[id]
		b.live[id] = g
		if b.prior == nil {
			continue
		}
		var prior *gateway.Record
		if g != nil {
			prior = g.Clone()
		}
		b.prior[id] = prior
	}
	return b
}

// writeActions are the actions that change gateways.
var writeActions = map[string]struct{}{
	vpcapi.ActionCreateVpnGateway: {}, vpcapi.ActionModifyVpnGatewayAttribute: {}, vpcapi.ActionDeleteVpnGateway: {},
	vpcapi.ActionTagResources: {}, vpcapi.ActionUnTagResources: {}, vpcapi.ActionMoveVpnResourceGroup: {},
}

// tookEffectLocked counts a request whose action ran to success, and applies what the faults do
// after an effect: the read lag of the gateways it changed, and a status rule's hold.
func (s *Sim) tookEffectLocked(c *request.Call, answer any, before beforeEffect, x *exchange, plan faultPlan) {
	s.stats.Effects[c.Action]++
	if before.live == nil {
		return
	}
	if a, ok := answer.(createAnswer); ok {
		before.live[a.VpnGatewayID] = s.state.gateways[a.VpnGatewayID]
		if before.prior != nil {
			before.prior[a.VpnGatewayID] = nil
		}
	}
	if x.mutated {
		for id, prior := range before.prior {
			s.lagWriteLocked(id, prior, x.now)
		}
	}
	if plan.status != "" {
		s.holdStatusLocked(before.live, plan.status, plan.statusFor)
	}
}
