package vpcsim

import (
	"cmp"
	"maps"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// tagGateways gives the target's resources tags. Every resource is checked against its tag quota
// before any is changed, so that a refusal changes nothing.
func (s *Sim) tagGateways(x *exchange, target tagTarget, tags []tagging.Tag) *apierr.Error {
	targets, aerr := s.tagTargets(x, target)
	if aerr != nil {
		return aerr
	}
	tagged := make([]tagging.Set, len(targets))
	for i, g := range targets {
		set, err := g.Tags.With(tags)
		if err != nil {
			return apierr.FromTagging(err)
		}
		tagged[i] = set
	}
	for i, g := range targets {
		if !maps.Equal(g.Tags, tagged[i]) {
			g.Tags = tagged[i]
			x.mutated = true
		}
	}
	return nil
}

// untagGateways takes keys, or every tag with all, from the target's resources; a key a
// resource does not have is no error.
func (s *Sim) untagGateways(x *exchange, target tagTarget, keys []string, all bool) *apierr.Error {
	targets, aerr := s.tagTargets(x, target)
	if aerr != nil {
		return aerr
	}
	for _, g := range targets {
		left := g.Tags.Without(keys)
		if all || len(left) == 0 {
			left = nil
		}
		if !maps.Equal(g.Tags, left) {
			g.Tags = left
			x.mutated = true
		}
	}
	return nil
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

// taggedResources are the resources a ListTagResources call looks at, as the reads see them, in
// creation order: its ResourceId.N, or without any every VPN gateway of the region, that have
// every tag filter.
func (s *Sim) taggedResources(x *exchange, target tagTarget, filters []tagging.Filter) ([]*gateway.Record, *apierr.Error) {
	var candidates []*gateway.Record
	switch {
	case len(target.ids) > 0:
		var aerr *apierr.Error
		if candidates, aerr = s.readTagTargets(x, target); aerr != nil {
			return nil, aerr
		}
	case target.resourceType == vpcapi.TagResourceTypeVpnGateway:
		candidates = s.readGateways(target.region.ID, x)
		slices.Reverse(candidates)
	}
	return slices.DeleteFunc(candidates, func(g *gateway.Record) bool { return !g.Tags.Match(filters) }), nil
}
