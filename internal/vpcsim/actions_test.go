package vpcsim_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

const (
	provisionDelay = 40 * time.Second
	updateDelay    = 20 * time.Second
	deleteDelay    = 10 * time.Second
)

func delayedConfig(clk *clock) vpcsim.Config {
	return vpcsim.Config{ProvisionDelay: provisionDelay, UpdateDelay: updateDelay, DeleteDelay: deleteDelay, Now: clk.Now}
}

// TestGatewayLifecycle follows one gateway through every status with both signature versions:
// create, provision, modify, delete, gone, checking every field the provider reads.
func TestGatewayLifecycle(t *testing.T) {
	for _, version := range []struct {
		name string
		opts []clientOption
	}{{"acs3", nil}, {"v1", []clientOption{v1}}} {
		t.Run(version.name, func(t *testing.T) {
			clk := newClock()
			f := start(t, delayedConfig(clk))
			c := f.client(t, version.opts...)

			req := createRequest()
			req.Name = tea.String("demo-gw_1.a")
			req.VSwitchId = tea.String(vpcsim.DefaultVSwitchID)
			req.DisasterRecoveryVSwitchId = tea.String(vpcsim.SecondVSwitchID)
			req.EnableSsl = tea.Bool(true)
			req.SslConnections = tea.Int32(10)
			req.NetworkType = tea.String(vpcapi.NetworkTypePublic)
			req.VpnType = tea.String(vpcapi.VpnTypeNormal)
			req.ResourceGroupId = tea.String(vpcsim.SecondResourceGroupID)
			created := mustCreate(t, c, req)
			wantRequestID(t, created.RequestId)
			id := tea.StringValue(created.VpnGatewayId)
			if !strings.HasPrefix(id, "vpn-") || tea.StringValue(created.Name) != "demo-gw_1.a" || tea.Int64Value(created.OrderId) == 0 {
				t.Fatalf("create answered %+v", created)
			}

			wantStatus(t, c, id, vpcapi.StatusInit)
			clk.Advance(provisionDelay / 2)
			wantStatus(t, c, id, vpcapi.StatusProvisioning)
			clk.Advance(provisionDelay / 2)
			g := mustDescribe(t, c, id)
			wantRequestID(t, g.RequestId)
			want := map[string]any{
				"VpnGatewayId": id, "VpcId": vpcsim.DefaultVpcID, "VSwitchId": vpcsim.DefaultVSwitchID,
				"DisasterRecoveryVSwitchId": vpcsim.SecondVSwitchID, "Name": "demo-gw_1.a", "Description": "",
				"Status": vpcapi.StatusActive, "BusinessStatus": vpcapi.BusinessStatusNormal, "ChargeType": "PostpayByFlow",
				"Spec": "10M", "IpsecVpn": "enable", "SslVpn": "enable", "SslMaxConnections": int64(10),
				"NetworkType": "public", "VpnType": "Normal", "AutoPropagate": false, "ResourceGroupId": vpcsim.SecondResourceGroupID,
				"CreateTime": clk.Now().Add(-provisionDelay).UnixMilli(),
			}
			got := map[string]any{
				"VpnGatewayId": tea.StringValue(g.VpnGatewayId), "VpcId": tea.StringValue(g.VpcId), "VSwitchId": tea.StringValue(g.VSwitchId),
				"DisasterRecoveryVSwitchId": tea.StringValue(g.DisasterRecoveryVSwitchId), "Name": tea.StringValue(g.Name),
				"Description": tea.StringValue(g.Description), "Status": tea.StringValue(g.Status), "BusinessStatus": tea.StringValue(g.BusinessStatus),
				"ChargeType": tea.StringValue(g.ChargeType), "Spec": tea.StringValue(g.Spec), "IpsecVpn": tea.StringValue(g.IpsecVpn),
				"SslVpn": tea.StringValue(g.SslVpn), "SslMaxConnections": tea.Int64Value(g.SslMaxConnections),
				"NetworkType": tea.StringValue(g.NetworkType), "VpnType": tea.StringValue(g.VpnType), "AutoPropagate": tea.BoolValue(g.AutoPropagate),
				"ResourceGroupId": tea.StringValue(g.ResourceGroupId), "CreateTime": tea.Int64Value(g.CreateTime),
			}
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s = %v, want %v", k, got[k], w)
				}
			}
			if g.EndTime != nil {
				t.Errorf("a POSTPAY gateway has EndTime %d", *g.EndTime)
			}
			if ip := tea.StringValue(g.InternetIp); !strings.HasPrefix(ip, "203.0.113.") {
				t.Errorf("InternetIp %q is not a documentation address", ip)
			}

			mod, err := c.ModifyVpnGatewayAttribute(&vpc.ModifyVpnGatewayAttributeRequest{
				RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(id),
				Name: tea.String("renamed"), Description: tea.String("Kept by Terraform"), AutoPropagate: tea.Bool(true),
			})
			if err != nil {
				t.Fatalf("ModifyVpnGatewayAttribute: %v", err)
			}
			if tea.StringValue(mod.Body.Status) != vpcapi.StatusUpdating || tea.StringValue(mod.Body.Name) != "renamed" {
				t.Fatalf("modify answered %+v", mod.Body)
			}
			wantStatus(t, c, id, vpcapi.StatusUpdating)
			wantAPIError(t, modify(c, id, "again"), vpcapi.CodeVpnGatewayConfiguring, http.StatusBadRequest)
			wantAPIError(t, deleteGateway(c, id), vpcapi.CodeVpnGatewayConfiguring, http.StatusBadRequest)
			clk.Advance(updateDelay)
			g = mustDescribe(t, c, id)
			if tea.StringValue(g.Status) != vpcapi.StatusActive || tea.StringValue(g.Name) != "renamed" ||
				tea.StringValue(g.Description) != "Kept by Terraform" || !tea.BoolValue(g.AutoPropagate) {
				t.Fatalf("after modify: %+v", g)
			}

			if err := deleteGateway(c, id); err != nil {
				t.Fatalf("DeleteVpnGateway: %v", err)
			}
			wantStatus(t, c, id, vpcapi.StatusDeleting)
			wantAPIError(t, deleteGateway(c, id), vpcapi.CodeIncorrectStatus, http.StatusBadRequest)
			wantAPIError(t, modify(c, id, "late"), vpcapi.CodeIncorrectStatus, http.StatusBadRequest)
			clk.Advance(deleteDelay)
			_, err = describe(t, c, id)
			wantAPIError(t, err, vpcapi.CodeVpnGatewayNotFound, http.StatusNotFound)
			wantAPIError(t, deleteGateway(c, id), vpcapi.CodeVpnGatewayNotFound, http.StatusNotFound)
			if n := len(f.sim.Gateways()); n != 0 {
				t.Fatalf("%d gateways left after delete", n)
			}
		})
	}
}

