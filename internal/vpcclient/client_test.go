package vpcclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

const (
	testKeyID  = "test-key-id"
	testSecret = "test-secret-never-logged"
	testToken  = "test-sts-token-never-logged"
)

// answer is one scripted reply of fakeAPI: an HTTP status and a JSON body, or a dropped connection.
type answer struct {
	status int
	body   map[string]interface{}
	drop   bool // close the connection without answering
	reset  bool // reset the connection (TCP RST) without answering
	block  bool // hold the request until the client gives up on it
}

func ok(body map[string]interface{}) answer {
	if body == nil {
		body = map[string]interface{}{}
	}
	body["RequestId"] = "req-ok"
	return answer{status: 200, body: body}
}

func apiErr(status int, code string) answer {
	return answer{status: status, body: map[string]interface{}{
		"Code": code, "Message": "message for " + code, "RequestId": "req-" + code,
	}}
}

// seen is one request fakeAPI received.
type seen struct {
	query  url.Values
	header http.Header
}

// fakeAPI answers from a script, one answer per request, repeating the last one when the script
// runs out, and records what it was sent.
type fakeAPI struct {
	t      *testing.T
	mu     sync.Mutex
	script []answer
	seen   []seen
	// cancelled is closed when a blocked request's context ends.
	cancelled chan struct{}
	srv       *httptest.Server
}

func newFakeAPI(t *testing.T, script ...answer) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, script: script, cancelled: make(chan struct{})}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.seen = append(f.seen, seen{query: r.URL.Query(), header: r.Header.Clone()})
	a := f.script[min(len(f.seen), len(f.script))-1]
	f.mu.Unlock()
	switch {
	case a.drop, a.reset:
		hj, ok := w.(http.Hijacker)
		if !ok {
			f.t.Errorf("%T cannot hijack", w)
			return
		}
		conn, _, err := hj.Hijack()
		if err != nil {
			f.t.Errorf("hijack: %v", err)
			return
		}
		if tcp, ok := conn.(*net.TCPConn); ok && a.reset {
			_ = tcp.SetLinger(0) // close with RST instead of FIN
		}
		_ = conn.Close()
		return
	case a.block:
		<-r.Context().Done()
		close(f.cancelled)
		return
	}
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	w.WriteHeader(a.status)
	_ = json.NewEncoder(w).Encode(a.body)
}

func (f *fakeAPI) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.seen...)
}

func (f *fakeAPI) endpoint() string { return strings.TrimPrefix(f.srv.URL, "http://") }

// newTestClient returns a client of f with fast retries and no rate limit.
func newTestClient(t *testing.T, f *fakeAPI, mutate ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Region:          "cn-hangzhou",
		AccessKeyID:     testKeyID,
		AccessKeySecret: testSecret,
		Endpoint:        f.endpoint(),
		Protocol:        ProtocolHTTP,
		Retry:           RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 5 * time.Millisecond},
		RateLimit:       -1,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func createRequest() *vpc.CreateVpnGatewayRequest {
	return &vpc.CreateVpnGatewayRequest{
		RegionId:       dara.String("cn-hangzhou"),
		VpcId:          dara.String("vpc-test"),
		Bandwidth:      dara.Int32(10),
		Name:           dara.String("edge-vpn"),
		EnableIpsec:    dara.Bool(true),
		EnableSsl:      dara.Bool(true),
		SslConnections: dara.Int32(5),
		AutoPay:        dara.Bool(false),
		ClientToken:    dara.String(NewClientToken()),
	}
}

