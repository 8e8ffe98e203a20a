package bench

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/provider"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Go benchmarks of the provider's own hot paths, without Terraform in the loop, so that a
// regression shows up in seconds: the VPC client's call path (signing, HTTP, decoding, typed
// errors) against an in-process vpcsim, and the provider's protocol-6 server answering what
// Terraform asks of every provider process (schema, configure) and of every planned gateway. The
// harness (main) measures the same paths end to end through Terraform.
//
// They live here rather than in internal/vpcclient and internal/provider because those packages
// were still being written when the harness was; they use exported API only.

// benchSim starts an in-process vpcsim and returns its host:port.
func benchSim(b *testing.B, cfg vpcsim.Config) string {
	b.Helper()
	sim, err := vpcsim.New(cfg)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(sim)
	b.Cleanup(func() {
		srv.Close()
		_ = sim.Close()
	})
	return strings.TrimPrefix(srv.URL, "http://")
}

// benchClient is a VPC client of endpoint without a client-side rate limit: the benchmark
// measures the call path, not the pace.
func benchClient(b *testing.B, endpoint string) *vpcclient.Client {
	b.Helper()
	b.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	c, err := vpcclient.New(vpcclient.Config{
		Region: vpcsim.DefaultRegion, AccessKeyID: vpcsim.DefaultAccessKeyID, AccessKeySecret: vpcsim.DefaultAccessKeySecret,
		Endpoint: endpoint, Protocol: vpcclient.ProtocolHTTP, RateLimit: -1,
	})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func createRequest(token string) *vpc.CreateVpnGatewayRequest {
	return &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpcId: dara.String(vpcsim.DefaultVpcID),
		Bandwidth: dara.Int32(10), InstanceChargeType: dara.String("POSTPAY"), ClientToken: dara.String(token),
	}
}

// BenchmarkClientDescribeVpnGateway is one status poll or refresh read: serially, and from every
// CPU at once through the one shared client, as Terraform's parallel reads use it.
func BenchmarkClientDescribeVpnGateway(b *testing.B) {
	c := benchClient(b, benchSim(b, vpcsim.Config{}))
	ctx := context.Background()
	created, err := c.CreateVpnGateway(ctx, createRequest(vpcclient.NewClientToken()))
	if err != nil {
		b.Fatal(err)
	}
	req := &vpc.DescribeVpnGatewayRequest{RegionId: dara.String(vpcsim.DefaultRegion), VpnGatewayId: created.VpnGatewayId}
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.DescribeVpnGateway(ctx, req); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := c.DescribeVpnGateway(ctx, req); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
	})
}

// BenchmarkClientCreateVpnGateway is the mutating path: a ClientToken per call, as one logical
// create has.
func BenchmarkClientCreateVpnGateway(b *testing.B) {
	c := benchClient(b, benchSim(b, vpcsim.Config{Quota: 1 << 30}))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CreateVpnGateway(ctx, createRequest(vpcclient.NewClientToken())); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}

// providerServer is the provider as Terraform talks to it, with its schemas.
type providerServer struct {
	srv      tfprotov6.ProviderServer
	schema   *tfprotov6.GetProviderSchemaResponse
	endpoint string
}

func newProviderServer(b *testing.B) *providerServer {
	b.Helper()
	b.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	srv, err := providerserver.NewProtocol6WithError(provider.New("bench")())()
	if err != nil {
		b.Fatal(err)
	}
	schema, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || hasErrors(schema.Diagnostics) {
		b.Fatalf("GetProviderSchema: %v %v", err, schema.Diagnostics)
	}
	return &providerServer{srv: srv, schema: schema, endpoint: benchSim(b, vpcsim.Config{})}
}

