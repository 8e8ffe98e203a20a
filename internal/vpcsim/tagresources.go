package vpcsim

import (
	"fmt"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// tagResources adds tags to resources, or gives a key they have a new value. It takes no
// ClientToken: the same request twice leaves the same tags, so a retry is always safe.
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
	if aerr := s.tagGateways(x, target, tags); aerr != nil {
		return nil, aerr
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
