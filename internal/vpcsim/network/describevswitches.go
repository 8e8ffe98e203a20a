package network

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

type vSwitchesAnswer struct {
	RequestID  string `json:"RequestId"`
	TotalCount int    `json:"TotalCount"`
	PageNumber int    `json:"PageNumber"`
	PageSize   int    `json:"PageSize"`
	VSwitches  struct {
		VSwitch []vSwitchItem `json:"VSwitch"`
	} `json:"VSwitches"`
}

type vSwitchItem struct {
	VSwitchID               string `json:"VSwitchId"`
	VpcID                   string `json:"VpcId"`
	ZoneID                  string `json:"ZoneId"`
	CidrBlock               string `json:"CidrBlock"`
	Status                  string `json:"Status"`
	AvailableIPAddressCount int64  `json:"AvailableIpAddressCount"`
	IsDefault               bool   `json:"IsDefault"`
	CreationTime            string `json:"CreationTime"`
	ResourceGroupID         string `json:"ResourceGroupId"`
}

// DescribeVSwitches lists vSwitches of a region, a VPC, or both; the API wants at least one.
// Every one is in resourceGroupID.
func (n Networks) DescribeVSwitches(c *request.Call, requestID, resourceGroupID string) (any, *apierr.Error) {
	regionID, vpcID := c.Get("RegionId"), c.Get("VpcId")
	if regionID == "" && vpcID == "" {
		return nil, apierr.MissingParameter("RegionId")
	}
	if regionID != "" && n[regionID] == nil {
		return nil, apierr.RegionNotFound()
	}
	page, size, aerr := c.Paging()
	if aerr != nil {
		return nil, aerr
	}
	isDefault, aerr := c.OptBool("IsDefault", false)
	if aerr != nil {
		return nil, aerr
	}
	var matched []vSwitchItem
	for _, r := range n.sorted() {
		if regionID != "" && r.ID != regionID {
			continue
		}
		for _, v := range r.Vpcs {
			if vpcID != "" && v.ID != vpcID {
				continue
			}
			for _, sw := range v.VSwitches {
				if c.Get("VSwitchId") != "" && c.Get("VSwitchId") != sw.ID || c.Get("ZoneId") != "" && c.Get("ZoneId") != sw.ZoneID || isDefault {
					continue
				}
				matched = append(matched, vSwitchItem{
					VSwitchID: sw.ID, VpcID: v.ID, ZoneID: sw.ZoneID, CidrBlock: sw.CidrBlock, Status: "Available",
					AvailableIPAddressCount: availableIPs(sw.CidrBlock), CreationTime: networkCreated, ResourceGroupID: resourceGroupID,
				})
			}
		}
	}
	a := vSwitchesAnswer{RequestID: requestID, TotalCount: len(matched), PageNumber: page, PageSize: size}
	a.VSwitches.VSwitch = request.Page(matched, page, size)
	return a, nil
}
