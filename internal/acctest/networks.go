package acctest

import (
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

// A second VPC, a second region and a second resource group beside the simulator's defaults.
const (
	OtherVpcID    = "vpc-dsother0001"
	OtherVSwitch  = "vsw-dsother0001"
	OtherRegion   = "cn-shanghai"
	RegionVpcID   = "vpc-dsshanghai01"
	RegionVSwitch = "vsw-dsshanghai01"
	OtherGroup    = vpcsim.SecondResourceGroupID
)

// Networks are the simulator's networks for the tests of finding gateways across VPCs and
// regions: a second VPC in the default region, and a second region.
var Networks = []network.Region{
	{ID: vpcsim.DefaultRegion, Vpcs: []network.Vpc{{ID: OtherVpcID, Name: "other", CidrBlock: "10.0.0.0/16",
		VSwitches: []network.VSwitch{{ID: OtherVSwitch, ZoneID: "cn-hangzhou-h", CidrBlock: "10.0.0.0/24"}}}}},
	{ID: OtherRegion, Vpcs: []network.Vpc{{ID: RegionVpcID, Name: "shanghai", CidrBlock: "10.1.0.0/16",
		VSwitches: []network.VSwitch{{ID: RegionVSwitch, ZoneID: "cn-shanghai-b", CidrBlock: "10.1.0.0/24"}}}}},
}
