package vpngateway_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/provider"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// nullValue is the null of typ: the prior state of a gateway to be created.
func nullValue(t *testing.T, typ tftypes.Type) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// Ctrl-C during a plan whose same-name check waits for a slow API ends the plan at once. Terraform
// answers an interrupt with StopProvider, which terraform-plugin-go turns into the cancellation of
// every request's context: this test cancels PlanResourceChange's context the same way, while the
// check's DescribeVpnGateways is held by the simulator for a minute.
func TestPlanInterruptedDuringSameNameCheck(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "holds the list")
	e.Sim.SetFaults(vpcsim.Faults{Actions: []string{vpcapi.ActionDescribeVpnGateways}, Latency: vpcsim.Duration(time.Minute)})
	arrived := make(chan struct{}, 1)
	e.Interpose(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if action, _ := acctest.APIParams(r); action == vpcapi.ActionDescribeVpnGateways {
			select {
			case arrived <- struct{}{}:
			default:
			}
		}
		e.Sim.ServeHTTP(w, r)
	}))

	server, err := providerserver.NewProtocol6WithError(provider.New("test")())()
	must(t, err)
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	must(t, err)
	providerType := schemas.Provider.ValueType()
	providerObject, ok := providerType.(tftypes.Object)
	if !ok {
		t.Fatalf("the provider schema's type is %s", providerType)
	}
	endpointsType := providerObject.AttributeTypes["endpoints"]
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		Config: acctest.Dynamic(t, providerType, map[string]tftypes.Value{
			"region":     tftypes.NewValue(tftypes.String, e.Region),
			"access_key": tftypes.NewValue(tftypes.String, vpcsim.DefaultAccessKeyID),
			"secret_key": tftypes.NewValue(tftypes.String, vpcsim.DefaultAccessKeySecret),
			"protocol":   tftypes.NewValue(tftypes.String, "HTTP"),
			"endpoints": tftypes.NewValue(endpointsType, map[string]tftypes.Value{
				"vpc": tftypes.NewValue(tftypes.String, e.Endpoint),
			}),
		}),
	})
	must(t, err)
	for _, d := range configured.Diagnostics {
		t.Fatalf("ConfigureProvider: %s: %s", d.Summary, d.Detail)
	}

	gatewayType := schemas.ResourceSchemas["alicloud_vpn_gateway"].ValueType()
	config := acctest.Dynamic(t, gatewayType, map[string]tftypes.Value{
		"vpc_id":    tftypes.NewValue(tftypes.String, e.VpcID),
		"bandwidth": tftypes.NewValue(tftypes.Number, 5),
		"name":      tftypes.NewValue(tftypes.String, "edge"),
	})
	planCtx, interrupt := context.WithCancel(ctx)
	defer interrupt()
	done := make(chan *tfprotov6.PlanResourceChangeResponse, 1)
	go func() {
		resp, err := server.PlanResourceChange(planCtx, &tfprotov6.PlanResourceChangeRequest{
			TypeName:         "alicloud_vpn_gateway",
			PriorState:       nullValue(t, gatewayType),
			ProposedNewState: config,
			Config:           config,
		})
		if err != nil {
			t.Errorf("PlanResourceChange: %v", err)
		}
		done <- resp
	}()
	select {
	case <-arrived:
	case resp := <-done:
		t.Fatalf("the plan ended before it asked for the VPC's gateways: %+v", resp.Diagnostics)
	case <-time.After(20 * time.Second):
		t.Fatal("the plan never asked for the VPC's gateways")
	}
	interrupt()
	var resp *tfprotov6.PlanResourceChangeResponse
	select {
	case resp = <-done:
	case <-time.After(vpcclient.DefaultRetryPolicy.LookupBudget / 2):
		// Below the check's own budget too: a plan that ignored the interrupt would end there.
		t.Fatal("the interrupted plan is still waiting for the same-name check")
	}
	if resp == nil {
		return
	}
	var skipped bool
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Errorf("interrupted plan failed: %s: %s", d.Summary, d.Detail)
		}
		skipped = skipped || strings.Contains(d.Summary, "same-name check skipped") && strings.Contains(d.Detail, "interrupted")
	}
	if !skipped {
		t.Errorf("the plan does not say that the check was skipped: %+v", resp.Diagnostics)
	}
}
