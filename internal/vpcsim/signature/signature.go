// Package signature checks the signatures of Alibaba Cloud RPC requests, ACS3-HMAC-SHA256 and
// HMAC-SHA1 Signature Version 1.0, from the published algorithms rather than from the SDK's code,
// so that a signing bug on either side shows up as a refused request instead of hiding behind
// shared code. It also remembers nonces, so that a replayed request is refused.
package signature

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

const (
	// timestampWindow is how far a request's timestamp may be from the server's clock.
	timestampWindow = 15 * time.Minute

	acs3Algorithm   = "ACS3-HMAC-SHA256"
	timestampLayout = "2006-01-02T15:04:05Z"
)

// acs3Required are the headers an ACS3 signature must cover: without them the action, the time,
// the nonce or the body could be changed without breaking the signature.
var acs3Required = []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}

// Request is what the checks read of an HTTP request.
type Request struct {
	Method string
	Host   string
	Header http.Header
	Query  url.Values // the query string alone: what ACS3 signs as the canonical query
	Params url.Values // query, then form body: what Signature Version 1.0 signs
	Body   []byte
	ACS3   bool // signed with an Authorization header rather than a Signature parameter
}

// Key is an access key pair; a non-empty SecurityToken makes it an STS key, whose requests must
// carry exactly that token.
type Key struct{ ID, Secret, SecurityToken string }

// Error is a refusal: the API error code, its HTTP status, and a message. For MissingParameter and
// InvalidParameter, Param names the parameter and Message says only what is wrong with it, so
// that the caller words them as it words its own.
type Error struct {
	Status  int
	Code    string
	Param   string
	Message string
}

func refuse(status int, code, message string) *Error {
	return &Error{Status: status, Code: code, Message: message}
}

func missing(name string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: vpcapi.CodeMissingParameter, Param: name}
}

func invalid(name, why string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: vpcapi.CodeInvalidParameter, Param: name, Message: why}
}

// Checker checks requests against a set of keys and remembers the nonces of those it accepted.
// It is not safe for concurrent use.
type Checker struct {
	keys   map[string]Key
	nonces *nonceCache
}

// NewChecker returns a checker accepting the keys, by ID.
func NewChecker(keys map[string]Key) *Checker {
	return &Checker{keys: keys, nonces: newNonceCache()}
}

// ForgetNonces forgets every nonce seen, as a restart does.
func (ch *Checker) ForgetNonces() { ch.nonces = newNonceCache() }

// signedRequest is what a request claims about its signature, in either version.
type signedRequest struct {
	keyID        string
	signature    string
	stringToSign string
	timestamp    string
	nonce        string
	token        string
	sign         func(stringToSign, secret string) string
}

// Check returns the key that signed r, or the refusal the real endpoint answers: the checks run
// in the order that never lets an unsigned request consume a nonce.
func (ch *Checker) Check(r *Request, now time.Time) (Key, *Error) {
	var sr *signedRequest
	var serr *Error
	if r.ACS3 {
		sr, serr = parseACS3(r)
	} else {
		sr, serr = parseV1(r)
	}
	if serr != nil {
		return Key{}, serr
	}
	key, ok := ch.keys[sr.keyID]
	if !ok {
		return Key{}, refuse(http.StatusNotFound, vpcapi.CodeAccessKeyNotFound, "Specified access key is not found.")
	}
	if !hmac.Equal([]byte(sr.sign(sr.stringToSign, key.Secret)), []byte(sr.signature)) {
		return Key{}, refuse(http.StatusForbidden, vpcapi.CodeSignatureDoesNotMatch,
			"Specified signature is not matched with our calculation. server string to sign is:"+sr.stringToSign)
	}
	ts, err := time.Parse(timestampLayout, sr.timestamp)
	if err != nil {
		return Key{}, refuse(http.StatusBadRequest, vpcapi.CodeTimestampFormat, "Specified time stamp or date value is not well formatted.")
	}
	if d := now.Sub(ts); d > timestampWindow || d < -timestampWindow {
		return Key{}, refuse(http.StatusBadRequest, vpcapi.CodeTimestampExpired, "Specified time stamp or date value is expired.")
	}
	if serr := checkSecurityToken(key, sr.token); serr != nil {
		return Key{}, serr
	}
	if !ch.nonces.use(key.ID+"\n"+sr.nonce, now) {
		return Key{}, refuse(http.StatusBadRequest, vpcapi.CodeSignatureNonceUsed, "Specified signature nonce was used already.")
	}
	return key, nil
}

func checkSecurityToken(key Key, token string) *Error {
	switch {
	case key.SecurityToken != "" && token == "":
		return refuse(http.StatusBadRequest, vpcapi.CodeSecurityTokenMissing, "SecurityToken is mandatory for this action.")
	case key.SecurityToken == "" && token != "":
		return refuse(http.StatusBadRequest, vpcapi.CodeSecurityTokenInvalid, "A security token was sent with an access key that is not an STS key.")
	case subtle.ConstantTimeCompare([]byte(key.SecurityToken), []byte(token)) != 1:
		return refuse(http.StatusBadRequest, vpcapi.CodeSecurityTokenInvalid, "The security token you provided does not belong to this access key.")
	}
	return nil
}

