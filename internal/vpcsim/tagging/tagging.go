// Package tagging holds the VPC API's rules for tags, as vpcsim enforces them in TagResources,
// UnTagResources, ListTagResources and DescribeVpnGateways' tag filters: what a key and a value may
// be, how many tags a call and a resource may carry, how many resources a call may name, and which
// resource types take tags. It knows nothing of requests or gateways: vpcsim answers its Errors as
// API errors, so that the rules read, and are tested, apart from the simulator.
//
// The rules come from the reference of the tag actions in the Go SDK
// github.com/alibabacloud-go/vpc-20160428 at its newest commit; where the record is silent, the
// strict reading is taken, and vpcsim's README says which.
package tagging

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Limits of the tag actions.
const (
	MaxTagsPerResource  = 20  // tags one resource holds, counting the ones it has already
	MaxTagsPerCall      = 20  // Tag.N of TagResources, TagKey.N of UnTagResources, Tag.N filters
	MaxResourcesPerCall = 50  // ResourceId.N of each tag action
	MaxKeyLength        = 128 // characters
	MaxValueLength      = 128 // characters; a value may be empty
)

// resourceTypes are the ResourceType values the tag actions take, in the upper-case form their
// reference lists; the reference also says the value is case-insensitive.
var resourceTypes = []string{
	"VPC", "VSWITCH", "ROUTETABLE", "EIP", vpcapi.TagResourceTypeVpnGateway, "NATGATEWAY",
	"COMMONBANDWIDTHPACKAGE", "PREFIXLIST", "PUBLICIPADDRESSPOOL", "IPV4GATEWAY", "IPV6GATEWAY",
	"NETWORKACL", "TRAFFICMIRRORFILTER", "TRAFFICMIRRORSESSION", "FLOWLOG", "HAVIP",
	"DHCPOPTIONSSET", "GATEWAYENDPOINT", "IPV6ADDRESS",
}

// Error is a refusal as the API answers it: the HTTP status, the error code and a message that
// starts with the reference's text for the code and goes on to say what was expected.
type Error struct {
	Status  int
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// refuse makes an Error; every refusal of the tag rules is a 400, as the reference lists them.
func refuse(code, format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, Code: code, Message: fmt.Sprintf(format, args...)}
}

// ResourceType returns the canonical (upper-case) form of a ResourceType given in any case.
func ResourceType(t string) (string, *Error) {
	upper := strings.ToUpper(t)
	if !slices.Contains(resourceTypes, upper) {
		return "", refuse(vpcapi.CodeInstanceTypeNotFound,
			"The instance type is not found: ResourceType %q is not one of %v (in any case).", t, resourceTypes)
	}
	return upper, nil
}

// CheckResourceCount refuses a call that names more resources than one call may.
func CheckResourceCount(n int) *Error {
	if n > MaxResourcesPerCall {
		return refuse(vpcapi.CodeResourceIDSizeLimitExceeded,
			"The maximum number of resource IDs is exceeded: %d ResourceId.N given, at most %d.", n, MaxResourcesPerCall)
	}
	return nil
}

// banned says why s may not be a tag key or value, or "" if it may: the reference forbids the
// prefixes "aliyun" and "acs:", which the cloud keeps for its own tags, and any URL. It does not
// say whether case matters; the strict reading refuses "Aliyun" and "HTTP://" as well.
func banned(s string) string {
	for _, prefix := range []string{"aliyun", "acs:"} {
		if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
			return fmt.Sprintf("it starts with %q", s[:len(prefix)])
		}
	}
	lower := strings.ToLower(s)
	for _, url := range []string{"http://", "https://"} {
		if strings.Contains(lower, url) {
			return fmt.Sprintf("it contains %q", url)
		}
	}
	return ""
}

const keyRule = "a key is 1 to 128 characters, does not start with aliyun or acs: and contains no http:// or https://"

const valueRule = "a value is 0 to 128 characters, does not start with aliyun or acs: and contains no http:// or https://"

// CheckKey refuses a tag key the API does not take.
func CheckKey(key string) *Error {
	why := banned(key)
	switch n := utf8.RuneCountInString(key); {
	case n == 0:
		why = "it is empty"
	case n > MaxKeyLength:
		why = fmt.Sprintf("it is %d characters long", n)
	}
	if why != "" {
		return refuse(vpcapi.CodeInvalidTagKey, "The tag keys are not valid: key %q: %s; %s.", key, why, keyRule)
	}
	return nil
}

