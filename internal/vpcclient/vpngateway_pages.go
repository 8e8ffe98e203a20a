package vpcclient

import (
	"context"
	"iter"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/tags"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// ListedVpnGateway is one item of a DescribeVpnGateways page, as the DescribeVpnGateway answer for
// the same gateway (so that one mapping reads both), with its GatewayType.
type ListedVpnGateway struct {
	*vpc.DescribeVpnGatewayResponseBody
	GatewayType string
}

// Gateways are the page's items of every type, in the API's order; IsVpnGatewayType tells the ones
// this provider manages. Each carries the page's RequestId, for diagnostics.
func (p *VpnGatewaysPage) Gateways() []ListedVpnGateway {
	if p.VpnGateways == nil {
		return nil
	}
	out := make([]ListedVpnGateway, 0, len(p.VpnGateways.VpnGateway))
	for _, item := range p.VpnGateways.VpnGateway {
		gw := gatewayFromList(item)
		if gw == nil {
			continue
		}
		gw.RequestId = p.RequestId
		out = append(out, ListedVpnGateway{DescribeVpnGatewayResponseBody: gw, GatewayType: p.GatewayTypes[dara.StringValue(gw.VpnGatewayId)]})
	}
	return out
}

// VpnGatewayPages pages through DescribeVpnGateways of the client's region, narrowed by the
// filters of req (VpcId, VpnGatewayId, Status, BusinessStatus, ResourceGroupId, Tag), the largest
// page at a time, until the last page: every gateway of every type. req's RegionId, PageNumber and
// PageSize are the paginator's; req itself is not changed. An error ends the sequence after it is
// yielded; a caller that stops early sends no further request.
func (c *Client) VpnGatewayPages(ctx context.Context, req *vpc.DescribeVpnGatewaysRequest) iter.Seq2[*VpnGatewaysPage, error] {
	return func(yield func(*VpnGatewaysPage, error) bool) {
		page := *req
		page.RegionId = dara.String(c.region)
		page.PageSize = dara.Int32(vpcapi.MaxPageSize)
		for n := int32(1); ; n++ {
			page.PageNumber = dara.Int32(n)
			out, err := c.DescribeVpnGateways(ctx, &page)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(out, nil) {
				return
			}
			items := 0
			if out.VpnGateways != nil {
				items = len(out.VpnGateways.VpnGateway)
			}
			if items < vpcapi.MaxPageSize || int(n)*vpcapi.MaxPageSize >= int(dara.Int32Value(out.TotalCount)) {
				return
			}
		}
	}
}

// ListVpnGatewayTags reads the user tags of gateways with ListTagResources, one request per 50 IDs
// (and a page per 50 tags beyond the first), for answers that carry no Tags field: every ID gets an
// entry, empty for a gateway without tags.
func (c *Client) ListVpnGatewayTags(ctx context.Context, ids []string) (map[string]map[string]string, error) {
	return tags.ListByID(ctx, ids, c.tagPage)
}