// parseV1 reads a Signature Version 1.0 request: HMAC-SHA1 over the method and every parameter
// but Signature, keyed with the secret and "&".
func parseV1(c *Request) (*signedRequest, *Error) {
	for _, name := range []string{"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"} {
		if c.Params.Get(name) == "" {
			return nil, missing(name)
		}
	}
	if m := c.Params.Get("SignatureMethod"); m != "HMAC-SHA1" {
		return nil, invalid("SignatureMethod", strconv.Quote(m)+" is not HMAC-SHA1")
	}
	if v := c.Params.Get("SignatureVersion"); v != "1.0" {
		return nil, invalid("SignatureVersion", strconv.Quote(v)+" is not 1.0")
	}
	signed := url.Values{}
	for k, vs := range c.Params {
		if k != "Signature" {
			signed[k] = vs
		}
	}
	return &signedRequest{
		keyID:        c.Params.Get("AccessKeyId"),
		signature:    c.Params.Get("Signature"),
		stringToSign: c.Method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(signed)),
		timestamp:    c.Params.Get("Timestamp"),
		nonce:        c.Params.Get("SignatureNonce"),
		token:        c.Params.Get("SecurityToken"),
		sign: func(sts, secret string) string {
			m := hmac.New(sha1.New, []byte(secret+"&"))
			m.Write([]byte(sts))
			return base64.StdEncoding.EncodeToString(m.Sum(nil))
		},
	}, nil
}

// parseACS3 reads an ACS3-HMAC-SHA256 request: HMAC-SHA256 over a canonical request made of the
// method, path, query, the signed headers and the body's SHA-256.
func parseACS3(c *Request) (*signedRequest, *Error) {
	incomplete := func(why string) *Error {
		return refuse(http.StatusBadRequest, vpcapi.CodeIncompleteSignature,
			"The request signature does not conform to Aliyun standards: "+why+".")
	}
	algorithm, rest, _ := strings.Cut(c.Header.Get("Authorization"), " ")
	if algorithm != acs3Algorithm {
		return nil, incomplete("the algorithm is not " + acs3Algorithm)
	}
	fields := map[string]string{}
	for part := range strings.SplitSeq(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		fields[k] = v
	}
	keyID, signedList, signature := fields["Credential"], fields["SignedHeaders"], fields["Signature"]
	if keyID == "" || signedList == "" || signature == "" {
		return nil, incomplete("Credential, SignedHeaders and Signature are all required")
	}
	signedHeaders := strings.Split(signedList, ";")
	for _, h := range acs3Required {
		if !slices.Contains(signedHeaders, h) {
			return nil, incomplete("header " + h + " is not signed")
		}
	}
	for name := range c.Header {
		if lower := strings.ToLower(name); strings.HasPrefix(lower, "x-acs-") && !slices.Contains(signedHeaders, lower) {
			return nil, incomplete("header " + lower + " is not signed")
		}
	}
	for _, h := range []string{"x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if c.Header.Get(h) == "" {
			return nil, missing(h)
		}
	}
	if id := c.Header.Get("x-acs-accesskey-id"); id != "" && id != keyID {
		return nil, incomplete("x-acs-accesskey-id differs from the Credential")
	}

	var canonicalHeaders strings.Builder
	for _, h := range signedHeaders {
		var value string
		if h == "host" {
			value = c.Host
		} else {
			values := slices.Clone(c.Header.Values(h))
			for i := range values {
				values[i] = strings.TrimSpace(values[i])
			}
			slices.Sort(values)
			value = strings.Join(values, ",")
		}
		canonicalHeaders.WriteString(h + ":" + value + "\n")
	}
	payload := sha256.Sum256(c.Body)
	canonicalRequest := strings.Join([]string{
		c.Method, "/", canonicalQuery(c.Query), canonicalHeaders.String(), signedList, hex.EncodeToString(payload[:]),
	}, "\n")
	digest := sha256.Sum256([]byte(canonicalRequest))
	return &signedRequest{
		keyID:        keyID,
		signature:    signature,
		stringToSign: acs3Algorithm + "\n" + hex.EncodeToString(digest[:]),
		timestamp:    c.Header.Get("x-acs-date"),
		nonce:        c.Header.Get("x-acs-signature-nonce"),
		token:        c.Header.Get("x-acs-security-token"),
		sign: func(sts, secret string) string {
			m := hmac.New(sha256.New, []byte(secret))
			m.Write([]byte(sts))
			return hex.EncodeToString(m.Sum(nil))
		},
	}, nil
}

// canonicalQuery sorts parameters by name, keeps each name's values in the order sent, and joins
// them percent-encoded as name=value pairs.
func canonicalQuery(v url.Values) string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, value := range v[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(percentEncode(k) + "=" + percentEncode(value))
		}
	}
	return b.String()
}

// percentEncode is RFC 3986 encoding: every byte but the unreserved characters becomes %XX.
func percentEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 'A' && ch <= 'Z' || ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_' || ch == '.' || ch == '~' {
			b.WriteByte(ch)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[ch>>4])
		b.WriteByte(hexDigits[ch&15])
	}
	return b.String()
}
