package tags

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"

	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestValidators(t *testing.T) {
	many := map[string]string{}
	for i := range vpcapi.MaxTags + 1 {
		many[strings.Repeat("k", i+1)] = "v"
	}
	for _, tc := range []struct {
		name string
		tags map[string]string
		want string // "" = valid; else a part of the error
	}{
		{"ok", map[string]string{"env": "prod", "empty": "", strings.Repeat("k", vpcapi.TagKeyMaxLength): strings.Repeat("v", vpcapi.TagValueMaxLength)}, ""},
		{"too many", many, "at most 20"},
		{"empty key", map[string]string{"": "v"}, "must be between 1 and 128"},
		{"long key", map[string]string{strings.Repeat("k", vpcapi.TagKeyMaxLength+1): "v"}, "must be between 1 and 128"},
		{"long value", map[string]string{"k": strings.Repeat("v", vpcapi.TagValueMaxLength+1)}, "must be at most 128"},
		{"aliyun key", map[string]string{"aliyun-x": "v"}, `starts with "aliyun"`},
		{"acs key", map[string]string{"acs:x": "v"}, `starts with "acs:"`},
		{"url key", map[string]string{"see-https://x": "v"}, `contains "https://"`},
		{"url value", map[string]string{"k": "HTTP://x"}, `contains "http://"`},
		// The reserved prefixes, in any case, in keys and values alike.
		{"upper aliyun key", map[string]string{"ALIYUN-billing": "v"}, `starts with "ALIYUN"`},
		{"mixed acs key", map[string]string{"Acs:owner": "v"}, `starts with "Acs:"`},
		{"aliyun value", map[string]string{"owner": "aliyun-partner-team"}, `starts with "aliyun"`},
		{"upper acs value", map[string]string{"k": "ACS:x"}, `starts with "ACS:"`},
		{"prefix inside", map[string]string{"my-aliyun": "team-acs:1"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := Value(tc.tags)
			var msgs []string
			for _, val := range Validators() {
				resp := &validator.MapResponse{}
				val.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: v}, resp)
				for _, d := range resp.Diagnostics.Errors() {
					msgs = append(msgs, d.Detail())
				}
			}
			all := strings.Join(msgs, "\n")
			switch {
			case tc.want == "" && len(msgs) > 0:
				t.Fatalf("refused: %s", all)
			case tc.want != "" && !strings.Contains(all, tc.want):
				t.Fatalf("errors %q lack %q", all, tc.want)
			}
		})
	}
}

func TestValidatorsSkipUnknown(t *testing.T) {
	for _, val := range Validators() {
		resp := &validator.MapResponse{}
		val.ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("tags"), ConfigValue: types.MapUnknown(types.StringType)}, resp)
		if resp.Diagnostics.HasError() {
			t.Fatal(resp.Diagnostics)
		}
	}
}
