package vpcsim_test

import (
	"path/filepath"
	"testing"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// TestForeignGateways: gateways of another type sit in the lists among the VPN gateways, count for
// paging, lack the fields the real ones lack, count against no quota, and can be taken away.
func TestForeignGateways(t *testing.T) {
	f := start(t, vpcsim.Config{Quota: 2})
	c := f.client(t)
	older := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	foreign, err := f.sim.AddForeignGateway(gateway.Foreign{Name: "enhanced"})
	if err != nil {
		t.Fatal(err)
	}
	if foreign.GatewayType != gateway.TypeEnhancedSiteToSite || foreign.RegionID != vpcsim.DefaultRegion ||
		foreign.VpcID != vpcsim.DefaultVpcID || foreign.VSwitchID != vpcsim.DefaultVSwitchID || foreign.InternetIP == "" || foreign.CreateTime == 0 {
		t.Fatalf("defaults: %+v", foreign)
	}
	var byHTTP gateway.Foreign
	if status := f.admin(t, "POST", "/_sim/foreign-gateways", `{"VpnGatewayId":"vpn-enhanced2","GatewayType":"Enhanced.SiteToSite"}`, &byHTTP); status != 200 ||
		byHTTP.VpnGatewayID != "vpn-enhanced2" || byHTTP.Name != "vpn-enhanced2" {
		t.Fatalf("POST /_sim/foreign-gateways answered %d %+v", status, byHTTP)
	}
	// Two foreign gateways and a quota of 2: the second VPN gateway still fits.
	newer := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	_, err = c.CreateVpnGateway(createRequest())
	wantAPIError(t, err, vpcapi.CodeQuotaFull, 400)

	// Newest first, both kinds, each counted: pages of 3 give 3 + 1 items of 4.
	wantOrder := []string{newer, "vpn-enhanced2", foreign.VpnGatewayID, older}
	first, total := f.rawList(t, map[string]string{"PageSize": "3"})
	second, _ := f.rawList(t, map[string]string{"PageSize": "3", "PageNumber": "2"})
	if total != 4 || len(first) != 3 || len(second) != 1 {
		t.Fatalf("pages of 3: TotalCount %v, %d + %d items", total, len(first), len(second))
	}
	for i, it := range append(first, second...) {
		if it["VpnGatewayId"] != wantOrder[i] {
			t.Fatalf("item %d is %v, want %s", i, it["VpnGatewayId"], wantOrder[i])
		}
	}
	for _, it := range first[1:] {
		for _, absent := range []string{"Status", "ChargeType", "Spec"} {
			if v, ok := it[absent]; ok {
				t.Errorf("foreign gateway %v answers %s = %v", it["VpnGatewayId"], absent, v)
			}
		}
		if it["GatewayType"] != gateway.TypeEnhancedSiteToSite || it["VpcId"] != vpcsim.DefaultVpcID {
			t.Errorf("foreign item %v", it)
		}
	}
	if first[0]["GatewayType"] != "Traditional" || first[0]["Status"] != vpcapi.StatusActive {
		t.Errorf("VPN gateway item %v", first[0])
	}
	// The SDK reads such a list too, with nil where the fields are missing.
	list, err := c.DescribeVpnGateways(&vpc.DescribeVpnGatewaysRequest{RegionId: tea.String(vpcsim.DefaultRegion)})
	if err != nil || len(list.Body.VpnGateways.VpnGateway) != 4 || list.Body.VpnGateways.VpnGateway[1].Status != nil {
		t.Fatalf("SDK list: %v %+v", err, list)
	}

	// Filters: by type, and a status filter leaves out what has no status.
	for _, tc := range []struct {
		name, value string
		want        float64
	}{
		{"GatewayType", gateway.TypeEnhancedSiteToSite, 2}, {"GatewayType", "Traditional", 2},
		{"Status", vpcapi.StatusActive, 2}, {"VpcId", vpcsim.DefaultVpcID, 4},
	} {
		if _, total := f.rawList(t, map[string]string{tc.name: tc.value}); total != tc.want {
			t.Errorf("DescribeVpnGateways %s=%s: TotalCount %v, want %v", tc.name, tc.value, total, tc.want)
		}
	}

	// DescribeVpnGateway answers one with its status, still without ChargeType and Spec; the
	// VPN-gateway actions that change a gateway do not know it.
	one := f.rawDescribe(t, foreign.VpnGatewayID)
	if one["Status"] != vpcapi.StatusActive || one["GatewayType"] != gateway.TypeEnhancedSiteToSite || one["Name"] != "enhanced" {
		t.Fatalf("DescribeVpnGateway of a foreign gateway: %v", one)
	}
	for _, absent := range []string{"ChargeType", "Spec"} {
		if _, ok := one[absent]; ok {
			t.Errorf("DescribeVpnGateway of a foreign gateway answers %s", absent)
		}
	}
	wantAPIError(t, modify(c, foreign.VpnGatewayID, "renamed"), vpcapi.CodeVpnGatewayNotFound, 404)
	wantAPIError(t, deleteGateway(c, foreign.VpnGatewayID), vpcapi.CodeVpnGatewayNotFound, 404)

	// Drift works on them too: a Status can be added to the list items, a field taken away.
	if err := f.sim.PatchGateway(foreign.VpnGatewayID, gateway.Patch{Fields: map[string]any{"Status": "active"}, Remove: []string{"VpcId"}}); err != nil {
		t.Fatal(err)
	}
	if _, total := f.rawList(t, map[string]string{"Status": vpcapi.StatusActive}); total != 2 {
		t.Errorf("a Status set by drift changed what the Status filter finds: TotalCount %v, want 2", total)
	}
	items, _ := f.rawList(t, map[string]string{"VpnGatewayId": foreign.VpnGatewayID})
	if len(items) != 1 || items[0]["Status"] != "active" || items[0]["VpcId"] != nil {
		t.Fatalf("drifted foreign item %v", items)
	}
	if err := f.sim.PatchGateway(foreign.VpnGatewayID, gateway.Patch{Name: tea.String("renamed-behind"), Description: tea.String("drifted")}); err != nil {
		t.Fatal(err)
	}
	if v := f.sim.ForeignGateways()[0]; v.Name != "renamed-behind" {
		t.Errorf("a patched Name of a foreign gateway reads %q, want renamed-behind", v.Name)
	} else if v.Description != "drifted" {
		t.Errorf("a patched Description of a foreign gateway reads %q, want drifted", v.Description)
	}
	if err := f.sim.PatchGateway(foreign.VpnGatewayID, gateway.Patch{Status: tea.String("updating")}); err == nil {
		t.Error("a forced status was accepted for a gateway whose status is not simulated")
	}

	var state vpcsim.StateView
	f.admin(t, "GET", "/_sim/state", "", &state)
	if len(state.ForeignGateways) != 2 || len(state.Gateways) != 2 || state.ForeignGateways[0].VpnGatewayID != foreign.VpnGatewayID {
		t.Fatalf("state: %d gateways, foreign %+v", len(state.Gateways), state.ForeignGateways)
	}
	if status := f.admin(t, "DELETE", "/_sim/gateways/vpn-enhanced2", "", nil); status != 200 {
		t.Fatalf("removing a foreign gateway answered %d", status)
	}
	if err := f.sim.RemoveGateway(foreign.VpnGatewayID); err != nil {
		t.Fatal(err)
	}
	if _, total := f.rawList(t, nil); total != 2 || len(f.sim.ForeignGateways()) != 0 {
		t.Fatalf("after removal: TotalCount %v, foreign %v", total, f.sim.ForeignGateways())
	}
	_, err = describe(t, c, foreign.VpnGatewayID)
	wantAPIError(t, err, vpcapi.CodeVpnGatewayNotFound, 404)

	for _, bad := range []string{
		`{"GatewayType":"Traditional"}`, `{"RegionId":"cn-beijing"}`, `{"VpcId":"vpc-nothere"}`,
		`{"VSwitchId":"vsw-nothere"}`, `{"VpnGatewayId":"` + older + `"}`, `{"InternetIp":"1.2.3.4"}`, `{"Colour":"red"}`,
	} {
		if status := f.admin(t, "POST", "/_sim/foreign-gateways", bad, nil); status != 400 {
			t.Errorf("POST /_sim/foreign-gateways %s answered %d, want 400", bad, status)
		}
	}
}

// TestForeignGatewaysPersist: the state file keeps gateways of other types, drift included.
func TestForeignGatewaysPersist(t *testing.T) {
	cfg := vpcsim.Config{StateFile: filepath.Join(t.TempDir(), "state.json")}
	sim, err := vpcsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	g, err := sim.AddForeignGateway(gateway.Foreign{})
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.PatchGateway(g.VpnGatewayID, gateway.Patch{Fields: map[string]any{"Spec": "5M"}}); err != nil {
		t.Fatal(err)
	}
	if err := sim.Close(); err != nil {
		t.Fatal(err)
	}
	f := start(t, cfg)
	if one := f.rawDescribe(t, g.VpnGatewayID); one["Spec"] != "5M" || one["GatewayType"] != gateway.TypeEnhancedSiteToSite {
		t.Fatalf("after a restart: %v", one)
	}
}
