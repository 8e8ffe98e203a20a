package vpcsim_test

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// officialResourceType is the ResourceType the official provider v1.214.0 sends to the tag
// actions: neither the reference's upper-case form nor its camel case.
const officialResourceType = "VpnGateWay"

// tagRequest tags ids with kv, given as key, value, key, value...
func tagRequest(resourceType string, ids []string, kv ...string) *vpc.TagResourcesRequest {
	req := &vpc.TagResourcesRequest{RegionId: tea.String(vpcsim.DefaultRegion), ResourceType: tea.String(resourceType), ResourceId: tea.StringSlice(ids)}
	for i := 0; i+1 < len(kv); i += 2 {
		req.Tag = append(req.Tag, &vpc.TagResourcesRequestTag{Key: tea.String(kv[i]), Value: tea.String(kv[i+1])})
	}
	return req
}

func mustTag(t testing.TB, c *vpc.Client, ids []string, kv ...string) {
	t.Helper()
	if _, err := c.TagResources(tagRequest(officialResourceType, ids, kv...)); err != nil {
		t.Fatalf("TagResources(%v, %v): %v", ids, kv, err)
	}
}

func untagRequest(resourceType string, ids []string, keys ...string) *vpc.UnTagResourcesRequest {
	return &vpc.UnTagResourcesRequest{
		RegionId: tea.String(vpcsim.DefaultRegion), ResourceType: tea.String(resourceType),
		ResourceId: tea.StringSlice(ids), TagKey: tea.StringSlice(keys),
	}
}

func listRequest(ids ...string) *vpc.ListTagResourcesRequest {
	return &vpc.ListTagResourcesRequest{
		RegionId: tea.String(vpcsim.DefaultRegion), ResourceType: tea.String(officialResourceType), ResourceId: tea.StringSlice(ids),
	}
}

// listAll pages through ListTagResources as the official provider does (on while NextToken is
// there), and answers the tags by resource, and the number of pages.
func listAll(t testing.TB, c *vpc.Client, req *vpc.ListTagResourcesRequest) (map[string]map[string]string, int) {
	t.Helper()
	out := map[string]map[string]string{}
	pages := 0
	for {
		resp, err := c.ListTagResources(req)
		if err != nil {
			t.Fatalf("ListTagResources: %v", err)
		}
		pages++
		for _, r := range resp.Body.TagResources.TagResource {
			if tea.StringValue(r.ResourceType) != vpcapi.TagResourceTypeVpnGateway {
				t.Fatalf("item ResourceType %q, want %q", tea.StringValue(r.ResourceType), vpcapi.TagResourceTypeVpnGateway)
			}
			id := tea.StringValue(r.ResourceId)
			if out[id] == nil {
				out[id] = map[string]string{}
			}
			if _, dup := out[id][tea.StringValue(r.TagKey)]; dup {
				t.Fatalf("tag %s of %s answered twice", tea.StringValue(r.TagKey), id)
			}
			out[id][tea.StringValue(r.TagKey)] = tea.StringValue(r.TagValue)
		}
		if resp.Body.NextToken == nil {
			return out, pages
		}
		if pages > 1000 {
			t.Fatal("ListTagResources pages on and on")
		}
		req.NextToken = resp.Body.NextToken
	}
}

// asMap and asList read decoded JSON; a value of another shape reads as empty.
func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// describedTags is a gateway's Tags.Tag[] from DescribeVpnGateway, as the newest official
// provider reads them.
func describedTags(t testing.TB, c *vpc.Client, id string) map[string]string {
	t.Helper()
	g := mustDescribe(t, c, id)
	if g.Tags == nil {
		t.Fatalf("DescribeVpnGateway(%s) answered no Tags", id)
	}
	out := map[string]string{}
	for _, tag := range g.Tags.Tag {
		out[tea.StringValue(tag.Key)] = tea.StringValue(tag.Value)
	}
	return out
}

func stateTags(t testing.TB, sim *vpcsim.Sim, id string) map[string]string {
	t.Helper()
	for _, g := range sim.Gateways() {
		if g.VpnGatewayID == id {
			return g.Tags
		}
	}
	t.Fatalf("no gateway %s", id)
	return nil
}

