// Package acctest is what the acceptance tests of the provider, the resource and the data sources
// share: a vpcsim per test on loopback, the provider served in-process (protocol 6) with its
// diagnostics recorded, the Terraform CLI they run, and the checks every suite makes (destroyed,
// no errors, warnings, vpcsim against state). Each package with acceptance tests runs them through
// Main.
package acctest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/vpngw/terraform-provider-alicloud/internal/provider"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/nodns"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/dialect"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// The acceptance tests run a real Terraform CLI (TF_ACC=1) against a vpcsim that each test starts
// for itself. With ALICLOUD_ACC_REAL=1 they target the real VPC endpoint instead, with the
// credentials and region of the environment and the VPC named by ALICLOUD_ACC_VPC_ID; the tests
// that need the simulator (to delete behind Terraform's back, fill a quota, pay an order) skip.
//
// VPCSIM_DIALECT picks the site whose answers every simulator imitates (dialect.Dialects; "" is
// vpcsim's default): `make test` runs the suite once per dialect, since the provider must read
// every one the same way.
const (
	EnvAccReal = "ALICLOUD_ACC_REAL" // "1" targets the real cloud

	envAccVpcID   = "ALICLOUD_ACC_VPC_ID"
	envAccDialect = "VPCSIM_DIALECT"
)

// Delays of the per-test simulators: long enough that every wait really polls, short enough
// that the suite stays fast.
const (
	accProvisionDelay = 1500 * time.Millisecond
	accUpdateDelay    = 500 * time.Millisecond
	accDeleteDelay    = 500 * time.Millisecond
)

// RealCloud tells whether the tests target the real VPC endpoint instead of simulators.
func RealCloud() bool { return os.Getenv(EnvAccReal) == "1" }

// Main is the TestMain of every package with acceptance tests.
func Main(m *testing.M) {
	// credentials-go's default chain would otherwise ask the ECS metadata address; Terraform would
	// otherwise ask HashiCorp's checkpoint service for news.
	_ = os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	_ = os.Setenv("CHECKPOINT_DISABLE", "1")
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		// Never let terraform-plugin-testing download a CLI: the one on PATH, else the repository's.
		if p, err := exec.LookPath("terraform"); err == nil {
			_ = os.Setenv("TF_ACC_TERRAFORM_PATH", p)
		} else if root, err := moduleRoot(); err == nil {
			_ = os.Setenv("TF_ACC_TERRAFORM_PATH", filepath.Join(root, "bin", "terraform"))
		}
	}
	// No test may send a DNS query off this machine (see the provider's unknown-host tests),
	// except against the real cloud, whose endpoint has to be resolved.
	if !RealCloud() {
		nodns.Install()
	}
	os.Exit(m.Run())
}

// moduleRoot is the directory of go.mod above the working directory, which go test sets to the
// package's, however deep it sits.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Env is one test's world: its simulator (nil against the real cloud), where the provider
// finds it, and what the provider reported.
type Env struct {
	Sim      *vpcsim.Sim
	Endpoint string // host:port of the simulator
	Region   string
	VpcID    string
	Diags    *DiagRecorder
}

