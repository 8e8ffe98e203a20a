package vpngateway_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/isolate"
	"github.com/vpngw/terraform-provider-alicloud/internal/provider"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Secrets: with TF_LOG=TRACE and TF_LOG_PATH (Terraform's log and the provider's, both at TRACE),
// an STS key's secret and security token appear nowhere: not in the log, not in state, not in any
// plan, not in anything the provider answers Terraform (diagnostics, states, private data). The
// credentials come from the environment, as they do in CI. Not parallel: it sets the environment
// the in-process provider and its log sink read.
func TestAccReliability_secrets(t *testing.T) {
	if acctest.RealCloud() {
		t.Skip("uses the simulator's STS key")
	}
	isolate.Credentials(t, provider.SettingsEnv())
	key := vpcsim.AccessKey{ID: "reliability-sts-key-id", Secret: "secret-" + rand.Text(), SecurityToken: "token-" + rand.Text()}
	e := acctest.New(t, vpcsim.Config{AccessKeys: []vpcsim.AccessKey{key}})
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", key.ID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", key.Secret)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", key.SecurityToken)
	logFile := filepath.Join(t.TempDir(), "terraform.log")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH", logFile) // the provider's log sink
	// terraform-plugin-testing passes only these on to the Terraform CLI it runs (as TF_LOG and
	// TF_LOG_PATH); the provider's sink also prefers TF_ACC_LOG_PATH, so both logs land in one file.
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logFile)

	scan := &secretScanner{secrets: map[string]string{"secret": key.Secret, "security token": key.SecurityToken}}
	providerBlock := fmt.Sprintf("provider \"alicloud\" {\n  region   = %q\n  protocol = \"HTTP\"\n  endpoints {\n    vpc = %q\n  }\n}\n", e.Region, e.Endpoint)
	gateway := func(description string) string {
		return providerBlock + fmt.Sprintf("resource \"alicloud_vpn_gateway\" \"test\" {\n  vpc_id      = %q\n  bandwidth   = 10\n  name        = \"secrets\"\n  description = %q\n}\n", e.VpcID, description)
	}
	planChecks := resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{scan.planCheck()},
		PostApplyPostRefresh: []plancheck.PlanCheck{scan.planCheck()},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: scan.factories(e),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{
			{
				Config:            gateway("First description"),
				ConfigPlanChecks:  planChecks,
				ConfigStateChecks: []statecheck.StateCheck{scan.stateCheck()},
				Check:             scan.check,
			},
			{
				Config:            gateway("Second description"),
				ConfigPlanChecks:  planChecks,
				ConfigStateChecks: []statecheck.StateCheck{scan.stateCheck()},
				Check:             scan.check,
			},
			{ResourceName: acctest.ResourceName, ImportState: true, ImportStateVerify: true, ImportStateVerifyIgnore: []string{"order_id"}},
		},
	})
	scan.checkSeen(t)

	logged, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatalf("reading the TF_LOG_PATH file: %v", err)
	}
	// The absence of secrets means something only if both logs were really written at TRACE.
	for _, evidence := range []string{"[TRACE] statemgr", "[TRACE] sdk.framework", "alicloud: VPC API request", "alicloud: created VPN Gateway"} {
		if !bytes.Contains(logged, []byte(evidence)) {
			t.Errorf("the log (%d bytes) lacks %q: it does not hold what TF_LOG=TRACE writes for Terraform and the provider", len(logged), evidence)
		}
	}
	scan.scanBytes("the TF_LOG_PATH file", logged)
	scan.report(t)
	reliability.Record(t, reliability.Result{
		Scenario: "Secrets (STS key from the environment, TF_LOG=TRACE with TF_LOG_PATH)",
		Runs:     1,
		Unit:     "create, update, import and destroy of a gateway",
		Checked: []string{
			"the secret and the security token appear nowhere in the TRACE log of Terraform and the provider (checked to hold Terraform's state manager, the framework's TRACE lines and every API request the provider sent)",
			"nor in any state (terraform show -json after each step), any plan (plan JSON before and after apply)",
			"nor in anything the provider returned to Terraform: every diagnostic, planned, new, imported and private state",
		},
		Figures: []reliability.Figure{
			{Name: "log bytes scanned", Value: fmt.Sprint(len(logged))},
			{Name: "provider answers scanned", Value: fmt.Sprint(scan.answers())},
		},
	})
}

