package vpcsim

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
	"strings"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// This file verifies signatures independently of the SDK, from the published algorithms, so that
// a signing bug on either side shows up as a refused request instead of hiding behind shared code.

const (
	// timestampWindow is how far a request's timestamp may be from the server's clock.
	timestampWindow = 15 * time.Minute
	// nonceTTL is how long a nonce is remembered: a request stamped up to a window in the future
	// stays acceptable for two windows, and its nonce must outlive that.
	nonceTTL = 2 * timestampWindow
	// maxNonces bounds the nonce memory. Past it the oldest nonces are forgotten early, which
	// only matters to a client sending more than this many requests in half an hour.
	maxNonces = 1 << 18

	acs3Algorithm   = "ACS3-HMAC-SHA256"
	timestampLayout = "2006-01-02T15:04:05Z"
)

// acs3Required are the headers an ACS3 signature must cover: without them the action, the time,
// the nonce or the body could be changed without breaking the signature.
var acs3Required = []string{"host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"}

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

// authenticate returns the access key that signed c, or the error the real endpoint answers:
// the checks run in the order that never lets an unsigned request consume a nonce.
func (s *Sim) authenticate(c *call, now time.Time) (AccessKey, *apiError) {
	var sr *signedRequest
	var aerr *apiError
	if c.acs3 {
		sr, aerr = parseACS3(c)
	} else {
		sr, aerr = parseV1(c)
	}
	if aerr != nil {
		return AccessKey{}, aerr
	}
	key, ok := s.keys[sr.keyID]
	if !ok {
		return AccessKey{}, newAPIError(http.StatusNotFound, vpcapi.CodeAccessKeyNotFound, "Specified access key is not found.")
	}
	if !hmac.Equal([]byte(sr.sign(sr.stringToSign, key.Secret)), []byte(sr.signature)) {
		return AccessKey{}, newAPIError(http.StatusForbidden, vpcapi.CodeSignatureDoesNotMatch,
			"Specified signature is not matched with our calculation. server string to sign is:%s", sr.stringToSign)
	}
	ts, err := time.Parse(timestampLayout, sr.timestamp)
	if err != nil {
		return AccessKey{}, newAPIError(http.StatusBadRequest, vpcapi.CodeTimestampFormat, "Specified time stamp or date value is not well formatted.")
	}
	if d := now.Sub(ts); d > timestampWindow || d < -timestampWindow {
		return AccessKey{}, newAPIError(http.StatusBadRequest, vpcapi.CodeTimestampExpired, "Specified time stamp or date value is expired.")
	}
	if aerr := checkSecurityToken(key, sr.token); aerr != nil {
		return AccessKey{}, aerr
	}
	if !s.nonces.use(key.ID+"\n"+sr.nonce, now) {
		return AccessKey{}, newAPIError(http.StatusBadRequest, vpcapi.CodeSignatureNonceUsed, "Specified signature nonce was used already.")
	}
	return key, nil
}

func checkSecurityToken(key AccessKey, token string) *apiError {
	switch {
	case key.SecurityToken != "" && token == "":
		return newAPIError(http.StatusBadRequest, vpcapi.CodeSecurityTokenMissing, "SecurityToken is mandatory for this action.")
	case key.SecurityToken == "" && token != "":
		return newAPIError(http.StatusBadRequest, vpcapi.CodeSecurityTokenInvalid, "A security token was sent with an access key that is not an STS key.")
	case subtle.ConstantTimeCompare([]byte(key.SecurityToken), []byte(token)) != 1:
		return newAPIError(http.StatusBadRequest, vpcapi.CodeSecurityTokenInvalid, "The security token you provided does not belong to this access key.")
	}
	return nil
}