// TestTags: tags set through any case of ResourceType are what every read answers, repeating a
// request leaves the same tags, and UnTagResources removes by key or all at once.
func TestTags(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	other := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)

	// Untagged: the Describe answers carry an empty list, never no field.
	for name, answer := range map[string]map[string]any{"DescribeVpnGateway": f.rawDescribe(t, id)} {
		if fmt.Sprint(answer["Tags"]) != "map[Tag:[]]" {
			t.Fatalf("%s of an untagged gateway: Tags = %#v", name, answer["Tags"])
		}
	}
	if items, _ := f.rawList(t, nil); fmt.Sprint(items[0]["Tags"]) != "map[Tag:[]]" {
		t.Fatalf("DescribeVpnGateways item of an untagged gateway: Tags = %#v", items[0]["Tags"])
	}
	if got, pages := listAll(t, c, listRequest(id)); len(got) != 0 || pages != 1 {
		t.Fatalf("ListTagResources of an untagged gateway: %v in %d pages", got, pages)
	}

	want := map[string]string{"env": "prod", "empty": "", "环境": "生产"}
	for _, rt := range []string{officialResourceType, vpcapi.TagResourceTypeVpnGateway, "vpngateway", vpcapi.MoveResourceTypeVpnGateway} {
		if _, err := c.TagResources(tagRequest(rt, []string{id}, "env", "prod", "empty", "", "环境", "生产")); err != nil {
			t.Fatalf("TagResources with ResourceType %q: %v", rt, err)
		}
		for name, got := range map[string]map[string]string{
			"ListTagResources":   func() map[string]string { m, _ := listAll(t, c, listRequest(id, other)); return m[id] }(),
			"DescribeVpnGateway": describedTags(t, c, id), "state": stateTags(t, f.sim, id),
		} {
			if !maps.Equal(got, want) {
				t.Fatalf("after TagResources (%s), %s answers %v, want %v", rt, name, got, want)
			}
		}
	}
	if got := stateTags(t, f.sim, other); len(got) != 0 {
		t.Fatalf("the other gateway got tags: %v", got)
	}

	// A new value for a key replaces the old one; the list answers it too.
	mustTag(t, c, []string{id, other}, "env", "dev")
	items, _ := f.rawList(t, nil)
	for _, it := range items {
		tags := asList(asMap(it["Tags"])["Tag"])
		found := slices.ContainsFunc(tags, func(v any) bool { m := asMap(v); return m["Key"] == "env" && m["Value"] == "dev" })
		if !found {
			t.Fatalf("DescribeVpnGateways item %v lacks env=dev: %v", it["VpnGatewayId"], tags)
		}
	}

	for _, rt := range []string{officialResourceType, "VPNGATEWAY", "vpngateway"} {
		if _, err := c.UnTagResources(untagRequest(rt, []string{id}, "env", "absent")); err != nil {
			t.Fatalf("UnTagResources (%s): %v", rt, err)
		}
		if got := describedTags(t, c, id); !maps.Equal(got, map[string]string{"empty": "", "环境": "生产"}) {
			t.Fatalf("after UnTagResources (%s): %v", rt, got)
		}
	}
	all := untagRequest(officialResourceType, []string{id, other})
	all.All = tea.Bool(true)
	for range 2 {
		if _, err := c.UnTagResources(all); err != nil {
			t.Fatalf("UnTagResources All: %v", err)
		}
		if got, _ := listAll(t, c, listRequest(id, other)); len(got) != 0 {
			t.Fatalf("after UnTagResources All: %v", got)
		}
	}
}

