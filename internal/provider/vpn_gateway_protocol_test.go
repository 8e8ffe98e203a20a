package provider

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// The list resource and the identity, at the protocol level: the provider served in-process through
// tfprotov6, as Terraform 1.12+ (`terraform query`, import by identity) would call it. No Terraform
// that runs `terraform query` can be built on this machine, so these calls stand for it.

// listServer is a provider server that serves list resources: tfprotov6 keeps ListResource apart
// from ProviderServer for now.
type listServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
}

// protoWorld is a configured provider server against a simulator.
type protoWorld struct {
	e      *accEnv
	server listServer
	schema *tfprotov6.GetProviderSchemaResponse
}

func newProtoWorld(t testing.TB, cfg vpcsim.Config) *protoWorld {
	t.Helper()
	if realCloud() {
		t.Skip("stages and removes gateways in vpcsim")
	}
	w := &protoWorld{e: newAccEnv(t, cfg)}
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	withList, ok := server.(listServer)
	if !ok {
		t.Fatalf("the provider server (%T) serves no list resources", server)
	}
	w.server = withList
	ctx := context.Background()
	if w.schema, err = server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{}); err != nil {
		t.Fatal(err)
	}
	checkDiags(t, "GetProviderSchema", w.schema.Diagnostics)
	providerType := w.schema.Provider.ValueType()
	config := map[string]tftypes.Value{
		"region":     tftypes.NewValue(tftypes.String, w.e.region),
		"access_key": tftypes.NewValue(tftypes.String, vpcsim.DefaultAccessKeyID),
		"secret_key": tftypes.NewValue(tftypes.String, vpcsim.DefaultAccessKeySecret),
		"protocol":   tftypes.NewValue(tftypes.String, "HTTP"),
		"endpoints": objectOf(attributeType(providerType, "endpoints"), map[string]tftypes.Value{
			"vpc": tftypes.NewValue(tftypes.String, w.e.endpoint),
		}),
	}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: dynamic(t, providerType, config)})
	if err != nil {
		t.Fatal(err)
	}
	checkDiags(t, "ConfigureProvider", resp.Diagnostics)
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

// decoded is a DynamicValue's attributes.
func decoded(t testing.TB, typ tftypes.Type, dv *tfprotov6.DynamicValue) map[string]tftypes.Value {
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

func stringOf(t *testing.T, v tftypes.Value) string {
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

func checkDiags(t testing.TB, call string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: %s: %s", call, d.Summary, d.Detail)
		}
	}
}

const protoTypeName = "alicloud_vpn_gateway" // the resource and the list resource

func (w *protoWorld) resourceType() tftypes.Type {
	return w.schema.ResourceSchemas[protoTypeName].ValueType()
}

func (w *protoWorld) identityType(t *testing.T) tftypes.Type {
	t.Helper()
	resp, err := w.server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	checkDiags(t, "GetResourceIdentitySchemas", resp.Diagnostics)
	return resp.IdentitySchemas[protoTypeName].ValueType()
}

func (w *protoWorld) identity(t *testing.T, id, region string) *tfprotov6.ResourceIdentityData {
	t.Helper()
	typ := w.identityType(t)
	values := map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, id)}
	if region != "" {
		values["region"] = tftypes.NewValue(tftypes.String, region)
	}
	return &tfprotov6.ResourceIdentityData{IdentityData: dynamic(t, typ, values)}
}

// identityOfData is an identity's id and region.
func (w *protoWorld) identityOfData(t *testing.T, data *tfprotov6.ResourceIdentityData) (id, region string) {
	t.Helper()
	if data == nil {
		t.Fatal("no identity")
	}
	got := decoded(t, w.identityType(t), data.IdentityData)
	return stringOf(t, got["id"]), stringOf(t, got["region"])
}

