package vpcclient

import (
	"context"

	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// The tag and resource-group actions take no ClientToken, and none needs one: tagging a key again
// sets the same value, untagging a key that is gone removes nothing, and moving a gateway to the
// group it is in leaves it there. So they are retried like the reads (throttling, server errors,
// transport failures), and also while the gateway is busy with another change, since a repeat can
// never act twice. A caller that sends the whole desired state each time (internal/tags.Change)
// converges after a lost answer.

// TagResources sets tags on resources (ResourceType vpcapi.TagResourceTypeVpnGateway for gateways);
// a key a resource already has takes the new value.
func (c *Client) TagResources(ctx context.Context, req *vpc.TagResourcesRequest) (*vpc.TagResourcesResponseBody, error) {
	defer c.reads.forget()
	return call[vpc.TagResourcesResponseBody](ctx, c, vpcapi.ActionTagResources, req, nil, callOptions{busy: true})
}

// UnTagResources removes tag keys from resources.
func (c *Client) UnTagResources(ctx context.Context, req *vpc.UnTagResourcesRequest) (*vpc.UnTagResourcesResponseBody, error) {
	defer c.reads.forget()
	return call[vpc.UnTagResourcesResponseBody](ctx, c, vpcapi.ActionUnTagResources, req, nil, callOptions{busy: true})
}

// ListTagResources reads one page of the tags of resources (ReadVpnGatewayTags reads every page of
// many gateways at once).
func (c *Client) ListTagResources(ctx context.Context, req *vpc.ListTagResourcesRequest) (*vpc.ListTagResourcesResponseBody, error) {
	return call[vpc.ListTagResourcesResponseBody](ctx, c, vpcapi.ActionListTagResources, req, nil, callOptions{})
}

// MoveVpnResourceGroup moves a gateway (ResourceType vpcapi.MoveResourceTypeVpnGateway), with its
// IPsec and SSL servers and connections, to another resource group.
func (c *Client) MoveVpnResourceGroup(ctx context.Context, req *vpc.MoveVpnResourceGroupRequest) (*vpc.MoveVpnResourceGroupResponseBody, error) {
	defer c.reads.forget()
	return call[vpc.MoveVpnResourceGroupResponseBody](ctx, c, vpcapi.ActionMoveVpnResourceGroup, req, nil, callOptions{busy: true})
}
