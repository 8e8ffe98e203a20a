package vpcsim

import (
	"fmt"
	"maps"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// tagResources adds tags to resources, or gives a key they have a new value. It takes no
// ClientToken: the same request twice leaves the same tags, so a retry is always safe. Every
// resource is checked against its tag quota before any is changed, so that a refusal changes
// nothing.
func (s *Sim) tagResources(c *call, x *exchange) (any, *apiError) {
	target, aerr := s.tagTarget(c, true)
	if aerr != nil {
		return nil, aerr
	}
	params := c.tagParams()
	if len(params) == 0 {
		return nil, errMissingParameter("Tag.1.Key")
	}
	tags := make([]tagging.Tag, 0, len(params))
	for _, p := range params {
		// The reference makes both required, the value even when it is empty.
		switch {
		case !p.hasKey:
			return nil, errMissingParameter(fmt.Sprintf("Tag.%d.Key", p.n))
		case !p.hasValue:
			return nil, errMissingParameter(fmt.Sprintf("Tag.%d.Value", p.n))
		}
		tags = append(tags, tagging.Tag{Key: p.key, Value: p.value})
	}
	if err := tagging.CheckTags(tags); err != nil {
		return nil, fromTagging(err)
	}
	targets, aerr := s.tagTargets(x, target)
	if aerr != nil {
		return nil, aerr
	}
	tagged := make([]tagging.Set, len(targets))
	for i, g := range targets {
		set, err := g.Tags.With(tags)
		if err != nil {
			return nil, fromTagging(err)
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
