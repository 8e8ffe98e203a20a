package tags

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Validators are the tag API's rules, checked at plan time on a tags map (a resource's tags, the
// provider's default_tags): at most MaxTags tags; keys of 1 to KeyMaxLength characters, not
// starting with aliyun or acs:; values of at most ValueMaxLength characters; neither containing
// http:// or https://.
func Validators() []validator.Map {
	return []validator.Map{
		mapvalidator.SizeAtMost(MaxTags),
		mapvalidator.KeysAre(
			stringvalidator.UTF8LengthBetween(1, KeyMaxLength),
			forbidden{prefixes: reservedPrefixes, substrings: urlSchemes},
		),
		mapvalidator.ValueStringsAre(
			stringvalidator.UTF8LengthAtMost(ValueMaxLength),
			forbidden{substrings: urlSchemes},
		),
	}
}

// Description says the rules in one sentence, for the schema's descriptions.
var Description = fmt.Sprintf("At most %d tags; keys of 1 to %d characters that neither start with `aliyun` or `acs:` "+
	"(the cloud's own tags) nor contain `http://` or `https://`; values of up to %d characters (empty allowed) "+
	"without `http://` or `https://`.", MaxTags, KeyMaxLength, ValueMaxLength)

// forbidden refuses a string that starts with one of prefixes or contains one of substrings: the
// tag API's bans, which a regular expression without look-ahead cannot state.
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
	for _, p := range v.prefixes {
		if strings.HasPrefix(s, p) {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid Tag",
				fmt.Sprintf("%s %s: %q starts with %q, which the cloud reserves for its own tags.", req.Path, v.Description(ctx), s, p))
			return
		}
	}
	for _, sub := range v.substrings {
		if strings.Contains(strings.ToLower(s), sub) {
			resp.Diagnostics.AddAttributeError(req.Path, "Invalid Tag",
				fmt.Sprintf("%s %s: %q contains %q, which the tag API refuses.", req.Path, v.Description(ctx), s, sub))
			return
		}
	}
}
