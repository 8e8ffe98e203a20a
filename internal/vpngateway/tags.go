package vpngateway

import (
	"context"
	"slices"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpngw/terraform-provider-alicloud/internal/tags"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// updateVpnGatewayTags takes a gateway from the tags it holds to desired: UnTagResources for the
// keys to remove, then TagResources with the whole desired set. Neither takes a ClientToken and
// both are safe to repeat, so a retry after a lost answer, or the next apply after a failed one,
// converges on desired: no tag lost, none doubled.
func updateVpnGatewayTags(ctx context.Context, client *vpcclient.Client, id string, current, desired map[string]string) error {
	change := tags.Diff(current, desired)
	if change.Empty() {
		return nil
	}
	tflog.Debug(ctx, "updating VPN Gateway tags", map[string]interface{}{"untag": change.Untag, "tag": tags.SortedKeys(change.Tag)})
	for keys := range slices.Chunk(change.Untag, vpcapi.MaxTags) {
		if _, err := client.UnTagResources(ctx, &vpc.UnTagResourcesRequest{
			RegionId:     dara.String(client.Region()),
			ResourceType: dara.String(vpcapi.TagResourceTypeVpnGateway),
			ResourceId:   dara.StringSlice([]string{id}),
			TagKey:       dara.StringSlice(keys),
		}); err != nil {
			return err
		}
	}
	if len(change.Tag) == 0 {
		return nil
	}
	req := &vpc.TagResourcesRequest{
		RegionId:     dara.String(client.Region()),
		ResourceType: dara.String(vpcapi.TagResourceTypeVpnGateway),
		ResourceId:   dara.StringSlice([]string{id}),
	}
	for _, k := range tags.SortedKeys(change.Tag) {
		req.Tag = append(req.Tag, &vpc.TagResourcesRequestTag{Key: dara.String(k), Value: dara.String(change.Tag[k])})
	}
	_, err := client.TagResources(ctx, req)
	return err
}

// desiredTags is what tags_all is to be: as planned, or, when the plan could not know it (a tag
// known only after apply), the configured tags merged over the provider's default_tags.
func desiredTags(ctx context.Context, plan *Model, defaults map[string]string) (map[string]string, diag.Diagnostics) {
	if !plan.TagsAll.IsUnknown() && !plan.TagsAll.IsNull() {
		return tags.FromValue(ctx, plan.TagsAll)
	}
	own, diags := tags.FromValue(ctx, plan.Tags)
	return tags.Merge(defaults, own), diags
}

// moveVpnGatewayResourceGroup moves a gateway to another resource group; a repeat leaves it there.
func moveVpnGatewayResourceGroup(ctx context.Context, client *vpcclient.Client, id, group string) error {
	_, err := client.MoveVpnResourceGroup(ctx, &vpc.MoveVpnResourceGroupRequest{
		RegionId:           dara.String(client.Region()),
		InstanceId:         dara.String(id),
		NewResourceGroupId: dara.String(group),
		ResourceType:       dara.String(vpcapi.MoveResourceTypeVpnGateway),
	})
	return err
}
