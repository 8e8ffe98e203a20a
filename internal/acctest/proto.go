package acctest

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/provider"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// The provider as Terraform calls it over tfprotov6, for what no Terraform on this machine can
// call yet (list resources, import by identity) and for counting what one call costs.

// ListServer is a provider server that serves list resources: tfprotov6 keeps ListResource apart
// from ProviderServer for now.
type ListServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
}

// Proto is a configured provider server against a simulator.
type Proto struct {
	Env    *Env
	Server ListServer
	Schema *tfprotov6.GetProviderSchemaResponse
}

// NewProto starts a simulator and configures the provider against it; it skips against the real
// cloud.
func NewProto(t testing.TB, cfg vpcsim.Config) *Proto {
	t.Helper()
	if RealCloud() {
		t.Skip("stages and removes gateways in vpcsim")
	}
	w := &Proto{Env: New(t, cfg)}
	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	withList, ok := server.(ListServer)
	if !ok {
		t.Fatalf("the provider server (%T) serves no list resources", server)
	}
	w.Server = withList
	ctx := context.Background()
	if w.Schema, err = server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	CheckDiags(t, "GetProviderSchema", w.Schema.Diagnostics)
	providerType := w.Schema.Provider.ValueType()
	config := map[string]tftypes.Value{
		"region":     tftypes.NewValue(tftypes.String, w.Env.Region),
		"access_key": tftypes.NewValue(tftypes.String, vpcsim.DefaultAccessKeyID),
		"secret_key": tftypes.NewValue(tftypes.String, vpcsim.DefaultAccessKeySecret),
		"protocol":   tftypes.NewValue(tftypes.String, "HTTP"),
		"endpoints": objectOf(attributeType(providerType, "endpoints"), map[string]tftypes.Value{
			"vpc": tftypes.NewValue(tftypes.String, w.Env.Endpoint),
		}),
	}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: Dynamic(t, providerType, config)})
	if err != nil {
		t.Fatal(err)
	}
	CheckDiags(t, "ConfigureProvider", resp.Diagnostics)
	return w
}

// objectOf is an object of typ with the given attributes and every other one null.
func objectOf(typ tftypes.Type, set map[string]tftypes.Value) tftypes.Value {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("%s is not an object type", typ))
	}
	values := map[string]tftypes.Value{}
	for name, t := range obj.AttributeTypes {
		values[name] = tftypes.NewValue(t, nil)
		if v, ok := set[name]; ok {
			values[name] = v
		}
	}
	return tftypes.NewValue(obj, values)
}

func attributeType(typ tftypes.Type, name string) tftypes.Type {
	obj, ok := typ.(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("%s is not an object type", typ))
	}
	return obj.AttributeTypes[name]
}

// Decoded is a DynamicValue's attributes.
func Decoded(t testing.TB, typ tftypes.Type, dv *tfprotov6.DynamicValue) map[string]tftypes.Value {
	t.Helper()
	if dv == nil {
		t.Fatal("no value")
	}
	v, err := dv.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]tftypes.Value{}
	if err := v.As(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// CheckDiags fails t with the first error diagnostic of call.
func CheckDiags(t testing.TB, call string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: %s: %s", call, d.Summary, d.Detail)
		}
	}
}

// Dynamic is a value of the object type typ with the given attributes set and every other one null.
func Dynamic(t testing.TB, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("%s is not an object type", typ)
	}
	vals := map[string]tftypes.Value{}
	for name, at := range obj.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range set {
		vals[name] = v
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// stringOf is a string value, "" when null.
func stringOf(t testing.TB, v tftypes.Value) string {
	t.Helper()
	var s string
	if v.IsNull() {
		return ""
	}
	if err := v.As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TypeName is the resource's and the list resource's type.
const TypeName = "alicloud_vpn_gateway"

// ResourceType is the resource's state type.
func (w *Proto) ResourceType() tftypes.Type {
	return w.Schema.ResourceSchemas[TypeName].ValueType()
}

// IdentityType is the resource identity's type.
func (w *Proto) IdentityType(t testing.TB) tftypes.Type {
	t.Helper()
	resp, err := w.Server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	CheckDiags(t, "GetResourceIdentitySchemas", resp.Diagnostics)
	return resp.IdentitySchemas[TypeName].ValueType()
}

// Identity is the identity of gateway id in region ("" leaves the region null).
func (w *Proto) Identity(t testing.TB, id, region string) *tfprotov6.ResourceIdentityData {
	t.Helper()
	typ := w.IdentityType(t)
	values := map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, id)}
	if region != "" {
		values["region"] = tftypes.NewValue(tftypes.String, region)
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: Dynamic(t, typ, values)}
}

// IdentityOf is an identity's id and region.
func (w *Proto) IdentityOf(t testing.TB, data *tfprotov6.ResourceIdentityData) (id, region string) {
	t.Helper()
	if data == nil {
		t.Fatal("no identity")
	}
	got := Decoded(t, w.IdentityType(t), data.IdentityData)
	return stringOf(t, got["id"]), stringOf(t, got["region"])
}
