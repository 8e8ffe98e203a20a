package vpcsim_test

import (
	"slices"
	"testing"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

func moveRequest(id, group, resourceType string) *vpc.MoveVpnResourceGroupRequest {
	return &vpc.MoveVpnResourceGroupRequest{
		RegionId: tea.String(vpcsim.DefaultRegion), InstanceId: tea.String(id),
		NewResourceGroupId: tea.String(group), ResourceType: tea.String(resourceType),
	}
}

func groupOf(t *testing.T, c *vpc.Client, id string) string {
	t.Helper()
	return tea.StringValue(mustDescribe(t, c, id).ResourceGroupId)
}

// TestResourceGroups: the seeded groups and the added ones take gateways at create and by a move
// in any case of ResourceType; moving to the group a gateway is in succeeds; every refusal has
// its code.
func TestResourceGroups(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	seeded := []string{vpcsim.DefaultResourceGroupID, vpcsim.SecondResourceGroupID, vpcsim.ThirdResourceGroupID}
	if got := f.sim.ResourceGroups(); !slices.Equal(got, slices.Sorted(slices.Values(seeded))) {
		t.Fatalf("seeded resource groups %v, want %v", got, seeded)
	}

	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	if got := groupOf(t, c, id); got != vpcsim.DefaultResourceGroupID {
		t.Fatalf("a gateway created without ResourceGroupId is in %q", got)
	}
	req := createRequest()
	req.ResourceGroupId = tea.String(vpcsim.ThirdResourceGroupID)
	third := tea.StringValue(mustCreate(t, c, req).VpnGatewayId)
	if got := groupOf(t, c, third); got != vpcsim.ThirdResourceGroupID {
		t.Fatalf("created in %q, want %q", got, vpcsim.ThirdResourceGroupID)
	}
	req.ResourceGroupId = tea.String("rg-acfmnosuchgroup")
	_, err := c.CreateVpnGateway(req)
	wantAPIError(t, err, vpcapi.CodeInvalidResourceGroupID, 400)
	if n := len(f.sim.Gateways()); n != 2 {
		t.Fatalf("a create into an unknown group made a gateway: %d", n)
	}

	for _, rt := range []string{"VpnGateWay", vpcapi.MoveResourceTypeVpnGateway, "VPNGATEWAY"} {
		for range 2 { // the second time, to the group it is in already
			if _, err := c.MoveVpnResourceGroup(moveRequest(id, vpcsim.SecondResourceGroupID, rt)); err != nil {
				t.Fatalf("MoveVpnResourceGroup (%s): %v", rt, err)
			}
			if got := groupOf(t, c, id); got != vpcsim.SecondResourceGroupID {
				t.Fatalf("after a move (%s): in %q", rt, got)
			}
		}
		if _, err := c.MoveVpnResourceGroup(moveRequest(id, vpcsim.DefaultResourceGroupID, rt)); err != nil {
			t.Fatal(err)
		}
	}

	// Groups added through the Go API and the admin API take gateways like the seeded ones.
	added, err := f.sim.AddResourceGroup("rg-acfmteam42")
	if err != nil || added != "rg-acfmteam42" {
		t.Fatalf("AddResourceGroup: %q, %v", added, err)
	}
	if again, err := f.sim.AddResourceGroup(added); err != nil || again != added {
		t.Fatalf("adding a group twice: %q, %v", again, err)
	}
	var body struct {
		ResourceGroupID string `json:"ResourceGroupId"`
	}
	if status := f.admin(t, "POST", "/_sim/resource-groups", "", &body); status != 200 || len(body.ResourceGroupID) != len("rg-acfm")+11 {
		t.Fatalf("POST /_sim/resource-groups with no body: %d %+v", status, body)
	}
	generated := body.ResourceGroupID
	if status := f.admin(t, "POST", "/_sim/resource-groups", `{"ResourceGroupId":"rg-acfmteam43"}`, &body); status != 200 || body.ResourceGroupID != "rg-acfmteam43" {
		t.Fatalf("POST /_sim/resource-groups: %d %+v", status, body)
	}
	for _, bad := range []string{`{"ResourceGroupId":"team"}`, `{"ResourceGroupId":"rg-UPPER"}`, `{"Id":"rg-x"}`} {
		if status := f.admin(t, "POST", "/_sim/resource-groups", bad, nil); status != 400 {
			t.Fatalf("POST /_sim/resource-groups %s answered %d, want 400", bad, status)
		}
	}
	for _, g := range []string{added, generated, "rg-acfmteam43"} {
		if _, err := c.MoveVpnResourceGroup(moveRequest(third, g, "VpnGateWay")); err != nil {
			t.Fatalf("moving to the added group %s: %v", g, err)
		}
	}
	var state vpcsim.StateView
	f.admin(t, "GET", "/_sim/state", "", &state)
	if !slices.Contains(state.ResourceGroups, generated) || state.Gateways[1].ResourceGroupID != "rg-acfmteam43" || state.Gateways[0].ResourceGroupID != vpcsim.DefaultResourceGroupID {
		t.Fatalf("/_sim/state: groups %v, gateways in %s and %s", state.ResourceGroups, state.Gateways[0].ResourceGroupID, state.Gateways[1].ResourceGroupID)
	}

	// DescribeVpnGateways filters by group.
	list, err := c.DescribeVpnGateways(&vpc.DescribeVpnGatewaysRequest{RegionId: tea.String(vpcsim.DefaultRegion), ResourceGroupId: tea.String("rg-acfmteam43")})
	if err != nil || tea.Int32Value(list.Body.TotalCount) != 1 || tea.StringValue(list.Body.VpnGateways.VpnGateway[0].VpnGatewayId) != third {
		t.Fatalf("DescribeVpnGateways by ResourceGroupId: %v %v", list, err)
	}

	foreign, err := f.sim.AddForeignGateway(gateway.Foreign{})
	if err != nil {
		t.Fatal(err)
	}
	if err := deleteGateway(c, third); err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		req  *vpc.MoveVpnResourceGroupRequest
		code string
	}{
		"an unknown group":          {moveRequest(id, "rg-acfmnosuchgroup", "VpnGateway"), vpcapi.CodeInvalidResourceGroupID},
		"an unknown gateway":        {moveRequest("vpn-nosuch", vpcsim.SecondResourceGroupID, "VpnGateway"), vpcapi.CodeInstanceIDNotFound},
		"a deleted gateway":         {moveRequest(third, vpcsim.SecondResourceGroupID, "VpnGateway"), vpcapi.CodeInstanceIDNotFound},
		"a gateway of another type": {moveRequest(foreign.VpnGatewayID, vpcsim.SecondResourceGroupID, "VpnGateway"), vpcapi.CodeInstanceIDNotFound},
		"a customer gateway":        {moveRequest(id, vpcsim.SecondResourceGroupID, "customergateway"), vpcapi.CodeInstanceIDNotFound},
		"an IPsec connection":       {moveRequest(id, vpcsim.SecondResourceGroupID, vpcapi.MoveResourceTypeVpnAttachment), vpcapi.CodeInstanceIDNotFound},
		"an unknown type":           {moveRequest(id, vpcsim.SecondResourceGroupID, "VPNGATEWAYS"), vpcapi.CodeIllegalResourceType},
		"no InstanceId":             {moveRequest("", vpcsim.SecondResourceGroupID, "VpnGateway"), vpcapi.CodeMissingParameter},
		"no NewResourceGroupId":     {moveRequest(id, "", "VpnGateway"), vpcapi.CodeMissingParameter},
		"no ResourceType":           {moveRequest(id, vpcsim.SecondResourceGroupID, ""), vpcapi.CodeMissingParameter},
	} {
		_, err := c.MoveVpnResourceGroup(tc.req)
		t.Run(name, func(t *testing.T) { wantAPIError(t, err, tc.code, 400) })
	}
	noRegion := moveRequest(id, vpcsim.SecondResourceGroupID, "VpnGateway")
	noRegion.RegionId = tea.String("cn-nowhere")
	_, err = c.MoveVpnResourceGroup(noRegion)
	wantAPIError(t, err, vpcapi.CodeRegionNotFound, 404)
	if got := groupOf(t, c, id); got != vpcsim.DefaultResourceGroupID {
		t.Fatalf("refused moves moved the gateway to %q", got)
	}

	// Reset forgets the added groups.
	f.sim.Reset()
	if got := f.sim.ResourceGroups(); len(got) != 3 {
		t.Fatalf("after Reset: %v", got)
	}
}
