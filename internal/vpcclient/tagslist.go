package vpcclient

import (
	"context"
	"fmt"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// MaxIDsPerTagList is how many resource IDs one ListTagResources request may name.
const MaxIDsPerTagList = 50

// tagPair is one tag of one resource, as ListTagResources lists it.
type tagPair struct {
	ResourceID, Key, Value string
}

// tagsPage is one ListTagResources answer: its pairs, and the token of the next page ("" for none).
type tagsPage struct {
	Pairs     []tagPair
	NextToken string
}

// tagsPageFunc asks for one page of the tags of ids (at most MaxIDsPerTagList), from nextToken ("" for
// the first page).
type tagsPageFunc func(ctx context.Context, ids []string, nextToken string) (tagsPage, error)

// maxPages bounds the pages of one request: 50 resources of vpcapi.MaxTags tags are 1000 pairs, and a
// page holds at least one, so more pages than that means an answer that never ends.
const maxPages = MaxIDsPerTagList * vpcapi.MaxTags

// listTagsByID reads the tags of ids: one request per MaxIDsPerTagList IDs, each followed through its
// pages. Every ID gets an entry, empty when the resource has no tags; reserved tags are left out.
func listTagsByID(ctx context.Context, ids []string, page tagsPageFunc) (map[string]map[string]string, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	out := make(map[string]map[string]string, len(ids))
	for _, id := range ids {
		out[id] = map[string]string{}
	}
	for chunk := range slices.Chunk(ids, MaxIDsPerTagList) {
		next := ""
		for n := 0; ; n++ {
			if n == maxPages {
				return nil, fmt.Errorf("ListTagResources: more than %d pages for %d resources", maxPages, len(chunk))
			}
			p, err := page(ctx, chunk, next)
			if err != nil {
				return nil, err
			}
			for _, pair := range p.Pairs {
				if tags, ok := out[pair.ResourceID]; ok && pair.Key != "" && !reservedTagKey(pair.Key) {
					tags[pair.Key] = pair.Value
				}
			}
			if p.NextToken == "" || p.NextToken == next {
				break
			}
			next = p.NextToken
		}
	}
	return out, nil
}