// The glue must send what the generated method sends: same action, version and parameters.
func TestCallSendsWhatTheGeneratedMethodSends(t *testing.T) {
	f := newFakeAPI(t, ok(map[string]interface{}{"VpnGatewayId": "vpn-1", "OrderId": 42}))
	c := newTestClient(t, f)
	req := createRequest()

	if _, err := c.sdk.CreateVpnGatewayWithOptions(req, &dara.RuntimeOptions{}); err != nil {
		t.Fatalf("generated method: %v", err)
	}
	got, err := c.CreateVpnGateway(context.Background(), req)
	if err != nil {
		t.Fatalf("CreateVpnGateway: %v", err)
	}
	if dara.StringValue(got.VpnGatewayId) != "vpn-1" || dara.Int64Value(got.OrderId) != 42 {
		t.Errorf("decoded body = %v, want VpnGatewayId vpn-1 and OrderId 42", got)
	}

	rs := f.requests()
	if len(rs) != 2 {
		t.Fatalf("got %d requests, want 2", len(rs))
	}
	if g, w := rs[1].query.Encode(), rs[0].query.Encode(); g != w {
		t.Errorf("query differs from the generated method's:\n got %s\nwant %s", g, w)
	}
	for _, h := range []string{"X-Acs-Action", "X-Acs-Version"} {
		if g, w := rs[1].header.Get(h), rs[0].header.Get(h); g != w || g == "" {
			t.Errorf("header %s = %q, generated method sent %q", h, g, w)
		}
	}
	if g := rs[1].header.Get("X-Acs-Version"); g != vpcapi.Version {
		t.Errorf("version = %q, want %q", g, vpcapi.Version)
	}
	if g := rs[1].query.Get("Bandwidth"); g != "10" {
		t.Errorf("Bandwidth = %q, want 10", g)
	}
}

func TestRetriesThrottlingServerAndTransportErrorsWithOneToken(t *testing.T) {
	f := newFakeAPI(t,
		apiErr(400, vpcapi.CodeThrottlingUser),
		apiErr(503, vpcapi.CodeServiceUnavailable),
		answer{drop: true},
		apiErr(500, vpcapi.CodeInternalError),
		ok(map[string]interface{}{"VpnGatewayId": "vpn-1"}),
	)
	c := newTestClient(t, f)
	req := createRequest()
	got, err := c.CreateVpnGateway(context.Background(), req)
	if err != nil {
		t.Fatalf("CreateVpnGateway: %v", err)
	}
	if dara.StringValue(got.VpnGatewayId) != "vpn-1" {
		t.Errorf("VpnGatewayId = %q", dara.StringValue(got.VpnGatewayId))
	}
	rs := f.requests()
	if len(rs) != 5 {
		t.Fatalf("got %d attempts, want 5", len(rs))
	}
	nonces := map[string]bool{}
	for i, r := range rs {
		if g := r.query.Get("ClientToken"); g != *req.ClientToken {
			t.Errorf("attempt %d: ClientToken = %q, want the caller's %q on every retry", i+1, g, *req.ClientToken)
		}
		nonces[r.header.Get("X-Acs-Signature-Nonce")] = true
	}
	if len(nonces) != len(rs) {
		t.Errorf("signature nonces repeat across attempts: %v", nonces)
	}
}

func TestClientErrorsAreFinalAndTyped(t *testing.T) {
	f := newFakeAPI(t, apiErr(400, vpcapi.CodeQuotaFull))
	c := newTestClient(t, f)
	_, err := c.CreateVpnGateway(context.Background(), createRequest())
	var apiError *APIError
	if !errors.As(err, &apiError) {
		t.Fatalf("error %v (%T) is not an *APIError", err, err)
	}
	want := APIError{
		Action:     vpcapi.ActionCreateVpnGateway,
		Code:       vpcapi.CodeQuotaFull,
		Message:    "message for " + vpcapi.CodeQuotaFull,
		RequestID:  "req-" + vpcapi.CodeQuotaFull,
		HTTPStatus: 400,
	}
	if *apiError != want {
		t.Errorf("APIError = %+v, want %+v", *apiError, want)
	}
	if n := len(f.requests()); n != 1 {
		t.Errorf("a client error was sent %d times, want once", n)
	}
	if errors.Is(err, ErrVpnGatewayNotFound) {
		t.Error("a quota error matches ErrVpnGatewayNotFound")
	}
}

func TestNotFoundIsTyped(t *testing.T) {
	f := newFakeAPI(t, apiErr(400, vpcapi.CodeVpnGatewayNotFound))
	c := newTestClient(t, f)
	_, err := c.DescribeVpnGateway(context.Background(), &vpc.DescribeVpnGatewayRequest{
		RegionId: dara.String("cn-hangzhou"), VpnGatewayId: dara.String("vpn-gone"),
	})
	if !errors.Is(err, ErrVpnGatewayNotFound) {
		t.Fatalf("error %v does not match ErrVpnGatewayNotFound", err)
	}
}