// TestZeroDelays: with no delays a gateway is active at once and gone as soon as it is deleted.
func TestZeroDelays(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	g := mustDescribe(t, c, id)
	if tea.StringValue(g.Status) != vpcapi.StatusActive || tea.StringValue(g.Name) != id || tea.StringValue(g.VSwitchId) != vpcsim.DefaultVSwitchID {
		t.Fatalf("describe: %+v", g)
	}
	if err := modify(c, id, "x2"); err != nil {
		t.Fatal(err)
	}
	wantStatus(t, c, id, vpcapi.StatusActive)
	if err := deleteGateway(c, id); err != nil {
		t.Fatal(err)
	}
	_, err := describe(t, c, id)
	wantAPIError(t, err, vpcapi.CodeVpnGatewayNotFound, http.StatusNotFound)
}

// TestCreateValidation: every rule of the seed reference and each missing network is refused with
// the real code and status, and nothing is created by a refused request.
func TestCreateValidation(t *testing.T) {
	f := start(t, vpcsim.Config{Networks: []network.Region{{ID: "cn-shanghai", Vpcs: []network.Vpc{{
		ID: "vpc-shanghai", CidrBlock: "10.0.0.0/8",
		VSwitches: []network.VSwitch{{ID: "vsw-shanghai", ZoneID: "cn-shanghai-b", CidrBlock: "10.0.0.0/24"}},
	}}}}})
	c := f.client(t)
	cases := []struct {
		name   string
		change func(*vpc.CreateVpnGatewayRequest)
		code   string
		status int
	}{
		{"no region", func(r *vpc.CreateVpnGatewayRequest) { r.RegionId = nil }, vpcapi.CodeMissingParameter, 400},
		{"unknown region", func(r *vpc.CreateVpnGatewayRequest) { r.RegionId = tea.String("cn-nowhere") }, vpcapi.CodeRegionNotFound, 404},
		{"region without a network", func(r *vpc.CreateVpnGatewayRequest) { r.RegionId = tea.String("cn-beijing") }, vpcapi.CodeRegionNotFound, 404},
		{"no VPC", func(r *vpc.CreateVpnGatewayRequest) { r.VpcId = nil }, vpcapi.CodeMissingParameter, 400},
		{"unknown VPC", func(r *vpc.CreateVpnGatewayRequest) { r.VpcId = tea.String("vpc-nothere") }, vpcapi.CodeVpcNotFound, 404},
		{"VPC of another region", func(r *vpc.CreateVpnGatewayRequest) { r.VpcId = tea.String("vpc-shanghai") }, vpcapi.CodeVpcNotFound, 404},
		{"no bandwidth", func(r *vpc.CreateVpnGatewayRequest) { r.Bandwidth = nil }, vpcapi.CodeMissingParameter, 400},
		{"bandwidth 7", func(r *vpc.CreateVpnGatewayRequest) { r.Bandwidth = tea.Int32(7) }, vpcapi.CodeInvalidParameter, 400},
		{"private gateway of 10 Mbit/s", func(r *vpc.CreateVpnGatewayRequest) { r.NetworkType = tea.String(vpcapi.NetworkTypePrivate) }, vpcapi.CodeInvalidParameter, 400},
		{"name starting with a digit", func(r *vpc.CreateVpnGatewayRequest) { r.Name = tea.String("1gw") }, vpcapi.CodeInvalidName, 400},
		{"name of one character", func(r *vpc.CreateVpnGatewayRequest) { r.Name = tea.String("a") }, vpcapi.CodeInvalidName, 400},
		{"name of 101 characters", func(r *vpc.CreateVpnGatewayRequest) { r.Name = tea.String("a" + strings.Repeat("b", 100)) }, vpcapi.CodeInvalidName, 400},
		{"name with a URL", func(r *vpc.CreateVpnGatewayRequest) { r.Name = tea.String("http://gw") }, vpcapi.CodeInvalidName, 400},
		{"PREPAY without Period", func(r *vpc.CreateVpnGatewayRequest) { r.InstanceChargeType = tea.String("PREPAY") }, vpcapi.CodeMissingParameter, 400},
		{"Period 10", func(r *vpc.CreateVpnGatewayRequest) {
			r.InstanceChargeType, r.Period = tea.String("PREPAY"), tea.Int32(10)
		}, vpcapi.CodeInvalidParameter, 400},
		{"Period with POSTPAY", func(r *vpc.CreateVpnGatewayRequest) {
			r.InstanceChargeType, r.Period = tea.String("POSTPAY"), tea.Int32(1)
		}, vpcapi.CodeInvalidParameter, 400},
		{"unknown charge type", func(r *vpc.CreateVpnGatewayRequest) { r.InstanceChargeType = tea.String("Monthly") }, vpcapi.CodeInvalidParameter, 400},
		{"SslConnections without SSL", func(r *vpc.CreateVpnGatewayRequest) { r.SslConnections = tea.Int32(5) }, vpcapi.CodeInvalidParameter, 400},
		{"SslConnections with SSL off", func(r *vpc.CreateVpnGatewayRequest) {
			r.EnableSsl, r.SslConnections = tea.Bool(false), tea.Int32(5)
		}, vpcapi.CodeInvalidParameter, 400},
		{"SslConnections 0", func(r *vpc.CreateVpnGatewayRequest) {
			r.EnableSsl, r.SslConnections = tea.Bool(true), tea.Int32(0)
		}, vpcapi.CodeInvalidParameter, 400},
		{"SslConnections 7, not sold", func(r *vpc.CreateVpnGatewayRequest) {
			r.EnableSsl, r.SslConnections = tea.Bool(true), tea.Int32(7)
		}, vpcapi.CodeInvalidParameter, 400},
		{"SslConnections 2000, past the largest sold", func(r *vpc.CreateVpnGatewayRequest) {
			r.EnableSsl, r.SslConnections = tea.Bool(true), tea.Int32(2000)
		}, vpcapi.CodeInvalidParameter, 400},
		{"unknown network type", func(r *vpc.CreateVpnGatewayRequest) { r.NetworkType = tea.String("internal") }, vpcapi.CodeInvalidParameter, 400},
		{"unknown VPN type", func(r *vpc.CreateVpnGatewayRequest) { r.VpnType = tea.String("Fast") }, vpcapi.CodeInvalidParameter, 400},
		{"unknown vSwitch", func(r *vpc.CreateVpnGatewayRequest) { r.VSwitchId = tea.String("vsw-nothere") }, vpcapi.CodeVSwitchNotFound, 404},
		{"vSwitch of another VPC", func(r *vpc.CreateVpnGatewayRequest) { r.VSwitchId = tea.String("vsw-shanghai") }, vpcapi.CodeVSwitchNotFound, 404},
		{"disaster-recovery vSwitch without VSwitchId", func(r *vpc.CreateVpnGatewayRequest) {
			r.DisasterRecoveryVSwitchId = tea.String(vpcsim.SecondVSwitchID)
		}, vpcapi.CodeMissingParameter, 400},
		{"disaster-recovery vSwitch in the same zone", func(r *vpc.CreateVpnGatewayRequest) {
			r.VSwitchId, r.DisasterRecoveryVSwitchId = tea.String(vpcsim.DefaultVSwitchID), tea.String(vpcsim.DefaultVSwitchID)
		}, vpcapi.CodeInvalidParameter, 400},
		{"unknown disaster-recovery vSwitch", func(r *vpc.CreateVpnGatewayRequest) {
			r.VSwitchId, r.DisasterRecoveryVSwitchId = tea.String(vpcsim.DefaultVSwitchID), tea.String("vsw-nothere")
		}, vpcapi.CodeVSwitchNotFound, 404},
		{"ClientToken of 65 characters", func(r *vpc.CreateVpnGatewayRequest) { r.ClientToken = tea.String(strings.Repeat("t", 65)) }, vpcapi.CodeInvalidParameter, 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req := createRequest()
			tc.change(req)
			_, err := c.CreateVpnGateway(req)
			wantAPIError(t, err, tc.code, tc.status)
		})
	}
	if n := len(f.sim.Gateways()); n != 0 {
		t.Fatalf("refused requests created %d gateways", n)
	}

	// The accepted edges of the same rules.
	for _, change := range []func(*vpc.CreateVpnGatewayRequest){
		func(r *vpc.CreateVpnGatewayRequest) { r.Bandwidth = tea.Int32(5) },
		func(r *vpc.CreateVpnGatewayRequest) { r.Bandwidth = tea.Int32(100) },
		func(r *vpc.CreateVpnGatewayRequest) { r.Name = tea.String("ab") },
		func(r *vpc.CreateVpnGatewayRequest) { r.Name = tea.String("网关-" + strings.Repeat("x", 97)) },
		func(r *vpc.CreateVpnGatewayRequest) { r.EnableSsl, r.SslConnections = tea.Bool(true), tea.Int32(1000) },
		func(r *vpc.CreateVpnGatewayRequest) {
			r.InstanceChargeType, r.Period, r.AutoPay = tea.String("PREPAY"), tea.Int32(36), tea.Bool(true)
		},
		func(r *vpc.CreateVpnGatewayRequest) {
			r.RegionId, r.VpcId, r.VSwitchId = tea.String("cn-shanghai"), tea.String("vpc-shanghai"), tea.String("vsw-shanghai")
		},
		func(r *vpc.CreateVpnGatewayRequest) {
			r.NetworkType, r.Bandwidth = tea.String(vpcapi.NetworkTypePrivate), tea.Int32(200)
		},
	} {
		req := createRequest()
		change(req)
		mustCreate(t, c, req)
	}
	for _, g := range f.sim.Gateways() {
		if g.NetworkType == vpcapi.NetworkTypePrivate && !strings.HasPrefix(g.InternetIP, "172.16.0.") {
			t.Errorf("a private gateway in %s got address %s", vpcsim.DefaultVSwitchID, g.InternetIP)
		}
	}
}

