package vpngateway

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
)

// The provider's plan-time validators and vpcsim's request rules are written apart, from the same
// seed and record, so that a misreading on either side shows as a disagreement. Each row says what
// each side must do with one value; where they differ on purpose, the row says why.
func TestValidatorsAgreeWithVpcsim(t *testing.T) {
	type verdicts struct {
		provider bool
		sim      map[dialect.Dialect]bool // absent: the provider's verdict
	}
	ok, refused := verdicts{provider: true}, verdicts{provider: false}
	// The seed validates; the sites sell more (and the international site fewer) bandwidths.
	seedOnly := func(sim map[dialect.Dialect]bool) verdicts { return verdicts{provider: true, sim: sim} }
	notInSeed := verdicts{provider: false, sim: map[dialect.Dialect]bool{dialect.China: true, dialect.International: true}}
	notInternational := seedOnly(map[dialect.Dialect]bool{dialect.China: true, dialect.International: false})
	// The international site sells no subscriptions, so it refuses every PREPAY period.
	subscription := notInternational
	const noSubscriptions = "the international site sells pay-as-you-go gateways only"

	rows := []struct {
		attribute string
		value     any
		want      verdicts
		why       string // for a row where the two sides differ
	}{
		{"bandwidth", int64(5), notInternational, "the international site does not sell 5 Mbit/s"},
		{"bandwidth", int64(10), ok, ""},
		{"bandwidth", int64(20), notInternational, "the international site does not sell 20 Mbit/s"},
		{"bandwidth", int64(50), notInternational, "the international site does not sell 50 Mbit/s"},
		{"bandwidth", int64(100), ok, ""},
		{"bandwidth", int64(200), notInSeed, "the sites sell 200 Mbit/s; the seed the provider implements does not list it"},
		{"bandwidth", int64(1000), notInSeed, "the sites sell 1000 Mbit/s; the seed does not list it"},
		{"bandwidth", int64(3), refused, ""},
		{"bandwidth", int64(0), refused, ""},
		{"period", int64(1), subscription, noSubscriptions},
		{"period", int64(9), subscription, noSubscriptions},
		{"period", int64(12), subscription, noSubscriptions},
		{"period", int64(36), subscription, noSubscriptions},
		{"period", int64(10), refused, ""},
		{"period", int64(0), refused, ""},
		{"period", int64(48), refused, ""},
		{"name", "edge-vpn_1.a", ok, ""},
		{"name", "网关-上海", ok, ""},
		{"name", "ab", ok, ""},
		{"name", strings.Repeat("n", 100), ok, ""},
		{"name", "a", refused, ""},
		{"name", strings.Repeat("n", 101), refused, ""},
		{"name", "1gateway", refused, ""},
		{"name", "http://gw", refused, ""},
		{"name", "gw with spaces", refused, ""},
		{"name", "gw/1", refused, ""},
		{"description", "ab", ok, ""},
		{"description", "Site to site, 2 offices", ok, ""},
		{"description", strings.Repeat("d", 256), ok, ""},
		{"description", "a", refused, ""},
		{"description", strings.Repeat("d", 257), refused, ""},
		{"description", "9 lives", refused, ""},
		{"description", "https://example.com", refused, ""},
		{"ssl_connections", int64(5), ok, ""},
		{"ssl_connections", int64(1000), ok, ""},
		{"ssl_connections", int64(2), refused, ""}, // the seed's example, which the API does not sell
		{"ssl_connections", int64(7), refused, ""},
		{"ssl_connections", int64(2000), refused, ""},
		{"ssl_connections", int64(1), refused, ""},
		{"ssl_connections", int64(0), refused, ""},
		// TagResources' rules, keys and values alike, in any case (the record is silent on case: both
		// sides read it strictly).
		{"tags", map[string]string{"env": "prod", "empty": ""}, ok, ""},
		{"tags", map[string]string{strings.Repeat("k", 128): strings.Repeat("v", 128)}, ok, ""},
		{"tags", map[string]string{"my-aliyun": "team-acs:1"}, ok, ""},
		{"tags", map[string]string{strings.Repeat("k", 129): "v"}, refused, ""},
		{"tags", map[string]string{"k": strings.Repeat("v", 129)}, refused, ""},
		{"tags", map[string]string{"aliyun-x": "v"}, refused, ""},
		{"tags", map[string]string{"ALIYUN-billing": "v"}, refused, ""},
		{"tags", map[string]string{"acs:x": "v"}, refused, ""},
		{"tags", map[string]string{"Acs:owner": "v"}, refused, ""},
		{"tags", map[string]string{"owner": "aliyun-partner-team"}, refused, ""},
		{"tags", map[string]string{"owner": "Aliyun"}, refused, ""},
		{"tags", map[string]string{"owner": "ACS:team"}, refused, ""},
		{"tags", map[string]string{"see-https://x": "v"}, refused, ""},
		{"tags", map[string]string{"k": "HTTP://x"}, refused, ""},
	}

	attributes := Schema(context.Background()).Attributes
	for _, d := range dialect.All() {
		sim := newRulesSim(t, d)
		for _, row := range rows {
			wantSim, ok := row.want.sim[d]
			if !ok {
				wantSim = row.want.provider
			}
			if wantSim != row.want.provider && row.why == "" {
				t.Fatalf("%s = %v: the sides differ in %s with no reason given", row.attribute, row.value, d)
			}
			gotProvider := validatorsAccept(t, attributes[row.attribute], row.value)
			if d == dialect.Default && gotProvider != row.want.provider {
				t.Errorf("%s = %v: provider accepts = %v, want %v", row.attribute, row.value, gotProvider, row.want.provider)
			}
			if gotSim := sim.accepts(t, row.attribute, row.value); gotSim != wantSim {
				t.Errorf("%s = %v on the %s site: vpcsim accepts = %v, want %v", row.attribute, row.value, d, gotSim, wantSim)
			}
		}
	}
}

