package lookup

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
)

// listed is a gateway as a page of DescribeVpnGateways lists it.
func listed(id, name, gatewayType string) vpcclient.ListedVpnGateway {
	return vpcclient.ListedVpnGateway{
		DescribeVpnGatewayResponseBody: &vpc.DescribeVpnGatewayResponseBody{
			VpnGatewayId: dara.String(id), Name: dara.String(name), VpcId: dara.String("vpc-a"),
			Status: dara.String(vpcapi.StatusActive), BusinessStatus: dara.String(vpcapi.BusinessStatusNormal),
			ResourceGroupId: dara.String("rg-a"),
		},
		GatewayType: gatewayType,
	}
}

func TestGatewayFilterMatches(t *testing.T) {
	web := listed("vpn-web", "web-1", "")
	traditional := listed("vpn-trad", "web-2", vpcapi.GatewayTypeTraditional)
	enhanced := listed("vpn-enh", "web-3", vpcapi.GatewayTypeEnhancedSiteToSite)
	for _, tc := range []struct {
		name   string
		filter gatewayFilter
		want   []string
	}{
		{"no filters: the resource's gateways, of either form of their type", gatewayFilter{}, []string{"vpn-web", "vpn-trad"}},
		{"another product's type, in any case", gatewayFilter{gatewayType: "enhanced.sitetosite"}, []string{"vpn-enh"}},
		{"the traditional type names the gateways answered without one", gatewayFilter{gatewayType: vpcapi.GatewayTypeTraditional}, []string{"vpn-web", "vpn-trad"}},
		{"ids", gatewayFilter{ids: []string{"vpn-trad", "vpn-gone"}, byID: true}, []string{"vpn-trad"}},
		{"ids = []: none", gatewayFilter{ids: []string{}, byID: true}, nil},
		{"name_regex, unanchored", gatewayFilter{nameRegex: regexp.MustCompile("b-1")}, []string{"vpn-web"}},
		{"status, in any case", gatewayFilter{status: "ACTIVE"}, []string{"vpn-web", "vpn-trad"}},
		{"another status", gatewayFilter{status: vpcapi.StatusInit}, nil},
		{"business_status", gatewayFilter{businessStatus: vpcapi.BusinessStatusFinancialLocked}, nil},
		{"vpc_id", gatewayFilter{vpcID: "vpc-b"}, nil},
		{"resource_group_id", gatewayFilter{resourceGroupID: "rg-a"}, []string{"vpn-web", "vpn-trad"}},
		{"every filter at once", gatewayFilter{ids: []string{"vpn-web"}, byID: true, vpcID: "vpc-a", status: vpcapi.StatusActive,
			nameRegex: regexp.MustCompile("^web-")}, []string{"vpn-web"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, gw := range []vpcclient.ListedVpnGateway{web, traditional, enhanced} {
				if tc.filter.matches(gw) {
					got = append(got, dara.StringValue(gw.VpnGatewayId))
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("matches %v, want %v", got, tc.want)
			}
		})
	}
}

// The API filters by what it takes, so that a large account pages through only what matches:
// one ID, the VPC, the statuses, the resource group and the tags.
func TestGatewayFilterRequest(t *testing.T) {
	f := gatewayFilter{ids: []string{"vpn-a"}, byID: true, vpcID: "vpc-a", status: vpcapi.StatusActive,
		businessStatus: vpcapi.BusinessStatusNormal, resourceGroupID: "rg-a", tags: map[string]string{"b": "2", "a": "1"}}
	req := f.request()
	for _, p := range []struct{ name, got, want string }{
		{"VpnGatewayId", dara.StringValue(req.VpnGatewayId), "vpn-a"},
		{"VpcId", dara.StringValue(req.VpcId), "vpc-a"},
		{"Status", dara.StringValue(req.Status), vpcapi.StatusActive},
		{"BusinessStatus", dara.StringValue(req.BusinessStatus), vpcapi.BusinessStatusNormal},
		{"ResourceGroupId", dara.StringValue(req.ResourceGroupId), "rg-a"},
	} {
		if p.got != p.want {
			t.Errorf("request's %s = %q, want %q", p.name, p.got, p.want)
		}
	}
	var tags []string
	for _, tag := range req.Tag {
		tags = append(tags, dara.StringValue(tag.Key)+"="+dara.StringValue(tag.Value))
	}
	if got := strings.Join(tags, " "); got != "a=1 b=2" {
		t.Errorf("tags in the request: %s, want a=1 then b=2", got)
	}
	// Several IDs: the API takes one, so the request lists every gateway and the check picks.
	if req := (gatewayFilter{ids: []string{"vpn-a", "vpn-b"}, byID: true}).request(); req.VpnGatewayId != nil {
		t.Errorf("two IDs sent VpnGatewayId %s", dara.StringValue(req.VpnGatewayId))
	}
	req = (gatewayFilter{}).request()
	for name, set := range map[string]bool{"VpnGatewayId": req.VpnGatewayId != nil, "VpcId": req.VpcId != nil, "Status": req.Status != nil, "Tag": req.Tag != nil} {
		if set {
			t.Errorf("no filters sent %s: %+v", name, req)
		}
	}
}

// ids = [] is a filter that names no gateway, unlike an unset ids.
func TestReadGatewayFilterIDs(t *testing.T) {
	ctx := context.Background()
	var resp datasource.SchemaResponse
	NewVpnGatewaysDataSource().Schema(ctx, datasource.SchemaRequest{}, &resp)
	typ, ok := resp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("the schema's type is %T, not an object", resp.Schema.Type().TerraformType(ctx))
	}
	config := func(ids tftypes.Value) tfsdk.Config {
		values := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			values[name] = tftypes.NewValue(at, nil)
		}
		values["ids"] = ids
		return tfsdk.Config{Schema: resp.Schema, Raw: tftypes.NewValue(typ, values)}
	}
	list := tftypes.List{ElementType: tftypes.String}
	for _, tc := range []struct {
		name     string
		ids      tftypes.Value
		none     bool
		matchAll bool
		summary  string
	}{
		{"unset", tftypes.NewValue(list, nil), false, true, "no filters, in region cn-hangzhou"},
		{"empty", tftypes.NewValue(list, []tftypes.Value{}), true, false, "ids = [], in region cn-hangzhou"},
		{"one", tftypes.NewValue(list, []tftypes.Value{tftypes.NewValue(tftypes.String, "vpn-web")}), false, false,
			`ids = ["vpn-web"], in region cn-hangzhou`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, diags := readGatewayFilter(ctx, config(tc.ids), "cn-hangzhou")
			if diags.HasError() {
				t.Fatal(diags)
			}
			if f.none() != tc.none {
				t.Errorf("none() = %v, want %v", f.none(), tc.none)
			}
			if got := f.matches(listed("vpn-other", "x", "")); got != tc.matchAll {
				t.Errorf("matches another gateway: %v, want %v", got, tc.matchAll)
			}
			if f.String() != tc.summary {
				t.Errorf("String() = %q, want %q", f.String(), tc.summary)
			}
		})
	}
}

