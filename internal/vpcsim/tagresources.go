package vpcsim

import (
	"fmt"
	"maps"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
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
