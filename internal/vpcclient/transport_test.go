package vpcclient

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/nodns"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// failFastBound is far beyond the short AnswerBudget of these tests and far below the retry
// policy's MaxElapsed (5 minutes): a client that retried an answer as weather hits it.
const failFastBound = 30 * time.Second

// countingServer counts the attempts a server sees, to prove that an answer was retried briefly and
// then given up: requests that reach its handler, and connections (a failed TLS handshake never
// reaches the handler; a kept-alive connection carries many requests).
type countingServer struct {
	*httptest.Server
	conns, requests atomic.Int64
}

// attempts counts connections and requests: a handshake that fails sends no request.
func (s *countingServer) attempts() attemptCount {
	return attemptCount{conns: s.conns.Load(), requests: s.requests.Load()}
}

type attemptCount struct{ conns, requests int64 }

// since is how many attempts were made after before: a server shared by two cases counts the
// connections of one and the requests of the other, so each counter is compared with its own.
func (a attemptCount) since(before attemptCount) int64 {
	return max(a.conns-before.conns, a.requests-before.requests)
}

func newCountingServer(t *testing.T, tlsServer bool, h http.Handler) *countingServer {
	t.Helper()
	s := &countingServer{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		h.ServeHTTP(w, r)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	// The handshake failures are the point; the server's log of them is noise.
	s.Config.ErrorLog = log.New(io.Discard, "", 0)
	if tlsServer {
		s.StartTLS()
	} else {
		s.Start()
	}
	t.Cleanup(s.Close)
	return s
}

func hostPort(u string) string {
	return strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
}

// closedPort is a loopback port that nothing listens on: one just listened on and closed.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// describeWithin runs one DescribeVpnGateway with no deadline of its own (so the long MaxElapsed
// applies) and fails the test if it has not ended by failFastBound.
func describeWithin(t *testing.T, c *Client) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, err := c.DescribeVpnGateway(context.Background(), &vpc.DescribeVpnGatewayRequest{
			RegionId: dara.String("cn-hangzhou"), VpnGatewayId: dara.String("vpn-1"),
		})
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(failFastBound):
		t.Fatalf("still retrying after %s: an answer of the network was retried like weather", failFastBound)
		return nil
	}
}

// Refused connections, unknown hosts, refused certificates, the wrong protocol and a page that is
// not the API are answers: retried within AnswerBudget only, then one error that names the
// endpoint, the cause and the setting to check.
func TestEndpointAnswersFailFast(t *testing.T) {
	page := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		_, _ = fmt.Fprint(w, "<html><body>Not the VPC API</body></html>")
	})
	refusal := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		// What nginx answers to plain HTTP on its HTTPS port.
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprint(w, "<html><h1>400 The plain HTTP request was sent to HTTPS port</h1></html>")
	})
	tlsServer := newCountingServer(t, true, page)
	httpServer := newCountingServer(t, false, page)
	refusingServer := newCountingServer(t, false, refusal)
	cases := []struct {
		name, endpoint, protocol string
		server                   *countingServer
		want                     []string
	}{
		{"connection refused", closedPort(t), ProtocolHTTP, nil,
			[]string{"refused the connection", "endpoints.vpc"}},
		// .onion names are never sent to DNS by Go's resolver (RFC 7686), and nodns keeps any other
		// query on this machine: the lookup fails here, and Queries proves it did not try to leave.
		{"unknown host", "vpc.unknown-endpoint.onion", ProtocolHTTPS, nil,
			[]string{"does not resolve", "endpoints.vpc", "DNS resolver"}},
		{"certificate refused", hostPort(tlsServer.URL), ProtocolHTTPS, tlsServer,
			[]string{"TLS handshake", "certificate", "endpoints.vpc"}},
		{"HTTP answer to HTTPS", hostPort(httpServer.URL), ProtocolHTTPS, httpServer,
			[]string{"answered an HTTPS request in plain HTTP", `protocol = "HTTP"`}},
		// Go's TLS server answers plain HTTP with a 400 and closes, which the client reads or, with
		// its request still unread, meets as a reset: either way the error names the protocol.
		{"HTTP request to an HTTPS server", hostPort(tlsServer.URL), ProtocolHTTP, tlsServer,
			[]string{"HTTPS", `remove protocol = "HTTP"`}},
		{"HTTP request to an HTTPS port that answers so", hostPort(refusingServer.URL), ProtocolHTTP, refusingServer,
			[]string{"plain HTTP request was sent to an HTTPS port", `remove protocol = "HTTP"`}},
		{"not the API", hostPort(httpServer.URL), ProtocolHTTP, httpServer,
			[]string{"answered HTTP 404 with a body of type text/html", "endpoints.vpc"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var before attemptCount
			if tc.server != nil {
				before = tc.server.attempts()
			}
			c, err := New(Config{
				Region: "cn-hangzhou", AccessKeyID: testKeyID, AccessKeySecret: testSecret,
				Endpoint: tc.endpoint, Protocol: tc.protocol, RateLimit: -1,
				// A budget that fits a few TLS handshakes even under -race on a loaded machine, where
				// one handshake can take several hundred milliseconds.
				Retry: RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 20 * time.Millisecond, AnswerBudget: 2 * time.Second},
			})
			if err != nil {
				t.Fatal(err)
			}
			err = describeWithin(t, c)
			var endpointErr *EndpointError
			if !errors.As(err, &endpointErr) {
				t.Fatalf("error %v (%T) is not an *EndpointError", err, err)
			}
			msg := err.Error()
			for _, w := range append([]string{tc.endpoint, "gave up after"}, tc.want...) {
				if !strings.Contains(msg, w) {
					t.Errorf("error does not say %q:\n%s", w, msg)
				}
			}
			if errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error reads as a timeout, but the endpoint answered: %v", err)
			}
			if tc.server != nil {
				if n := tc.server.attempts().since(before); n < 2 {
					t.Errorf("%d attempts: want a few retries within the budget", n)
				}
			}
		})
	}
	if q := nodns.Queries(); len(q) != 0 {
		t.Errorf("the unknown-host case tried to query DNS: %v", q)
	}
}

