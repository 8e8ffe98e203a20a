package vpngateway

import (
	"context"
	"fmt"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// findVpnGatewayByID reads one gateway. A gateway that does not exist, whether the API says so
// with its not-found code or with an empty answer, is an error matching
// vpcclient.ErrVpnGatewayNotFound: Read drops it from state, Delete counts it as done, and the
// waiters as gone.
func findVpnGatewayByID(ctx context.Context, client *vpcclient.Client, id string) (*vpc.DescribeVpnGatewayResponseBody, error) {
	gw, err := client.DescribeVpnGateway(ctx, &vpc.DescribeVpnGatewayRequest{
		RegionId:     dara.String(client.Region()),
		VpnGatewayId: dara.String(id),
	})
	if err != nil {
		return nil, err
	}
	if dara.StringValue(gw.VpnGatewayId) == "" {
		return nil, fmt.Errorf("VPN Gateway (%s): empty answer: %w", id, vpcclient.ErrVpnGatewayNotFound)
	}
	return gw, nil
}

// findVpnGatewayForRefresh reads one gateway for Read (refresh and import) like findVpnGatewayByID,
// but lets the client answer concurrent reads from one paged list (vpcclient.ReadVpnGateway).
// Never for a waiter: a list may be up to vpcclient's snapshot age bound (10 s) old.
func findVpnGatewayForRefresh(ctx context.Context, client *vpcclient.Client, id, vpcID string) (*vpc.DescribeVpnGatewayResponseBody, error) {
	gw, err := client.ReadVpnGateway(ctx, id, vpcID)
	if err != nil {
		return nil, err
	}
	if dara.StringValue(gw.VpnGatewayId) == "" {
		return nil, fmt.Errorf("VPN Gateway (%s): empty answer: %w", id, vpcclient.ErrVpnGatewayNotFound)
	}
	return gw, nil
}

// findVpnGatewayTags is the user tags of a gateway read for a refresh: those its answer carries, or,
// when the answer has no Tags field, ListTagResources' (batched across concurrent refreshes).
func findVpnGatewayTags(ctx context.Context, client *vpcclient.Client, gw *vpc.DescribeVpnGatewayResponseBody) (map[string]string, error) {
	if t, ok := vpcclient.TagsFromAnswer(gw.Tags); ok {
		return t, nil
	}
	return client.ReadVpnGatewayTags(ctx, dara.StringValue(gw.VpnGatewayId))
}

// statusVpnGateway is the gateway and its status for a wait, read delay from now, maybe from a
// list shared with other waits (vpcclient.PollVpnGateway); vpcID is the gateway's VPC, "" until
// known.
func statusVpnGateway(ctx context.Context, client *vpcclient.Client, id, vpcID string, delay time.Duration) (*vpc.DescribeVpnGatewayResponseBody, string, error) {
	gw, err := client.PollVpnGateway(ctx, id, vpcID, delay)
	if err != nil {
		return nil, "", err
	}
	if dara.StringValue(gw.VpnGatewayId) == "" {
		return nil, "", fmt.Errorf("VPN Gateway (%s): empty answer: %w", id, vpcclient.ErrVpnGatewayNotFound)
	}
	return gw, dara.StringValue(gw.Status), nil
}