func TestBusyCodesRetriedOnlyForMutations(t *testing.T) {
	for _, code := range BusyCodes {
		t.Run(code, func(t *testing.T) {
			f := newFakeAPI(t, apiErr(400, code), apiErr(400, code), ok(nil))
			c := newTestClient(t, f)
			token := NewClientToken()
			_, err := c.DeleteVpnGateway(context.Background(), &vpc.DeleteVpnGatewayRequest{
				RegionId: dara.String("cn-hangzhou"), VpnGatewayId: dara.String("vpn-1"), ClientToken: dara.String(token),
			})
			if err != nil {
				t.Fatalf("DeleteVpnGateway: %v", err)
			}
			if n := len(f.requests()); n != 3 {
				t.Errorf("delete sent %d times, want 3", n)
			}

			g := newFakeAPI(t, apiErr(400, code), ok(nil))
			c = newTestClient(t, g)
			_, err = c.DescribeVpnGateway(context.Background(), &vpc.DescribeVpnGatewayRequest{
				RegionId: dara.String("cn-hangzhou"), VpnGatewayId: dara.String("vpn-1"),
			})
			if Code(err) != code {
				t.Errorf("describe: error %v, want %s unretried", err, code)
			}
		})
	}
}

func TestRetriesEndWithTheDeadline(t *testing.T) {
	f := newFakeAPI(t, apiErr(503, vpcapi.CodeServiceUnavailable))
	c := newTestClient(t, f)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := c.DescribeVpnGateway(ctx, &vpc.DescribeVpnGatewayRequest{
		RegionId: dara.String("cn-hangzhou"), VpnGatewayId: dara.String("vpn-1"),
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not say the deadline ended the retries", err)
	}
	if Code(err) != vpcapi.CodeServiceUnavailable {
		t.Errorf("error %v does not carry the last answer's code", err)
	}
	if n := len(f.requests()); n < 2 {
		t.Errorf("sent %d times before the deadline, want retries", n)
	}
}

func TestCallWithoutDeadlineGetsTheRetryBudget(t *testing.T) {
	f := newFakeAPI(t, apiErr(500, vpcapi.CodeInternalError))
	c := newTestClient(t, f, func(cfg *Config) { cfg.Retry.MaxElapsed = 100 * time.Millisecond })
	_, err := c.DescribeVpnGateway(context.Background(), &vpc.DescribeVpnGatewayRequest{
		RegionId: dara.String("cn-hangzhou"), VpnGatewayId: dara.String("vpn-1"),
	})
	if !errors.Is(err, context.DeadlineExceeded) || Code(err) != vpcapi.CodeInternalError {
		t.Errorf("error %v: want the budget's deadline and the last code", err)
	}
}

func TestCancelAbortsTheRequestInFlight(t *testing.T) {
	f := newFakeAPI(t, answer{block: true})
	c := newTestClient(t, f)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.CreateVpnGateway(ctx, createRequest())
		done <- err
	}()
	for len(f.requests()) == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	<-f.cancelled // the server saw the request go away
	if n := len(f.requests()); n != 1 {
		t.Errorf("sent %d times, want 1: a cancelled call must not retry", n)
	}
}

func TestMutationsNeedAClientToken(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	c := newTestClient(t, f)
	req := createRequest()
	req.ClientToken = nil
	if _, err := c.CreateVpnGateway(context.Background(), req); err == nil {
		t.Error("a create without ClientToken was accepted")
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("sent %d requests, want none", n)
	}
}

