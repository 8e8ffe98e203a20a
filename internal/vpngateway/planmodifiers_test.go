package vpngateway

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Only an active gateway's status is promised: any other may change during the update (an
// unpaid gateway stays init, a busy one ends active), and a create knows none yet.
func TestActiveAfterUpdate(t *testing.T) {
	object := tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})
	null := tftypes.NewValue(tftypes.Object{}, nil)
	for _, tc := range []struct {
		name  string
		state tftypes.Value
		prior types.String
		want  types.String
	}{
		{"update of an active gateway", object, types.StringValue(vpcapi.StatusActive), types.StringValue(vpcapi.StatusActive)},
		{"update of an unpaid gateway", object, types.StringValue(vpcapi.StatusInit), types.StringUnknown()},
		{"update of a busy gateway", object, types.StringValue(vpcapi.StatusUpdating), types.StringUnknown()},
		{"create", null, types.StringNull(), types.StringUnknown()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := planmodifier.StringRequest{
				State: tfsdk.State{Raw: tc.state}, Plan: tfsdk.Plan{Raw: object},
				StateValue: tc.prior, PlanValue: types.StringUnknown(), ConfigValue: types.StringNull(),
			}
			resp := &planmodifier.StringResponse{PlanValue: req.PlanValue}
			activeAfterUpdate{}.PlanModifyString(context.Background(), req, resp)
			if !resp.PlanValue.Equal(tc.want) {
				t.Errorf("planned status %v, want %v", resp.PlanValue, tc.want)
			}
		})
	}
}