// New starts a simulator with cfg (its delays defaulting to the acc ones) for t, or, against
// the real cloud, reads the environment.
func New(t testing.TB, cfg vpcsim.Config) *Env {
	t.Helper()
	e := &Env{Diags: &DiagRecorder{}}
	if RealCloud() {
		e.Region = cmp.Or(os.Getenv("ALIBABA_CLOUD_REGION"), os.Getenv("ALICLOUD_REGION"))
		e.VpcID = os.Getenv(envAccVpcID)
		if e.Region == "" || e.VpcID == "" {
			t.Fatalf("%s=1 needs ALIBABA_CLOUD_REGION and %s, and credentials in the environment", EnvAccReal, envAccVpcID)
		}
		return e
	}
	if cfg.Dialect == "" {
		cfg.Dialect = dialect.Dialect(os.Getenv(envAccDialect))
	}
	if cfg.ProvisionDelay == 0 {
		cfg.ProvisionDelay = accProvisionDelay
	}
	if cfg.UpdateDelay == 0 {
		cfg.UpdateDelay = accUpdateDelay
	}
	if cfg.DeleteDelay == 0 {
		cfg.DeleteDelay = accDeleteDelay
	}
	sim, err := vpcsim.New(cfg)
	if err != nil {
		t.Fatalf("starting vpcsim: %v", err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(func() {
		srv.Close()
		_ = sim.Close()
	})
	e.Sim = sim
	e.Endpoint = strings.TrimPrefix(srv.URL, "http://")
	e.Region = vpcsim.DefaultRegion
	e.VpcID = vpcsim.DefaultVpcID
	return e
}

// NeedSim skips a test that only the simulator can stage.
func (e *Env) NeedSim(t *testing.T, why string) {
	t.Helper()
	if e.Sim == nil {
		t.Skipf("needs vpcsim (%s); skipped against the real cloud", why)
	}
}

// ProviderBlock points the provider at the simulator with its keys, or, against the real cloud,
// leaves everything to the environment.
func (e *Env) ProviderBlock() string {
	if e.Sim == nil {
		return "provider \"alicloud\" {}\n"
	}
	return fmt.Sprintf(`provider "alicloud" {
  region     = %q
  access_key = %q
  secret_key = %q
  protocol   = "HTTP"
  endpoints {
    vpc = %q
  }
}
`, e.Region, vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret, e.Endpoint)
}

// Config is the provider block followed by resources.
func (e *Env) Config(resources string) string {
	return e.ProviderBlock() + resources
}

// Factories serves the provider in-process, with a recorder of its diagnostics in front.
func (e *Env) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return e.Wrapped(func(s tfprotov6.ProviderServer) tfprotov6.ProviderServer { return s })
}

// Wrapped is Factories with each provider server behind wrap, for tests that watch or change what
// the provider answers Terraform.
func (e *Env) Wrapped(wrap func(tfprotov6.ProviderServer) tfprotov6.ProviderServer) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"alicloud": func() (tfprotov6.ProviderServer, error) {
			server, err := providerserver.NewProtocol6WithError(provider.New("acctest")())()
			if err != nil {
				return nil, err
			}
			return wrap(&recordingServer{ProviderServer: server, rec: e.Diags}), nil
		},
	}
}

// Requests is how many API requests the simulator has received, by action.
func (e *Env) Requests() map[string]int {
	out := map[string]int{}
	for action, byStatus := range e.Sim.Stats().Requests {
		for _, n := range byStatus {
			out[action] += n
		}
	}
	return out
}

// Gateway is the simulator's view of one gateway.
func (e *Env) Gateway(id string) (gateway.View, bool) {
	for _, g := range e.Sim.Gateways() {
		if g.VpnGatewayID == id {
			return g, true
		}
	}
	return gateway.View{}, false
}

// Client is a VPC client of the same world as the provider's, for checks against the real cloud.
func (e *Env) Client() (*vpcclient.Client, error) {
	return vpcclient.New(vpcclient.Config{Region: e.Region})
}

// CheckDestroyed is a CheckDestroy: every alicloud_vpn_gateway of the state must be gone from the
// API, and the simulator must hold no gateway at all.
func (e *Env) CheckDestroyed(s *terraform.State) error {
	var ids []string
	for _, rs := range s.RootModule().Resources {
		if rs.Type == "alicloud_vpn_gateway" {
			ids = append(ids, rs.Primary.ID)
		}
	}
	if e.Sim != nil {
		if left := e.Sim.Gateways(); len(left) > 0 {
			var desc []string
			for _, g := range left {
				desc = append(desc, g.VpnGatewayID+" ("+g.Status+")")
			}
			return fmt.Errorf("vpcsim still has %d gateways after destroy: %s", len(left), strings.Join(desc, ", "))
		}
		return nil
	}
	client, err := e.Client()
	if err != nil {
		return err
	}
	for _, id := range ids {
		gw, err := client.DescribeVpnGateway(context.Background(), &vpc.DescribeVpnGatewayRequest{
			RegionId: dara.String(client.Region()), VpnGatewayId: dara.String(id),
		})
		switch {
		// The API answers a gateway it no longer knows with its not-found code or with an empty answer.
		case errors.Is(err, vpcclient.ErrVpnGatewayNotFound), err == nil && dara.StringValue(gw.VpnGatewayId) == "":
		case err != nil:
			return fmt.Errorf("checking %s: %w", id, err)
		default:
			return fmt.Errorf("VPN Gateway %s still exists after destroy", id)
		}
	}
	return nil
}

