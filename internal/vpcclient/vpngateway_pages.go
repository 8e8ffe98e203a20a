package vpcclient

import (
	"context"
	"iter"
	"maps"
	"slices"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

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

// FillTags fills in the Tags field of the listed answers that lack it, from ListTagResources (one
// request per MaxIDsPerTagList gateways, and a page per 50 tags beyond the first), so that a caller
// reads every gateway's tags from its answer; a gateway without tags gets an empty list.
func (c *Client) FillTags(ctx context.Context, gws []ListedVpnGateway) error {
	var untagged []string
	for _, gw := range gws {
		if gw.Tags == nil {
			untagged = append(untagged, dara.StringValue(gw.VpnGatewayId))
		}
	}
	if len(untagged) == 0 {
		return nil
	}
	byID, err := listTagsByID(ctx, untagged, c.tagPage)
	if err != nil {
		return err
	}
	for _, gw := range gws {
		if gw.Tags != nil {
			continue
		}
		gw.Tags = &vpc.DescribeVpnGatewayResponseBodyTags{Tag: []*vpc.DescribeVpnGatewayResponseBodyTagsTag{}}
		found := byID[dara.StringValue(gw.VpnGatewayId)]
		for _, k := range slices.Sorted(maps.Keys(found)) {
			gw.Tags.Tag = append(gw.Tags.Tag, &vpc.DescribeVpnGatewayResponseBodyTagsTag{Key: dara.String(k), Value: dara.String(found[k])})
		}
	}
	return nil
}