func TestSecurityTokenIsSentAndNeverLogged(t *testing.T) {
	f := newFakeAPI(t, apiErr(503, vpcapi.CodeServiceUnavailable), apiErr(400, vpcapi.CodeSignatureDoesNotMatch))
	c := newTestClient(t, f, func(cfg *Config) { cfg.SecurityToken = testToken })
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	_, err := c.ModifyVpnGatewayAttribute(ctx, &vpc.ModifyVpnGatewayAttributeRequest{
		RegionId: dara.String("cn-hangzhou"), VpnGatewayId: dara.String("vpn-1"),
		Name: dara.String("renamed"), ClientToken: dara.String(NewClientToken()),
	})
	if Code(err) != vpcapi.CodeSignatureDoesNotMatch {
		t.Fatalf("error %v, want %s (and no retry loop)", err, vpcapi.CodeSignatureDoesNotMatch)
	}
	rs := f.requests()
	if len(rs) != 2 {
		t.Fatalf("sent %d times, want 2", len(rs))
	}
	if g := rs[0].header.Get("X-Acs-Security-Token"); g != testToken {
		t.Errorf("security token header = %q", g)
	}
	for _, secret := range []string{testSecret, testToken} {
		if strings.Contains(logs.String(), secret) || strings.Contains(err.Error(), secret) {
			t.Errorf("%q appears in logs or the error", secret)
		}
	}
	entries, decErr := tflogtest.MultilineJSONDecode(&logs)
	if decErr != nil {
		t.Fatalf("decoding logs: %v", decErr)
	}
	var sawRetry bool
	for _, e := range entries {
		if e["@message"] == "VPC API error, retrying" {
			sawRetry = true
			for _, k := range []string{"action", "attempt", "code", "request_id"} {
				if _, ok := e[k]; !ok {
					t.Errorf("retry log lacks field %q: %v", k, e)
				}
			}
		}
	}
	if !sawRetry {
		t.Errorf("no retry was logged: %s", logs.String())
	}
}

func TestRetryDelayIsBoundedFullJitter(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}.withDefaults()
	for attempt := 1; attempt <= 40; attempt++ {
		ceiling := min(time.Second, 100*time.Millisecond<<min(attempt-1, 20))
		for range 50 {
			if d := p.delay(attempt, 0); d < 0 || d > ceiling {
				t.Fatalf("attempt %d: delay %v outside [0, %v]", attempt, d, ceiling)
			}
		}
	}
}

// TestRetryDelayFollowsTheServersWait: a named wait is kept whole, past MaxDelay and whatever the
// attempt, with at most a quarter more; the deadline, not MaxDelay, bounds it (see
// TestThrottleHintWithinTheDeadline).
func TestRetryDelayFollowsTheServersWait(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}.withDefaults()
	for _, hint := range []time.Duration{time.Millisecond, 700 * time.Millisecond, 3 * time.Second} {
		for attempt := 1; attempt <= 10; attempt++ {
			for range 50 {
				if d := p.delay(attempt, hint); d < hint || d > hint+hint/4 {
					t.Fatalf("attempt %d, server's wait %v: delay %v outside [%v, %v]", attempt, hint, d, hint, hint+hint/4)
				}
			}
		}
	}
}

func TestRetryable(t *testing.T) {
	cases := []struct {
		err       error
		busy, out bool
	}{
		{&APIError{Code: "Throttling", HTTPStatus: 400}, false, true},
		{&APIError{Code: "Throttling.Api", HTTPStatus: 400}, false, true},
		{&APIError{Code: "ThrottlingX", HTTPStatus: 400}, false, false},
		{&APIError{Code: "InternalError", HTTPStatus: 500}, false, true},
		{&APIError{Code: "InvalidParameter", HTTPStatus: 400}, true, false},
		{&APIError{Code: vpcapi.CodeIncorrectStatus, HTTPStatus: 400}, false, false},
		{&APIError{Code: vpcapi.CodeIncorrectStatus, HTTPStatus: 400}, true, true},
		{errors.New("connection reset by peer"), false, true},
		{&EndpointError{Err: errors.New("connection refused")}, false, true}, // within AnswerBudget
		{context.Canceled, false, false},
		{&url.Error{Op: "Post", Err: context.DeadlineExceeded}, false, false},
	}
	for _, c := range cases {
		if got := retryable(c.err, c.busy); got != c.out {
			t.Errorf("retryable(%v, busy=%v) = %v, want %v", c.err, c.busy, got, c.out)
		}
	}
}