// list runs ListResource with the given filters and returns its results.
func (w *protoWorld) list(t *testing.T, filters map[string]tftypes.Value, includeResource bool, limit int64) []tfprotov6.ListResourceResult {
	t.Helper()
	typ := w.schema.ListResourceSchemas[protoTypeName].ValueType()
	stream, err := w.server.ListResource(context.Background(), &tfprotov6.ListResourceRequest{
		TypeName: protoTypeName, Config: dynamic(t, typ, filters), IncludeResource: includeResource, Limit: limit,
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []tfprotov6.ListResourceResult
	for r := range stream.Results {
		checkDiags(t, "ListResource", r.Diagnostics)
		out = append(out, r)
	}
	return out
}

func TestProtocolIdentitySchema(t *testing.T) {
	t.Parallel()
	w := newProtoWorld(t, vpcsim.Config{})
	resp, err := w.server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	s := resp.IdentitySchemas[protoTypeName]
	if s == nil {
		t.Fatalf("no identity schema for %s among %v", protoTypeName, resp.IdentitySchemas)
	}
	got := map[string]string{}
	for _, a := range s.IdentityAttributes {
		switch {
		case a.RequiredForImport:
			got[a.Name] = "required"
		case a.OptionalForImport:
			got[a.Name] = "optional"
		}
	}
	if len(got) != 2 || got["id"] != "required" || got["region"] != "optional" {
		t.Errorf("identity attributes for import: %v; want id required and region optional", got)
	}
}

// ListResource: filters, display names, identities, the limit, and with include_resource the object
// an import by identity followed by a read holds, so the configuration generated from it imports
// with nothing to change.
func TestProtocolListResourceAdoptsWhatImportReads(t *testing.T) {
	t.Parallel()
	w := newProtoWorld(t, vpcsim.Config{Networks: dataSourceNetworks, ProvisionDelay: time.Millisecond})
	web1 := w.e.stage(t, "web-1", nil)
	web2 := w.e.stage(t, "web-2", nil)
	w.e.tag(t, web2, map[string]string{"env": "prod"})
	w.e.stage(t, "db-1", nil)
	if _, err := w.e.sim.AddForeignGateway(gateway.Foreign{Name: "web-enhanced"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	webs := map[string]tftypes.Value{"name_regex": tftypes.NewValue(tftypes.String, "^web-")}

	results := w.list(t, webs, true, 0)
	if len(results) != 2 {
		t.Fatalf("listed %d gateways named web-*; want 2 (the other product's web-enhanced is not one)", len(results))
	}
	for i, want := range []struct{ id, name string }{{web2, "web-2"}, {web1, "web-1"}} {
		r := results[i]
		if r.DisplayName != fmt.Sprintf("%s (%s)", want.name, want.id) {
			t.Errorf("result %d is named %q; want %q", i, r.DisplayName, fmt.Sprintf("%s (%s)", want.name, want.id))
		}
		if id, region := w.identityOfData(t, r.Identity); id != want.id || region != w.e.region {
			t.Errorf("result %d has identity id=%q region=%q; want %q, %q", i, id, region, want.id, w.e.region)
		}

		// Import by identity (region left to the provider's), then read, as `terraform apply` of
		// the generated import block does.
		imported, err := w.server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
			TypeName: protoTypeName, Identity: w.identity(t, want.id, ""),
		})
		if err != nil {
			t.Fatal(err)
		}
		checkDiags(t, "ImportResourceState", imported.Diagnostics)
		if len(imported.ImportedResources) != 1 {
			t.Fatalf("import gave %d resources", len(imported.ImportedResources))
		}
		ir := imported.ImportedResources[0]
		if id, region := w.identityOfData(t, ir.Identity); id != want.id || region != w.e.region {
			t.Errorf("import by identity answered identity id=%q region=%q; want %q, %q", id, region, want.id, w.e.region)
		}
		read, err := w.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
			TypeName: protoTypeName, CurrentState: ir.State, CurrentIdentity: ir.Identity, Private: ir.Private,
		})
		if err != nil {
			t.Fatal(err)
		}
		checkDiags(t, "ReadResource", read.Diagnostics)
		if id, region := w.identityOfData(t, read.NewIdentity); id != want.id || region != w.e.region {
			t.Errorf("read after import answered identity id=%q region=%q", id, region)
		}
		listed, afterImport := decoded(t, w.resourceType(), r.Resource), decoded(t, w.resourceType(), read.NewState)
		for name, v := range afterImport {
			if !listed[name].Equal(v) {
				t.Errorf("%s: the list's %s is %s; an import and read give %s", want.id, name, listed[name], v)
			}
		}
		w.planIsEmpty(t, read.NewState, read.NewIdentity)
	}

	if got := w.list(t, webs, false, 0); len(got) != 2 || got[0].Resource != nil {
		t.Errorf("without include_resource: %d results, the first with a resource object: %v", len(got), len(got) > 0 && got[0].Resource != nil)
	}
	if got := w.list(t, nil, false, 1); len(got) != 1 {
		t.Errorf("limit 1 gave %d results", len(got))
	}
	tagged := w.list(t, map[string]tftypes.Value{"tags": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String},
		map[string]tftypes.Value{"env": tftypes.NewValue(tftypes.String, "prod")})}, false, 0)
	if len(tagged) != 1 || tagged[0].DisplayName != fmt.Sprintf("web-2 (%s)", web2) {
		t.Errorf("tags filter listed %d results; want web-2 alone", len(tagged))
	}
	if got := w.list(t, map[string]tftypes.Value{"region": tftypes.NewValue(tftypes.String, dsOtherRegion)}, false, 0); len(got) != 0 {
		t.Errorf("the region filter listed %d gateways of %s; want none", len(got), dsOtherRegion)
	}
}