// TestTagRules: every limit and rule of the reference refuses with its code, and a refused call
// changes nothing, not even on the resources it named that were within their limits.
func TestTagRules(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	full := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	foreign, err := f.sim.AddForeignGateway(gateway.Foreign{})
	if err != nil {
		t.Fatal(err)
	}
	var fifteen []string
	for i := range 15 {
		fifteen = append(fifteen, "k"+strconv.Itoa(i), "v")
	}
	mustTag(t, c, []string{full}, fifteen...)

	long := strings.Repeat("x", 129)
	var many []string
	for i := range 51 {
		many = append(many, "vpn-"+strconv.Itoa(i))
	}
	var twentyOne []string
	for i := range 21 {
		twentyOne = append(twentyOne, "n"+strconv.Itoa(i), "")
	}
	noValue := tagRequest(officialResourceType, []string{id}, "a", "b")
	noValue.Tag[0].Value = nil
	noType := tagRequest(officialResourceType, []string{id}, "a", "b")
	noType.ResourceType = nil
	for name, tc := range map[string]struct {
		req    *vpc.TagResourcesRequest
		code   string
		status int
	}{
		"no ResourceType":           {noType, vpcapi.CodeMissingParameter, 400},
		"unknown ResourceType":      {tagRequest("VpnGateways", []string{id}, "a", "b"), vpcapi.CodeInstanceTypeNotFound, 400},
		"no ResourceId":             {tagRequest(officialResourceType, nil, "a", "b"), vpcapi.CodeMissingParameter, 400},
		"51 ResourceId":             {tagRequest(officialResourceType, many, "a", "b"), vpcapi.CodeResourceIDSizeLimitExceeded, 400},
		"no Tag":                    {tagRequest(officialResourceType, []string{id}), vpcapi.CodeMissingParameter, 400},
		"a Tag without Value":       {noValue, vpcapi.CodeMissingParameter, 400},
		"21 tags in a call":         {tagRequest(officialResourceType, []string{id}, twentyOne...), vpcapi.CodeTagSizeLimitExceeded, 400},
		"a key given twice":         {tagRequest(officialResourceType, []string{id}, "a", "1", "a", "2"), vpcapi.CodeTagKeyDuplicated, 400},
		"an empty key":              {tagRequest(officialResourceType, []string{id}, "", "b"), vpcapi.CodeInvalidTagKey, 400},
		"a 129-character key":       {tagRequest(officialResourceType, []string{id}, long, "b"), vpcapi.CodeInvalidTagKey, 400},
		"an aliyun key":             {tagRequest(officialResourceType, []string{id}, "aliyun:x", "b"), vpcapi.CodeInvalidTagKey, 400},
		"an acs: key":               {tagRequest(officialResourceType, []string{id}, "acs:x", "b"), vpcapi.CodeInvalidTagKey, 400},
		"a key with a URL":          {tagRequest(officialResourceType, []string{id}, "see-http://x", "b"), vpcapi.CodeInvalidTagKey, 400},
		"a 129-character value":     {tagRequest(officialResourceType, []string{id}, "a", long), vpcapi.CodeInvalidTagValue, 400},
		"an aliyun value":           {tagRequest(officialResourceType, []string{id}, "a", "Aliyun"), vpcapi.CodeInvalidTagValue, 400},
		"a value with a URL":        {tagRequest(officialResourceType, []string{id}, "a", "https://x"), vpcapi.CodeInvalidTagValue, 400},
		"an unknown gateway":        {tagRequest(officialResourceType, []string{id, "vpn-nosuch"}, "a", "b"), vpcapi.CodeInstanceIDsNotFound, 400},
		"a gateway of another type": {tagRequest(officialResourceType, []string{foreign.VpnGatewayID}, "a", "b"), vpcapi.CodeInstanceIDsNotFound, 400},
		"a gateway as a VPC":        {tagRequest("VPC", []string{id}, "a", "b"), vpcapi.CodeInstanceIDsNotFound, 400},
	} {
		_, err := c.TagResources(tc.req)
		t.Run(name, func(t *testing.T) { wantAPIError(t, err, tc.code, tc.status) })
	}
	// full has 15 tags: 6 new ones make 21, refused, and id, within its limit, is not tagged
	// either. Keys it has already count once.
	var six []string
	for i := range 6 {
		six = append(six, "new"+strconv.Itoa(i), "v")
	}
	_, err = c.TagResources(tagRequest(officialResourceType, []string{id, full}, six...))
	wantAPIError(t, err, vpcapi.CodeTagQuotaExceeded, 400)
	if got := stateTags(t, f.sim, id); len(got) != 0 {
		t.Fatalf("a refused call tagged %s: %v", id, got)
	}
	if got := stateTags(t, f.sim, full); len(got) != 15 {
		t.Fatalf("a refused call changed %s: %v", full, got)
	}
	mustTag(t, c, []string{id, full}, slices.Concat(fifteen[:10], six[:10])...) // 5 known keys and 5 new: 20
	if got := stateTags(t, f.sim, full); len(got) != 20 {
		t.Fatalf("%s has %d tags, want 20", full, len(got))
	}
	mustTag(t, c, []string{full}, "k0", "overwritten") // a full resource takes a new value for a key it has
	mustTag(t, c, []string{id}, strings.Repeat("k", 128), strings.Repeat("v", 128))
	if len(f.sim.Stats().Codes[vpcapi.ActionTagResources]) == 0 {
		t.Fatal("refusals not counted under TagResources")
	}

	// UnTagResources.
	var keys21 []string
	for i := range 21 {
		keys21 = append(keys21, "k"+strconv.Itoa(i))
	}
	badAll := untagRequest(officialResourceType, []string{id})
	for name, tc := range map[string]struct {
		req  *vpc.UnTagResourcesRequest
		code string
	}{
		"no TagKey and no All": {badAll, vpcapi.CodeMissingParameter},
		"no ResourceId":        {untagRequest(officialResourceType, nil, "a"), vpcapi.CodeMissingParameter},
		"51 ResourceId":        {untagRequest(officialResourceType, many, "a"), vpcapi.CodeResourceIDSizeLimitExceeded},
		"21 keys":              {untagRequest(officialResourceType, []string{id}, keys21...), vpcapi.CodeTagSizeLimitExceeded},
		"an acs: key":          {untagRequest(officialResourceType, []string{id}, "acs:x"), vpcapi.CodeInvalidTagKey},
		"a 129-character key":  {untagRequest(officialResourceType, []string{id}, long), vpcapi.CodeInvalidTagKey},
		"an unknown gateway":   {untagRequest(officialResourceType, []string{"vpn-nosuch"}, "a"), vpcapi.CodeInstanceIDsNotFound},
		"unknown ResourceType": {untagRequest("Gateway", []string{id}, "a"), vpcapi.CodeInstanceTypeNotFound},
	} {
		_, err := c.UnTagResources(tc.req)
		t.Run("UnTag "+name, func(t *testing.T) { wantAPIError(t, err, tc.code, 400) })
	}
	if _, err := c.UnTagResources(untagRequest(officialResourceType, []string{full}, "", "k0")); err != nil {
		t.Fatalf("an empty key to remove, as the reference allows: %v", err)
	}
	if got := stateTags(t, f.sim, full); len(got) != 19 || got["k0"] != "" {
		t.Fatalf("after removing k0: %v", got)
	}
	_, err = f.call(t, vpcapi.ActionUnTagResources, vpcapi.Version, map[string]*string{
		"RegionId": tea.String(vpcsim.DefaultRegion), "ResourceType": tea.String(officialResourceType),
		"ResourceId.1": tea.String(id), "All": tea.String("yes"),
	})
	wantAPIError(t, err, vpcapi.CodeInvalidParameter, 400)
}

