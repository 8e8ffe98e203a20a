package vpcsim

import (
	"cmp"
	"slices"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// Read-after-write lag: while Faults.ReadLag is set, DescribeVpnGateway, DescribeVpnGateways and
// ListTagResources answer each gateway as it was before the writes to it of the last ReadLag,
// as a real endpoint whose reads are served from replicas does. The writes, and everything else,
// see the gateway as it is. The store keeps, per gateway, its versions before each such write;
// a version is answered until the write that ended it is ReadLag old.

// lagVersion is a gateway as it was until a write.
type lagVersion struct {
	rec     *gateway.Record // a copy; nil: the gateway did not exist
	wroteAt time.Time
}

// lagWriteLocked records that id was written at now, having been prior before.
func (s *Sim) lagWriteLocked(id string, prior *gateway.Record, now time.Time) {
	for other := range s.lag {
		s.pruneLagLocked(other, now)
	}
	s.lag[id] = append(s.lag[id], lagVersion{rec: prior, wroteAt: now})
}

// pruneLagLocked forgets the versions of id whose write has become visible.
func (s *Sim) pruneLagLocked(id string, now time.Time) {
	versions := s.lag[id]
	i := 0
	for i < len(versions) && !now.Before(versions[i].wroteAt.Add(time.Duration(s.faults.ReadLag))) {
		i++
	}
	if i == len(versions) {
		delete(s.lag, id)
		return
	}
	s.lag[id] = versions[i:]
}

// laggedLocked is the version of id the reads answer at now, if it is not the gateway as it is:
// the copy (nil for a gateway that did not exist yet) and true.
func (s *Sim) laggedLocked(id string, now time.Time) (*gateway.Record, bool) {
	if len(s.lag) == 0 {
		return nil, false
	}
	s.pruneLagLocked(id, now)
	versions := s.lag[id]
	if len(versions) == 0 {
		return nil, false
	}
	return versions[0].rec, true
}

// visibleLagged is a lagged version as the reads see it in region: nil when it did not exist, is
// in another region, or had run its course.
func (s *Sim) visibleLagged(g *gateway.Record, regionID string, now time.Time) *gateway.Record {
	if g == nil || g.RegionID != regionID {
		return nil
	}
	if _, gone := g.Status(now, &s.gw); gone {
		return nil
	}
	return g
}

// readGateway is findGateway as the reads see it.
func (s *Sim) readGateway(c *request.Call, x *exchange) (*gateway.Record, *apierr.Error) {
	g, aerr := s.findGateway(c, x)
	if aerr != nil && aerr.Code != vpcapi.CodeVpnGatewayNotFound {
		return nil, aerr
	}
	prior, lagged := s.laggedLocked(c.Get("VpnGatewayId"), x.now)
	if !lagged {
		return g, aerr
	}
	if g = s.visibleLagged(prior, c.Get("RegionId"), x.now); g == nil {
		return nil, apierr.GatewayNotFound()
	}
	return g, nil
}

// readGateways is liveGateways as the reads see them: newest first, each in its lagged version if
// it has one, the ones deleted within the lag still there.
func (s *Sim) readGateways(regionID string, x *exchange) []*gateway.Record {
	live := s.liveGateways(regionID, x)
	if len(s.lag) == 0 {
		return live
	}
	var out []*gateway.Record
	for _, g := range live {
		if prior, lagged := s.laggedLocked(g.ID, x.now); lagged {
			g = s.visibleLagged(prior, regionID, x.now)
		}
		if g != nil {
			out = append(out, g)
		}
	}
	for id := range s.lag {
		if s.state.gateways[id] != nil {
			continue // listed above, if live
		}
		prior, _ := s.laggedLocked(id, x.now)
		if g := s.visibleLagged(prior, regionID, x.now); g != nil {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b *gateway.Record) int { return cmp.Compare(b.Seq, a.Seq) })
	return out
}

// readTagTargets is tagTargets as the reads see them: a gateway created within the lag has no
// tags yet rather than not being found, as the tag index has not heard of it.
func (s *Sim) readTagTargets(x *exchange, t tagTarget) ([]*gateway.Record, *apierr.Error) {
	if len(s.lag) == 0 || t.resourceType != vpcapi.TagResourceTypeVpnGateway {
		return s.tagTargets(x, t)
	}
	if aerr := tagging.CheckResourceCount(len(t.ids)); aerr != nil {
		return nil, apierr.FromTagging(aerr)
	}
	current := t
	current.ids = nil
	var found []*gateway.Record
	for _, id := range t.ids {
		prior, lagged := s.laggedLocked(id, x.now)
		if !lagged {
			current.ids = append(current.ids, id)
		} else if g := s.visibleLagged(prior, t.region.ID, x.now); g != nil {
			found = append(found, g)
		}
	}
	rest, aerr := s.tagTargets(x, current)
	if aerr != nil {
		return nil, aerr
	}
	found = append(found, rest...)
	slices.SortFunc(found, func(a, b *gateway.Record) int { return cmp.Compare(a.Seq, b.Seq) })
	return found, nil
}
