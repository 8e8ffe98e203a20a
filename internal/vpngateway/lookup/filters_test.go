package lookup

import (
	"context"
	"regexp"
	"slices"
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
	if dara.StringValue(req.VpnGatewayId) != "vpn-a" || dara.StringValue(req.VpcId) != "vpc-a" ||
		dara.StringValue(req.Status) != vpcapi.StatusActive || dara.StringValue(req.BusinessStatus) != vpcapi.BusinessStatusNormal ||
		dara.StringValue(req.ResourceGroupId) != "rg-a" {
		t.Errorf("request = %+v", req)
	}
	if len(req.Tag) != 2 || dara.StringValue(req.Tag[0].Key) != "a" || dara.StringValue(req.Tag[1].Value) != "2" {
		t.Errorf("tags in the request = %+v, want a=1 then b=2", req.Tag)
	}
	// Several IDs: the API takes one, so the request lists every gateway and the check picks.
	if req := (gatewayFilter{ids: []string{"vpn-a", "vpn-b"}, byID: true}).request(); req.VpnGatewayId != nil {
		t.Errorf("two IDs sent VpnGatewayId %s", dara.StringValue(req.VpnGatewayId))
	}
	if req := (gatewayFilter{}).request(); req.VpnGatewayId != nil || req.VpcId != nil || req.Status != nil || req.Tag != nil {
		t.Errorf("no filters sent %+v", req)
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
