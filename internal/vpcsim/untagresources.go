package vpcsim

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// unTagResources removes tags from resources: the keys TagKey.N names, or every tag with All=true.
// A key a resource does not have is no error, so that the same request twice leaves the same tags
// and a retry is always safe; the action takes no ClientToken.
func (s *Sim) unTagResources(c *request.Call, x *exchange) (any, *apierr.Error) {
	target, aerr := s.tagTarget(c, true)
	if aerr != nil {
		return nil, aerr
	}
	all, aerr := c.OptBool("All", false)
	if aerr != nil {
		return nil, aerr
	}
	keys := c.Indexed("TagKey")
	// The reference leaves open what a call without keys and without All removes; the strict
	// reading refuses it rather than guess.
	if len(keys) == 0 && !all {
		return nil, apierr.MissingParameter("TagKey.1")
	}
	if err := tagging.CheckUntagKeys(keys); err != nil {
		return nil, apierr.FromTagging(err)
	}
	if aerr := s.untagGateways(x, target, keys, all); aerr != nil {
		return nil, aerr
	}
	return requestIDAnswer{x.requestID}, nil
}