func hasErrors(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// objectValue is a value of an object type with the given attributes set and every other null,
// as Terraform sends a configuration.
func objectValue(b *testing.B, typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	b.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		b.Fatalf("%s is not an object type", typ)
	}
	vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
	for name, t := range obj.AttributeTypes {
		if v, ok := set[name]; ok {
			vals[name] = v
		} else {
			vals[name] = tftypes.NewValue(t, nil)
		}
	}
	return tftypes.NewValue(obj, vals)
}

func attributeType(b *testing.B, typ tftypes.Type, name string) tftypes.Type {
	b.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok || obj.AttributeTypes[name] == nil {
		b.Fatalf("%s has no attribute %s", typ, name)
	}
	return obj.AttributeTypes[name]
}

func dynamic(b *testing.B, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	b.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

func (p *providerServer) configureRequest(b *testing.B) *tfprotov6.ConfigureProviderRequest {
	typ := p.schema.Provider.ValueType()
	cfg := objectValue(b, typ, map[string]tftypes.Value{
		"region":     tftypes.NewValue(tftypes.String, vpcsim.DefaultRegion),
		"access_key": tftypes.NewValue(tftypes.String, vpcsim.DefaultAccessKeyID),
		"secret_key": tftypes.NewValue(tftypes.String, vpcsim.DefaultAccessKeySecret),
		"protocol":   tftypes.NewValue(tftypes.String, vpcclient.ProtocolHTTP),
		"endpoints":  objectValue(b, attributeType(b, typ, "endpoints"), map[string]tftypes.Value{"vpc": tftypes.NewValue(tftypes.String, p.endpoint)}),
	})
	return &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: dynamic(b, typ, cfg)}
}

// BenchmarkProviderSchema is what every provider process Terraform starts answers first.
func BenchmarkProviderSchema(b *testing.B) {
	p := newProviderServer(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		resp, err := p.srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || hasErrors(resp.Diagnostics) {
			b.Fatalf("%v %v", err, resp.Diagnostics)
		}
	}
}

// BenchmarkProviderConfigure is the once-per-process work: credentials and the VPC client.
func BenchmarkProviderConfigure(b *testing.B) {
	p := newProviderServer(b)
	ctx := context.Background()
	req := p.configureRequest(b)
	b.ReportAllocs()
	for b.Loop() {
		resp, err := p.srv.ConfigureProvider(ctx, req)
		if err != nil || hasErrors(resp.Diagnostics) {
			b.Fatalf("%v %v", err, resp.Diagnostics)
		}
	}
}

// BenchmarkPlanCreate is the plan of one new gateway: decoding, defaults, validators, ModifyPlan.
// Terraform asks it once per gateway on every plan that creates.
func BenchmarkPlanCreate(b *testing.B) {
	p := newProviderServer(b)
	ctx := context.Background()
	if resp, err := p.srv.ConfigureProvider(ctx, p.configureRequest(b)); err != nil || hasErrors(resp.Diagnostics) {
		b.Fatalf("%v %v", err, resp.Diagnostics)
	}
	const typeName = "alicloud_vpn_gateway"
	typ := p.schema.ResourceSchemas[typeName].ValueType()
	cfg := objectValue(b, typ, map[string]tftypes.Value{
		"vpc_id":    tftypes.NewValue(tftypes.String, vpcsim.DefaultVpcID),
		"bandwidth": tftypes.NewValue(tftypes.Number, 10),
		"name":      tftypes.NewValue(tftypes.String, "bench-0"),
	})
	req := &tfprotov6.PlanResourceChangeRequest{
		TypeName:         typeName,
		PriorState:       dynamic(b, typ, tftypes.NewValue(typ, nil)),
		ProposedNewState: dynamic(b, typ, cfg),
		Config:           dynamic(b, typ, cfg),
	}
	b.ReportAllocs()
	for b.Loop() {
		resp, err := p.srv.PlanResourceChange(ctx, req)
		if err != nil || hasErrors(resp.Diagnostics) {
			b.Fatalf("%v %v", err, resp.Diagnostics)
		}
	}
}
