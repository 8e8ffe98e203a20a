// Package vpcclient is the one place that talks to the Alibaba Cloud VPC API. It wraps the official
// SDK (github.com/alibabacloud-go/vpc-20160428/v6 over darabonba-openapi/v2) with what a Terraform
// provider needs and the SDK lacks: cancellation through a context, one retry policy, a shared
// client-side rate limit, typed API errors and structured logs without secrets.
//
// A provider builds one Client when it is configured and shares it between all its resources.
package vpcclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/aliyun/credentials-go/credentials"
	"github.com/aliyun/credentials-go/credentials/providers"

	"github.com/vpngw/terraform-provider-alicloud/internal/redact"
)

// Protocols the client can speak to the endpoint.
const (
	ProtocolHTTPS = "HTTPS"
	ProtocolHTTP  = "HTTP"
)

// Config says where and as whom a Client calls the API. Only Region is required.
type Config struct {
	// Region is the RegionId the client resolves its endpoint for.
	Region string

	// AccessKeyID and AccessKeySecret, with SecurityToken for an STS key, are explicit
	// credentials. Without them, Profile names a profile of the Alibaba Cloud CLI's configuration
	// (~/.aliyun/config.json, or ALIBABA_CLOUD_CONFIG_FILE); without that, credentials-go's
	// default chain decides (environment, OIDC, the CLI's current profile, ECS RAM role).
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
	Profile         string

	// Endpoint is "host" or "host:port" of the VPC API; empty means the SDK's endpoint for Region.
	Endpoint string
	// Protocol is ProtocolHTTPS (the default) or ProtocolHTTP.
	Protocol string
	// UserAgent is appended to the SDK's own user agent.
	UserAgent string

	// Retry is the retry policy; zero fields take DefaultRetryPolicy's.
	Retry RetryPolicy
	// RateLimit is the pace in requests per second per action shared by every client of the same
	// endpoint and access key in this process: 0 means DefaultRateLimit, a negative value none.
	RateLimit float64
	// HTTPClient sends the requests; nil means a client of this package's own.
	HTTPClient *http.Client
}

// Client calls the VPC API of one region. It is safe for concurrent use.
type Client struct {
	sdk      *vpc.Client
	region   string
	endpoint string
	limiter  *limiterSet
	shared   *shared
	clock    *clock
	reads    *readBatcher
	tagReads *tagBatcher
	polls    *pollBatcher
	// answered is set once the endpoint has sent an HTTP answer, of any status: from then on a
	// refused connection or a reset is weather, not a sign of the wrong endpoint or protocol. The
	// clients of every region that share the endpoint share it.
	answered *atomic.Bool
}

// shared is what the clients of every region of one provider have in common: resolved once.
type shared struct {
	cfg         Config // with Protocol normalised
	cred        credentials.Credential
	accessKeyID string
	httpClient  sdkHTTPClient
	retry       RetryPolicy
	rateLimit   float64
	mu          sync.Mutex
	regions     map[string]*Client
	// listedRegions caches DescribeRegions for CheckRegion.
	listedRegions listedRegions
	// answered is each endpoint's Client.answered, by host[:port].
	answered map[string]*atomic.Bool
}

