package vpcclient

import (
	"context"
	"crypto/rand"
	"encoding/hex"

	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// NewClientToken returns a fresh idempotency token (ASCII, well under vpcapi.ClientTokenMaxLength).
// Make one per logical operation and put it in the request before the first attempt: every retry
// of that request then carries it, and the API acts at most once.
func NewClientToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "tf-" + hex.EncodeToString(b)
}

// CreateVpnGateway creates a gateway. req.ClientToken must be set (NewClientToken); throttling,
// server errors, transport failures and a busy VPC are retried with that same token.
func (c *Client) CreateVpnGateway(ctx context.Context, req *vpc.CreateVpnGatewayRequest) (*vpc.CreateVpnGatewayResponseBody, error) {
	defer c.reads.forget()
	return call[vpc.CreateVpnGatewayResponseBody](ctx, c, vpcapi.ActionCreateVpnGateway, req, req.ClientToken,
		callOptions{mutating: true, busy: true})
}

// DescribeVpnGateway reads one gateway, always from the API (ReadVpnGateway may answer from a list).
// A gateway that does not exist is an error matching
// ErrVpnGatewayNotFound.
func (c *Client) DescribeVpnGateway(ctx context.Context, req *vpc.DescribeVpnGatewayRequest) (*vpc.DescribeVpnGatewayResponseBody, error) {
	return call[vpc.DescribeVpnGatewayResponseBody](ctx, c, vpcapi.ActionDescribeVpnGateway, req, nil, callOptions{})
}

// VpnGatewaysPage is one page of DescribeVpnGateways: the SDK's answer, and the GatewayType of each
// listed gateway by ID, a field the SDK's struct does not carry.
type VpnGatewaysPage struct {
	*vpc.DescribeVpnGatewaysResponseBody
	GatewayTypes map[string]string
}

// DescribeVpnGateways reads one page of the gateways of a region: gateways of every type, as the API
// lists them (IsVpnGatewayType tells the ones this provider manages).
func (c *Client) DescribeVpnGateways(ctx context.Context, req *vpc.DescribeVpnGatewaysRequest) (*VpnGatewaysPage, error) {
	out, raw, err := callRaw[vpc.DescribeVpnGatewaysResponseBody](ctx, c, vpcapi.ActionDescribeVpnGateways, req, nil, callOptions{})
	if err != nil {
		return nil, err
	}
	page := &VpnGatewaysPage{DescribeVpnGatewaysResponseBody: out, GatewayTypes: map[string]string{}}
	gateways, _ := raw["VpnGateways"].(map[string]any)
	items, _ := gateways["VpnGateway"].([]any)
	for _, item := range items {
		fields, _ := item.(map[string]any)
		id, _ := fields["VpnGatewayId"].(string)
		if t, ok := fields["GatewayType"].(string); ok && id != "" {
			page.GatewayTypes[id] = t
		}
	}
	return page, nil
}

// ModifyVpnGatewayAttribute renames or re-describes a gateway. req.ClientToken must be set; a
// gateway still changing (BusyCodes) is retried until ctx ends.
func (c *Client) ModifyVpnGatewayAttribute(ctx context.Context, req *vpc.ModifyVpnGatewayAttributeRequest) (*vpc.ModifyVpnGatewayAttributeResponseBody, error) {
	defer c.reads.forget()
	return call[vpc.ModifyVpnGatewayAttributeResponseBody](ctx, c, vpcapi.ActionModifyVpnGatewayAttribute, req, req.ClientToken,
		callOptions{mutating: true, busy: true})
}

// DeleteVpnGateway starts the deletion of a gateway. req.ClientToken must be set; a gateway still
// changing (BusyCodes) is retried until ctx ends. A gateway that does not exist is an error
// matching ErrVpnGatewayNotFound.
func (c *Client) DeleteVpnGateway(ctx context.Context, req *vpc.DeleteVpnGatewayRequest) (*vpc.DeleteVpnGatewayResponseBody, error) {
	defer c.reads.forget()
	return call[vpc.DeleteVpnGatewayResponseBody](ctx, c, vpcapi.ActionDeleteVpnGateway, req, req.ClientToken,
		callOptions{mutating: true, busy: true})
}
