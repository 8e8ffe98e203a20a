package vpcclient

import (
	"slices"
	"strings"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// TagsFromAnswer is the user tags of a DescribeVpnGateway answer (its Tags.Tag list; the singular Tag
// field holds the service's own labels, never user tags), without the reserved ones. ok is false
// when the answer carries no Tags field at all: then only ListTagResources can tell, while an
// empty list means the gateway has none.
func TagsFromAnswer(t *vpc.DescribeVpnGatewayResponseBodyTags) (tags map[string]string, ok bool) {
	if t == nil {
		return nil, false
	}
	tags = map[string]string{}
	for _, tag := range t.Tag {
		if tag == nil {
			continue
		}
		if k := dara.StringValue(tag.Key); k != "" && !reservedTagKey(k) {
			tags[k] = dara.StringValue(tag.Value)
		}
	}
	return tags, true
}

// reservedTagKey reports whether key is one the cloud sets for itself (vpcapi.ReservedTagPrefixes,
// in any case: no user can set one). Reads leave such keys out.
func reservedTagKey(key string) bool {
	lower := strings.ToLower(key)
	return slices.ContainsFunc(vpcapi.ReservedTagPrefixes, func(p string) bool { return strings.HasPrefix(lower, p) })
}