// New resolves the credentials and the endpoint once, so that a misconfiguration is reported when
// the provider is configured rather than on the first request. It sends no request to the API.
func New(cfg Config) (*Client, error) {
	if cfg.Region == "" {
		return nil, errors.New("no region")
	}
	cfg.Protocol = strings.ToUpper(cfg.Protocol)
	switch cfg.Protocol {
	case "":
		cfg.Protocol = ProtocolHTTPS
	case ProtocolHTTPS, ProtocolHTTP:
	default:
		return nil, fmt.Errorf("protocol %q: expected %q or %q", cfg.Protocol, ProtocolHTTPS, ProtocolHTTP)
	}
	if cfg.Endpoint != "" {
		if err := CheckEndpoint(cfg.Endpoint); err != nil {
			return nil, err
		}
	}

	cred, err := newCredential(cfg)
	if err != nil {
		return nil, err
	}
	// Resolving now turns "no credentials anywhere" into one error at configuration time. Static
	// keys resolve without I/O; a profile reads a file; the default chain may ask the ECS metadata
	// service, which ALIBABA_CLOUD_ECS_METADATA_DISABLED=true turns off.
	model, err := cred.GetCredential()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoCredentials, err)
	}
	if model == nil || dara.StringValue(model.AccessKeyId) == "" {
		return nil, ErrNoCredentials
	}
	redact.Add(cfg.AccessKeySecret, cfg.SecurityToken, dara.StringValue(model.AccessKeySecret), dara.StringValue(model.SecurityToken))

	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = newHTTPClient()
	}
	rateLimit := cfg.RateLimit
	if rateLimit == 0 {
		rateLimit = DefaultRateLimit
	}
	sh := &shared{
		cfg:         cfg,
		cred:        cred,
		accessKeyID: dara.StringValue(model.AccessKeyId),
		httpClient:  sdkHTTPClient{httpClient},
		retry:       cfg.Retry.withDefaults(),
		rateLimit:   rateLimit,
		answered:    map[string]*atomic.Bool{},
	}
	c, err := sh.newClient(cfg.Region)
	if err != nil {
		return nil, err
	}
	sh.regions = map[string]*Client{cfg.Region: c}
	return c, nil
}

// ForRegion returns the client for another region, with the same credentials, settings and
// connections; the endpoint is that region's unless an endpoint override is set.
func (c *Client) ForRegion(region string) (*Client, error) {
	sh := c.shared
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if rc, ok := sh.regions[region]; ok {
		return rc, nil
	}
	rc, err := sh.newClient(region)
	if err != nil {
		return nil, err
	}
	sh.regions[region] = rc
	return rc, nil
}

func (sh *shared) newClient(region string) (*Client, error) {
	sdkCfg := &openapiutil.Config{
		RegionId:   dara.String(region),
		Protocol:   dara.String(sh.cfg.Protocol),
		Credential: sh.cred,
		HttpClient: sh.httpClient,
		UserAgent:  dara.String(sh.cfg.UserAgent),
	}
	if sh.cfg.Endpoint != "" {
		sdkCfg.Endpoint = dara.String(sh.cfg.Endpoint)
	}
	sdk, err := vpc.NewClient(sdkCfg)
	if err != nil {
		return nil, fmt.Errorf("building the VPC client for %s: %w", region, err)
	}
	// The SDK's retries stay off (no RetryOptions): this package retries, once, with the caller's
	// context. DisableSDKError keeps the typed errors that carry Code and RequestId.
	sdk.Client.DisableSDKError = dara.Bool(true)
	endpoint := dara.StringValue(sdk.Endpoint)
	answered, ok := sh.answered[endpoint]
	if !ok {
		answered = &atomic.Bool{}
		sh.answered[endpoint] = answered
	}
	clk := &clock{}
	return &Client{
		sdk:      sdk,
		region:   region,
		endpoint: endpoint,
		limiter:  sharedLimiter(sh.cfg.Protocol+"://"+endpoint+"|"+sh.accessKeyID, sh.rateLimit),
		shared:   sh,
		clock:    clk,
		reads:    newReadBatcher(clk),
		tagReads: newTagBatcher(clk),
		polls:    &pollBatcher{clk: clk},
		answered: answered,
	}, nil
}

// Region is the region the client was built for.
func (c *Client) Region() string { return c.region }

// Endpoint is the host[:port] the client sends requests to.
func (c *Client) Endpoint() string { return c.endpoint }

