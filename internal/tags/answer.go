package tags

import (
	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
)

// FromAnswer is the user tags of a DescribeVpnGateway answer (its Tags.Tag list; the singular Tag
// field holds the service's own labels, never user tags), without the reserved ones. ok is false
// when the answer carries no Tags field at all: then only ListTagResources can tell, while an
// empty list means the gateway has none.
func FromAnswer(t *vpc.DescribeVpnGatewayResponseBodyTags) (tags map[string]string, ok bool) {
	if t == nil {
		return nil, false
	}
	tags = map[string]string{}
	for _, tag := range t.Tag {
		if tag == nil {
			continue
		}
		if k := dara.StringValue(tag.Key); k != "" && !Reserved(k) {
			tags[k] = dara.StringValue(tag.Value)
		}
	}
	return tags, true
}