// CheckValue refuses a tag value the API does not take; an empty value is a value.
func CheckValue(key, value string) *Error {
	why := banned(value)
	if n := utf8.RuneCountInString(value); n > MaxValueLength {
		why = fmt.Sprintf("it is %d characters long", n)
	}
	if why != "" {
		return refuse(vpcapi.CodeInvalidTagValue, "The tag values are not valid: the value of key %q: %s; %s.", key, why, valueRule)
	}
	return nil
}

// Tag is one tag: a key and its value.
type Tag struct{ Key, Value string }

// CheckTags refuses the Tag.N of a TagResources call: at most MaxTagsPerCall, each key once, every
// key and value as CheckKey and CheckValue want them.
func CheckTags(tags []Tag) *Error {
	if len(tags) > MaxTagsPerCall {
		return refuse(vpcapi.CodeTagSizeLimitExceeded,
			"The maximum number of tags is exceeded: %d Tag.N given, at most %d a call.", len(tags), MaxTagsPerCall)
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if err := CheckKey(t.Key); err != nil {
			return err
		}
		if err := CheckValue(t.Key, t.Value); err != nil {
			return err
		}
		if seen[t.Key] {
			return refuse(vpcapi.CodeTagKeyDuplicated,
				"The specified tag key already exists: key %q is given twice; each key once a call.", t.Key)
		}
		seen[t.Key] = true
	}
	return nil
}

// CheckUntagKeys refuses the TagKey.N of an UnTagResources call: at most MaxTagsPerCall, each at
// most MaxKeyLength characters and not banned. The reference lets a key to remove be empty, which
// removes nothing, as no tag has an empty key.
func CheckUntagKeys(keys []string) *Error {
	if len(keys) > MaxTagsPerCall {
		return refuse(vpcapi.CodeTagSizeLimitExceeded,
			"The maximum number of tags is exceeded: %d TagKey.N given, at most %d a call.", len(keys), MaxTagsPerCall)
	}
	for _, k := range keys {
		if k == "" {
			continue
		}
		if err := CheckKey(k); err != nil {
			return err
		}
	}
	return nil
}

// Filter selects resources by one tag: by key and value, or by key alone when AnyValue.
type Filter struct {
	Key, Value string
	AnyValue   bool
}

// CheckFilters refuses tag filters: at most MaxTagsPerCall, every key and value as CheckKey and
// CheckValue want them.
func CheckFilters(filters []Filter) *Error {
	if len(filters) > MaxTagsPerCall {
		return refuse(vpcapi.CodeTagSizeLimitExceeded,
			"The maximum number of tags is exceeded: %d Tag.N filters given, at most %d.", len(filters), MaxTagsPerCall)
	}
	for _, f := range filters {
		if err := CheckKey(f.Key); err != nil {
			return err
		}
		if !f.AnyValue {
			if err := CheckValue(f.Key, f.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

// Set is one resource's tags, key to value. A nil Set is an empty one.
type Set map[string]string

// With returns s with tags added, a key s has already taking the new value, refusing a result
// of more than MaxTagsPerResource tags. s itself is left alone, so that a call naming several
// resources can check every one before it changes any.
func (s Set) With(tags []Tag) (Set, *Error) {
	out := maps.Clone(s)
	if out == nil {
		out = Set{}
	}
	for _, t := range tags {
		out[t.Key] = t.Value
	}
	if len(out) > MaxTagsPerResource {
		return nil, refuse(vpcapi.CodeTagQuotaExceeded,
			"Custom Tags quota exceeded: the resource would have %d tags (%d now), at most %d.", len(out), len(s), MaxTagsPerResource)
	}
	return out, nil
}

// Without returns s without the keys; s itself is left alone.
func (s Set) Without(keys []string) Set {
	out := maps.Clone(s)
	for _, k := range keys {
		delete(out, k)
	}
	return out
}

// Sorted lists the tags by key, never nil, so that an empty set answers an empty JSON list.
func (s Set) Sorted() []Tag {
	out := make([]Tag, 0, len(s))
	for _, k := range slices.Sorted(maps.Keys(s)) {
		out = append(out, Tag{Key: k, Value: s[k]})
	}
	return out
}

// Match reports whether s has every filter's tag.
func (s Set) Match(filters []Filter) bool {
	for _, f := range filters {
		v, ok := s[f.Key]
		if !ok || !f.AnyValue && v != f.Value {
			return false
		}
	}
	return true
}