// newCredential picks the credential source: explicit keys, else a named CLI profile, else the
// default chain.
func newCredential(cfg Config) (credentials.Credential, error) {
	switch {
	case cfg.AccessKeyID != "" || cfg.AccessKeySecret != "":
		if cfg.AccessKeyID == "" || cfg.AccessKeySecret == "" {
			return nil, fmt.Errorf("%w: an access key needs both its ID and its secret", ErrNoCredentials)
		}
		if cfg.SecurityToken != "" {
			p, err := providers.NewStaticSTSCredentialsProviderBuilder().
				WithAccessKeyId(cfg.AccessKeyID).
				WithAccessKeySecret(cfg.AccessKeySecret).
				WithSecurityToken(cfg.SecurityToken).
				Build()
			if err != nil {
				return nil, fmt.Errorf("%w: %w", ErrNoCredentials, err)
			}
			return credentials.FromCredentialsProvider("sts", p), nil
		}
		p, err := providers.NewStaticAKCredentialsProviderBuilder().
			WithAccessKeyId(cfg.AccessKeyID).
			WithAccessKeySecret(cfg.AccessKeySecret).
			Build()
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrNoCredentials, err)
		}
		return credentials.FromCredentialsProvider("access_key", p), nil
	case cfg.Profile != "":
		p, err := providers.NewCLIProfileCredentialsProviderBuilder().WithProfileName(cfg.Profile).Build()
		if err != nil {
			return nil, fmt.Errorf("%w: profile %q: %w", ErrNoCredentials, cfg.Profile, err)
		}
		return credentials.FromCredentialsProvider("cli_profile", p), nil
	}
	return credentials.NewCredential(nil)
}

// CheckEndpoint accepts "host" or "host:port" (a DNS name or an IP address, IPv6 in brackets with
// a port) and nothing else: no scheme, no path, no query. The scheme is the protocol setting's.
func CheckEndpoint(endpoint string) error {
	bad := func(why string) error {
		return fmt.Errorf("endpoint %q: %s; expected host or host:port, such as vpc.cn-hangzhou.aliyuncs.com or 127.0.0.1:8790", endpoint, why)
	}
	if strings.Contains(endpoint, "://") {
		return bad("it has a scheme (set protocol instead)")
	}
	if strings.ContainsAny(endpoint, "/?#@ \t") {
		return bad("it has a path, query, user or space")
	}
	host := endpoint
	if h, port, err := net.SplitHostPort(endpoint); err == nil {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return bad("the port is not a number from 1 to 65535")
		}
		host = h
	} else if strings.Contains(endpoint, ":") {
		return bad("it is not host:port")
	}
	if net.ParseIP(host) != nil {
		return nil
	}
	if host == "" || len(host) > 253 {
		return bad("the host is empty or too long")
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" || len(label) > 63 || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return bad("the host is not a valid DNS name")
		}
		for _, r := range label {
			if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				return bad("the host is not a valid DNS name")
			}
		}
	}
	return nil
}

// AnswerTimeout is how long the client waits for the answer to one request once it is sent.
const AnswerTimeout = 60 * time.Second

// newHTTPClient is the transport every request of a Client goes through: kept-alive connections
// enough for Terraform's default parallelism of 10 and more, and a bound on a silent server. The
// overall bound of a call is its context.
func newHTTPClient() *http.Client {
	t := &http.Transport{Proxy: http.ProxyFromEnvironment}
	if base, ok := http.DefaultTransport.(*http.Transport); ok {
		t = base.Clone()
	}
	t.MaxIdleConnsPerHost = 64
	t.ResponseHeaderTimeout = AnswerTimeout
	return &http.Client{Transport: t}
}

// sdkHTTPClient adapts an *http.Client to the SDK's HttpClient interface. The SDK offers a
// transport of its own per request; the Client's shared one is used instead so that connections
// are reused across calls.
type sdkHTTPClient struct{ c *http.Client }

func (s sdkHTTPClient) Call(req *http.Request, _ *http.Transport) (*http.Response, error) {
	resp, err := s.c.Do(req)
	if err != nil {
		return nil, err
	}
	if err := checkAnswer(resp); err != nil {
		return nil, err
	}
	return resp, nil
}

// ctxWithBudget gives a context without a deadline the retry policy's MaxElapsed, so that no call
// retries forever.
func (c *Client) ctxWithBudget(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, c.shared.retry.MaxElapsed)
}
