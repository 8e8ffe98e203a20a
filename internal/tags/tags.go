// Package tags is the Terraform side of a resource's tags: the user's tags, the provider's
// default_tags, the tags the API holds (tags_all), the plan-time rules from the tag API's limits
// (internal/vpcapi), and the change that takes one set to another. Reading tags from the API is
// the client's (internal/vpcclient). Resources, data sources and list resources use it; none
// handles tags on its own.
package tags

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"

	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Merge is tags_all: defaults under own, a key in both taking own's value.
func Merge(defaults, own map[string]string) map[string]string {
	all := make(map[string]string, len(defaults)+len(own))
	maps.Copy(all, defaults)
	maps.Copy(all, own)
	return all
}

// Own is the user's tags as state holds them, given what the API holds (all): every tag but the
// default ones, so that a default tag never appears twice and an import plans no change.
//
// prior is the tags state (or configuration) already holds, nil when nothing tells which tags are
// the resource's own (an import, a data source). A default key is the user's when prior holds it
// with the API's value, so that repeating a default in a resource's tags stays stable. A default
// key whose value differs from the default's is the user's when prior holds the key, or when prior
// is nil (the user's override, as far as an import can tell); otherwise it is the default's old
// value, or an outside change to it: a changed default_tags, which must show in tags_all alone, not
// as the resource's own tag disappearing.
func Own(all, defaults, prior map[string]string) map[string]string {
	own := map[string]string{}
	for k, v := range all {
		if d, ok := defaults[k]; ok {
			p, held := prior[k]
			switch {
			case d == v && (!held || p != v):
				continue
			case d != v && prior != nil && !held:
				continue
			}
		}
		own[k] = v
	}
	return own
}

// Change is what takes a resource from the tags it has to the ones it should have. Applied in
// order, untag then tag, every step is safe to repeat: a retry after a lost answer, or a whole
// apply run again, converges on the same tags, never a lost or a doubled one.
type Change struct {
	// Untag are the keys to remove, sorted.
	Untag []string
	// Tag is the full desired set (not only what differs): tagging a key again overwrites it.
	Tag map[string]string
}

// Diff is the change from current to desired; its zero value when they are equal.
func Diff(current, desired map[string]string) Change {
	if maps.Equal(current, desired) {
		return Change{}
	}
	var c Change
	for k := range current {
		if _, ok := desired[k]; !ok {
			c.Untag = append(c.Untag, k)
		}
	}
	slices.Sort(c.Untag)
	if len(desired) > 0 {
		c.Tag = maps.Clone(desired)
	}
	return c
}

// Empty reports whether the change sends nothing.
func (c Change) Empty() bool { return len(c.Untag) == 0 && len(c.Tag) == 0 }

// SortedKeys are the keys of tags in order, for requests that must not depend on map order.
func SortedKeys(tags map[string]string) []string {
	return slices.Sorted(maps.Keys(tags))
}

// Null is a null tags attribute, with its element type (a zero types.Map has none).
func Null() types.Map { return types.MapNull(types.StringType) }

// Unknown is an unknown tags attribute, with its element type.
func Unknown() types.Map { return types.MapUnknown(types.StringType) }

// Value is tags as a known map attribute; an empty one when tags is empty.
func Value(tags map[string]string) types.Map {
	elems := make(map[string]types.String, len(tags))
	for k, v := range tags {
		elems[k] = types.StringValue(v)
	}
	m, _ := types.MapValueFrom(context.Background(), types.StringType, elems)
	return m
}

// FromValue is a known tags attribute as a Go map; nil for a null one. The caller checks for
// unknown values first.
func FromValue(ctx context.Context, v types.Map) (map[string]string, diag.Diagnostics) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	out := map[string]string{}
	diags := v.ElementsAs(ctx, &out, false)
	return out, diags
}

// Planned is tags_all as a plan shows it: the configured tags (a resource's own) merged over
// defaults, unknown while any configured tag is. More than vpcapi.MaxTags together is an error at
// attribute, since the API would refuse the last ones.
func Planned(ctx context.Context, configured types.Map, defaults map[string]string, attribute path.Path) (types.Map, diag.Diagnostics) {
	if configured.IsUnknown() {
		return Unknown(), nil
	}
	for _, v := range configured.Elements() {
		if v.IsUnknown() {
			return Unknown(), nil
		}
	}
	own, diags := FromValue(ctx, configured)
	if diags.HasError() {
		return Unknown(), diags
	}
	all := Merge(defaults, own)
	if len(all) > vpcapi.MaxTags {
		diags.AddAttributeError(attribute, "Too Many Tags",
			fmt.Sprintf("The tags together with the provider's default_tags are %d tags (%s); the API holds at most %d "+
				"per resource. Remove tags here or from default_tags, so that at most %d remain.",
				len(all), strings.Join(SortedKeys(all), ", "), vpcapi.MaxTags, vpcapi.MaxTags))
		return Unknown(), diags
	}
	return Value(all), diags
}
