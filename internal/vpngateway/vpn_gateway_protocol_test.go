package vpngateway_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// The identity at the protocol level: the provider served in-process through tfprotov6, as
// Terraform 1.12+ (import by identity) would call it.

func TestProtocolIdentitySchema(t *testing.T) {
	t.Parallel()
	w := acctest.NewProto(t, vpcsim.Config{})
	resp, err := w.Server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	s := resp.IdentitySchemas[acctest.TypeName]
	if s == nil {
		t.Fatalf("no identity schema for %s among %v", acctest.TypeName, resp.IdentitySchemas)
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

// A state written by a CLI or provider that kept no identity: Read answers one, also when the
// gateway is gone and the resource leaves state (the framework refuses a Read without identity).
func TestProtocolReadWithoutIdentity(t *testing.T) {
	t.Parallel()
	w := acctest.NewProto(t, vpcsim.Config{ProvisionDelay: time.Millisecond})
	id := w.Env.Stage(t, "old-state", nil)
	typ := w.ResourceType()
	state := acctest.Dynamic(t, typ, map[string]tftypes.Value{"id": tftypes.NewValue(tftypes.String, id)})
	ctx := context.Background()
	for _, gone := range []bool{false, true} {
		if gone {
			if err := w.Env.Sim.RemoveGateway(id); err != nil {
				t.Fatal(err)
			}
		}
		resp, err := w.Server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: acctest.TypeName, CurrentState: state})
		if err != nil {
			t.Fatal(err)
		}
		acctest.CheckDiags(t, fmt.Sprintf("ReadResource (gone: %v)", gone), resp.Diagnostics)
		if gotID, region := w.IdentityOf(t, resp.NewIdentity); gotID != id || region != w.Env.Region {
			t.Errorf("gone: %v: identity id=%q region=%q; want %q, %q", gone, gotID, region, id, w.Env.Region)
		}
		if v, err := resp.NewState.Unmarshal(typ); err != nil || v.IsNull() != gone {
			t.Errorf("gone: %v: new state null = %v (%v)", gone, v.IsNull(), err)
		}
	}
}
