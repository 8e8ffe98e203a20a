package provider_test

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/nodns"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// wrapped is a pattern for a message that Terraform may wrap at any space: the parts, in order,
// each matched literally, any space a possible line break.
func wrapped(parts ...string) *regexp.Regexp {
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(regexp.QuoteMeta(p), " ", `\s+`)
	}
	return regexp.MustCompile(`(?s)` + strings.Join(parts, `.*`))
}

// providerFor points the provider at endpoint with the simulator's keys; protocol "" leaves the
// default (HTTPS), as a user who forgot the setting would.
func providerFor(e *acctest.Env, endpoint, protocol string) string {
	p := ""
	if protocol != "" {
		p = fmt.Sprintf("  protocol   = %q\n", protocol)
	}
	return fmt.Sprintf(`provider "alicloud" {
  region     = %q
  access_key = %q
  secret_key = %q
%s  endpoints {
    vpc = %q
  }
}
`, e.Region, vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret, p, endpoint)
}

// quietTLSServer serves h over TLS with httptest's self-signed certificate, which no client trusts,
// and keeps the handshake failures that are the point out of the test's log.
func quietTLSServer(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "https://")
}

// A plan and an apply against an endpoint that cannot be the API fail in seconds, not after the
// minutes of an operation's timeout, with an error that names the endpoint, what it did, and the
// setting to check. The plan fails in its same-name check (whose budget is seconds: a client that
// retried the answer as weather would skip the check with a warning, and the plan would pass); the
// apply of a gateway without a name meets the same check (it looks for gateways created without a
// name) and fails as fast, within the 30 s create timeout it sets, saying it gave up on the answer,
// not on the timeout. (CreateVpnGateway's own fail-fast is TestCreateFailsFastOnAnEndpointThatIsNotTheAPI.)
func TestAccEndpoint_unreachable(t *testing.T) {
	cases := []struct {
		name string
		// endpoint and protocol of the provider, given the test's simulator
		endpoint func(t *testing.T, e *acctest.Env) string
		protocol string
		want     []string
	}{
		{"connection refused", func(t *testing.T, _ *acctest.Env) string {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			if err := l.Close(); err != nil { // nothing listens on the port any more
				t.Fatal(err)
			}
			return l.Addr().String()
		}, "HTTP", []string{"refused the connection", "endpoints.vpc"}},
		// Go's resolver never sends a .onion name to DNS (RFC 7686), and nodns (installed for the
		// whole test process) refuses any query that would leave this machine: the host fails to
		// resolve here, and the check below proves that no query even tried to leave.
		{"unknown host", func(*testing.T, *acctest.Env) string { return "vpc.unreachable-endpoint.onion" }, "",
			[]string{"has a host name that does not resolve", "endpoints.vpc", "DNS resolver"}},
		{"certificate not trusted", func(t *testing.T, e *acctest.Env) string { return quietTLSServer(t, e.Sim) }, "",
			[]string{"failed the TLS handshake", "certificate", "endpoints.vpc"}},
		{"protocol left out for an HTTP endpoint", func(_ *testing.T, e *acctest.Env) string { return e.Endpoint }, "",
			[]string{"answered an HTTPS request in plain HTTP", `Set protocol = "HTTP"`}},
		{"HTTP to an HTTPS endpoint", func(t *testing.T, e *acctest.Env) string { return quietTLSServer(t, e.Sim) }, "HTTP",
			[]string{"HTTPS", `remove protocol = "HTTP"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := acctest.New(t, vpcsim.Config{})
			e.NeedSim(t, "stages the endpoint")
			endpoint := tc.endpoint(t, e)
			protocol := tc.protocol
			if protocol == "" {
				protocol = "HTTPS"
			}
			where := fmt.Sprintf("the VPC API endpoint %s (protocol %s)", endpoint, protocol)
			named := providerFor(e, endpoint, tc.protocol) + fmt.Sprintf(`resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 10
  name      = "edge"
}
`, e.VpcID)
			unnamed := providerFor(e, endpoint, tc.protocol) + fmt.Sprintf(`resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 10
  timeouts = {
    create = "30s"
  }
}
`, e.VpcID)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: e.Factories(),
				Steps: []resource.TestStep{
					{
						Config:      named,
						PlanOnly:    true,
						ExpectError: wrapped(append([]string{"planning VPN Gateway: listing the gateways of " + e.VpcID, "gave up after", where}, tc.want...)...),
					},
					{
						Config:      unnamed,
						ExpectError: wrapped(append([]string{"planning VPN Gateway: listing the gateways of " + e.VpcID, "gave up after", " attempts in ", where}, tc.want...)...),
					},
				},
			})
			if n := len(e.Sim.Gateways()); n != 0 {
				t.Errorf("vpcsim holds %d gateways", n)
			}
			if got := e.Requests(); len(got) != 0 {
				t.Errorf("requests reached vpcsim through an endpoint that cannot be the API: %v", got)
			}
			if q := nodns.Queries(); len(q) != 0 {
				t.Errorf("the test process tried to query DNS: %v", q)
			}
		})
	}
}

// Credentials the API refuses fail the plan, with the error an apply gives, and before anything is
// created: the same-name check is the plan's first request.
func TestAccVpnGateway_planRefusesBadCredentials(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "counts the requests")
	cases := []struct{ keyID, secret, code string }{
		{vpcsim.DefaultAccessKeyID, "wrong-secret", vpcapi.CodeSignatureDoesNotMatch},
		{"unknown-key-id", vpcsim.DefaultAccessKeySecret, vpcapi.CodeAccessKeyNotFound},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config: fmt.Sprintf(`provider "alicloud" {
  region     = %q
  access_key = %q
  secret_key = %q
  protocol   = "HTTP"
  endpoints {
    vpc = %q
  }
}
resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 10
  name      = "edge"
}
`, e.Region, c.keyID, c.secret, e.Endpoint, e.VpcID),
			PlanOnly: true,
			ExpectError: wrapped("planning VPN Gateway: listing the gateways of "+e.VpcID, "Code: "+c.code,
				"RequestId: ", "Check access_key and secret_key"),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
	if got := e.Requests(); got[vpcapi.ActionDescribeVpnGateways] != len(cases) || len(got) != 1 {
		t.Errorf("requests %v, want one DescribeVpnGateways per plan and nothing else", got)
	}
}
