package network

import (
	"slices"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

type vpcsAnswer struct {
	RequestID  string `json:"RequestId"`
	TotalCount int    `json:"TotalCount"`
	PageNumber int    `json:"PageNumber"`
	PageSize   int    `json:"PageSize"`
	Vpcs       struct {
		Vpc []vpcItem `json:"Vpc"`
	} `json:"Vpcs"`
}

type vpcItem struct {
	VpcID           string `json:"VpcId"`
	VpcName         string `json:"VpcName"`
	RegionID        string `json:"RegionId"`
	CidrBlock       string `json:"CidrBlock"`
	Status          string `json:"Status"`
	IsDefault       bool   `json:"IsDefault"`
	CreationTime    string `json:"CreationTime"`
	ResourceGroupID string `json:"ResourceGroupId"`
	VSwitchIDs      struct {
		VSwitchID []string `json:"VSwitchId"`
	} `json:"VSwitchIds"`
}

// DescribeVpcs lists VPCs of the call's region; every one is in resourceGroupID.
func (n Networks) DescribeVpcs(c *request.Call, requestID, resourceGroupID string) (any, *apierr.Error) {
	region, aerr := n.Region(c)
	if aerr != nil {
		return nil, aerr
	}
	page, size, aerr := c.Paging()
	if aerr != nil {
		return nil, aerr
	}
	isDefault, aerr := c.OptBool("IsDefault", false)
	if aerr != nil {
		return nil, aerr
	}
	var ids []string
	if v := c.Get("VpcId"); v != "" {
		ids = strings.Split(v, ",")
	}
	var matched []vpcItem
	for _, v := range region.Vpcs {
		if ids != nil && !slices.Contains(ids, v.ID) || c.Get("VpcName") != "" && c.Get("VpcName") != v.Name || isDefault {
			continue
		}
		item := vpcItem{
			VpcID: v.ID, VpcName: v.Name, RegionID: region.ID, CidrBlock: v.CidrBlock, Status: "Available",
			CreationTime: networkCreated, ResourceGroupID: resourceGroupID,
		}
		for _, sw := range v.VSwitches {
			item.VSwitchIDs.VSwitchID = append(item.VSwitchIDs.VSwitchID, sw.ID)
		}
		matched = append(matched, item)
	}
	a := vpcsAnswer{RequestID: requestID, TotalCount: len(matched), PageNumber: page, PageSize: size}
	a.Vpcs.Vpc = request.Page(matched, page, size)
	return a, nil
}