// A reset by an endpoint that has answered before is weather, and is retried beyond AnswerBudget.
func TestResetsOfAnEndpointThatAnsweredKeepTheLongBudget(t *testing.T) {
	resets := make([]answer, 0, 8)
	for range cap(resets) {
		resets = append(resets, answer{reset: true})
	}
	f := newFakeAPI(t, append(append([]answer{ok(nil)}, resets...), ok(nil))...)
	c := newTestClient(t, f, func(cfg *Config) {
		cfg.Retry = RetryPolicy{BaseDelay: 10 * time.Millisecond, MaxDelay: 10 * time.Millisecond, AnswerBudget: time.Millisecond}
	})
	if err := describeWithin(t, c); err != nil {
		t.Fatalf("first call: %v", err)
	}
	if err := describeWithin(t, c); err != nil {
		t.Fatalf("resets after an answer were not retried to the end: %v", err)
	}
	if n := len(f.requests()); n != 2+len(resets) {
		t.Errorf("%d requests, want %d", n, 2+len(resets))
	}
}

// An endpoint that has answered and then refuses connections for a while (restarting) is weather:
// the call rides it out past AnswerBudget, until its own timeout. The client of another region on
// the same endpoint knows it answered too.
func TestRefusalsOfAnEndpointThatAnsweredKeepTheLongBudget(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	c := newTestClient(t, f, func(cfg *Config) {
		cfg.Retry = RetryPolicy{BaseDelay: 10 * time.Millisecond, MaxDelay: 50 * time.Millisecond, AnswerBudget: time.Millisecond}
	})
	if err := describeWithin(t, c); err != nil {
		t.Fatalf("first call: %v", err)
	}
	other, err := c.ForRegion("cn-shanghai")
	if err != nil {
		t.Fatal(err)
	}
	addr := f.srv.Listener.Addr().String()
	f.srv.CloseClientConnections()
	if err := f.srv.Listener.Close(); err != nil {
		t.Fatal(err)
	}
	outage := 300 * time.Millisecond
	go func() {
		time.Sleep(outage)
		l, err := net.Listen("tcp", addr)
		if err != nil {
			t.Errorf("listening again on %s: %v", addr, err)
			return
		}
		srv := &http.Server{Handler: http.HandlerFunc(f.serve)}
		t.Cleanup(func() { _ = srv.Close() })
		_ = srv.Serve(l)
	}()
	if err := describeWithin(t, other); err != nil {
		t.Fatalf("the refusals of an endpoint that answered were not ridden out: %v", err)
	}
}

// A plain HTTP request reset by an endpoint that never answered is how an HTTPS endpoint refuses
// it: an answer, named as such.
func TestResetOfAFirstPlainRequestNamesTheProtocol(t *testing.T) {
	f := newFakeAPI(t, answer{reset: true})
	c := newTestClient(t, f, func(cfg *Config) {
		cfg.Retry = RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond, AnswerBudget: 100 * time.Millisecond}
	})
	err := describeWithin(t, c)
	var endpointErr *EndpointError
	if !errors.As(err, &endpointErr) || !strings.Contains(err.Error(), "as an HTTPS endpoint does") {
		t.Fatalf("error %v does not name the protocol", err)
	}
	if n := len(f.requests()); n < 2 {
		t.Errorf("%d requests: want a few retries within the budget", n)
	}
}

// When the client-side rate limit cannot give a slot before the deadline, the error is a timeout.
func TestRateLimitAtTheDeadlineReadsAsATimeout(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	c := newTestClient(t, f, func(cfg *Config) { cfg.RateLimit = 0.1 }) // one request per 10 s
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	req := &vpc.DescribeVpnGatewayRequest{RegionId: dara.String("cn-hangzhou"), VpnGatewayId: dara.String("vpn-1")}
	if _, err := c.DescribeVpnGateway(ctx, req); err != nil {
		t.Fatal(err)
	}
	_, err := c.DescribeVpnGateway(ctx, req)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v does not wrap context.DeadlineExceeded", err)
	}
	if !strings.Contains(err.Error(), "rate limit") {
		t.Errorf("error %v does not name the rate limit", err)
	}
}

func TestIsCredentialError(t *testing.T) {
	for _, code := range []string{vpcapi.CodeSignatureDoesNotMatch, vpcapi.CodeAccessKeyNotFound,
		vpcapi.CodeSecurityTokenInvalid, "InvalidSecurityToken.Expired"} {
		if !IsCredentialError(fmt.Errorf("wrapped: %w", &APIError{Code: code})) {
			t.Errorf("%s is not a credential error", code)
		}
	}
	for _, err := range []error{&APIError{Code: vpcapi.CodeQuotaFull}, errors.New(vpcapi.CodeSignatureDoesNotMatch)} {
		if IsCredentialError(err) {
			t.Errorf("%v is a credential error", err)
		}
	}
}