func TestCheckEndpoint(t *testing.T) {
	good := []string{"vpc.aliyuncs.com", "vpc.cn-hangzhou.aliyuncs.com", "127.0.0.1:8790", "localhost:1", "[::1]:8790", "10.0.0.1"}
	bad := []string{"", "http://127.0.0.1:8790", "127.0.0.1:8790/", "127.0.0.1:port", "127.0.0.1:0", "127.0.0.1:70000",
		"vpc..aliyuncs.com", "-vpc.aliyuncs.com", "vpc aliyuncs", "vpc.aliyuncs.com?x=1", "user@host", "host:1:2", "vpc_aliyuncs.com", "::1"}
	for _, e := range good {
		if err := CheckEndpoint(e); err != nil {
			t.Errorf("CheckEndpoint(%q) = %v, want ok", e, err)
		}
	}
	for _, e := range bad {
		if err := CheckEndpoint(e); err == nil {
			t.Errorf("CheckEndpoint(%q) accepted", e)
		}
	}
}

// clearCredentialEnv leaves credentials-go nothing to find but what the test gives it.
func clearCredentialEnv(t *testing.T) {
	for _, k := range []string{
		"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_PROFILE", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
		"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_FILE",
	} {
		t.Setenv(k, "")
	}
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(t.TempDir(), "absent.json"))
	t.Setenv("HOME", t.TempDir())
}

func TestCredentialSources(t *testing.T) {
	clearCredentialEnv(t)
	f := newFakeAPI(t, ok(nil))
	base := Config{Region: "cn-hangzhou", Endpoint: f.endpoint(), Protocol: ProtocolHTTP, RateLimit: -1}

	if _, err := New(base); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("no credentials anywhere: error %v, want ErrNoCredentials", err)
	}
	half := base
	half.AccessKeyID = testKeyID
	if _, err := New(half); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("key ID without secret: error %v, want ErrNoCredentials", err)
	}
	if _, err := New(Config{Region: "cn-hangzhou", Endpoint: "http://x", AccessKeyID: "a", AccessKeySecret: "b"}); err == nil {
		t.Error("an endpoint with a scheme was accepted")
	}
	if _, err := New(Config{Region: "cn-hangzhou", Protocol: "FTP", AccessKeyID: "a", AccessKeySecret: "b"}); err == nil {
		t.Error("protocol FTP was accepted")
	}

	// A named profile of the CLI's configuration file.
	cfgFile := filepath.Join(t.TempDir(), "config.json")
	profiles := `{"current":"default","profiles":[
		{"name":"default","mode":"AK","access_key_id":"default-id","access_key_secret":"default-secret"},
		{"name":"sim","mode":"AK","access_key_id":"profile-id","access_key_secret":"profile-secret"}]}`
	if err := os.WriteFile(cfgFile, []byte(profiles), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", cfgFile)
	named := base
	named.Profile = "sim"
	assertKeyUsed(t, f, named, "profile-id")
	// Without keys or a profile name, the default chain finds the CLI's current profile.
	assertKeyUsed(t, f, base, "default-id")
	// Explicit keys win over every other source.
	explicit := named
	explicit.AccessKeyID, explicit.AccessKeySecret = testKeyID, testSecret
	assertKeyUsed(t, f, explicit, testKeyID)

	missing := base
	missing.Profile = "nope"
	if _, err := New(missing); !errors.Is(err, ErrNoCredentials) {
		t.Errorf("unknown profile: error %v, want ErrNoCredentials", err)
	}
}

func assertKeyUsed(t *testing.T, f *fakeAPI, cfg Config, keyID string) {
	t.Helper()
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if _, err := c.DescribeVpnGateways(context.Background(), &vpc.DescribeVpnGatewaysRequest{RegionId: dara.String("cn-hangzhou")}); err != nil {
		t.Fatalf("DescribeVpnGateways: %v", err)
	}
	rs := f.requests()
	if auth := rs[len(rs)-1].header.Get("Authorization"); !strings.Contains(auth, "Credential="+keyID+",") {
		t.Errorf("Authorization %q not signed with %s", auth, keyID)
	}
}

