package vpcsim_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

var owner = strconv.FormatInt(network.OwnerID, 10)

// TestNetworkFilters: every filter the SDK documents for DescribeVpcs and DescribeVSwitches
// selects on the seeded network's own attributes (its DHCP set, route tables, names, tags,
// resource groups, owner), through the official SDK and as a raw v1 GET such as the aliyun CLI
// sends. A filter that matched everything, as an ignored one does, fails its "none" row.
func TestNetworkFilters(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	region := tea.String(vpcsim.DefaultRegion)
	tag := func(k, v string) []*vpc.DescribeVpcsRequestTag {
		return []*vpc.DescribeVpcsRequestTag{{Key: tea.String(k), Value: tea.String(v)}}
	}
	swTag := func(k, v string) []*vpc.DescribeVSwitchesRequestTag {
		return []*vpc.DescribeVSwitchesRequestTag{{Key: tea.String(k), Value: tea.String(v)}}
	}

	vpcCases := []struct {
		name string
		req  vpc.DescribeVpcsRequest
		want []string
	}{
		{"resource group", vpc.DescribeVpcsRequest{ResourceGroupId: tea.String(vpcsim.DefaultResourceGroupID)}, []string{vpcsim.DefaultVpcID}},
		{"resource group, none", vpc.DescribeVpcsRequest{ResourceGroupId: tea.String(vpcsim.SecondResourceGroupID)}, nil},
		{"tag", vpc.DescribeVpcsRequest{Tag: tag("env", "vpcsim")}, []string{vpcsim.DefaultVpcID}},
		{"tag, none", vpc.DescribeVpcsRequest{Tag: tag("env", "prod")}, nil},
		{"tag key alone", vpc.DescribeVpcsRequest{Tag: []*vpc.DescribeVpcsRequestTag{{Key: tea.String("env")}}}, []string{vpcsim.DefaultVpcID}},
		{"DHCP options set", vpc.DescribeVpcsRequest{DhcpOptionsSetId: tea.String(vpcsim.DefaultDhcpOptionsSetID)}, []string{vpcsim.DefaultVpcID}},
		{"DHCP options set, none", vpc.DescribeVpcsRequest{DhcpOptionsSetId: tea.String("dopt-other")}, nil},
		{"name", vpc.DescribeVpcsRequest{VpcName: tea.String("vpcsim-default")}, []string{vpcsim.DefaultVpcID}},
		{"name, none", vpc.DescribeVpcsRequest{VpcName: tea.String("other")}, nil},
		{"IDs", vpc.DescribeVpcsRequest{VpcId: tea.String("vpc-x," + vpcsim.DefaultVpcID)}, []string{vpcsim.DefaultVpcID}},
		{"owner", vpc.DescribeVpcsRequest{VpcOwnerId: tea.Int64(network.OwnerID)}, []string{vpcsim.DefaultVpcID}},
		{"owner, none", vpc.DescribeVpcsRequest{VpcOwnerId: tea.Int64(1)}, nil},
		{"default, none", vpc.DescribeVpcsRequest{IsDefault: tea.Bool(true)}, nil},
		{"not default", vpc.DescribeVpcsRequest{IsDefault: tea.Bool(false)}, []string{vpcsim.DefaultVpcID}},
		{"IPv6, none", vpc.DescribeVpcsRequest{EnableIpv6: tea.Bool(true)}, nil},
	}
	for _, tc := range vpcCases {
		req := tc.req
		req.RegionId = region
		out, err := c.DescribeVpcs(&req)
		if err != nil {
			t.Fatalf("DescribeVpcs %s: %v", tc.name, err)
		}
		var got []string
		for _, v := range out.Body.Vpcs.Vpc {
			got = append(got, tea.StringValue(v.VpcId))
		}
		wantListed(t, "DescribeVpcs "+tc.name, got, out.Body.TotalCount, tc.want)
	}

	both := []string{vpcsim.DefaultVSwitchID, vpcsim.SecondVSwitchID}
	swCases := []struct {
		name string
		req  vpc.DescribeVSwitchesRequest
		want []string
	}{
		{"all", vpc.DescribeVSwitchesRequest{}, both},
		{"name", vpc.DescribeVSwitchesRequest{VSwitchName: tea.String("vpcsim-zone-i")}, []string{vpcsim.SecondVSwitchID}},
		{"name, none", vpc.DescribeVSwitchesRequest{VSwitchName: tea.String("vpcsim")}, nil},
		{"resource group", vpc.DescribeVSwitchesRequest{ResourceGroupId: tea.String(vpcsim.DefaultResourceGroupID)}, []string{vpcsim.DefaultVSwitchID}},
		{"second resource group", vpc.DescribeVSwitchesRequest{ResourceGroupId: tea.String(vpcsim.SecondResourceGroupID)}, []string{vpcsim.SecondVSwitchID}},
		{"resource group, none", vpc.DescribeVSwitchesRequest{ResourceGroupId: tea.String(vpcsim.ThirdResourceGroupID)}, nil},
		{"system route table", vpc.DescribeVSwitchesRequest{RouteTableId: tea.String(vpcsim.SystemRouteTableID)}, []string{vpcsim.DefaultVSwitchID}},
		{"custom route table", vpc.DescribeVSwitchesRequest{RouteTableId: tea.String(vpcsim.CustomRouteTableID)}, []string{vpcsim.SecondVSwitchID}},
		{"route table, none", vpc.DescribeVSwitchesRequest{RouteTableId: tea.String("vtb-other")}, nil},
		{"tag", vpc.DescribeVSwitchesRequest{Tag: swTag("zone", "h")}, []string{vpcsim.DefaultVSwitchID}},
		{"shared tag", vpc.DescribeVSwitchesRequest{Tag: swTag("env", "vpcsim")}, both},
		{"tag, none", vpc.DescribeVSwitchesRequest{Tag: swTag("zone", "j")}, nil},
		{"owner, none", vpc.DescribeVSwitchesRequest{VSwitchOwnerId: tea.Int64(1)}, nil},
		{"owner", vpc.DescribeVSwitchesRequest{VSwitchOwnerId: tea.Int64(network.OwnerID)}, both},
		{"default, none", vpc.DescribeVSwitchesRequest{IsDefault: tea.Bool(true)}, nil},
		{"IPv6, none", vpc.DescribeVSwitchesRequest{EnableIpv6: tea.Bool(true)}, nil},
		{"zone and ID", vpc.DescribeVSwitchesRequest{ZoneId: tea.String("cn-hangzhou-h"), VSwitchId: tea.String(vpcsim.DefaultVSwitchID)}, []string{vpcsim.DefaultVSwitchID}},
	}
	for _, tc := range swCases {
		req := tc.req
		req.RegionId = region
		out, err := c.DescribeVSwitches(&req)
		if err != nil {
			t.Fatalf("DescribeVSwitches %s: %v", tc.name, err)
		}
		var got []string
		for _, s := range out.Body.VSwitches.VSwitch {
			got = append(got, tea.StringValue(s.VSwitchId))
		}
		wantListed(t, "DescribeVSwitches "+tc.name, got, out.Body.TotalCount, tc.want)
	}

	// What the filters select on is in the answers too.
	sw, err := c.DescribeVSwitches(&vpc.DescribeVSwitchesRequest{RegionId: region, VSwitchId: tea.String(vpcsim.SecondVSwitchID)})
	if err != nil {
		t.Fatal(err)
	}
	s := sw.Body.VSwitches.VSwitch[0]
	if tea.StringValue(s.VSwitchName) != "vpcsim-zone-i" || tea.StringValue(s.ResourceGroupId) != vpcsim.SecondResourceGroupID ||
		tea.StringValue(s.RouteTable.RouteTableId) != vpcsim.CustomRouteTableID || tea.StringValue(s.RouteTable.RouteTableType) != "Custom" ||
		tea.Int64Value(s.OwnerId) != network.OwnerID || len(s.Tags.Tag) != 2 {
		t.Errorf("vSwitch answer %+v", s)
	}

	// The same filters as the aliyun CLI sends them: query parameters of a v1 GET.
	for _, q := range []map[string]string{
		{"Tag.1.Key": "zone", "Tag.1.Value": "i"},
		{"ResourceGroupId": vpcsim.SecondResourceGroupID},
		{"RouteTableId": vpcsim.CustomRouteTableID},
		{"VSwitchName": "vpcsim-zone-i", "VSwitchOwnerId": owner},
	} {
		q["RegionId"] = vpcsim.DefaultRegion
		a := f.wire(t, http.MethodGet, vpcapi.ActionDescribeVSwitches, q)
		if a.status != http.StatusOK || !strings.Contains(a.body, `"TotalCount":1,`) || !strings.Contains(a.body, vpcsim.SecondVSwitchID) {
			t.Errorf("GET %v: %d %s", q, a.status, a.body)
		}
	}
}

