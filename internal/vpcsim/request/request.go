// Package request reads an RPC call of the VPC API out of its HTTP request, and its parameters
// as the actions take them: plain, repeated (Name.N), tags (Tag.N.Key/Value) and paging.
package request

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/signature"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// MaxBodyBytes bounds what is read of a request body; RPC calls carry a few hundred bytes.
const MaxBodyBytes = 1 << 20

// Call is one API request as the simulator sees it once the HTTP layer is peeled off.
type Call struct {
	method  string
	Host    string // the address the request came to
	header  http.Header
	query   url.Values // the query string alone: what ACS3 signs as the canonical query
	form    url.Values // form-encoded body parameters, if any
	params  url.Values // query then form: what the action reads
	body    []byte
	acs3    bool   // Signed with an Authorization header (ACS3-HMAC-SHA256) rather than Signature
	Action  string // as given, even if unknown, so that the simulator's Stats can count it
	version string
}

// Read parses the HTTP request into a Call of one of the actions served names. It fills c.Action
// as soon as it is known, so that even a refused request is counted under the action it named.
func Read(r *http.Request, served func(action string) bool) (*Call, *apierr.Error) {
	c := &Call{method: r.Method, Host: r.Host, header: r.Header}
	if c.acs3 = r.Header.Get("Authorization") != ""; c.acs3 {
		c.Action = r.Header.Get("x-acs-action")
	}
	query, qerr := url.ParseQuery(r.URL.RawQuery)
	c.query = query
	if !c.acs3 {
		c.Action = query.Get("Action")
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return c, unsupportedMethod()
	}
	if r.URL.Path != "/" {
		return c, apierr.ActionNotFound()
	}
	if qerr != nil {
		return c, apierr.InvalidParameter("QueryString", "it is not a well-formed query string (%v)", qerr)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxBodyBytes+1))
	if err != nil {
		return c, apierr.InvalidParameter("Body", "it could not be read (%v)", err)
	}
	if len(body) > MaxBodyBytes {
		return c, apierr.InvalidParameter("Body", "it is longer than %d bytes", MaxBodyBytes)
	}
	c.body = body
	c.form = url.Values{}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" && len(body) > 0 {
		if c.form, err = url.ParseQuery(string(body)); err != nil {
			return c, apierr.InvalidParameter("Body", "it is not a well-formed form (%v)", err)
		}
	}
	c.params = url.Values{}
	for _, src := range []url.Values{c.query, c.form} {
		for k, vs := range src {
			c.params[k] = append(c.params[k], vs...)
		}
	}
	if !c.acs3 && c.Action == "" {
		c.Action = c.form.Get("Action")
	}
	return c, c.checkActionVersion(served)
}

func (c *Call) checkActionVersion(served func(string) bool) *apierr.Error {
	actionName, versionName := "Action", "Version"
	c.version = c.params.Get("Version")
	if c.acs3 {
		actionName, versionName = "x-acs-action", "x-acs-version"
		c.version = c.header.Get("x-acs-version")
	}
	if c.Action == "" {
		return apierr.MissingParameter(actionName)
	}
	if c.version == "" {
		return apierr.MissingParameter(versionName)
	}
	if c.version != vpcapi.Version {
		return apierr.New(http.StatusBadRequest, vpcapi.CodeInvalidVersion, "Specified parameter Version is not valid.")
	}
	if !served(c.Action) {
		return apierr.ActionNotFound()
	}
	if c.method == http.MethodGet && slices.Contains(postOnly, c.Action) {
		return unsupportedMethod()
	}
	return c.checkFormat()
}

// postOnly are the served actions the API's metadata (aliyun/aliyun-openapi-meta, which the aliyun
// CLI reads) declares POST only; every other one takes GET or POST.
var postOnly = []string{vpcapi.ActionMoveVpnResourceGroup}

func unsupportedMethod() *apierr.Error {
	return apierr.New(http.StatusForbidden, vpcapi.CodeUnsupportedHTTPMethod, "This http method is not supported.")
}

// Signed is what the signature checks read of the call.
func (c *Call) Signed() *signature.Request {
	return &signature.Request{Method: c.method, Host: c.Host, Header: c.header, Query: c.query, Params: c.params, Body: c.body, ACS3: c.acs3}
}

// Get returns the first value of a parameter, "" if it is absent.
func (c *Call) Get(name string) string { return c.params.Get(name) }

func (c *Call) Has(name string) bool { return c.params.Has(name) }

