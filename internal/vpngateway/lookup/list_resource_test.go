package lookup_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// The list resource at the protocol level: the provider served in-process through
// tfprotov6, as Terraform 1.12+ (`terraform query`, import by identity) would call it. No Terraform
// that runs `terraform query` can be built on this machine, so these calls stand for it.

// list runs ListResource with the given filters and returns its results.
func list(t *testing.T, w *acctest.Proto, filters map[string]tftypes.Value, includeResource bool, limit int64) []tfprotov6.ListResourceResult {
	t.Helper()
	typ := w.Schema.ListResourceSchemas[acctest.TypeName].ValueType()
	stream, err := w.Server.ListResource(context.Background(), &tfprotov6.ListResourceRequest{
		TypeName: acctest.TypeName, Config: acctest.Dynamic(t, typ, filters), IncludeResource: includeResource, Limit: limit,
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []tfprotov6.ListResourceResult
	for r := range stream.Results {
		acctest.CheckDiags(t, "ListResource", r.Diagnostics)
		out = append(out, r)
	}
	return out
}

// ListResource: filters, display names, identities, the limit, and with include_resource the object
// an import by identity followed by a read holds, so the configuration generated from it imports
// with nothing to change.
func TestProtocolListResourceAdoptsWhatImportReads(t *testing.T) {
	t.Parallel()
	w := acctest.NewProto(t, vpcsim.Config{Networks: acctest.Networks, ProvisionDelay: time.Millisecond})
	web1 := w.Env.Stage(t, "web-1", nil)
	web2 := w.Env.Stage(t, "web-2", nil)
	w.Env.Tag(t, web2, map[string]string{"env": "prod"})
	w.Env.Stage(t, "db-1", nil)
	if _, err := w.Env.Sim.AddForeignGateway(gateway.Foreign{Name: "web-enhanced"}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	webs := map[string]tftypes.Value{"name_regex": tftypes.NewValue(tftypes.String, "^web-")}

	results := list(t, w, webs, true, 0)
	if len(results) != 2 {
		t.Fatalf("listed %d gateways named web-*; want 2 (the other product's web-enhanced is not one)", len(results))
	}
	for i, want := range []struct{ id, name string }{{web2, "web-2"}, {web1, "web-1"}} {
		r := results[i]
		if r.DisplayName != fmt.Sprintf("%s (%s)", want.name, want.id) {
			t.Errorf("result %d is named %q; want %q", i, r.DisplayName, fmt.Sprintf("%s (%s)", want.name, want.id))
		}
		if id, region := w.IdentityOf(t, r.Identity); id != want.id || region != w.Env.Region {
			t.Errorf("result %d has identity id=%q region=%q; want %q, %q", i, id, region, want.id, w.Env.Region)
		}

		// Import by identity (region left to the provider's), then read, as `terraform apply` of
		// the generated import block does.
		imported, err := w.Server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{
			TypeName: acctest.TypeName, Identity: w.Identity(t, want.id, ""),
		})
		if err != nil {
			t.Fatal(err)
		}
		acctest.CheckDiags(t, "ImportResourceState", imported.Diagnostics)
		if len(imported.ImportedResources) != 1 {
			t.Fatalf("import gave %d resources", len(imported.ImportedResources))
		}
		ir := imported.ImportedResources[0]
		if id, region := w.IdentityOf(t, ir.Identity); id != want.id || region != w.Env.Region {
			t.Errorf("import by identity answered identity id=%q region=%q; want %q, %q", id, region, want.id, w.Env.Region)
		}
		read, err := w.Server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
			TypeName: acctest.TypeName, CurrentState: ir.State, CurrentIdentity: ir.Identity, Private: ir.Private,
		})
		if err != nil {
			t.Fatal(err)
		}
		acctest.CheckDiags(t, "ReadResource", read.Diagnostics)
		if id, region := w.IdentityOf(t, read.NewIdentity); id != want.id || region != w.Env.Region {
			t.Errorf("read after import answered identity id=%q region=%q", id, region)
		}
		listed, afterImport := acctest.Decoded(t, w.ResourceType(), r.Resource), acctest.Decoded(t, w.ResourceType(), read.NewState)
		for name, v := range afterImport {
			if !listed[name].Equal(v) {
				t.Errorf("%s: the list's %s is %s; an import and read give %s", want.id, name, listed[name], v)
			}
		}
		planIsEmpty(t, w, read.NewState, read.NewIdentity)
	}

	if got := list(t, w, webs, false, 0); len(got) != 2 || got[0].Resource != nil {
		t.Errorf("without include_resource: %d results, the first with a resource object: %v", len(got), len(got) > 0 && got[0].Resource != nil)
	}
	if got := list(t, w, nil, false, 1); len(got) != 1 {
		t.Errorf("limit 1 gave %d results", len(got))
	}
	tagged := list(t, w, map[string]tftypes.Value{"tags": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String},
		map[string]tftypes.Value{"env": tftypes.NewValue(tftypes.String, "prod")})}, false, 0)
	if len(tagged) != 1 || tagged[0].DisplayName != fmt.Sprintf("web-2 (%s)", web2) {
		t.Errorf("tags filter listed %d results; want web-2 alone", len(tagged))
	}
	if got := list(t, w, map[string]tftypes.Value{"region": tftypes.NewValue(tftypes.String, acctest.OtherRegion)}, false, 0); len(got) != 0 {
		t.Errorf("the region filter listed %d gateways of %s; want none", len(got), acctest.OtherRegion)
	}
}

// planIsEmpty plans the configuration Terraform would generate from state (every argument as state
// holds it, the computed-only attributes null) and expects no change.
func planIsEmpty(t *testing.T, w *acctest.Proto, state *tfprotov6.DynamicValue, identity *tfprotov6.ResourceIdentityData) {
	t.Helper()
	typ := w.ResourceType()
	values := acctest.Decoded(t, typ, state)
	config := map[string]tftypes.Value{}
	for _, a := range w.Schema.ResourceSchemas[acctest.TypeName].Block.Attributes {
		if (a.Required || a.Optional) && a.Name != "timeouts" {
			config[a.Name] = values[a.Name]
		}
	}
	resp, err := w.Server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: acctest.TypeName, PriorState: state, ProposedNewState: state, PriorIdentity: identity,
		Config: acctest.Dynamic(t, typ, config),
	})
	if err != nil {
		t.Fatal(err)
	}
	acctest.CheckDiags(t, "PlanResourceChange", resp.Diagnostics)
	planned := acctest.Decoded(t, typ, resp.PlannedState)
	for name, v := range values {
		if !planned[name].Equal(v) {
			t.Errorf("the generated configuration plans %s: %s -> %s", name, v, planned[name])
		}
	}
	if len(resp.RequiresReplace) > 0 {
		t.Errorf("the generated configuration plans a replacement for %v", resp.RequiresReplace)
	}
}
