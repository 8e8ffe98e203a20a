package tags

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"

	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestMergeOwnWins(t *testing.T) {
	got := Merge(map[string]string{"env": "prod", "team": "net"}, map[string]string{"env": "dev", "app": "vpn"})
	want := map[string]string{"env": "dev", "team": "net", "app": "vpn"}
	if !maps.Equal(got, want) {
		t.Fatalf("Merge = %v, want %v", got, want)
	}
	if got := Merge(nil, nil); got == nil || len(got) != 0 {
		t.Fatalf("Merge(nil, nil) = %#v, want an empty map", got)
	}
}

func TestOwn(t *testing.T) {
	defaults := map[string]string{"env": "prod", "team": "net"}
	all := map[string]string{"env": "prod", "team": "sec", "app": "vpn"}
	for _, tc := range []struct {
		name  string
		prior map[string]string
		want  map[string]string
	}{
		// An import: a default with the default's value is not the resource's own.
		{"import", nil, map[string]string{"team": "sec", "app": "vpn"}},
		// A resource that repeats a default keeps it, so that the plan stays empty.
		{"repeated default", map[string]string{"env": "prod", "app": "vpn"}, map[string]string{"env": "prod", "app": "vpn"}},
		// A prior value that differs from the API's does not claim the key.
		{"stale prior", map[string]string{"env": "dev"}, map[string]string{"app": "vpn"}},
		// A default's old value (default_tags changed, or the tag changed outside) is tags_all's
		// change alone: a resource with no tags of its own keeps none.
		{"changed default", map[string]string{}, map[string]string{"app": "vpn"}},
		// The user's override of a default stays the user's, whatever the API now holds.
		{"override", map[string]string{"team": "ops"}, map[string]string{"team": "sec", "app": "vpn"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Own(all, defaults, tc.prior); !maps.Equal(got, tc.want) {
				t.Fatalf("Own = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestDiff(t *testing.T) {
	current := map[string]string{"a": "1", "b": "2", "c": "3"}
	desired := map[string]string{"a": "1", "b": "20", "d": "4"}
	c := Diff(current, desired)
	if !slices.Equal(c.Untag, []string{"c"}) {
		t.Errorf("Untag = %v, want [c]", c.Untag)
	}
	// The full desired set, so that a repeat after a lost answer converges.
	if !maps.Equal(c.Tag, desired) {
		t.Errorf("Tag = %v, want %v", c.Tag, desired)
	}
	if c := Diff(current, maps.Clone(current)); !c.Empty() {
		t.Errorf("Diff of equal sets = %+v, want empty", c)
	}
	if c := Diff(current, nil); !slices.Equal(c.Untag, []string{"a", "b", "c"}) || c.Tag != nil {
		t.Errorf("Diff to none = %+v, want every key untagged and nothing tagged", c)
	}
	if c := Diff(nil, map[string]string{"a": "1"}); len(c.Untag) != 0 || c.Tag["a"] != "1" {
		t.Errorf("Diff from none = %+v", c)
	}
}

func TestValueRoundTrip(t *testing.T) {
	ctx := context.Background()
	in := map[string]string{"a": "1", "empty": ""}
	v := Value(in)
	if v.IsNull() || !v.ElementType(ctx).Equal(types.StringType) {
		t.Fatalf("Value = %v", v)
	}
	out, diags := FromValue(ctx, v)
	if diags.HasError() || !maps.Equal(out, in) {
		t.Fatalf("FromValue = %v %v", out, diags)
	}
	if out, _ := FromValue(ctx, Null()); out != nil {
		t.Fatalf("FromValue(null) = %v, want nil", out)
	}
	if !Null().ElementType(ctx).Equal(types.StringType) || !Unknown().ElementType(ctx).Equal(types.StringType) {
		t.Fatal("Null and Unknown must carry the element type")
	}
}

func TestPlanned(t *testing.T) {
	ctx := context.Background()
	defaults := map[string]string{"env": "prod", "team": "net"}
	got, diags := Planned(ctx, Value(map[string]string{"env": "dev"}), defaults, path.Root("tags"))
	want := Value(map[string]string{"env": "dev", "team": "net"})
	if diags.HasError() || !got.Equal(want) {
		t.Fatalf("Planned = %v %v, want %v", got, diags, want)
	}
	if got, _ := Planned(ctx, Null(), defaults, path.Root("tags")); !got.Equal(Value(defaults)) {
		t.Fatalf("Planned(null) = %v, want the defaults", got)
	}
	if got, _ := Planned(ctx, Null(), nil, path.Root("tags")); !got.Equal(Value(nil)) {
		t.Fatalf("Planned(null, no defaults) = %v, want an empty map", got)
	}
	partly, _ := types.MapValue(types.StringType, map[string]attr.Value{"a": types.StringUnknown()})
	if got, _ := Planned(ctx, partly, defaults, path.Root("tags")); !got.IsUnknown() {
		t.Fatalf("Planned with an unknown tag = %v, want unknown", got)
	}
	many := map[string]string{}
	for i := range vpcapi.MaxTags - 1 {
		many["k"+strconv.Itoa(i)] = "v"
	}
	_, diags = Planned(ctx, Value(many), defaults, path.Root("tags"))
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "21 tags") {
		t.Fatalf("19 tags and 2 defaults: %v, want an error naming 21 tags", diags)
	}
}