// A wrong secret or a wrong security token is one clear error, sent once: no retry loop, no
// gateway, and no secret in the diagnostic. The first request of an apply is the plan's check of
// the VPC for a gateway left by an interrupted apply (DescribeVpnGateways), whose refusal of the
// credentials fails the plan as the create would fail the apply.
func TestAccReliability_wrongCredentials(t *testing.T) {
	key := vpcsim.AccessKey{ID: "reliability-sts-key-id", Secret: "secret-" + rand.Text(), SecurityToken: "token-" + rand.Text()}
	e := acctest.New(t, vpcsim.Config{AccessKeys: []vpcsim.AccessKey{key}})
	e.NeedSim(t, "counts the requests")
	wrongSecret, wrongToken := "wrong-secret-"+rand.Text(), "wrong-token-"+rand.Text()
	cases := []struct{ secret, token, code string }{
		{wrongSecret, key.SecurityToken, vpcapi.CodeSignatureDoesNotMatch},
		{key.Secret, wrongToken, vpcapi.CodeSecurityTokenInvalid},
	}
	scan := &secretScanner{secrets: map[string]string{
		"secret": key.Secret, "security token": key.SecurityToken, "wrong secret": wrongSecret, "wrong security token": wrongToken,
	}}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config: fmt.Sprintf(`provider "alicloud" {
  region         = %q
  access_key     = %q
  secret_key     = %q
  security_token = %q
  protocol       = "HTTP"
  endpoints {
    vpc = %q
  }
}
resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 10
  timeouts = {
    create = "20s" # a provider that retried the refusal would stop here, not after 15 minutes
  }
}
`, e.Region, key.ID, c.secret, c.token, e.Endpoint, e.VpcID),
			ExpectError: regexp.MustCompile(strings.ReplaceAll(`(?s)planning VPN Gateway: listing the gateways of.*Code: `+regexp.QuoteMeta(c.code)+
				`.*RequestId: \S+.*Check access_key and secret_key`, " ", `\s+`)),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: scan.factories(e), Steps: steps})

	stats := e.Sim.Stats()
	want := map[string]int{vpcapi.CodeSignatureDoesNotMatch: 1, vpcapi.CodeSecurityTokenInvalid: 1}
	if got := stats.Codes[vpcapi.ActionDescribeVpnGateways]; acctest.Total(got) != 2 || got[vpcapi.CodeSignatureDoesNotMatch] != 1 || got[vpcapi.CodeSecurityTokenInvalid] != 1 {
		t.Errorf("vpcsim answered DescribeVpnGateways %s, want exactly %s: one request per apply, no retries", acctest.FmtCounts(got), acctest.FmtCounts(want))
	}
	if n := acctest.Total(e.Requests()); n != 2 {
		t.Errorf("vpcsim received %d requests (%v), want 2: one per apply", n, e.Requests())
	}
	if ids := e.SimGatewayIDs(); len(ids) != 0 {
		t.Errorf("vpcsim holds %v", ids)
	}
	scan.report(t)
	reliability.Record(t, reliability.Result{
		Scenario: "Wrong credentials (secret, STS security token)",
		Runs:     len(cases),
		Unit:     "applies with a wrong credential",
		Checked: []string{
			"each apply fails at plan (the check of the VPC for a gateway left by an interrupted apply) with the API's code (SignatureDoesNotMatch, InvalidSecurityToken.Malformed), its RequestId and a hint naming access_key and secret_key",
			"each sent exactly one request: no retry loop; vpcsim holds no gateway",
			"no diagnostic or state the provider returned holds the right or the wrong secret or token",
		},
		Figures: []reliability.Figure{
			{Name: "requests received by vpcsim", Value: fmt.Sprint(acctest.Total(e.Requests()))},
			{Name: "DescribeVpnGateways answers by code", Value: acctest.FmtCounts(stats.Codes[vpcapi.ActionDescribeVpnGateways])},
		},
	})
}

// secretScanner looks for secrets in everything it is shown and keeps what it found.
type secretScanner struct {
	secrets map[string]string // what -> value

	mu      sync.Mutex
	found   []string
	scanned int
}

