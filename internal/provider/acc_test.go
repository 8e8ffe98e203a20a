package provider

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
	envAccReal    = "ALICLOUD_ACC_REAL"
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

func realCloud() bool { return os.Getenv(envAccReal) == "1" }

func TestMain(m *testing.M) {
	// credentials-go's default chain would otherwise ask the ECS metadata address; Terraform would
	// otherwise ask HashiCorp's checkpoint service for news.
	_ = os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	_ = os.Setenv("CHECKPOINT_DISABLE", "1")
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		// Never let terraform-plugin-testing download a CLI: the one on PATH, else the repository's.
		if p, err := exec.LookPath("terraform"); err == nil {
			_ = os.Setenv("TF_ACC_TERRAFORM_PATH", p)
		} else if p, err := filepath.Abs("../../bin/terraform"); err == nil {
			_ = os.Setenv("TF_ACC_TERRAFORM_PATH", p)
		}
	}
	os.Exit(m.Run())
}

// accEnv is one test's world: its simulator (nil against the real cloud), where the provider
// finds it, and what the provider reported.
type accEnv struct {
	sim      *vpcsim.Sim
	endpoint string // host:port of the simulator
	region   string
	vpcID    string
	diags    *diagRecorder
}

// newAccEnv starts a simulator with cfg (its delays defaulting to the acc ones) for t, or, against
// the real cloud, reads the environment.
func newAccEnv(t testing.TB, cfg vpcsim.Config) *accEnv {
	t.Helper()
	e := &accEnv{diags: &diagRecorder{}}
	if realCloud() {
		e.region = cmp.Or(os.Getenv("ALIBABA_CLOUD_REGION"), os.Getenv("ALICLOUD_REGION"))
		e.vpcID = os.Getenv(envAccVpcID)
		if e.region == "" || e.vpcID == "" {
			t.Fatalf("%s=1 needs ALIBABA_CLOUD_REGION and %s, and credentials in the environment", envAccReal, envAccVpcID)
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
	e.sim = sim
	e.endpoint = strings.TrimPrefix(srv.URL, "http://")
	e.region = vpcsim.DefaultRegion
	e.vpcID = vpcsim.DefaultVpcID
	return e
}

// needSim skips a test that only the simulator can stage.
func (e *accEnv) needSim(t *testing.T, why string) {
	t.Helper()
	if e.sim == nil {
		t.Skipf("needs vpcsim (%s); skipped against the real cloud", why)
	}
}

// providerBlock points the provider at the simulator with its keys, or, against the real cloud,
// leaves everything to the environment.
func (e *accEnv) providerBlock() string {
	if e.sim == nil {
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
`, e.region, vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret, e.endpoint)
}

// config is the provider block followed by resources.
func (e *accEnv) config(resources string) string {
	return e.providerBlock() + resources
}

// factories serves the provider in-process, with a recorder of its diagnostics in front.
func (e *accEnv) factories() map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"alicloud": func() (tfprotov6.ProviderServer, error) {
			server, err := providerserver.NewProtocol6WithError(New("acctest")())()
			if err != nil {
				return nil, err
			}
			return &recordingServer{ProviderServer: server, rec: e.diags}, nil
		},
	}
}

// requests is how many API requests the simulator has received, by action.
func (e *accEnv) requests() map[string]int {
	out := map[string]int{}
	for action, byStatus := range e.sim.Stats().Requests {
		for _, n := range byStatus {
			out[action] += n
		}
	}
	return out
}

// gateway is the simulator's view of one gateway.
func (e *accEnv) gateway(id string) (gateway.View, bool) {
	for _, g := range e.sim.Gateways() {
		if g.VpnGatewayID == id {
			return g, true
		}
	}
	return gateway.View{}, false
}

// client is a VPC client of the same world as the provider's, for checks against the real cloud.
func (e *accEnv) client() (*vpcclient.Client, error) {
	return vpcclient.New(vpcclient.Config{Region: e.region})
}

// checkDestroyed is a CheckDestroy: every alicloud_vpn_gateway of the state must be gone from the
// API, and the simulator must hold no gateway at all.
func (e *accEnv) checkDestroyed(s *terraform.State) error {
	var ids []string
	for _, rs := range s.RootModule().Resources {
		if rs.Type == "alicloud_vpn_gateway" {
			ids = append(ids, rs.Primary.ID)
		}
	}
	if e.sim != nil {
		if left := e.sim.Gateways(); len(left) > 0 {
			var desc []string
			for _, g := range left {
				desc = append(desc, g.VpnGatewayID+" ("+g.Status+")")
			}
			return fmt.Errorf("vpcsim still has %d gateways after destroy: %s", len(left), strings.Join(desc, ", "))
		}
		return nil
	}
	client, err := e.client()
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

// diagRecorder keeps what the provider told Terraform, for warnings, which
// terraform-plugin-testing has no check for.
type diagRecorder struct {
	mu    sync.Mutex
	diags []recorded
}

func (r *diagRecorder) add(ds []*tfprotov6.Diagnostic) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, d := range ds {
		r.diags = append(r.diags, recorded{d.Severity, d.Summary, d.Detail})
	}
}

// warning tells whether a warning's summary and detail contain every one of parts.
func (r *diagRecorder) warning(parts ...string) bool {
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

// expectWarning is a check that the provider warned with every one of parts.
func (e *accEnv) expectWarning(parts ...func() string) func(*terraform.State) error {
	return func(*terraform.State) error {
		var want []string
		for _, p := range parts {
			want = append(want, p())
		}
		if !e.diags.warning(want...) {
			return fmt.Errorf("no warning containing %q among %+v", want, e.diags.diags)
		}
		return nil
	}
}

// checkNoErrors is a check that the provider has reported no error diagnostic so far, in any
// apply, refresh or plan.
func (e *accEnv) checkNoErrors(*terraform.State) error {
	e.diags.mu.Lock()
	defer e.diags.mu.Unlock()
	for _, d := range e.diags.diags {
		if d.severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("the provider reported an error: %s: %s", d.summary, d.detail)
		}
	}
	return nil
}

type recordingServer struct {
	tfprotov6.ProviderServer
	rec *diagRecorder
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

// stateAttr captures an attribute of a resource in state when a step's checks run, for later steps.
type stateAttr struct {
	resource, attr string
	value          string
}

func (a *stateAttr) capture(s *terraform.State) error {
	rs, ok := s.RootModule().Resources[a.resource]
	if !ok {
		return fmt.Errorf("%s is not in state", a.resource)
	}
	a.value = rs.Primary.Attributes[a.attr]
	if a.value == "" {
		return fmt.Errorf("%s.%s is empty", a.resource, a.attr)
	}
	return nil
}

func (a *stateAttr) get() string { return a.value }

// waitForSim polls the simulator until cond holds or a generous bound passes: for a change the
// test caused behind Terraform's back (an order paid) to run its course.
func waitForSim(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("vpcsim did not reach the expected state")
}

// directClient is a client of the simulator outside Terraform, for staging and for
// the harness's own tests.
func (e *accEnv) directClient(t testing.TB) *vpcclient.Client {
	t.Helper()
	c, err := vpcclient.New(vpcclient.Config{
		Region: e.region, AccessKeyID: vpcsim.DefaultAccessKeyID, AccessKeySecret: vpcsim.DefaultAccessKeySecret,
		Endpoint: e.endpoint, Protocol: vpcclient.ProtocolHTTP,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The destroy check must be able to fail: a gateway left in the simulator is an error.
func TestCheckDestroyedCanFail(t *testing.T) {
	t.Parallel()
	if realCloud() {
		t.Skip("checks the simulator's side of the destroy check")
	}
	e := newAccEnv(t, vpcsim.Config{ProvisionDelay: time.Millisecond})
	out, err := e.directClient(t).CreateVpnGateway(context.Background(), &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(e.region), VpcId: dara.String(e.vpcID), Bandwidth: dara.Int32(10),
		ClientToken: dara.String(vpcclient.NewClientToken()),
	})
	if err != nil {
		t.Fatal(err)
	}
	state := &terraform.State{Modules: []*terraform.ModuleState{{
		Path: []string{"root"},
		Resources: map[string]*terraform.ResourceState{"alicloud_vpn_gateway.test": {
			Type: "alicloud_vpn_gateway", Primary: &terraform.InstanceState{ID: *out.VpnGatewayId},
		}},
	}}}
	if err := e.checkDestroyed(state); err == nil {
		t.Fatal("checkDestroyed passed with a gateway left in vpcsim")
	}
	if err := e.sim.RemoveGateway(*out.VpnGatewayId); err != nil {
		t.Fatal(err)
	}
	if err := e.checkDestroyed(state); err != nil {
		t.Fatalf("checkDestroyed failed with vpcsim empty: %v", err)
	}
}

// needSubscriptions skips a test that buys a PREPAY gateway when the simulator speaks for a site
// that sells none (the international site sells pay-as-you-go gateways only);
// TestAccVpnGateway_subscriptionNotSold covers what a user meets there instead.
func (e *accEnv) needSubscriptions(t *testing.T) {
	t.Helper()
	if e.sim != nil && !e.sim.Dialect().SellsSubscriptions() {
		t.Skipf("the %s site sells no subscriptions", e.sim.Dialect())
	}
}
