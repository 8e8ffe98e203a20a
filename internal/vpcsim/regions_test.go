package vpcsim_test

import (
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

// TestDescribeRegions: the regions served, seeded and added, in the API's shape, with names in the
// language asked for and the simulator's own address as their endpoint; signed, throttled and
// faulted like every action.
func TestDescribeRegions(t *testing.T) {
	clk := newClock()
	f := start(t, vpcsim.Config{QPS: 1, Now: clk.Now, Networks: []network.Region{
		{ID: "ap-southeast-1", Vpcs: []network.Vpc{{ID: "vpc-sg", CidrBlock: "10.0.0.0/8"}}},
		{ID: "cn-shanghai"},
	}})
	c := f.client(t)
	for _, tc := range []struct {
		lang  *string
		names map[string]string
	}{
		{nil, map[string]string{"ap-southeast-1": "新加坡", "cn-hangzhou": "华东1（杭州）", "cn-shanghai": "华东2（上海）"}},
		{tea.String("en-US"), map[string]string{"ap-southeast-1": "Singapore", "cn-hangzhou": "China (Hangzhou)", "cn-shanghai": "China (Shanghai)"}},
	} {
		resp, err := c.DescribeRegions(&vpc.DescribeRegionsRequest{AcceptLanguage: tc.lang})
		if err != nil {
			t.Fatalf("DescribeRegions(%v): %v", tea.StringValue(tc.lang), err)
		}
		wantRequestID(t, resp.Body.RequestId)
		regions := resp.Body.Regions.Region
		if len(regions) != len(tc.names) {
			t.Fatalf("%d regions, want %d", len(regions), len(tc.names))
		}
		for i, r := range regions {
			id := tea.StringValue(r.RegionId)
			if tea.StringValue(r.LocalName) != tc.names[id] || tea.StringValue(r.RegionEndpoint) != f.endpoint {
				t.Errorf("region %d: %s %q at %q, want %q at %q", i, id, tea.StringValue(r.LocalName), tea.StringValue(r.RegionEndpoint), tc.names[id], f.endpoint)
			}
			if i > 0 && id < tea.StringValue(regions[i-1].RegionId) {
				t.Errorf("regions out of order: %s after %s", id, tea.StringValue(regions[i-1].RegionId))
			}
		}
		clk.Advance(time.Second) // the next second's token
	}
	_, err := c.DescribeRegions(&vpc.DescribeRegionsRequest{AcceptLanguage: tea.String("fr-FR")})
	wantAPIError(t, err, vpcapi.CodeInvalidParameter, 400)

	// QPS 1 and a fixed clock: the second request in the same second is throttled.
	clk.Advance(time.Second)
	if _, err := c.DescribeRegions(&vpc.DescribeRegionsRequest{}); err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeRegions(&vpc.DescribeRegionsRequest{})
	wantAPIError(t, err, vpcapi.CodeThrottlingUser, 400)

	clk.Advance(time.Second)
	_, err = f.client(t, withKey(vpcsim.DefaultAccessKeyID, "wrong")).DescribeRegions(&vpc.DescribeRegionsRequest{})
	wantAPIError(t, err, vpcapi.CodeSignatureDoesNotMatch, 403)

	clk.Advance(time.Second)
	f.sim.SetFaults(vpcsim.Faults{ErrorCount: 1, Actions: []string{"DescribeRegions"}, Codes: []string{vpcapi.CodeServiceUnavailable}})
	_, err = f.client(t, v1).DescribeRegions(&vpc.DescribeRegionsRequest{})
	wantAPIError(t, err, vpcapi.CodeServiceUnavailable, 503)
	if stats := f.sim.Stats().Requests["DescribeRegions"]; stats["200"] != 3 || stats["503"] != 1 || stats["403"] != 1 {
		t.Fatalf("DescribeRegions stats %v", stats)
	}
}