func (s *secretScanner) scanBytes(where string, b []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scanned++
	for what, v := range s.secrets {
		if v != "" && bytes.Contains(b, []byte(v)) {
			s.found = append(s.found, fmt.Sprintf("the %s appears in %s", what, where))
		}
	}
}

func (s *secretScanner) answers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.scanned
}

// report fails t for every secret found.
func (s *secretScanner) report(t *testing.T) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.found {
		t.Error(f)
	}
}

// checkSeen fails t if the scanner saw nothing, which would make its silence meaningless.
func (s *secretScanner) checkSeen(t *testing.T) {
	t.Helper()
	if s.answers() == 0 {
		t.Error("the secret scanner saw no provider answer")
	}
}

func (s *secretScanner) scanJSON(where string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("marshalling %s: %w", where, err)
	}
	s.scanBytes(where, b)
	return nil
}

func (s *secretScanner) planCheck() plancheck.PlanCheck { return scanPlan{s} }

type scanPlan struct{ s *secretScanner }

func (c scanPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = c.s.scanJSON("a plan", req.Plan)
}

func (s *secretScanner) stateCheck() statecheck.StateCheck { return scanState{s} }

type scanState struct{ s *secretScanner }

func (c scanState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = c.s.scanJSON("the state", req.State)
}

// check scans the shimmed state a TestStep's Check sees.
func (s *secretScanner) check(st *terraform.State) error { return s.scanJSON("the state", st) }

// factories serves the provider (with acctest.Env's diagnostics recorder) behind the scanner.
func (s *secretScanner) factories(e *acctest.Env) map[string]func() (tfprotov6.ProviderServer, error) {
	return e.Wrapped(func(srv tfprotov6.ProviderServer) tfprotov6.ProviderServer {
		return &scannedServer{ProviderServer: srv, scan: s}
	})
}

// scannedServer shows the scanner every answer of the provider that can carry configuration or
// API data back to Terraform.
type scannedServer struct {
	tfprotov6.ProviderServer
	scan *secretScanner
}

func (s *scannedServer) answer(rpc string, diags []*tfprotov6.Diagnostic, values ...*tfprotov6.DynamicValue) {
	var b bytes.Buffer
	for _, d := range diags {
		fmt.Fprintf(&b, "%s\n%s\n", d.Summary, d.Detail)
	}
	for _, v := range values {
		if v != nil {
			b.Write(v.MsgPack)
			b.Write(v.JSON)
		}
	}
	s.scan.scanBytes("the provider's "+rpc+" answer", b.Bytes())
}

// ValidateProviderConfig's PreparedConfig is the user's configuration echoed back, which Terraform
// neither stores nor shows; only its diagnostics are the provider's words.
func (s *scannedServer) ValidateProviderConfig(ctx context.Context, req *tfprotov6.ValidateProviderConfigRequest) (*tfprotov6.ValidateProviderConfigResponse, error) {
	resp, err := s.ProviderServer.ValidateProviderConfig(ctx, req)
	if resp != nil {
		s.answer("ValidateProviderConfig", resp.Diagnostics)
	}
	return resp, err
}

func (s *scannedServer) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	resp, err := s.ProviderServer.ConfigureProvider(ctx, req)
	if resp != nil {
		s.answer("ConfigureProvider", resp.Diagnostics)
	}
	return resp, err
}

func (s *scannedServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		s.answer("PlanResourceChange", resp.Diagnostics, resp.PlannedState)
		s.scan.scanBytes("the provider's planned private data", resp.PlannedPrivate)
	}
	return resp, err
}

func (s *scannedServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		s.answer("ApplyResourceChange", resp.Diagnostics, resp.NewState)
		s.scan.scanBytes("the provider's private data", resp.Private)
	}
	return resp, err
}

func (s *scannedServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		s.answer("ReadResource", resp.Diagnostics, resp.NewState)
		s.scan.scanBytes("the provider's private data", resp.Private)
	}
	return resp, err
}

func (s *scannedServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	resp, err := s.ProviderServer.ImportResourceState(ctx, req)
	if resp != nil {
		var states []*tfprotov6.DynamicValue
		for _, r := range resp.ImportedResources {
			states = append(states, r.State)
		}
		s.answer("ImportResourceState", resp.Diagnostics, states...)
	}
	return resp, err
}