// parseV1 reads a Signature Version 1.0 request: HMAC-SHA1 over the method and every parameter
// but Signature, keyed with the secret and "&".
func parseV1(c *call) (*signedRequest, *apiError) {
	for _, name := range []string{"AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"} {
		if c.get(name) == "" {
			return nil, errMissingParameter(name)
		}
	}
	if m := c.get("SignatureMethod"); m != "HMAC-SHA1" {
		return nil, errInvalidParameter("SignatureMethod", "%q is not HMAC-SHA1", m)
	}
	if v := c.get("SignatureVersion"); v != "1.0" {
		return nil, errInvalidParameter("SignatureVersion", "%q is not 1.0", v)
	}
	signed := url.Values{}
	for k, vs := range c.params {
		if k != "Signature" {
			signed[k] = vs
		}
	}
	return &signedRequest{
		keyID:        c.get("AccessKeyId"),
		signature:    c.get("Signature"),
		stringToSign: c.method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(signed)),
		timestamp:    c.get("Timestamp"),
		nonce:        c.get("SignatureNonce"),
		token:        c.get("SecurityToken"),
		sign: func(sts, secret string) string {
			m := hmac.New(sha1.New, []byte(secret+"&"))
			m.Write([]byte(sts))
			return base64.StdEncoding.EncodeToString(m.Sum(nil))
		},
	}, nil
}

// parseACS3 reads an ACS3-HMAC-SHA256 request: HMAC-SHA256 over a canonical request made of the
// method, path, query, the signed headers and the body's SHA-256.
func parseACS3(c *call) (*signedRequest, *apiError) {
	incomplete := func(why string) *apiError {
		return newAPIError(http.StatusBadRequest, vpcapi.CodeIncompleteSignature,
			"The request signature does not conform to Aliyun standards: %s.", why)
	}
	algorithm, rest, _ := strings.Cut(c.header.Get("Authorization"), " ")
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
	for name := range c.header {
		if lower := strings.ToLower(name); strings.HasPrefix(lower, "x-acs-") && !slices.Contains(signedHeaders, lower) {
			return nil, incomplete("header " + lower + " is not signed")
		}
	}
	for _, h := range []string{"x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if c.header.Get(h) == "" {
			return nil, errMissingParameter(h)
		}
	}
	if id := c.header.Get("x-acs-accesskey-id"); id != "" && id != keyID {
		return nil, incomplete("x-acs-accesskey-id differs from the Credential")
	}

	var canonicalHeaders strings.Builder
	for _, h := range signedHeaders {
		var value string
		if h == "host" {
			value = c.host
		} else {
			values := slices.Clone(c.header.Values(h))
			for i := range values {
				values[i] = strings.TrimSpace(values[i])
			}
			slices.Sort(values)
			value = strings.Join(values, ",")
		}
		canonicalHeaders.WriteString(h + ":" + value + "\n")
	}
	payload := sha256.Sum256(c.body)
	canonicalRequest := strings.Join([]string{
		c.method, "/", canonicalQuery(c.query), canonicalHeaders.String(), signedList, hex.EncodeToString(payload[:]),
	}, "\n")
	digest := sha256.Sum256([]byte(canonicalRequest))
	return &signedRequest{
		keyID:        keyID,
		signature:    signature,
		stringToSign: acs3Algorithm + "\n" + hex.EncodeToString(digest[:]),
		timestamp:    c.header.Get("x-acs-date"),
		nonce:        c.header.Get("x-acs-signature-nonce"),
		token:        c.header.Get("x-acs-security-token"),
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

// nonceCache remembers the nonces of accepted requests for nonceTTL, oldest first, so that
// forgetting is cheap and memory stays bounded.
type nonceCache struct {
	until map[string]time.Time
	queue []nonceEntry
	head  int
}

type nonceEntry struct {
	key   string
	until time.Time
}

func newNonceCache() *nonceCache { return &nonceCache{until: map[string]time.Time{}} }

// use records key and reports whether it was fresh.
func (n *nonceCache) use(key string, now time.Time) bool {
	for n.head < len(n.queue) && (!n.queue[n.head].until.After(now) || len(n.queue)-n.head >= maxNonces) {
		e := n.queue[n.head]
		if n.until[e.key].Equal(e.until) {
			delete(n.until, e.key)
		}
		n.queue[n.head] = nonceEntry{}
		n.head++
	}
	if n.head > len(n.queue)/2 {
		n.queue = append(n.queue[:0], n.queue[n.head:]...)
		n.head = 0
	}
	if until, ok := n.until[key]; ok && until.After(now) {
		return false
	}
	until := now.Add(nonceTTL)
	n.until[key] = until
	n.queue = append(n.queue, nonceEntry{key: key, until: until})
	return true
}
