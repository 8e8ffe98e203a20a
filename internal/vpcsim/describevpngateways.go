package vpcsim

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
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
	wanted := map[string]string{}
	for _, name := range gatewayFilters {
		wanted[name] = c.Get(name)
	}
	items := s.listGateways(region.ID, wanted, filters, x)
	a := gatewaysAnswer{RequestID: x.requestID, TotalCount: len(items), PageNumber: page, PageSize: size}
	a.VpnGateways.VpnGateway = []map[string]any{}
	for _, it := range request.Page(items, page, size) {
		a.VpnGateways.VpnGateway = append(a.VpnGateways.VpnGateway, it.answer())
	}
	return a, nil
}

// gatewayFilters are the parameters of DescribeVpnGateways that select by a field's value.
var gatewayFilters = []string{"VpcId", "VpnGatewayId", "Status", "BusinessStatus", "ResourceGroupId", "GatewayType"}
