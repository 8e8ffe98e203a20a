package vpcsim

import (
	"cmp"
	"slices"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

type gatewaysAnswer struct {
	RequestID   string `json:"RequestId"`
	TotalCount  int    `json:"TotalCount"`
	PageNumber  int    `json:"PageNumber"`
	PageSize    int    `json:"PageSize"`
	VpnGateways struct {
		VpnGateway []map[string]any `json:"VpnGateway"`
	} `json:"VpnGateways"`
}

// listed is one item of DescribeVpnGateways, of either kind, with what its filters compare.
type listed struct {
	seq    int64
	fields map[string]string // filter parameter -> the item's value ("" when it has none)
	tags   tagging.Set       // for the Tag.N filters
	answer func() map[string]any
}

func (s *Sim) describeVpnGateways(c *request.Call, x *exchange) (any, *apierr.Error) {
	region, aerr := s.regions.Region(c)
	if aerr != nil {
		return nil, aerr
	}
	page, size, aerr := c.Paging()
	if aerr != nil {
		return nil, aerr
	}
	filters, aerr := c.TagFilters()
	if aerr != nil {
		return nil, aerr
	}
	var items []listed
	for _, g := range s.readGateways(region.ID, x) {
		v := g.View(x.now, &s.gw)
		items = append(items, listed{seq: g.Seq, tags: g.Tags, answer: func() map[string]any { return g.Answer(x.now, &s.gw) }, fields: map[string]string{
			"VpcId": v.VpcID, "VpnGatewayId": v.VpnGatewayID, "Status": v.Status, "BusinessStatus": v.BusinessStatus,
			"ResourceGroupId": v.ResourceGroupID, "GatewayType": gateway.TypeTraditional,
		}})
	}
	for _, f := range s.state.foreign {
		if f.RegionID == region.ID {
			items = append(items, listed{seq: f.Seq, answer: func() map[string]any { return f.Answer(true, DefaultResourceGroupID) }, fields: map[string]string{
				"VpcId": f.VpcID, "VpnGatewayId": f.ID, "Status": "", "BusinessStatus": vpcapi.BusinessStatusNormal,
				"ResourceGroupId": DefaultResourceGroupID, "GatewayType": f.GatewayType,
			}})
		}
	}
	// Newest first, as the API lists them; both kinds count for TotalCount and paging alike.
	slices.SortFunc(items, func(a, b listed) int { return cmp.Compare(b.seq, a.seq) })
	items = slices.DeleteFunc(items, func(it listed) bool {
		if !it.tags.Match(filters) {
			return true
		}
		for name, value := range it.fields {
			if want := c.Get(name); want != "" && value != want {
				return true
			}
		}
		return false
	})
	a := gatewaysAnswer{RequestID: x.requestID, TotalCount: len(items), PageNumber: page, PageSize: size}
	a.VpnGateways.VpnGateway = []map[string]any{}
	for _, it := range request.Page(items, page, size) {
		a.VpnGateways.VpnGateway = append(a.VpnGateways.VpnGateway, it.answer())
	}
	return a, nil
}