func TestModifyValidation(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	modifyWith := func(r *vpc.ModifyVpnGatewayAttributeRequest) error {
		_, err := c.ModifyVpnGatewayAttribute(r)
		return err
	}
	for _, tc := range []struct {
		name   string
		req    *vpc.ModifyVpnGatewayAttributeRequest
		code   string
		status int
	}{
		{"bad name", &vpc.ModifyVpnGatewayAttributeRequest{Name: tea.String("-x")}, vpcapi.CodeInvalidName, 400},
		{"description with a URL", &vpc.ModifyVpnGatewayAttributeRequest{Description: tea.String("https://x")}, vpcapi.CodeInvalidDescription, 400},
		{"description of 257 characters", &vpc.ModifyVpnGatewayAttributeRequest{Description: tea.String(strings.Repeat("d", 257))}, vpcapi.CodeInvalidDescription, 400},
		{"unknown gateway", &vpc.ModifyVpnGatewayAttributeRequest{VpnGatewayId: tea.String("vpn-nothere")}, vpcapi.CodeVpnGatewayNotFound, 404},
		{"gateway in another region", &vpc.ModifyVpnGatewayAttributeRequest{RegionId: tea.String("cn-beijing")}, vpcapi.CodeRegionNotFound, 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.req
			if r.VpnGatewayId == nil {
				r.VpnGatewayId = tea.String(id)
			}
			if r.RegionId == nil {
				r.RegionId = tea.String(vpcsim.DefaultRegion)
			}
			wantAPIError(t, modifyWith(r), tc.code, tc.status)
		})
	}
	if g := mustDescribe(t, c, id); tea.StringValue(g.Name) != id || tea.StringValue(g.Description) != "" {
		t.Fatalf("refused modifies changed the gateway: %+v", g)
	}
}