// wantListed checks a list answer's IDs and its TotalCount.
func wantListed(t *testing.T, what string, got []string, total *int32, want []string) {
	t.Helper()
	if !slices.Equal(got, want) || int(tea.Int32Value(total)) != len(want) {
		t.Errorf("%s: %v (TotalCount %d), want %v", what, got, tea.Int32Value(total), want)
	}
}

// TestNetworkFilterRefusals: a filter that cannot be read is refused, never taken as "no filter".
func TestNetworkFilterRefusals(t *testing.T) {
	f := start(t, vpcsim.Config{})
	ids := make([]string, 21)
	for i := range ids {
		ids[i] = "vpc-" + strconv.Itoa(i)
	}
	for _, tc := range []struct {
		action string
		query  map[string]string
		code   string
	}{
		{vpcapi.ActionDescribeVpcs, map[string]string{"VpcId": strings.Join(ids, ",")}, vpcapi.CodeInvalidParameter},
		{vpcapi.ActionDescribeVpcs, map[string]string{"IsDefault": "yes"}, vpcapi.CodeInvalidParameter},
		{vpcapi.ActionDescribeVpcs, map[string]string{"EnableIpv6": "1"}, vpcapi.CodeInvalidParameter},
		{vpcapi.ActionDescribeVpcs, map[string]string{"VpcOwnerId": "me"}, vpcapi.CodeInvalidParameter},
		{vpcapi.ActionDescribeVpcs, map[string]string{"DryRun": "maybe"}, vpcapi.CodeInvalidParameter},
		{vpcapi.ActionDescribeVpcs, map[string]string{"Tag.1.Value": "x"}, vpcapi.CodeInvalidTagKey},
		{vpcapi.ActionDescribeVpcs, map[string]string{"Tag.1.Key": "aliyun-x"}, vpcapi.CodeInvalidTagKey},
		{vpcapi.ActionDescribeVSwitches, map[string]string{"VSwitchOwnerId": "1.5"}, vpcapi.CodeInvalidParameter},
		{vpcapi.ActionDescribeVSwitches, map[string]string{"IsDefault": "TRUE"}, vpcapi.CodeInvalidParameter},
		{vpcapi.ActionDescribeVSwitches, map[string]string{"Tag.1.Key": "k", "Tag.1.Value": "http://x"}, vpcapi.CodeInvalidTagValue},
		{vpcapi.ActionDescribeRegions, map[string]string{"ProductType": "ECS"}, vpcapi.CodeInvalidParameter},
	} {
		q := map[string]string{"RegionId": vpcsim.DefaultRegion}
		for k, v := range tc.query {
			q[k] = v
		}
		a := f.wire(t, http.MethodGet, tc.action, q)
		if a.status != http.StatusBadRequest || !strings.Contains(a.body, `"Code":"`+tc.code+`"`) {
			t.Errorf("%s %v: %d %s, want %s", tc.action, tc.query, a.status, a.body, tc.code)
		}
	}
	if a := f.wire(t, http.MethodGet, vpcapi.ActionDescribeRegions, map[string]string{"ProductType": "vpc"}); a.status != http.StatusOK {
		t.Errorf("ProductType=vpc: %d %s", a.status, a.body)
	}
}