// planIsEmpty plans the configuration Terraform would generate from state (every argument as state
// holds it, the computed-only attributes null) and expects no change.
func (w *protoWorld) planIsEmpty(t *testing.T, state *tfprotov6.DynamicValue, identity *tfprotov6.ResourceIdentityData) {
	t.Helper()
	typ := w.resourceType()
	values := decoded(t, typ, state)
	config := map[string]tftypes.Value{}
	for _, a := range w.schema.ResourceSchemas[protoTypeName].Block.Attributes {
		if (a.Required || a.Optional) && a.Name != "timeouts" {
			config[a.Name] = values[a.Name]
		}
	}
	resp, err := w.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: protoTypeName, PriorState: state, ProposedNewState: state, PriorIdentity: identity,
		Config: dynamic(t, typ, config),
	})
	if err != nil {
		t.Fatal(err)
	}
	checkDiags(t, "PlanResourceChange", resp.Diagnostics)
	planned := decoded(t, typ, resp.PlannedState)
	for name, v := range values {
		if !planned[name].Equal(v) {
			t.Errorf("the generated configuration plans %s: %s -> %s", name, v, planned[name])
		}
	}
	if len(resp.RequiresReplace) > 0 {
		t.Errorf("the generated configuration plans a replacement for %v", resp.RequiresReplace)
	}
}

// A state written by a CLI or provider that kept no identity: Read answers one, also when the
// gateway is gone and the resource leaves state (the framework refuses a Read without identity).
func TestProtocolReadWithoutIdentity(t *testing.T) {
	t.Parallel()
	w := newProtoWorld(t, vpcsim.Config{ProvisionDelay: time.Millisecond})
	id := w.e.stage(t, "old-state", nil)
	typ := w.resourceType()
	state := dynamic(t, typ, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, id)})
	ctx := context.Background()
	for _, gone := range []bool{false, true} {
		if gone {
			if err := w.e.sim.RemoveGateway(id); err != nil {
				t.Fatal(err)
			}
		}
		resp, err := w.server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: protoTypeName, CurrentState: state})
		if err != nil {
			t.Fatal(err)
		}
		checkDiags(t, fmt.Sprintf("ReadResource (gone: %v)", gone), resp.Diagnostics)
		if gotID, region := w.identityOfData(t, resp.NewIdentity); gotID != id || region != w.e.region {
			t.Errorf("gone: %v: identity id=%q region=%q; want %q, %q", gone, gotID, region, id, w.e.region)
		}
		if v, err := resp.NewState.Unmarshal(typ); err != nil || v.IsNull() != gone {
			t.Errorf("gone: %v: new state null = %v (%v)", gone, v.IsNull(), err)
		}
	}
}