// TestDescribeVpnGateways pages through a region's gateways newest first and filters them.
func TestDescribeVpnGateways(t *testing.T) {
	clk := newClock()
	cfg := delayedConfig(clk)
	cfg.Networks = []network.Region{{ID: vpcsim.DefaultRegion, Vpcs: []network.Vpc{{
		ID: "vpc-second", CidrBlock: "192.168.0.0/16",
		VSwitches: []network.VSwitch{{ID: "vsw-second", ZoneID: "cn-hangzhou-j", CidrBlock: "192.168.0.0/24"}},
	}}}, {ID: "cn-shanghai", Vpcs: []network.Vpc{{ID: "vpc-sh", CidrBlock: "10.0.0.0/8"}}}}
	f := start(t, cfg)
	c := f.client(t)

	var ids []string // creation order
	for i := range 7 {
		req := createRequest()
		if i >= 5 {
			req.VpcId = tea.String("vpc-second")
		}
		ids = append(ids, tea.StringValue(mustCreate(t, c, req).VpnGatewayId))
		if i == 3 {
			clk.Advance(provisionDelay) // the first four are active from here on
		}
	}
	other := createRequest()
	other.RegionId, other.VpcId = tea.String("cn-shanghai"), tea.String("vpc-sh")
	mustCreate(t, c, other)

	list := func(r *vpc.DescribeVpnGatewaysRequest) *vpc.DescribeVpnGatewaysResponseBody {
		t.Helper()
		r.RegionId = tea.String(vpcsim.DefaultRegion)
		resp, err := c.DescribeVpnGateways(r)
		if err != nil {
			t.Fatalf("DescribeVpnGateways: %v", err)
		}
		return resp.Body
	}
	idsOf := func(b *vpc.DescribeVpnGatewaysResponseBody) []string {
		var out []string
		for _, g := range b.VpnGateways.VpnGateway {
			out = append(out, tea.StringValue(g.VpnGatewayId))
		}
		return out
	}

	var paged []string
	for page := int32(1); page <= 3; page++ {
		b := list(&vpc.DescribeVpnGatewaysRequest{PageNumber: tea.Int32(page), PageSize: tea.Int32(3)})
		if tea.Int32Value(b.TotalCount) != 7 || tea.Int32Value(b.PageNumber) != page || tea.Int32Value(b.PageSize) != 3 {
			t.Fatalf("page %d: TotalCount %d PageNumber %d PageSize %d", page, tea.Int32Value(b.TotalCount), tea.Int32Value(b.PageNumber), tea.Int32Value(b.PageSize))
		}
		paged = append(paged, idsOf(b)...)
	}
	newestFirst := slices.Clone(ids)
	slices.Reverse(newestFirst)
	if !slices.Equal(paged, newestFirst) {
		t.Fatalf("pages gave %v, want %v", paged, newestFirst)
	}
	if b := list(&vpc.DescribeVpnGatewaysRequest{PageNumber: tea.Int32(4), PageSize: tea.Int32(3)}); len(b.VpnGateways.VpnGateway) != 0 || tea.Int32Value(b.TotalCount) != 7 {
		t.Fatalf("page past the end: %d gateways, TotalCount %d", len(b.VpnGateways.VpnGateway), tea.Int32Value(b.TotalCount))
	}
	if b := list(&vpc.DescribeVpnGatewaysRequest{}); tea.Int32Value(b.PageSize) != 10 || len(b.VpnGateways.VpnGateway) != 7 {
		t.Fatalf("default page: size %d, %d gateways", tea.Int32Value(b.PageSize), len(b.VpnGateways.VpnGateway))
	}

	if got := idsOf(list(&vpc.DescribeVpnGatewaysRequest{VpcId: tea.String("vpc-second")})); !slices.Equal(got, []string{ids[6], ids[5]}) {
		t.Errorf("VpcId filter: %v", got)
	}
	if got := idsOf(list(&vpc.DescribeVpnGatewaysRequest{VpnGatewayId: tea.String(ids[2])})); !slices.Equal(got, []string{ids[2]}) {
		t.Errorf("VpnGatewayId filter: %v", got)
	}
	if got := idsOf(list(&vpc.DescribeVpnGatewaysRequest{Status: tea.String(vpcapi.StatusActive)})); !slices.Equal(got, []string{ids[3], ids[2], ids[1], ids[0]}) {
		t.Errorf("Status=active: %v", got)
	}
	if got := idsOf(list(&vpc.DescribeVpnGatewaysRequest{Status: tea.String(vpcapi.StatusInit), VpcId: tea.String(vpcsim.DefaultVpcID)})); !slices.Equal(got, []string{ids[4]}) {
		t.Errorf("Status=init and VpcId: %v", got)
	}

	for _, size := range []int32{0, 51} {
		_, err := c.DescribeVpnGateways(&vpc.DescribeVpnGatewaysRequest{RegionId: tea.String(vpcsim.DefaultRegion), PageSize: tea.Int32(size)})
		wantAPIError(t, err, vpcapi.CodeInvalidParameter, 400)
	}
	_, err := c.DescribeVpnGateways(&vpc.DescribeVpnGatewaysRequest{RegionId: tea.String("cn-nowhere")})
	wantAPIError(t, err, vpcapi.CodeRegionNotFound, 404)
	_, err = c.DescribeVpnGateway(&vpc.DescribeVpnGatewayRequest{RegionId: tea.String("cn-shanghai"), VpnGatewayId: tea.String(ids[0])})
	wantAPIError(t, err, vpcapi.CodeVpnGatewayNotFound, 404)
	_, err = c.DescribeVpnGateway(&vpc.DescribeVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion)})
	wantAPIError(t, err, vpcapi.CodeMissingParameter, 400)
}

