package vpcsim_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

func TestMain(m *testing.M) {
	// The SDK's credential chain must never ask the ECS metadata address for a role.
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	os.Exit(m.Run())
}

// clock is a settable clock for Config.Now. It starts at the real time, because the SDK signs
// with the real time and the simulator refuses requests more than 15 minutes off.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now()} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type fixture struct {
	sim      *vpcsim.Sim
	srv      *httptest.Server
	endpoint string // host:port, as the SDK and the provider take it
}

func start(t testing.TB, cfg vpcsim.Config) *fixture {
	t.Helper()
	sim, err := vpcsim.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	srv := httptest.NewServer(sim)
	t.Cleanup(func() {
		srv.Close()
		if err := sim.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &fixture{sim: sim, srv: srv, endpoint: strings.TrimPrefix(srv.URL, "http://")}
}

// httpDoer gives each SDK client an HTTP client of its own. Left alone, the SDK shares one per
// host between all its clients and writes its Timeout on every call while other calls read it,
// a data race in the SDK (tea/dara DoRequest) that -race reports once clients run concurrently.
type httpDoer struct{ c *http.Client }

func (d httpDoer) Call(r *http.Request, _ *http.Transport) (*http.Response, error) { return d.c.Do(r) }

type clientOption func(*openapiutil.Config)

// acs3 leaves the client signing with ACS3-HMAC-SHA256, the SDK's default.
func acs3(*openapiutil.Config) {}

// v1 makes the client sign with HMAC-SHA1 Signature Version 1.0 instead of ACS3-HMAC-SHA256.
func v1(c *openapiutil.Config) { c.SignatureAlgorithm = tea.String("v2") }

func withKey(id, secret string) clientOption {
	return func(c *openapiutil.Config) { c.AccessKeyId, c.AccessKeySecret = tea.String(id), tea.String(secret) }
}

func withToken(token string) clientOption {
	return func(c *openapiutil.Config) { c.SecurityToken = tea.String(token) }
}

func (f *fixture) config(opts ...clientOption) *openapiutil.Config {
	c := &openapiutil.Config{
		AccessKeyId:     tea.String(vpcsim.DefaultAccessKeyID),
		AccessKeySecret: tea.String(vpcsim.DefaultAccessKeySecret),
		Endpoint:        tea.String(f.endpoint),
		Protocol:        tea.String("http"),
		RegionId:        tea.String(vpcsim.DefaultRegion),
		HttpClient:      httpDoer{&http.Client{}},
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// client is an official SDK client pointed at the simulator.
func (f *fixture) client(t testing.TB, opts ...clientOption) *vpc.Client {
	t.Helper()
	c, err := vpc.NewClient(f.config(opts...))
	if err != nil {
		t.Fatalf("vpc.NewClient: %v", err)
	}
	return c
}

// call sends any action through the SDK's generic RPC path, for what the VPC client cannot
// send: unknown actions and versions.
func (f *fixture) call(t testing.TB, action, version string, query map[string]*string, opts ...clientOption) (map[string]any, error) {
	t.Helper()
	c, err := openapi.NewClient(f.config(opts...))
	if err != nil {
		t.Fatalf("openapi.NewClient: %v", err)
	}
	params := &openapiutil.Params{
		Action: tea.String(action), Version: tea.String(version), Protocol: tea.String("HTTP"), Pathname: tea.String("/"),
		Method: tea.String("POST"), AuthType: tea.String("AK"), Style: tea.String("RPC"), ReqBodyType: tea.String("formData"),
		BodyType: tea.String("json"),
	}
	return c.CallApi(params, &openapiutil.OpenApiRequest{Query: query}, &dara.RuntimeOptions{})
}

// apiError returns the code and HTTP status of an error the API answered.
func apiError(t testing.TB, err error) (string, int) {
	t.Helper()
	var se *tea.SDKError
	if !errors.As(err, &se) {
		t.Fatalf("want an API error, got %T: %v", err, err)
	}
	return tea.StringValue(se.Code), tea.IntValue(se.StatusCode)
}

func wantAPIError(t testing.TB, err error, code string, status int) {
	t.Helper()
	if err == nil {
		t.Fatalf("want %s (%d), got success", code, status)
	}
	gotCode, gotStatus := apiError(t, err)
	if gotCode != code || gotStatus != status {
		t.Fatalf("want %s (%d), got %s (%d): %v", code, status, gotCode, gotStatus, err)
	}
}

func createRequest() *vpc.CreateVpnGatewayRequest {
	return &vpc.CreateVpnGatewayRequest{
		RegionId:  tea.String(vpcsim.DefaultRegion),
		VpcId:     tea.String(vpcsim.DefaultVpcID),
		Bandwidth: tea.Int32(10),
	}
}

func mustCreate(t testing.TB, c *vpc.Client, req *vpc.CreateVpnGatewayRequest) *vpc.CreateVpnGatewayResponseBody {
	t.Helper()
	resp, err := c.CreateVpnGateway(req)
	if err != nil {
		t.Fatalf("CreateVpnGateway: %v", err)
	}
	return resp.Body
}

func describe(t testing.TB, c *vpc.Client, id string) (*vpc.DescribeVpnGatewayResponseBody, error) {
	t.Helper()
	resp, err := c.DescribeVpnGateway(&vpc.DescribeVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(id)})
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

func mustDescribe(t testing.TB, c *vpc.Client, id string) *vpc.DescribeVpnGatewayResponseBody {
	t.Helper()
	g, err := describe(t, c, id)
	if err != nil {
		t.Fatalf("DescribeVpnGateway(%s): %v", id, err)
	}
	return g
}

func wantStatus(t testing.TB, c *vpc.Client, id, status string) {
	t.Helper()
	if got := tea.StringValue(mustDescribe(t, c, id).Status); got != status {
		t.Fatalf("gateway %s: status %q, want %q", id, got, status)
	}
}

func modify(c *vpc.Client, id string, name string) error {
	_, err := c.ModifyVpnGatewayAttribute(&vpc.ModifyVpnGatewayAttributeRequest{
		RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(id), Name: tea.String(name),
	})
	return err
}

func deleteGateway(c *vpc.Client, id string) error {
	_, err := c.DeleteVpnGateway(&vpc.DeleteVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(id)})
	return err
}

var requestIDPattern = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$`)

func wantRequestID(t testing.TB, id *string) {
	t.Helper()
	if !requestIDPattern.MatchString(tea.StringValue(id)) {
		t.Fatalf("RequestId %q is not an upper-case UUID", tea.StringValue(id))
	}
}

// admin calls an admin endpoint and decodes its JSON answer into out (if not nil).
func (f *fixture) admin(t testing.TB, method, path, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, "http://"+f.endpoint+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
	return resp.StatusCode
}

// recorded is an HTTP request as a client sent it, to be sent again, changed or not.
type recorded struct {
	method string
	url    string // path and query
	header http.Header
	body   []byte
}

// recorder is a proxy in front of the simulator that keeps a copy of every request it forwards.
type recorder struct {
	mu       sync.Mutex
	requests []recorded
	target   http.Handler
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	r.mu.Lock()
	r.requests = append(r.requests, recorded{method: req.Method, url: req.URL.RequestURI(), header: req.Header.Clone(), body: body})
	r.mu.Unlock()
	req.Body = io.NopCloser(bytes.NewReader(body))
	r.target.ServeHTTP(w, req)
}

func (r *recorder) last() recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests[len(r.requests)-1]
}

// recording starts a recorder in front of f's simulator and returns a fixture that talks through it.
func (f *fixture) recording(t testing.TB) (*fixture, *recorder) {
	rec := &recorder{target: f.sim}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	return &fixture{sim: f.sim, srv: srv, endpoint: strings.TrimPrefix(srv.URL, "http://")}, rec
}

// send sends a recorded request to url (the simulator's own server, or the recorder's).
func send(t testing.TB, baseURL string, r recorded) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(r.method, baseURL+r.url, bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = r.header.Clone()
	req.Host = strings.TrimPrefix(baseURL, "http://")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("sending %s %s: %v", r.method, r.url, err)
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("answer is not JSON: %v", err)
	}
	return resp.StatusCode, body
}
