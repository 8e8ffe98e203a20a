package tagging

import (
	"strings"
	"testing"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

func code(err *Error) string {
	if err == nil {
		return ""
	}
	return err.Code
}

func TestCheckKey(t *testing.T) {
	for key, want := range map[string]string{
		"env":                    "",
		strings.Repeat("k", 128): "",
		strings.Repeat("é", 128): "", // characters, not bytes
		"":                       vpcapi.CodeInvalidTagKey,
		strings.Repeat("k", 129): vpcapi.CodeInvalidTagKey,
		"aliyun-owner":           vpcapi.CodeInvalidTagKey,
		"Aliyun":                 vpcapi.CodeInvalidTagKey,
		"acs:owner":              vpcapi.CodeInvalidTagKey,
		"ACS:owner":              vpcapi.CodeInvalidTagKey,
		"see-http://x":           vpcapi.CodeInvalidTagKey,
		"HTTPS://x":              vpcapi.CodeInvalidTagKey,
		"my-aliyun":              "", // only the prefix is banned
		"acs":                    "",
		"http:/not-quite-a-url":  "",
	} {
		if got := code(CheckKey(key)); got != want {
			t.Errorf("CheckKey(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestCheckValue(t *testing.T) {
	for value, want := range map[string]string{
		"":                       "",
		"prod":                   "",
		strings.Repeat("v", 128): "",
		strings.Repeat("v", 129): vpcapi.CodeInvalidTagValue,
		"aliyun":                 vpcapi.CodeInvalidTagValue,
		"acs:x":                  vpcapi.CodeInvalidTagValue,
		"go to https://x":        vpcapi.CodeInvalidTagValue,
	} {
		if got := code(CheckValue("k", value)); got != want {
			t.Errorf("CheckValue(%q) = %q, want %q", value, got, want)
		}
	}
}

func manyTags(n int) []Tag {
	out := make([]Tag, n)
	for i := range out {
		out[i] = Tag{Key: "k" + strings.Repeat("x", i), Value: "v"}
	}
	return out
}

func TestCheckTags(t *testing.T) {
	for name, tc := range map[string]struct {
		tags []Tag
		want string
	}{
		"twenty":       {manyTags(20), ""},
		"twenty-one":   {manyTags(21), vpcapi.CodeTagSizeLimitExceeded},
		"duplicate":    {[]Tag{{"a", "1"}, {"a", "2"}}, vpcapi.CodeTagKeyDuplicated},
		"bad key":      {[]Tag{{"acs:a", "1"}}, vpcapi.CodeInvalidTagKey},
		"bad value":    {[]Tag{{"a", "http://x"}}, vpcapi.CodeInvalidTagValue},
		"empty value":  {[]Tag{{"a", ""}}, ""},
		"empty key":    {[]Tag{{"", "x"}}, vpcapi.CodeInvalidTagKey},
		"unicode keys": {[]Tag{{"环境", "生产"}}, ""},
	} {
		if got := code(CheckTags(tc.tags)); got != tc.want {
			t.Errorf("%s: CheckTags = %q, want %q", name, got, tc.want)
		}
	}
}

func TestCheckUntagKeysAndFilters(t *testing.T) {
	keys := make([]string, 21)
	for i := range keys {
		keys[i] = strings.Repeat("k", i+1)
	}
	if got := code(CheckUntagKeys(keys[:20])); got != "" {
		t.Errorf("20 keys: %q", got)
	}
	if got := code(CheckUntagKeys(keys)); got != vpcapi.CodeTagSizeLimitExceeded {
		t.Errorf("21 keys: %q", got)
	}
	if got := code(CheckUntagKeys([]string{"", "a"})); got != "" {
		t.Errorf("an empty key to remove: %q", got)
	}
	if got := code(CheckUntagKeys([]string{"aliyun-x"})); got != vpcapi.CodeInvalidTagKey {
		t.Errorf("a banned key to remove: %q", got)
	}
	if got := code(CheckFilters([]Filter{{Key: "a", AnyValue: true}, {Key: "b", Value: ""}})); got != "" {
		t.Errorf("filters: %q", got)
	}
	if got := code(CheckFilters([]Filter{{Key: "", Value: "x"}})); got != vpcapi.CodeInvalidTagKey {
		t.Errorf("a filter by value alone: %q", got)
	}
	if got := code(CheckFilters([]Filter{{Key: "a", Value: "https://x"}})); got != vpcapi.CodeInvalidTagValue {
		t.Errorf("a filter with a banned value: %q", got)
	}
	if got := code(CheckFilters(make([]Filter, 21))); got != vpcapi.CodeTagSizeLimitExceeded {
		t.Errorf("21 filters: %q", got)
	}
}

func TestResourceType(t *testing.T) {
	for _, in := range []string{"VPNGATEWAY", "VpnGateWay", "vpngateway", "VpnGateway"} {
		if got, err := ResourceType(in); err != nil || got != vpcapi.TagResourceTypeVpnGateway {
			t.Errorf("ResourceType(%q) = %q, %v", in, got, err)
		}
	}
	if got, _ := ResourceType("vpc"); got != "VPC" {
		t.Errorf("ResourceType(vpc) = %q", got)
	}
	if _, err := ResourceType("VpnGateways"); code(err) != vpcapi.CodeInstanceTypeNotFound {
		t.Errorf("ResourceType(VpnGateways): %v", err)
	}
	if code(CheckResourceCount(50)) != "" || code(CheckResourceCount(51)) != vpcapi.CodeResourceIDSizeLimitExceeded {
		t.Error("CheckResourceCount: 50 must pass and 51 fail")
	}
}

func TestSet(t *testing.T) {
	var empty Set
	s, err := empty.With([]Tag{{"a", "1"}, {"b", ""}})
	if err != nil || len(s) != 2 || empty != nil {
		t.Fatalf("With on a nil set: %v, %v (the nil set must stay nil: %v)", s, err, empty)
	}
	s2, err := s.With([]Tag{{"a", "2"}})
	if err != nil || s2["a"] != "2" || s["a"] != "1" {
		t.Fatalf("With overwrites a key in a copy: %v from %v, %v", s2, s, err)
	}
	full, err := Set{}.With(manyTags(20))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := full.With([]Tag{{"one-more", "x"}}); code(err) != vpcapi.CodeTagQuotaExceeded {
		t.Fatalf("a 21st tag: %v", err)
	}
	if _, err := full.With([]Tag{{"k", "new"}}); err != nil {
		t.Fatalf("overwriting a tag of a full set: %v", err)
	}
	if w := s.Without([]string{"a", "zz"}); len(w) != 1 || w["b"] != "" || len(s) != 2 {
		t.Fatalf("Without: %v from %v", w, s)
	}
	if got := s.Sorted(); len(got) != 2 || got[0].Key != "a" || got[1].Key != "b" {
		t.Fatalf("Sorted: %v", got)
	}
	if got := empty.Sorted(); got == nil || len(got) != 0 {
		t.Fatalf("Sorted of an empty set must be an empty list, not nil: %#v", got)
	}
	for name, tc := range map[string]struct {
		filters []Filter
		want    bool
	}{
		"none":             {nil, true},
		"key and value":    {[]Filter{{Key: "a", Value: "1"}}, true},
		"wrong value":      {[]Filter{{Key: "a", Value: "2"}}, false},
		"key alone":        {[]Filter{{Key: "b", AnyValue: true}}, true},
		"empty value":      {[]Filter{{Key: "b", Value: ""}}, true},
		"every pair":       {[]Filter{{Key: "a", Value: "1"}, {Key: "c", AnyValue: true}}, false},
		"missing key":      {[]Filter{{Key: "c", AnyValue: true}}, false},
		"empty ≠ any":      {[]Filter{{Key: "a", Value: ""}}, false},
		"both pairs match": {[]Filter{{Key: "a", Value: "1"}, {Key: "b", Value: ""}}, true},
	} {
		if got := s.Match(tc.filters); got != tc.want {
			t.Errorf("%s: Match = %v, want %v", name, got, tc.want)
		}
	}
}