func TestDescribeNetworks(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	vpcs, err := c.DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String(vpcsim.DefaultRegion)})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(vpcs.Body.Vpcs.Vpc); n != 1 || tea.Int32Value(vpcs.Body.TotalCount) != 1 {
		t.Fatalf("%d VPCs", n)
	}
	v := vpcs.Body.Vpcs.Vpc[0]
	var switches []string
	for _, id := range v.VSwitchIds.VSwitchId {
		switches = append(switches, tea.StringValue(id))
	}
	if tea.StringValue(v.VpcId) != vpcsim.DefaultVpcID || tea.StringValue(v.RegionId) != vpcsim.DefaultRegion || tea.StringValue(v.Status) != "Available" ||
		!slices.Equal(switches, []string{vpcsim.DefaultVSwitchID, vpcsim.SecondVSwitchID}) {
		t.Fatalf("VPC %+v", v)
	}
	none, err := c.DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpcId: tea.String("vpc-other")})
	if err != nil || len(none.Body.Vpcs.Vpc) != 0 {
		t.Fatalf("VpcId filter: %v %v", err, none)
	}

	sw, err := c.DescribeVSwitches(&vpc.DescribeVSwitchesRequest{VpcId: tea.String(vpcsim.DefaultVpcID), ZoneId: tea.String("cn-hangzhou-i")})
	if err != nil {
		t.Fatal(err)
	}
	if len(sw.Body.VSwitches.VSwitch) != 1 {
		t.Fatalf("%d vSwitches in zone i", len(sw.Body.VSwitches.VSwitch))
	}
	s := sw.Body.VSwitches.VSwitch[0]
	if tea.StringValue(s.VSwitchId) != vpcsim.SecondVSwitchID || tea.StringValue(s.ZoneId) != "cn-hangzhou-i" ||
		tea.StringValue(s.CidrBlock) != "172.16.1.0/24" || tea.Int64Value(s.AvailableIpAddressCount) != 252 {
		t.Fatalf("vSwitch %+v", s)
	}
	all, err := c.DescribeVSwitches(&vpc.DescribeVSwitchesRequest{RegionId: tea.String(vpcsim.DefaultRegion)})
	if err != nil || tea.Int32Value(all.Body.TotalCount) != 2 {
		t.Fatalf("all vSwitches: %v %+v", err, all)
	}
	_, err = c.DescribeVSwitches(&vpc.DescribeVSwitchesRequest{})
	wantAPIError(t, err, vpcapi.CodeMissingParameter, 400)
	_, err = c.DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String("us-east-1")})
	wantAPIError(t, err, vpcapi.CodeRegionNotFound, 404)
}

