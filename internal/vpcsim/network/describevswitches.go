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
	VSwitchName             string `json:"VSwitchName"`
	VpcID                   string `json:"VpcId"`
	ZoneID                  string `json:"ZoneId"`
	CidrBlock               string `json:"CidrBlock"`
	Status                  string `json:"Status"`
	AvailableIPAddressCount int64  `json:"AvailableIpAddressCount"`
	IsDefault               bool   `json:"IsDefault"`
	CreationTime            string `json:"CreationTime"`
	ResourceGroupID         string `json:"ResourceGroupId"`
	OwnerID                 int64  `json:"OwnerId"`
	RouteTable              struct {
		RouteTableID   string `json:"RouteTableId"`
		RouteTableType string `json:"RouteTableType"`
	} `json:"RouteTable"`
	Tags tagList `json:"Tags"`
}

// DescribeVSwitches lists vSwitches of a region, a VPC, or both (the API wants at least one),
// filtered by every parameter its reference documents; a vSwitch without a group of its own is in
// defaultGroup.
func (n Networks) DescribeVSwitches(c *request.Call, requestID, defaultGroup string) (any, *apierr.Error) {
	regionID, vpcID := c.Get("RegionId"), c.Get("VpcId")
	if regionID == "" && vpcID == "" {
		return nil, apierr.MissingParameter("RegionId")
	}
	if regionID != "" && n[regionID] == nil {
		return nil, apierr.RegionNotFound()
	}
	f, aerr := readListing(c, "VSwitchOwnerId")
	if aerr != nil {
		return nil, aerr
	}
	if f.dryRun {
		return nil, apierr.DryRun()
	}
	exact := map[string]string{"VSwitchId": c.Get("VSwitchId"), "ZoneId": c.Get("ZoneId"), "VSwitchName": c.Get("VSwitchName"), "RouteTableId": c.Get("RouteTableId")}
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
				table, kind := v.routeTable(&sw)
				group := orDefault(sw.ResourceGroupID, defaultGroup)
				has := map[string]string{"VSwitchId": sw.ID, "ZoneId": sw.ZoneID, "VSwitchName": sw.Name, "RouteTableId": table}
				if !f.match(group, sw.Tags) || !matchesExactly(exact, has) {
					continue
				}
				item := vSwitchItem{
					VSwitchID: sw.ID, VSwitchName: sw.Name, VpcID: v.ID, ZoneID: sw.ZoneID, CidrBlock: sw.CidrBlock, Status: "Available",
					AvailableIPAddressCount: availableIPs(sw.CidrBlock), CreationTime: networkCreated, ResourceGroupID: group,
					OwnerID: OwnerID, Tags: tagsOf(sw.Tags),
				}
				item.RouteTable.RouteTableID, item.RouteTable.RouteTableType = table, kind
				matched = append(matched, item)
			}
		}
	}
	a := vSwitchesAnswer{RequestID: requestID, TotalCount: len(matched), PageNumber: f.page, PageSize: f.size}
	a.VSwitches.VSwitch = request.Page(matched, f.page, f.size)
	return a, nil
}