func TestEndpointResolution(t *testing.T) {
	for region, want := range map[string]string{
		"cn-hangzhou": "vpc.aliyuncs.com",
		"eu-west-1":   "vpc.eu-west-1.aliyuncs.com",
	} {
		c, err := New(Config{Region: region, AccessKeyID: "a", AccessKeySecret: "b"})
		if err != nil {
			t.Fatalf("New(%s): %v", region, err)
		}
		if c.Endpoint() != want {
			t.Errorf("%s: endpoint %q, want the SDK's %q", region, c.Endpoint(), want)
		}
	}
}

func TestForRegionSharesEverythingButTheEndpoint(t *testing.T) {
	c, err := New(Config{Region: "cn-hangzhou", AccessKeyID: "a", AccessKeySecret: "b"})
	if err != nil {
		t.Fatal(err)
	}
	eu, err := c.ForRegion("eu-west-1")
	if err != nil {
		t.Fatal(err)
	}
	if eu.Region() != "eu-west-1" || eu.Endpoint() != "vpc.eu-west-1.aliyuncs.com" {
		t.Errorf("ForRegion: region %q endpoint %q", eu.Region(), eu.Endpoint())
	}
	if again, _ := c.ForRegion("eu-west-1"); again != eu {
		t.Error("ForRegion built a second client for the same region")
	}
	if back, _ := eu.ForRegion("cn-hangzhou"); back != c {
		t.Error("ForRegion of the first region is not the first client")
	}

	f := newFakeAPI(t, ok(nil))
	sim := newTestClient(t, f)
	other, err := sim.ForRegion("cn-shanghai")
	if err != nil {
		t.Fatal(err)
	}
	if other.Endpoint() != sim.Endpoint() {
		t.Errorf("an endpoint override is lost for another region: %q", other.Endpoint())
	}
}

// A client is shared by every resource of a provider: concurrent calls must be safe (run with -race).
func TestConcurrentCalls(t *testing.T) {
	f := newFakeAPI(t, ok(map[string]interface{}{"VpnGatewayId": "vpn-1"}))
	c := newTestClient(t, f)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.CreateVpnGateway(context.Background(), createRequest()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := len(f.requests()); n != 8 {
		t.Errorf("got %d requests, want 8", n)
	}
}

func TestLimiterIsSharedPerEndpointAndKey(t *testing.T) {
	f := newFakeAPI(t, ok(nil))
	a := newTestClient(t, f, func(c *Config) { c.RateLimit = 3 })
	b := newTestClient(t, f, func(c *Config) { c.RateLimit = 3 })
	other := newTestClient(t, f, func(c *Config) { c.AccessKeyID = "another-key"; c.RateLimit = 3 })
	if a.limiter != b.limiter {
		t.Error("two clients of one endpoint and key have separate limiters")
	}
	if a.limiter == other.limiter {
		t.Error("two keys share a limiter")
	}
	if a.limiter.limit != 3 || a.limiter.burst != 1 {
		t.Errorf("limit %v burst %d, want 3 and 1", a.limiter.limit, a.limiter.burst)
	}
}

// A fresh process may send a quarter of a second's worth at once, not a whole second's: the API's
// bucket for the account may still be spent by the previous command.
func TestLimiterBurstIsAQuarterOfTheLimit(t *testing.T) {
	for perSecond, burst := range map[float64]int{20: 5, 100: 25, 3: 1, 0.5: 1} {
		s := sharedLimiter(fmt.Sprintf("burst-test-%v", perSecond), perSecond)
		if s.burst != burst {
			t.Errorf("%v per second: burst %d, want %d", perSecond, s.burst, burst)
		}
	}

	s := sharedLimiter("burst-test-take", 20)
	for i := range 5 {
		if err := s.wait(context.Background(), "DescribeVpnGateway"); err != nil {
			t.Fatalf("request %d of the burst: %v", i+1, err)
		}
	}
	// The sixth needs a token that takes 50 ms to come; rate.Limiter refuses at once a wait that
	// would outlast the context's deadline.
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	if err := s.wait(ctx, "DescribeVpnGateway"); err == nil {
		t.Error("a sixth request went out at once; want it paced")
	}
	// Another action has a bucket of its own.
	if err := s.wait(ctx, "CreateVpnGateway"); err != nil {
		t.Errorf("another action: %v", err)
	}
}