// TestUnknownActionAndVersion: an action the endpoint does not have, or another API version, is
// refused before anything else, and counted under the name it was given.
func TestUnknownActionAndVersion(t *testing.T) {
	f := start(t, vpcsim.Config{})
	for _, opts := range [][]clientOption{nil, {v1}} {
		_, err := f.call(t, "DescribeNothing", vpcapi.Version, nil, opts...)
		wantAPIError(t, err, vpcapi.CodeActionNotFound, 404)
		_, err = f.call(t, vpcapi.ActionDescribeVpcs, "2014-01-01", map[string]*string{"RegionId": tea.String(vpcsim.DefaultRegion)}, opts...)
		wantAPIError(t, err, vpcapi.CodeInvalidVersion, 400)
		body, err := f.call(t, vpcapi.ActionDescribeVpcs, vpcapi.Version, map[string]*string{"RegionId": tea.String(vpcsim.DefaultRegion)}, opts...)
		if err != nil {
			t.Fatalf("generic call: %v", err)
		}
		if got := fmt.Sprint(body["statusCode"]); got != "200" {
			t.Fatalf("generic call answered %v", body)
		}
	}
	if n := f.sim.Stats().Requests["DescribeNothing"]["404"]; n != 2 {
		t.Fatalf("DescribeNothing counted %d times under 404, want 2: %v", n, f.sim.Stats())
	}
}