// validatorsAccept runs an attribute's validators on a value, as a plan of a configuration that
// sets it would.
func validatorsAccept(t *testing.T, a schema.Attribute, value any) bool {
	t.Helper()
	ctx, p := context.Background(), path.Root("attribute")
	switch a := a.(type) {
	case schema.Int64Attribute:
		req := validator.Int64Request{Path: p, ConfigValue: types.Int64Value(number(t, value))}
		for _, v := range a.Validators {
			var resp validator.Int64Response
			v.ValidateInt64(ctx, req, &resp)
			if resp.Diagnostics.HasError() {
				return false
			}
		}
	case schema.StringAttribute:
		req := validator.StringRequest{Path: p, ConfigValue: types.StringValue(text(t, value))}
		for _, v := range a.Validators {
			var resp validator.StringResponse
			v.ValidateString(ctx, req, &resp)
			if resp.Diagnostics.HasError() {
				return false
			}
		}
	case schema.MapAttribute:
		m, ok := value.(map[string]string)
		if !ok {
			t.Fatalf("%v is not a map[string]string", value)
		}
		v, diags := types.MapValueFrom(ctx, types.StringType, m)
		if diags.HasError() {
			t.Fatal(diags)
		}
		for _, val := range a.Validators {
			var resp validator.MapResponse
			val.ValidateMap(ctx, validator.MapRequest{Path: p, ConfigValue: v}, &resp)
			if resp.Diagnostics.HasError() {
				return false
			}
		}
	default:
		t.Fatalf("no validators of %T", a)
	}
	return true
}

// rulesSim is a simulator of one dialect and a client of it.
type rulesSim struct {
	client *vpcclient.Client
	// described is a gateway to re-describe, for the rules of ModifyVpnGatewayAttribute.
	described string
}

