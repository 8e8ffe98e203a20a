package network

import (
	"slices"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// productTypeVPC is DescribeRegions' ProductType default and the only value its reference gives.
const productTypeVPC = "VPC"

type regionsAnswer struct {
	RequestID string `json:"RequestId"`
	Regions   struct {
		Region []regionItem `json:"Region"`
	} `json:"Regions"`
}

type regionItem struct {
	RegionID       string `json:"RegionId"`
	LocalName      string `json:"LocalName"`
	RegionEndpoint string `json:"RegionEndpoint"`
}

// DescribeRegions lists the regions the simulator has a network in: those are the regions it
// serves. RegionEndpoint is the address the request came to, not the real service's host name,
// so that a client that follows it stays on the simulator and never reaches the real cloud.
func (n Networks) DescribeRegions(c *request.Call, requestID string) (any, *apierr.Error) {
	lang := 0
	if v := c.Get("AcceptLanguage"); v != "" {
		if lang = slices.Index(acceptLanguages, v); lang < 0 {
			return nil, apierr.InvalidParameter("AcceptLanguage", "%q is not one of %v", v, acceptLanguages)
		}
	}
	if v := c.Get("ProductType"); v != "" && !strings.EqualFold(v, productTypeVPC) {
		return nil, apierr.InvalidParameter("ProductType", "%q is not %s, the one product type the reference gives", v, productTypeVPC)
	}
	a := regionsAnswer{RequestID: requestID}
	a.Regions.Region = []regionItem{}
	for _, r := range n.sorted() {
		name := regionNames[r.ID][lang]
		if name == "" {
			name = r.ID // a region added through -networks that the name table does not know
		}
		a.Regions.Region = append(a.Regions.Region, regionItem{RegionID: r.ID, LocalName: name, RegionEndpoint: c.Host})
	}
	return a, nil
}