// TestAutoPropagateAndReportedFields: a new gateway answers AutoPropagate false in both Describe
// actions (what the official provider's empty-plan checks need of a gateway created without it),
// ModifyVpnGatewayAttribute turns it on and off, the gateway going through "updating" as for any
// modify, and both report EnableBgp, VpnType, and the disaster-recovery and SSL addresses where
// the reference says a gateway has them.
func TestAutoPropagateAndReportedFields(t *testing.T) {
	clk := newClock()
	f := start(t, delayedConfig(clk))
	c := f.client(t)
	single := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	dual := createRequest()
	dual.VSwitchId, dual.DisasterRecoveryVSwitchId = tea.String(vpcsim.DefaultVSwitchID), tea.String(vpcsim.SecondVSwitchID)
	dualID := tea.StringValue(mustCreate(t, c, dual).VpnGatewayId)
	dual.EnableSsl = tea.Bool(true)
	sslDualID := tea.StringValue(mustCreate(t, c, dual).VpnGatewayId)
	ssl := createRequest()
	ssl.EnableSsl = tea.Bool(true)
	sslSingleID := tea.StringValue(mustCreate(t, c, ssl).VpnGatewayId)
	clk.Advance(provisionDelay)

	for id, want := range map[string][2]bool{ // DisasterRecoveryInternetIp, SslVpnInternetIp
		single: {false, false}, dualID: {true, false}, sslDualID: {true, true}, sslSingleID: {false, false},
	} {
		one := f.rawDescribe(t, id)
		items, _ := f.rawList(t, map[string]string{"VpnGatewayId": id})
		for name, answer := range map[string]map[string]any{"DescribeVpnGateway": one, "DescribeVpnGateways": items[0]} {
			_, dr := answer["DisasterRecoveryInternetIp"]
			_, sslIP := answer["SslVpnInternetIp"]
			if dr != want[0] || sslIP != want[1] {
				t.Errorf("%s of %s: DisasterRecoveryInternetIp %v, SslVpnInternetIp %v; want %v", name, id, dr, sslIP, want)
			}
			if answer["AutoPropagate"] != false || answer["EnableBgp"] != false || answer["VpnType"] != vpcapi.VpnTypeNormal {
				t.Errorf("%s of %s: AutoPropagate %v, EnableBgp %v, VpnType %v", name, id, answer["AutoPropagate"], answer["EnableBgp"], answer["VpnType"])
			}
		}
	}
	addresses := map[string]bool{}
	for _, g := range f.sim.Gateways() {
		for _, ip := range []string{g.InternetIP, g.DisasterRecoveryInternetIP, g.SslVpnInternetIP} {
			if ip != "" && addresses[ip] {
				t.Fatalf("address %s given twice", ip)
			}
			addresses[ip] = true
		}
	}

	for _, on := range []bool{true, false} {
		_, err := c.ModifyVpnGatewayAttribute(&vpc.ModifyVpnGatewayAttributeRequest{
			RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(single), AutoPropagate: tea.Bool(on),
		})
		if err != nil {
			t.Fatalf("AutoPropagate=%v: %v", on, err)
		}
		g := mustDescribe(t, c, single)
		if tea.BoolValue(g.AutoPropagate) != on || tea.StringValue(g.Status) != vpcapi.StatusUpdating {
			t.Fatalf("after AutoPropagate=%v: AutoPropagate %v, status %s", on, tea.BoolValue(g.AutoPropagate), tea.StringValue(g.Status))
		}
		err = modify(c, single, "too-soon")
		wantAPIError(t, err, vpcapi.CodeVpnGatewayConfiguring, 400)
		clk.Advance(updateDelay)
	}
	_, err := f.call(t, vpcapi.ActionModifyVpnGatewayAttribute, vpcapi.Version, map[string]*string{
		"RegionId": tea.String(vpcsim.DefaultRegion), "VpnGatewayId": tea.String(single), "AutoPropagate": tea.String("off"),
	})
	wantAPIError(t, err, vpcapi.CodeInvalidParameter, 400)
}
