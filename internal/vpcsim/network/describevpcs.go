package network

import (
	"slices"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// maxVpcIDs is how many IDs DescribeVpcs' VpcId takes, comma-separated.
const maxVpcIDs = 20

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
	VpcID            string `json:"VpcId"`
	VpcName          string `json:"VpcName"`
	RegionID         string `json:"RegionId"`
	CidrBlock        string `json:"CidrBlock"`
	Status           string `json:"Status"`
	IsDefault        bool   `json:"IsDefault"`
	CreationTime     string `json:"CreationTime"`
	ResourceGroupID  string `json:"ResourceGroupId"`
	OwnerID          int64  `json:"OwnerId"`
	DhcpOptionsSetID string `json:"DhcpOptionsSetId,omitempty"`
	VSwitchIDs       struct {
		VSwitchID []string `json:"VSwitchId"`
	} `json:"VSwitchIds"`
	RouterTableIDs struct {
		RouterTableIDs []string `json:"RouterTableIds"`
	} `json:"RouterTableIds"`
	Tags tagList `json:"Tags"`
}

// DescribeVpcs lists VPCs of the call's region, filtered by every parameter its reference
// documents; a VPC without a group of its own is in defaultGroup.
func (n Networks) DescribeVpcs(c *request.Call, requestID, defaultGroup string) (any, *apierr.Error) {
	region, aerr := n.Region(c)
	if aerr != nil {
		return nil, aerr
	}
	f, aerr := readListing(c, "VpcOwnerId")
	if aerr != nil {
		return nil, aerr
	}
	var ids []string
	if v := c.Get("VpcId"); v != "" {
		ids = strings.Split(v, ",")
		if len(ids) > maxVpcIDs {
			return nil, apierr.InvalidParameter("VpcId", "%d IDs given, at most %d", len(ids), maxVpcIDs)
		}
	}
	if f.dryRun {
		return nil, apierr.DryRun()
	}
	exact := map[string]string{"VpcName": c.Get("VpcName"), "DhcpOptionsSetId": c.Get("DhcpOptionsSetId")}
	var matched []vpcItem
	for _, v := range region.Vpcs {
		group := orDefault(v.ResourceGroupID, defaultGroup)
		has := map[string]string{"VpcName": v.Name, "DhcpOptionsSetId": v.DhcpOptionsSetID}
		if ids != nil && !slices.Contains(ids, v.ID) || !matchesExactly(exact, has) || !f.match(group, v.Tags) {
			continue
		}
		item := vpcItem{
			VpcID: v.ID, VpcName: v.Name, RegionID: region.ID, CidrBlock: v.CidrBlock, Status: "Available",
			CreationTime: networkCreated, ResourceGroupID: group, OwnerID: OwnerID,
			DhcpOptionsSetID: v.DhcpOptionsSetID, Tags: tagsOf(v.Tags),
		}
		item.VSwitchIDs.VSwitchID = []string{}
		for _, sw := range v.VSwitches {
			item.VSwitchIDs.VSwitchID = append(item.VSwitchIDs.VSwitchID, sw.ID)
		}
		item.RouterTableIDs.RouterTableIDs = v.routeTables()
		matched = append(matched, item)
	}
	a := vpcsAnswer{RequestID: requestID, TotalCount: len(matched), PageNumber: f.page, PageSize: f.size}
	a.Vpcs.Vpc = request.Page(matched, f.page, f.size)
	return a, nil
}
