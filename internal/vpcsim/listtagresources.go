package vpcsim

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// defaultMaxResults is ListTagResources' page size when MaxResults is not given, and the largest
// it takes.
const defaultMaxResults = 50

type tagResourcesAnswer struct {
	RequestID string `json:"RequestId"`
	// NextToken is left out of the last page: the official provider asks for another page for
	// as long as the answer has one, even an empty one.
	NextToken    string `json:"NextToken,omitempty"`
	TagResources struct {
		TagResource []tagResourceItem `json:"TagResource"`
	} `json:"TagResources"`
}

type tagResourceItem struct {
	ResourceID   string `json:"ResourceId"`
	ResourceType string `json:"ResourceType"`
	TagKey       string `json:"TagKey"`
	TagValue     string `json:"TagValue"`
}

// listTagResources lists the tags of resources: of the ResourceId.N, of the resources having every
// Tag.N, or of the ResourceId.N having every Tag.N, one item per resource and tag, resources in
// creation order and each one's tags by key. A page holds MaxResults items; NextToken goes on
// from the last item of the page before, so that a page never repeats or skips an item that
// stays put between two calls.
func (s *Sim) listTagResources(c *request.Call, x *exchange) (any, *apierr.Error) {
	target, aerr := s.tagTarget(c, false)
	if aerr != nil {
		return nil, aerr
	}
	filters, aerr := c.TagFilters()
	if aerr != nil {
		return nil, aerr
	}
	if len(target.ids) == 0 && len(filters) == 0 {
		return nil, apierr.BothEmpty()
	}
	maxResults, set, aerr := c.OptInt("MaxResults")
	switch {
	case aerr != nil:
		return nil, aerr
	case !set:
		maxResults = defaultMaxResults
	case maxResults < 1 || maxResults > defaultMaxResults:
		return nil, apierr.InvalidParameter("MaxResults", "%d is not within 1 to %d", maxResults, defaultMaxResults)
	}
	query := tagQuery(target.region.ID, target.resourceType, target.ids, filters)
	after, aerr := parseTagToken(c.Get("NextToken"), query)
	if aerr != nil {
		return nil, aerr
	}
	resources, aerr := s.taggedResources(x, target, filters)
	if aerr != nil {
		return nil, aerr
	}
	a := tagResourcesAnswer{RequestID: x.requestID}
	page := []tagResourceItem{}
	last := tagToken{query: query}
	for _, g := range resources {
		for _, t := range g.Tags.Sorted() {
			if !after.before(g.Seq, t.Key) {
				continue
			}
			if len(page) == int(maxResults) {
				a.NextToken = last.String()
				a.TagResources.TagResource = page
				return a, nil
			}
			page = append(page, tagResourceItem{ResourceID: g.ID, ResourceType: target.resourceType, TagKey: t.Key, TagValue: t.Value})
			last.seq, last.key = g.Seq, t.Key
		}
	}
	a.TagResources.TagResource = page
	return a, nil
}

// tagToken is a NextToken of ListTagResources: the query it pages through and the last item
// answered, by its resource's creation order and its key.
type tagToken struct {
	query string
	seq   int64
	key   string
}

func (t tagToken) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(t.query + "." + strconv.FormatInt(t.seq, 10) + "." + t.key))
}

// before reports whether the item (seq, key) comes after the token's; the zero token is before
// every item.
func (t tagToken) before(seq int64, key string) bool {
	return t.query == "" || cmp.Or(cmp.Compare(seq, t.seq), strings.Compare(key, t.key)) > 0
}

// parseTagToken reads a NextToken; "" is the first page. A token of another query is refused,
// as it cannot mean anything for this one.
func parseTagToken(s, query string) (tagToken, *apierr.Error) {
	if s == "" {
		return tagToken{}, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.SplitN(string(raw), ".", 3)
	if err != nil || len(parts) != 3 {
		return tagToken{}, apierr.InvalidParameter("NextToken", "%q is not a NextToken this API answered", s)
	}
	if parts[0] != query {
		return tagToken{}, apierr.InvalidParameter("NextToken", "%q was answered for another ResourceType, ResourceId.N or Tag.N; page with the parameters of the first call", s)
	}
	seq, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil {
		return tagToken{}, apierr.InvalidParameter("NextToken", "%q is not a NextToken this API answered", s)
	}
	return tagToken{query: query, seq: seq, key: parts[2]}, nil
}

// tagQuery identifies what a ListTagResources call selects, whatever the order of its
// parameters, so that a token can tell the query it belongs to.
func tagQuery(regionID, resourceType string, ids []string, filters []tagging.Filter) string {
	var fs []string
	for _, f := range filters {
		fs = append(fs, strconv.Quote(f.Key)+strconv.FormatBool(f.AnyValue)+strconv.Quote(f.Value))
	}
	slices.Sort(fs)
	parts := slices.Concat([]string{regionID, resourceType, "ids"}, slices.Sorted(slices.Values(ids)), []string{"tags"}, fs)
	h := sha256.Sum256([]byte(strings.Join(parts, "\n")))
	return hex.EncodeToString(h[:8])
}
