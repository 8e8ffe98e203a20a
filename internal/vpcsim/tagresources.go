package vpcsim

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// tagResources adds tags to resources, or gives a key they have a new value. It takes no
// ClientToken: the same request twice leaves the same tags, so a retry is always safe. Every
// resource is checked against its tag quota before any is changed, so that a refusal changes
// nothing.
func (s *Sim) tagResources(c *request.Call, x *exchange) (any, *apierr.Error) {
	target, aerr := s.tagTarget(c, true)
	if aerr != nil {
		return nil, aerr
	}
	params := c.TagParams()
	if len(params) == 0 {
		return nil, apierr.MissingParameter("Tag.1.Key")
	}
	tags := make([]tagging.Tag, 0, len(params))
	for _, p := range params {
		// The reference makes both required, the value even when it is empty.
		switch {
		case !p.HasKey:
			return nil, apierr.MissingParameter(fmt.Sprintf("Tag.%d.Key", p.N))
		case !p.HasValue:
			return nil, apierr.MissingParameter(fmt.Sprintf("Tag.%d.Value", p.N))
		}
		tags = append(tags, tagging.Tag{Key: p.Key, Value: p.Value})
	}
	if err := tagging.CheckTags(tags); err != nil {
		return nil, apierr.FromTagging(err)
	}
	targets, aerr := s.tagTargets(x, target)
	if aerr != nil {
		return nil, aerr
	}
	tagged := make([]tagging.Set, len(targets))
	for i, g := range targets {
		set, err := g.Tags.With(tags)
		if err != nil {
			return nil, apierr.FromTagging(err)
		}
		tagged[i] = set
	}
	for i, g := range targets {
		if !maps.Equal(g.Tags, tagged[i]) {
			g.Tags = tagged[i]
			x.mutated = true
		}
	}
	return requestIDAnswer{x.requestID}, nil
}

// tagTarget is what a tag action is aimed at: the call's region, its ResourceType in canonical
// form, and its ResourceId.N.
type tagTarget struct {
	region       *network.Region
	resourceType string
	ids          []string
}

// tagTarget reads the parameters every tag action opens with, in the order their refusals come:
// RegionId, ResourceType, then ResourceId.N, which TagResources and UnTagResources require and
// ListTagResources does not (it can select by Tag.N alone).
func (s *Sim) tagTarget(c *request.Call, idsRequired bool) (tagTarget, *apierr.Error) {
	region, aerr := s.regions.Region(c)
	if aerr != nil {
		return tagTarget{}, aerr
	}
	t, aerr := c.Required("ResourceType")
	if aerr != nil {
		return tagTarget{}, aerr
	}
	resourceType, err := tagging.ResourceType(t)
	if err != nil {
		return tagTarget{}, apierr.FromTagging(err)
	}
	ids := c.Indexed("ResourceId")
	if idsRequired && len(ids) == 0 {
		return tagTarget{}, apierr.MissingParameter("ResourceId.1")
	}
	return tagTarget{region: region, resourceType: resourceType, ids: ids}, nil
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
