package tags

import (
	"context"
	"fmt"
	"slices"
)

// MaxIDsPerList is how many resource IDs one ListTagResources request may name.
const MaxIDsPerList = 50

// Pair is one tag of one resource, as ListTagResources lists it.
type Pair struct {
	ResourceID, Key, Value string
}

// Page is one ListTagResources answer: its pairs, and the token of the next page ("" for none).
type Page struct {
	Pairs     []Pair
	NextToken string
}

// PageFunc asks for one page of the tags of ids (at most MaxIDsPerList), from nextToken ("" for
// the first page).
type PageFunc func(ctx context.Context, ids []string, nextToken string) (Page, error)

// maxPages bounds the pages of one request: 50 resources of MaxTags tags are 1000 pairs, and a
// page holds at least one, so more pages than that means an answer that never ends.
const maxPages = MaxIDsPerList * MaxTags

// ListByID reads the tags of ids: one request per MaxIDsPerList IDs, each followed through its
// pages. Every ID gets an entry, empty when the resource has no tags; reserved tags are left out.
func ListByID(ctx context.Context, ids []string, page PageFunc) (map[string]map[string]string, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	out := make(map[string]map[string]string, len(ids))
	for _, id := range ids {
		out[id] = map[string]string{}
	}
	for chunk := range slices.Chunk(ids, MaxIDsPerList) {
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
				if tags, ok := out[pair.ResourceID]; ok && pair.Key != "" && !Reserved(pair.Key) {
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