func newRulesSim(t *testing.T, d dialect.Dialect) *rulesSim {
	t.Helper()
	_, client := startSim(t, vpcsim.Config{Dialect: d, ProvisionDelay: time.Millisecond, UpdateDelay: time.Millisecond, Quota: 1000})
	s := &rulesSim{client: client}
	out, err := s.client.CreateVpnGateway(context.Background(), s.create(vpcapi.NetworkTypePublic))
	if err != nil {
		t.Fatal(err)
	}
	s.described = dara.StringValue(out.VpnGatewayId)
	return s
}

func (s *rulesSim) create(networkType string) *vpc.CreateVpnGatewayRequest {
	return &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpcId: dara.String(vpcsim.DefaultVpcID),
		Bandwidth: dara.Int32(10), NetworkType: dara.String(networkType),
		ClientToken: dara.String(vpcclient.NewClientToken()),
	}
}

// accepts sends the value in the request that takes it, everything else valid, and reports
// whether the simulator took it. Only InvalidParameter-like answers count as a refusal: any other
// failure fails the test.
func (s *rulesSim) accepts(t *testing.T, attribute string, value any) bool {
	t.Helper()
	ctx := context.Background()
	req := s.create(vpcapi.NetworkTypePublic)
	var err error
	switch attribute {
	case "bandwidth":
		req.Bandwidth = dara.Int32(int32(number(t, value)))
	case "period":
		req.InstanceChargeType, req.AutoPay = dara.String(vpcapi.ChargeTypePrepay), dara.Bool(true)
		req.Period = dara.Int32(int32(number(t, value)))
	case "name":
		req.Name = dara.String(text(t, value))
	case "ssl_connections":
		req.EnableSsl, req.SslConnections = dara.Bool(true), dara.Int32(int32(number(t, value)))
	case "description":
		_, err = s.client.ModifyVpnGatewayAttribute(ctx, &vpc.ModifyVpnGatewayAttributeRequest{
			RegionId: dara.String(vpcsim.DefaultRegion), VpnGatewayId: dara.String(s.described),
			Description: dara.String(text(t, value)), ClientToken: dara.String(vpcclient.NewClientToken()),
		})
		return acceptedInput(t, err)
	case "tags":
		m, ok := value.(map[string]string)
		if !ok {
			t.Fatalf("%v is not a map[string]string", value)
		}
		req := &vpc.TagResourcesRequest{
			RegionId: dara.String(vpcsim.DefaultRegion), ResourceType: dara.String(vpcapi.TagResourceTypeVpnGateway),
			ResourceId: []*string{dara.String(s.described)},
		}
		for k, v := range m {
			req.Tag = append(req.Tag, &vpc.TagResourcesRequestTag{Key: dara.String(k), Value: dara.String(v)})
		}
		_, err = s.client.TagResources(ctx, req)
		return acceptedInput(t, err)
	default:
		t.Fatalf("no request takes %s", attribute)
	}
	_, err = s.client.CreateVpnGateway(ctx, req)
	return acceptedInput(t, err)
}

// acceptedInput is whether the simulator took a request: true on success, false on a refusal of
// its input; any other failure fails the test.
func acceptedInput(t *testing.T, err error) bool {
	t.Helper()
	switch {
	case err == nil:
		return true
	case vpcclient.HasCode(err, vpcapi.CodeInvalidParameter, vpcapi.CodeMissingParameter, vpcapi.CodeInvalidName,
		vpcapi.CodeInvalidDescription, vpcapi.CodeInvalidTagKey, vpcapi.CodeInvalidTagValue):
		return false
	}
	t.Fatalf("the simulator failed for another reason: %v", err)
	return false
}

// number and text are a row's value as the type its attribute takes.
func number(t *testing.T, v any) int64 {
	t.Helper()
	n, ok := v.(int64)
	if !ok {
		t.Fatalf("%v is not an int64", v)
	}
	return n
}

func text(t *testing.T, v any) string {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("%v is not a string", v)
	}
	return s
}
