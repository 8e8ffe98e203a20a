package vpcclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
)

// EndpointError is a transport failure that is an answer, not weather: the endpoint's host name
// does not resolve, nothing accepts connections on its port, its certificate is refused, it speaks
// the other protocol, or what answers is not the VPC API. Repeating the request cannot help for
// long, so the client retries it only for its policy's AnswerBudget, and the error says what
// happened, where, and which setting to check.
type EndpointError struct {
	// Endpoint is the host[:port] the request was sent to, Protocol the client's protocol.
	Endpoint string
	Protocol string
	// Cause says what the endpoint did, Check what the user should look at.
	Cause string
	Check string
	// Err is the underlying failure.
	Err error
}

func (e *EndpointError) Error() string {
	return fmt.Sprintf("the VPC API endpoint %s (protocol %s) %s. %s (%v)", e.Endpoint, e.Protocol, e.Cause, e.Check, e.Err)
}

func (e *EndpointError) Unwrap() error { return e.Err }

// The settings every hint names, as the user writes them.
const (
	checkEndpoint = "Check endpoints.vpc in the provider block (or ALIBABA_CLOUD_ENDPOINT_VPC; without either, the " +
		"region decides the endpoint)"
	setHTTPS = `If the endpoint speaks HTTPS, remove protocol = "HTTP" from the provider block (HTTPS is the default)`
)

// classifyTransport turns a transport failure that is an answer into an *EndpointError; any other
// error comes back unchanged. answered says whether this endpoint has answered this process
// before: a refused connection or a reset from an endpoint that has answered is weather (a restart,
// a load balancer's failover), retried until the operation's timeout, while the same from an
// endpoint that never answered is most likely a wrong host, port or protocol.
func classifyTransport(err error, endpoint, protocol string, answered bool) error {
	var apiErr *APIError
	if err == nil || errors.As(err, &apiErr) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if answered && (errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET)) {
		return err
	}
	e := &EndpointError{Endpoint: endpoint, Protocol: protocol, Err: err}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		// The URL repeats the endpoint and adds the request's query; the cause is what matters.
		e.Err = urlErr.Err
	}
	var (
		dnsErr    *net.DNSError
		addrErr   *net.AddrError
		notAPI    *notAPIAnswer
		verifyErr *tls.CertificateVerificationError
		recordErr tls.RecordHeaderError
		alertErr  tls.AlertError
		authErr   x509.UnknownAuthorityError
		hostErr   x509.HostnameError
		certErr   x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &dnsErr), errors.As(err, &addrErr):
		e.Cause = "has a host name that does not resolve to an address"
		e.Check = checkEndpoint + " for a typo, and that this machine's DNS resolver is reachable on the network."
	case errors.Is(err, syscall.ECONNREFUSED):
		e.Cause = "refused the connection: nothing accepts connections on that host and port"
		e.Check = checkEndpoint + ": its host and port, and that the endpoint is running; a firewall on the network may " +
			"refuse the connection too."
	case strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		// net/http has no type for this one: its text is the only sign.
		e.Cause = "answered an HTTPS request in plain HTTP"
		e.Check = `Set protocol = "HTTP" in the provider block if the endpoint is a local one that speaks HTTP only, ` +
			"such as vpcsim; otherwise " + lowerFirst(checkEndpoint) + "."
	case errors.As(err, &verifyErr), errors.As(err, &recordErr), errors.As(err, &alertErr),
		errors.As(err, &authErr), errors.As(err, &hostErr), errors.As(err, &certErr):
		e.Cause = "failed the TLS handshake: its certificate was refused or it does not speak TLS"
		e.Check = checkEndpoint + ": its certificate must be valid for that host name and signed by an authority this " +
			"machine trusts (a TLS-inspecting proxy on the network needs its CA installed). protocol = \"HTTP\" turns TLS " +
			"off, for a local endpoint only."
	case errors.As(err, &notAPI) && notAPI.httpsPort():
		e.Cause = "answered that it expects HTTPS: a plain HTTP request was sent to an HTTPS port"
		e.Check = setHTTPS + "."
	case errors.As(err, &notAPI):
		e.Cause = fmt.Sprintf("answered HTTP %d with %s, not with the VPC API's JSON", notAPI.status, notAPI.describe())
		e.Check = checkEndpoint + ": it must name the VPC API (such as vpc.cn-hangzhou.aliyuncs.com), not another " +
			"service or a proxy's page."
	case errors.Is(err, syscall.ECONNRESET) && protocol == ProtocolHTTP:
		e.Cause = "reset the connection before answering a plain HTTP request, as an HTTPS endpoint does"
		e.Check = setHTTPS + "; otherwise " + lowerFirst(checkEndpoint) + " and the network."
	default:
		return err
	}
	return e
}

func lowerFirst(s string) string { return strings.ToLower(s[:1]) + s[1:] }

// notAPIAnswer is an answer below 500 whose body is not JSON: a web server, a proxy's page, or an
// HTTPS port's refusal of plain HTTP. The SDK would only say that it cannot parse it. Server errors
// (5xx) stay what they are, weather: a gateway in front of the API answers them while it recovers.
type notAPIAnswer struct {
	status      int
	contentType string
	snippet     string
}

func (e *notAPIAnswer) Error() string {
	return fmt.Sprintf("HTTP %d %s: %q", e.status, e.contentType, e.snippet)
}

// httpsPort tells the refusals of plain HTTP by HTTPS servers (Go's, nginx's) from other pages.
func (e *notAPIAnswer) httpsPort() bool {
	s := strings.ToLower(e.snippet)
	return strings.Contains(s, "http request to an https server") || strings.Contains(s, "plain http request was sent to https port")
}

func (e *notAPIAnswer) describe() string {
	if e.contentType == "" {
		return "a body without a content type"
	}
	return "a body of type " + e.contentType
}

// snippetBytes is how much of a foreign answer the error quotes.
const snippetBytes = 256

// checkAnswer returns a *notAPIAnswer for a response that cannot be the VPC API's, and closes its
// body; any other response comes back untouched.
func checkAnswer(resp *http.Response) error {
	if resp.StatusCode >= 500 {
		return nil
	}
	mediaType, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if strings.HasSuffix(mediaType, "json") {
		return nil
	}
	head := make([]byte, snippetBytes)
	n, _ := io.ReadFull(resp.Body, head)
	head = head[:n]
	if trimmed := bytes.TrimSpace(head); len(trimmed) > 0 && trimmed[0] == '{' {
		// JSON without its content type: leave it to the SDK, with the bytes read put back.
		resp.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(head), resp.Body), resp.Body}
		return nil
	}
	_ = resp.Body.Close()
	return &notAPIAnswer{status: resp.StatusCode, contentType: mediaType, snippet: strings.TrimSpace(string(head))}
}