// recorded is one diagnostic the provider returned.
type recorded struct {
	severity tfprotov6.DiagnosticSeverity
	summary  string
	detail   string
}

// DiagRecorder keeps what the provider told Terraform, for warnings, which
// terraform-plugin-testing has no check for.
type DiagRecorder struct {
	mu    sync.Mutex
	diags []recorded
}

func (r *DiagRecorder) add(ds []*tfprotov6.Diagnostic) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, d := range ds {
		r.diags = append(r.diags, recorded{d.Severity, d.Summary, d.Detail})
	}
}

// String lists every diagnostic recorded so far, for a failure message.
func (r *DiagRecorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return fmt.Sprintf("%+v", r.diags)
}

// Warning tells whether a warning's summary and detail contain every one of parts.
func (r *DiagRecorder) Warning(parts ...string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
next:
	for _, d := range r.diags {
		if d.severity != tfprotov6.DiagnosticSeverityWarning {
			continue
		}
		for _, p := range parts {
			if !strings.Contains(d.summary+"\n"+d.detail, p) {
				continue next
			}
		}
		return true
	}
	return false
}

// ExpectWarning is a check that the provider warned with every one of parts.
func (e *Env) ExpectWarning(parts ...func() string) func(*terraform.State) error {
	return func(*terraform.State) error {
		var want []string
		for _, p := range parts {
			want = append(want, p())
		}
		if !e.Diags.Warning(want...) {
			return fmt.Errorf("no warning containing %q among %s", want, e.Diags)
		}
		return nil
	}
}

// CheckNoErrors is a check that the provider has reported no error diagnostic so far, in any
// apply, refresh or plan.
func (e *Env) CheckNoErrors(*terraform.State) error {
	e.Diags.mu.Lock()
	defer e.Diags.mu.Unlock()
	for _, d := range e.Diags.diags {
		if d.severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("the provider reported an error: %s: %s", d.summary, d.detail)
		}
	}
	return nil
}

type recordingServer struct {
	tfprotov6.ProviderServer
	rec *DiagRecorder
}

func (s *recordingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		s.rec.add(resp.Diagnostics)
	}
	return resp, err
}

func (s *recordingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		s.rec.add(resp.Diagnostics)
	}
	return resp, err
}

func (s *recordingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		s.rec.add(resp.Diagnostics)
	}
	return resp, err
}

// StateAttr captures an attribute of a resource in state when a step's checks run, for later steps.
type StateAttr struct {
	Resource, Attr string
	value          string
}

// Capture is the check that captures the attribute.
func (a *StateAttr) Capture(s *terraform.State) error {
	rs, ok := s.RootModule().Resources[a.Resource]
	if !ok {
		return fmt.Errorf("%s is not in state", a.Resource)
	}
	a.value = rs.Primary.Attributes[a.Attr]
	if a.value == "" {
		return fmt.Errorf("%s.%s is empty", a.Resource, a.Attr)
	}
	return nil
}

// Get is the captured value, a function for the checks of later steps.
func (a *StateAttr) Get() string { return a.value }

// DirectClient is a client of the simulator outside Terraform, for staging and for
// the harness's own tests.
func (e *Env) DirectClient(t testing.TB) *vpcclient.Client {
	t.Helper()
	c, err := vpcclient.New(vpcclient.Config{
		Region: e.Region, AccessKeyID: vpcsim.DefaultAccessKeyID, AccessKeySecret: vpcsim.DefaultAccessKeySecret,
		Endpoint: e.Endpoint, Protocol: vpcclient.ProtocolHTTP,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// NeedSubscriptions skips a test that buys a PREPAY gateway when the simulator speaks for a site
// that sells none (the international site sells pay-as-you-go gateways only);
// TestAccVpnGateway_subscriptionNotSold covers what a user meets there instead.
func (e *Env) NeedSubscriptions(t *testing.T) {
	t.Helper()
	if e.Sim != nil && !e.Sim.Dialect().SellsSubscriptions() {
		t.Skipf("the %s site sells no subscriptions", e.Sim.Dialect())
	}
}