func TestHasTags(t *testing.T) {
	gw := &vpc.DescribeVpnGatewayResponseBody{Tags: &vpc.DescribeVpnGatewayResponseBodyTags{Tag: []*vpc.DescribeVpnGatewayResponseBodyTagsTag{
		{Key: dara.String("env"), Value: dara.String("prod")}, {Key: dara.String("team"), Value: dara.String("web")},
	}}}
	for _, tc := range []struct {
		want  map[string]string
		match bool
	}{
		{nil, true},
		{map[string]string{"env": "prod"}, true},
		{map[string]string{"env": "prod", "team": "web"}, true},
		{map[string]string{"env": "dev"}, false},
		{map[string]string{"env": "prod", "app": "vpn"}, false},
		{map[string]string{"team": ""}, false},
	} {
		if got := hasTags(gw, tc.want); got != tc.match {
			t.Errorf("hasTags(%v) = %v, want %v", tc.want, got, tc.match)
		}
	}
}

// Another product's gateway shows null where its answer has nothing: no status, no charge type,
// no IPsec switch it never reported. The resource's own gateways keep the resource's reading of
// an answer without those fields (a gateway older than them).
func TestFoundGatewayOfAnotherProduct(t *testing.T) {
	ctx := context.Background()
	mapper := newGatewayMapper(ctx, "cn-hangzhou", nil)
	answer := func() *vpc.DescribeVpnGatewayResponseBody {
		return &vpc.DescribeVpnGatewayResponseBody{
			VpnGatewayId: dara.String("vpn-enh"), Name: dara.String("enhanced"), VpcId: dara.String("vpc-a"),
			BusinessStatus: dara.String(vpcapi.BusinessStatusNormal), AutoPropagate: dara.Bool(true),
		}
	}
	g, diags := mapper.found(ctx, answer(), vpcapi.GatewayTypeEnhancedSiteToSite)
	if diags.HasError() {
		t.Fatal(diags)
	}
	values, diags := mapper.attributes(ctx, &g)
	if diags.HasError() {
		t.Fatal(diags)
	}
	for _, name := range []string{"status", "instance_charge_type", "enable_ipsec", "enable_ssl", "network_type", "vpn_type",
		"bandwidth", "ssl_connections", "enable_bgp"} {
		if !values[name].IsNull() {
			t.Errorf("%s = %v, which the answer never sent; want null", name, values[name])
		}
	}
	// What the answer sent stays.
	for name, want := range map[string]string{"business_status": `"Normal"`, "auto_propagate": "true", "name": `"enhanced"`,
		"gateway_type": `"Enhanced.SiteToSite"`} {
		if got := values[name].String(); got != want {
			t.Errorf("%s = %s, want %s", name, got, want)
		}
	}

	own, _ := mapper.found(ctx, answer(), "")
	values, _ = mapper.attributes(ctx, &own)
	for name, want := range map[string]string{"instance_charge_type": `"` + vpcapi.ChargeTypePostpay + `"`,
		"network_type": `"` + vpcapi.NetworkTypePublic + `"`, "enable_ipsec": "true"} {
		if got := values[name].String(); got != want {
			t.Errorf("the resource's gateway without the field: %s = %s, want %s", name, got, want)
		}
	}
}
