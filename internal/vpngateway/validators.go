package vpngateway

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// The framework-validators library has presence rules between attributes (AlsoRequires,
// ConflictsWith) but none that depend on another attribute's value; these add that, in the same
// declarative shape.

var (
	_ resource.ConfigValidator = onlyWhenEquals{}
	_ resource.ConfigValidator = requiredWhenEquals{}
	_ resource.ConfigValidator = refusedWhenEqual{}
	_ validator.String         = noURLPrefix{}
	_ validator.Int64          = oneOfReference{}
)

// onlyWhenEquals refuses attr unless other equals value; otherDefault is what other is when unset.
type onlyWhenEquals struct {
	attr, other, value, otherDefault string
}

func (v onlyWhenEquals) Description(_ context.Context) string {
	return fmt.Sprintf("%s can only be set when %s = %s", v.attr, v.other, v.value)
}

func (v onlyWhenEquals) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v onlyWhenEquals) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	set, ok := configValue(ctx, req.Config, v.attr)
	if !ok || set.null {
		return
	}
	other, ok := configValue(ctx, req.Config, v.other)
	if !ok {
		return
	}
	got := other.value
	if other.null {
		got = v.otherDefault
	}
	if got != v.value {
		resp.Diagnostics.AddAttributeError(path.Root(v.attr), "Invalid Attribute Combination",
			fmt.Sprintf("%s can only be set when %s = %s; %s is %s. Remove %s or set %s = %s.",
				v.attr, v.other, v.value, v.other, got, v.attr, v.other, v.value))
	}
}

// requiredWhenEquals requires attr when other equals value; expected, when set, says what attr
// takes.
type requiredWhenEquals struct {
	attr, other, value, expected string
}

func (v requiredWhenEquals) Description(_ context.Context) string {
	return fmt.Sprintf("%s is required when %s = %s", v.attr, v.other, v.value)
}

func (v requiredWhenEquals) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v requiredWhenEquals) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	other, ok := configValue(ctx, req.Config, v.other)
	if !ok || other.null || other.value != v.value {
		return
	}
	set, ok := configValue(ctx, req.Config, v.attr)
	if ok && set.null {
		msg := fmt.Sprintf("%s is required when %s = %s.", v.attr, v.other, v.value)
		if v.expected != "" {
			msg = fmt.Sprintf("%s is required when %s = %s: %s.", v.attr, v.other, v.value, v.expected)
		}
		resp.Diagnostics.AddAttributeError(path.Root(v.attr), "Missing Required Attribute", msg)
	}
}

// condition is one attribute's value in a rule; unset is what the attribute is when not set.
type condition struct {
	attr, value, unset string
}

func (c condition) String() string { return c.attr + " = " + c.value }

// refusedWhenEqual refuses attr while every one of when holds; why says why and what to do instead.
type refusedWhenEqual struct {
	attr string
	when []condition
	why  string
}

func (v refusedWhenEqual) Description(_ context.Context) string {
	conds := make([]string, len(v.when))
	for i, c := range v.when {
		conds[i] = c.String()
	}
	return fmt.Sprintf("%s cannot be set when %s", v.attr, strings.Join(conds, " and "))
}

func (v refusedWhenEqual) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v refusedWhenEqual) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	set, ok := configValue(ctx, req.Config, v.attr)
	if !ok || set.null {
		return
	}
	for _, c := range v.when {
		got, ok := configValue(ctx, req.Config, c.attr)
		if !ok {
			return
		}
		if got.null {
			got.value = c.unset
		}
		if got.value != c.value {
			return
		}
	}
	resp.Diagnostics.AddAttributeError(path.Root(v.attr), "Invalid Attribute Combination", v.Description(ctx)+". "+v.why)
}

// plain is a configuration value reduced to what the rules compare.
type plain struct {
	value string
	null  bool
}

// configValue reads a top-level attribute; ok is false while it is unknown (a rule cannot judge it
// yet, and Terraform validates again once it is known).
func configValue(ctx context.Context, cfg tfsdk.Config, name string) (plain, bool) {
	var v attr.Value
	if diags := cfg.GetAttribute(ctx, path.Root(name), &v); diags.HasError() || v == nil || v.IsUnknown() {
		return plain{}, false
	}
	if v.IsNull() {
		return plain{null: true}, true
	}
	switch t := v.(type) {
	case basetypes.StringValue:
		return plain{value: t.ValueString()}, true
	case basetypes.BoolValue:
		return plain{value: strconv.FormatBool(t.ValueBool())}, true
	case basetypes.Int64Value:
		return plain{value: strconv.FormatInt(t.ValueInt64(), 10)}, true
	}
	return plain{value: v.String()}, true
}

// noURLPrefix refuses values that start with http:// or https://, which the API forbids in names
// and descriptions.
type noURLPrefix struct{}

func (noURLPrefix) Description(_ context.Context) string {
	return "must not start with http:// or https://"
}

func (v noURLPrefix) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v noURLPrefix) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := strings.ToLower(req.ConfigValue.ValueString())
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			fmt.Sprintf("Attribute %s %s, got: %s", req.Path, v.Description(ctx), req.ConfigValue.ValueString()))
	}
}

// oneOfReference accepts the values the API reference lists; note says what a user who knows
// other values should know.
type oneOfReference struct {
	values []int64
	unit   string
	note   string
}

func (v oneOfReference) Description(_ context.Context) string {
	return fmt.Sprintf("must be one of %s (%s)", joinInts(v.values), v.unit)
}

func (v oneOfReference) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v oneOfReference) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || slices.Contains(v.values, req.ConfigValue.ValueInt64()) {
		return
	}
	msg := fmt.Sprintf("%s %s, got: %d.", req.Path, v.Description(ctx), req.ConfigValue.ValueInt64())
	if v.note != "" {
		msg += " " + v.note
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value", msg)
}

// joinInts lists values as prose: "1, 2, 3".
func joinInts(values []int64) string {
	parts := make([]string, len(values))
	for i, n := range values {
		parts[i] = strconv.FormatInt(n, 10)
	}
	return strings.Join(parts, ", ")
}
