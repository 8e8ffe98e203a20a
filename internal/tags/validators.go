package tags

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"

	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Validators are the tag API's rules, checked at plan time on a tags map (a resource's tags, the
// provider's default_tags): at most vpcapi.MaxTags tags; keys of 1 to vpcapi.TagKeyMaxLength characters and values
// of at most vpcapi.TagValueMaxLength characters, neither starting with aliyun or acs: nor containing
// http:// or https://, in any case. TagResources' reference states the prefixes for keys and
// values alike and is silent on case; the strict reading refuses "ALIYUN-x" and "Acs:x" as well,
// so that the plan refuses whatever the API might refuse after the gateway exists.
func Validators() []validator.Map {
	bans := forbidden{prefixes: vpcapi.ReservedTagPrefixes, substrings: vpcapi.TagURLSchemes}
	return []validator.Map{
		mapvalidator.SizeAtMost(vpcapi.MaxTags),
		mapvalidator.KeysAre(stringvalidator.UTF8LengthBetween(1, vpcapi.TagKeyMaxLength), bans),
		mapvalidator.ValueStringsAre(stringvalidator.UTF8LengthAtMost(vpcapi.TagValueMaxLength), bans),
	}
}

// Description says the rules in one sentence, for the schema's descriptions.
var Description = fmt.Sprintf("At most %d tags; keys of 1 to %d characters and values of up to %d characters (empty "+
	"allowed), neither starting with `aliyun` or `acs:` (the cloud's own tags) nor containing `http://` or `https://`, "+
	"in any case.", vpcapi.MaxTags, vpcapi.TagKeyMaxLength, vpcapi.TagValueMaxLength)

// forbidden refuses a string that starts with one of prefixes or contains one of substrings, in
// any case: the tag API's bans, which a regular expression without look-ahead cannot state.
type forbidden struct {
	prefixes, substrings []string
}

var _ validator.String = forbidden{}

func (v forbidden) Description(_ context.Context) string {
	var parts []string
	if len(v.prefixes) > 0 {
		parts = append(parts, "must not start with "+strings.Join(v.prefixes, " or "))
	}
	if len(v.substrings) > 0 {
		parts = append(parts, "must not contain "+strings.Join(v.substrings, " or "))
	}
	return strings.Join(parts, ", and ")
}

func (v forbidden) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v forbidden) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	lower := strings.ToLower(s)
	for _, p := range v.prefixes {
		if strings.HasPrefix(lower, p) {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid Tag",
				fmt.Sprintf("%s %s (in any case): %q starts with %q, which the cloud reserves for its own tags.",
					req.Path, v.Description(ctx), s, s[:len(p)]))
			return
		}
	}
	for _, sub := range v.substrings {
		if strings.Contains(lower, sub) {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid Tag",
				fmt.Sprintf("%s %s: %q contains %q, which the tag API refuses.", req.Path, v.Description(ctx), s, sub))
			return
		}
	}
}