// TestListTagResources: filters by ID, by tag and by both; NextToken pages through every item once
// and is left out of the last page; the limits refuse with their codes.
func TestListTagResources(t *testing.T) {
	f := start(t, vpcsim.Config{Quota: 200})
	c := f.client(t)
	var ids []string
	for range 60 {
		ids = append(ids, tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId))
	}
	want := map[string]map[string]string{}
	for i, id := range ids {
		kv := []string{"team", "net", "index", strconv.Itoa(i)}
		if i%3 == 0 {
			kv = append(kv, "third", "")
		}
		mustTag(t, c, []string{id}, kv...)
		want[id] = map[string]string{}
		for j := 0; j < len(kv); j += 2 {
			want[id][kv[j]] = kv[j+1]
		}
	}
	pick := func(keep func(i int) bool) map[string]map[string]string {
		out := map[string]map[string]string{}
		for i, id := range ids {
			if keep(i) {
				out[id] = want[id]
			}
		}
		return out
	}

	// 50 IDs, two tags or three each: 117 items, 3 pages of the default 50.
	got, pages := listAll(t, c, listRequest(ids[:50]...))
	if wantFirst := pick(func(i int) bool { return i < 50 }); !maps.EqualFunc(got, wantFirst, maps.Equal) || pages != 3 {
		t.Fatalf("ListTagResources of 50 IDs: %d resources in %d pages, want %d in 3", len(got), pages, len(wantFirst))
	}
	// Any page size pages through every item exactly once.
	for _, size := range []int32{1, 7, 50} {
		req := &vpc.ListTagResourcesRequest{RegionId: tea.String(vpcsim.DefaultRegion), ResourceType: tea.String("vpngateway"), MaxResults: tea.Int32(size),
			Tag: []*vpc.ListTagResourcesRequestTag{{Key: tea.String("team")}}}
		got, pages := listAll(t, c, req)
		items := 0
		for _, tags := range want {
			items += len(tags)
		}
		if !maps.EqualFunc(got, want, maps.Equal) || pages != (items+int(size)-1)/int(size) {
			t.Fatalf("MaxResults %d: %d resources in %d pages, want %d items in %d pages", size, len(got), pages, items, (items+int(size)-1)/int(size))
		}
	}
	// The last page has no NextToken at all, even when it is full.
	raw, err := f.call(t, vpcapi.ActionListTagResources, vpcapi.Version, map[string]*string{
		"RegionId": tea.String(vpcsim.DefaultRegion), "ResourceType": tea.String(officialResourceType),
		"ResourceId.1": tea.String(ids[1]), "MaxResults": tea.String("2"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if body := asMap(raw["body"]); fmt.Sprint(body["NextToken"]) != "<nil>" || len(asList(asMap(body["TagResources"])["TagResource"])) != 2 {
		t.Fatalf("a last, full page: %v", body)
	}

	// Filters: every pair must match; a key alone matches any value, an empty value only "".
	for name, tc := range map[string]struct {
		ids  []string
		tags []*vpc.ListTagResourcesRequestTag
		want map[string]map[string]string
	}{
		"key and value": {nil, []*vpc.ListTagResourcesRequestTag{{Key: tea.String("index"), Value: tea.String("4")}}, pick(func(i int) bool { return i == 4 })},
		"key alone":     {nil, []*vpc.ListTagResourcesRequestTag{{Key: tea.String("third")}}, pick(func(i int) bool { return i%3 == 0 })},
		"empty value":   {nil, []*vpc.ListTagResourcesRequestTag{{Key: tea.String("third"), Value: tea.String("")}}, pick(func(i int) bool { return i%3 == 0 })},
		"every pair": {nil, []*vpc.ListTagResourcesRequestTag{{Key: tea.String("third")}, {Key: tea.String("index"), Value: tea.String("3")}},
			pick(func(i int) bool { return i == 3 })},
		"no match":    {nil, []*vpc.ListTagResourcesRequestTag{{Key: tea.String("team"), Value: tea.String("other")}}, map[string]map[string]string{}},
		"IDs and tag": {ids[:7], []*vpc.ListTagResourcesRequestTag{{Key: tea.String("third")}}, pick(func(i int) bool { return i < 7 && i%3 == 0 })},
	} {
		req := listRequest(tc.ids...)
		req.Tag = tc.tags
		if got, _ := listAll(t, c, req); !maps.EqualFunc(got, tc.want, maps.Equal) {
			t.Errorf("%s: %d resources, want %d: %v", name, len(got), len(tc.want), slices.Collect(maps.Keys(got)))
		}
	}

	// A token goes on from the last item answered: an item removed from the page before does not
	// make the next page skip one.
	req := listRequest(ids[:3]...)
	req.MaxResults = tea.Int32(3)
	first, err := c.ListTagResources(req)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.UnTagResources(untagRequest(officialResourceType, []string{ids[0]}, "index")); err != nil {
		t.Fatal(err)
	}
	req.NextToken = first.Body.NextToken
	second, err := c.ListTagResources(req)
	if err != nil {
		t.Fatal(err)
	}
	if r := second.Body.TagResources.TagResource[0]; tea.StringValue(r.ResourceId) != ids[1] || tea.StringValue(r.TagKey) != "index" {
		t.Fatalf("the page after a removal starts at %s %s, want %s index", tea.StringValue(r.ResourceId), tea.StringValue(r.TagKey), ids[1])
	}

	// Refusals.
	token := first.Body.NextToken
	bothEmpty := &vpc.ListTagResourcesRequest{RegionId: tea.String(vpcsim.DefaultRegion), ResourceType: tea.String(officialResourceType)}
	var many []string
	for i := range 51 {
		many = append(many, "vpn-"+strconv.Itoa(i))
	}
	valueAlone := listRequest(ids[0])
	valueAlone.Tag = []*vpc.ListTagResourcesRequestTag{{Value: tea.String("x")}}
	badKey := listRequest(ids[0])
	badKey.Tag = []*vpc.ListTagResourcesRequestTag{{Key: tea.String("acs:x")}}
	otherQuery := listRequest(ids[1])
	otherQuery.NextToken = token
	badToken := listRequest(ids[0])
	badToken.NextToken = tea.String("bm90LWEtdG9rZW4")
	var twentyOne []*vpc.ListTagResourcesRequestTag
	for i := range 21 {
		twentyOne = append(twentyOne, &vpc.ListTagResourcesRequestTag{Key: tea.String("k" + strconv.Itoa(i))})
	}
	tooManyTags := listRequest()
	tooManyTags.Tag = twentyOne
	for name, tc := range map[string]struct {
		req    *vpc.ListTagResourcesRequest
		code   string
		status int
	}{
		"neither IDs nor tags":     {bothEmpty, vpcapi.CodeBothEmptyTagsAndResources, 403},
		"51 IDs":                   {listRequest(many...), vpcapi.CodeResourceIDSizeLimitExceeded, 400},
		"an unknown ID":            {listRequest(ids[0], "vpn-nosuch"), vpcapi.CodeInstanceIDsNotFound, 400},
		"a value alone":            {valueAlone, vpcapi.CodeInvalidTagKey, 400},
		"a banned key":             {badKey, vpcapi.CodeInvalidTagKey, 400},
		"21 tag filters":           {tooManyTags, vpcapi.CodeTagSizeLimitExceeded, 400},
		"MaxResults 0":             {func() *vpc.ListTagResourcesRequest { r := listRequest(ids[0]); r.MaxResults = tea.Int32(0); return r }(), vpcapi.CodeInvalidParameter, 400},
		"MaxResults 51":            {func() *vpc.ListTagResourcesRequest { r := listRequest(ids[0]); r.MaxResults = tea.Int32(51); return r }(), vpcapi.CodeInvalidParameter, 400},
		"a token of another query": {otherQuery, vpcapi.CodeInvalidParameter, 400},
		"a made-up token":          {badToken, vpcapi.CodeInvalidParameter, 400},
		"unknown ResourceType": {func() *vpc.ListTagResourcesRequest {
			r := listRequest(ids[0])
			r.ResourceType = tea.String("GATEWAY")
			return r
		}(),
			vpcapi.CodeInstanceTypeNotFound, 400},
	} {
		_, err := c.ListTagResources(tc.req)
		t.Run(name, func(t *testing.T) { wantAPIError(t, err, tc.code, tc.status) })
	}
	// Another type the tag actions take: vpcsim holds none of its resources, so a tag finds none.
	other := &vpc.ListTagResourcesRequest{RegionId: tea.String(vpcsim.DefaultRegion), ResourceType: tea.String("vpc"),
		Tag: []*vpc.ListTagResourcesRequestTag{{Key: tea.String("team")}}}
	if got, _ := listAll(t, c, other); len(got) != 0 {
		t.Fatalf("VPCs tagged team: %v", got)
	}
}

// TestDescribeTags: DescribeVpnGateways keeps the gateways having every Tag.N pair, answers each
// one's tags, and drift can take the Tags field away from both Describe answers while
// ListTagResources still answers them.
func TestDescribeTags(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	a := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	b := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	plain := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	if _, err := f.sim.AddForeignGateway(gateway.Foreign{}); err != nil {
		t.Fatal(err)
	}
	mustTag(t, c, []string{a, b}, "team", "net", "env", "prod")
	mustTag(t, c, []string{b}, "env", "dev")

	filtered := func(tags ...string) []string {
		t.Helper()
		req := &vpc.DescribeVpnGatewaysRequest{RegionId: tea.String(vpcsim.DefaultRegion), PageSize: tea.Int32(50)}
		for i := 0; i+1 < len(tags); i += 2 {
			req.Tag = append(req.Tag, &vpc.DescribeVpnGatewaysRequestTag{Key: tea.String(tags[i]), Value: tea.String(tags[i+1])})
		}
		resp, err := c.DescribeVpnGateways(req)
		if err != nil {
			t.Fatalf("DescribeVpnGateways(%v): %v", tags, err)
		}
		var ids []string
		for _, g := range resp.Body.VpnGateways.VpnGateway {
			ids = append(ids, tea.StringValue(g.VpnGatewayId))
		}
		if int(tea.Int32Value(resp.Body.TotalCount)) != len(ids) {
			t.Fatalf("TotalCount %d for %d items", tea.Int32Value(resp.Body.TotalCount), len(ids))
		}
		slices.Sort(ids)
		return ids
	}
	sorted := func(ids ...string) []string { slices.Sort(ids); return ids }
	for name, tc := range map[string]struct {
		tags []string
		want []string
	}{
		"one pair":         {[]string{"team", "net"}, sorted(a, b)},
		"every pair":       {[]string{"team", "net", "env", "dev"}, sorted(b)},
		"a pair none have": {[]string{"team", "ops"}, nil},
	} {
		if got := filtered(tc.tags...); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", name, got, tc.want)
		}
	}
	if got := filtered(); len(got) != 4 {
		t.Fatalf("no filter: %d gateways, want 4 (the foreign one included)", len(got))
	}
	_, err := c.DescribeVpnGateways(&vpc.DescribeVpnGatewaysRequest{RegionId: tea.String(vpcsim.DefaultRegion),
		Tag: []*vpc.DescribeVpnGatewaysRequestTag{{Value: tea.String("net")}}})
	wantAPIError(t, err, vpcapi.CodeInvalidTagKey, 400)

	resp, err := c.DescribeVpnGateways(&vpc.DescribeVpnGatewaysRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(b)})
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, tag := range resp.Body.VpnGateways.VpnGateway[0].Tags.Tag {
		listed = append(listed, tea.StringValue(tag.Key)+"="+tea.StringValue(tag.Value))
	}
	if !slices.Equal(listed, []string{"env=dev", "team=net"}) {
		t.Fatalf("DescribeVpnGateways item tags %v, want them by key", listed)
	}

	// Modify answers the gateway without its tags, as its reference does.
	answer, err := f.call(t, vpcapi.ActionModifyVpnGatewayAttribute, vpcapi.Version, map[string]*string{
		"RegionId": tea.String(vpcsim.DefaultRegion), "VpnGatewayId": tea.String(plain), "Name": tea.String("renamed"),
	})
	if body := asMap(answer["body"]); err != nil || body["Tags"] != nil || body["VpnGatewayId"] != plain {
		t.Fatalf("ModifyVpnGatewayAttribute answered %v, %v", body, err)
	}

	// Drift removes Tags from both Describe answers; the tags are still there for
	// ListTagResources, and Restore brings the field back.
	if err := f.sim.PatchGateway(a, gateway.Patch{Remove: []string{"Tags"}}); err != nil {
		t.Fatal(err)
	}
	items, _ := f.rawList(t, map[string]string{"VpnGatewayId": a})
	if _, ok := f.rawDescribe(t, a)["Tags"]; ok {
		t.Fatal("DescribeVpnGateway answers Tags after drift removed them")
	}
	if _, ok := items[0]["Tags"]; ok {
		t.Fatal("DescribeVpnGateways answers Tags after drift removed them")
	}
	if got, _ := listAll(t, c, listRequest(a)); !maps.Equal(got[a], map[string]string{"team": "net", "env": "prod"}) {
		t.Fatalf("ListTagResources after the drift: %v", got)
	}
	if got := filtered("env", "prod"); !slices.Equal(got, []string{a}) {
		t.Fatalf("drift changes answers, never filters: %v", got)
	}
	if err := f.sim.PatchGateway(a, gateway.Patch{Restore: []string{"Tags"}}); err != nil {
		t.Fatal(err)
	}
	if got := describedTags(t, c, a); len(got) != 2 {
		t.Fatalf("after Restore: %v", got)
	}
}