func (c *Call) Required(name string) (string, *apierr.Error) {
	v := c.Get(name)
	if v == "" {
		return "", apierr.MissingParameter(name)
	}
	return v, nil
}

func (c *Call) OptBool(name string, def bool) (bool, *apierr.Error) {
	if !c.Has(name) {
		return def, nil
	}
	switch c.Get(name) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, apierr.InvalidParameter(name, "%q is not true or false", c.Get(name))
}

// OptInt parses an integer parameter; set says whether it was given at all.
func (c *Call) OptInt(name string) (n int64, set bool, aerr *apierr.Error) {
	if !c.Has(name) {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(c.Get(name), 10, 64)
	if err != nil {
		return 0, true, apierr.InvalidParameter(name, "%q is not an integer", c.Get(name))
	}
	return n, true, nil
}

// Indexed returns the values of a repeated parameter (name.1, name.2, ...) in the order of their
// indexes, which need not be consecutive. A value given twice counts once.
func (c *Call) Indexed(name string) []string {
	type item struct {
		n     int
		value string
	}
	var items []item
	for k, vs := range c.params {
		rest, ok := strings.CutPrefix(k, name+".")
		if n, isIndex := index(rest); ok && isIndex {
			items = append(items, item{n, vs[0]})
		}
	}
	slices.SortFunc(items, func(a, b item) int { return cmp.Compare(a.n, b.n) })
	var out []string
	for _, it := range items {
		if !slices.Contains(out, it.value) {
			out = append(out, it.value)
		}
	}
	return out
}

// TagParam is one Tag.N of a call: its key and value, and whether each was given at all.
type TagParam struct {
	N                int
	Key, Value       string
	HasKey, HasValue bool
}

// TagParams returns the call's Tag.N.Key and Tag.N.Value pairs in the order of their indexes.
func (c *Call) TagParams() []TagParam {
	byIndex := map[int]*TagParam{}
	for k, vs := range c.params {
		rest, ok := strings.CutPrefix(k, "Tag.")
		if !ok {
			continue
		}
		num, field, _ := strings.Cut(rest, ".")
		n, isIndex := index(num)
		if !isIndex || field != "Key" && field != "Value" {
			continue
		}
		p := byIndex[n]
		if p == nil {
			p = &TagParam{N: n}
			byIndex[n] = p
		}
		if field == "Key" {
			p.Key, p.HasKey = vs[0], true
		} else {
			p.Value, p.HasValue = vs[0], true
		}
	}
	out := make([]TagParam, 0, len(byIndex))
	for _, n := range slices.Sorted(maps.Keys(byIndex)) {
		out = append(out, *byIndex[n])
	}
	return out
}

// TagFilters reads the call's Tag.N as filters, as ListTagResources and DescribeVpnGateways take
// them: a key and a value, or a key alone for any value; never a value alone.
func (c *Call) TagFilters() ([]tagging.Filter, *apierr.Error) {
	var filters []tagging.Filter
	for _, p := range c.TagParams() {
		if !p.HasKey {
			return nil, apierr.New(http.StatusBadRequest, vpcapi.CodeInvalidTagKey,
				"The tag keys are not valid: Tag.%d.Value is given without Tag.%d.Key; a filter names a key, and a value if it wants one.", p.N, p.N)
		}
		filters = append(filters, tagging.Filter{Key: p.Key, Value: p.Value, AnyValue: !p.HasValue})
	}
	if err := tagging.CheckFilters(filters); err != nil {
		return nil, apierr.FromTagging(err)
	}
	return filters, nil
}

// index parses the N of a repeated parameter: a positive decimal number without a sign.
func index(s string) (int, bool) {
	if s == "" || len(s) > 9 || strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' }) {
		return 0, false
	}
	n, _ := strconv.Atoi(s)
	return n, n > 0
}

// envelope holds the parameters every RPC call may carry for transport and authentication; they
// differ between two sends of the same logical request and so never count for idempotency.
var envelope = []string{
	"Action", "Version", "Format", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion",
	"SignatureNonce", "SignatureType", "Timestamp", "SecurityToken", "BearerToken", "ClientToken",
}

// Fingerprint identifies a request's business parameters, whatever their order or transport.
func (c *Call) Fingerprint() string {
	keys := make([]string, 0, len(c.params))
	for k := range c.params {
		if !slices.Contains(envelope, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	h := sha256.New()
	for _, k := range keys {
		for _, v := range c.params[k] {
			h.Write([]byte(strconv.Quote(k) + "=" + strconv.Quote(v) + "\n"))
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}
