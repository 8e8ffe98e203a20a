package vpcsim

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
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/signature"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/tagging"
)

// maxBodyBytes bounds what is read of a request body; RPC calls carry a few hundred bytes.
const maxBodyBytes = 1 << 20

// call is one API request as the simulator sees it once the HTTP layer is peeled off.
type call struct {
	method  string
	host    string
	header  http.Header
	query   url.Values // the query string alone: what ACS3 signs as the canonical query
	form    url.Values // form-encoded body parameters, if any
	params  url.Values // query then form: what the action reads
	body    []byte
	acs3    bool   // signed with an Authorization header (ACS3-HMAC-SHA256) rather than Signature
	action  string // as given, even if unknown, so that Stats can count it
	version string
}

// actions maps each served action to its handler.
var actions = map[string]func(*Sim, *call, *exchange) (any, *apiError){
	vpcapi.ActionCreateVpnGateway:          (*Sim).createVpnGateway,
	vpcapi.ActionDescribeVpnGateway:        (*Sim).describeVpnGateway,
	vpcapi.ActionDescribeVpnGateways:       (*Sim).describeVpnGateways,
	vpcapi.ActionModifyVpnGatewayAttribute: (*Sim).modifyVpnGatewayAttribute,
	vpcapi.ActionDeleteVpnGateway:          (*Sim).deleteVpnGateway,
	vpcapi.ActionDescribeVpcs:              (*Sim).describeVpcs,
	vpcapi.ActionDescribeVSwitches:         (*Sim).describeVSwitches,
	vpcapi.ActionDescribeRegions:           (*Sim).describeRegions,
	vpcapi.ActionTagResources:              (*Sim).tagResources,
	vpcapi.ActionUnTagResources:            (*Sim).unTagResources,
	vpcapi.ActionListTagResources:          (*Sim).listTagResources,
	vpcapi.ActionMoveVpnResourceGroup:      (*Sim).moveVpnResourceGroup,
}

// readCall parses the HTTP request into a call. It fills c.action as soon as it is known, so that
// even a refused request is counted under the action it named.
func readCall(r *http.Request) (*call, *apiError) {
	c := &call{method: r.Method, host: r.Host, header: r.Header}
	if c.acs3 = r.Header.Get("Authorization") != ""; c.acs3 {
		c.action = r.Header.Get("x-acs-action")
	}
	query, qerr := url.ParseQuery(r.URL.RawQuery)
	c.query = query
	if !c.acs3 {
		c.action = query.Get("Action")
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		return c, newAPIError(http.StatusForbidden, vpcapi.CodeUnsupportedHTTPMethod, "This http method is not supported.")
	}
	if r.URL.Path != "/" {
		return c, errActionNotFound()
	}
	if qerr != nil {
		return c, errInvalidParameter("QueryString", "it is not a well-formed query string (%v)", qerr)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return c, errInvalidParameter("Body", "it could not be read (%v)", err)
	}
	if len(body) > maxBodyBytes {
		return c, errInvalidParameter("Body", "it is longer than %d bytes", maxBodyBytes)
	}
	c.body = body
	c.form = url.Values{}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "application/x-www-form-urlencoded" && len(body) > 0 {
		if c.form, err = url.ParseQuery(string(body)); err != nil {
			return c, errInvalidParameter("Body", "it is not a well-formed form (%v)", err)
		}
	}
	c.params = url.Values{}
	for _, src := range []url.Values{c.query, c.form} {
		for k, vs := range src {
			c.params[k] = append(c.params[k], vs...)
		}
	}
	if !c.acs3 && c.action == "" {
		c.action = c.form.Get("Action")
	}
	return c, c.checkActionVersion()
}

func (c *call) checkActionVersion() *apiError {
	actionName, versionName := "Action", "Version"
	c.version = c.params.Get("Version")
	if c.acs3 {
		actionName, versionName = "x-acs-action", "x-acs-version"
		c.version = c.header.Get("x-acs-version")
	}
	if c.action == "" {
		return errMissingParameter(actionName)
	}
	if c.version == "" {
		return errMissingParameter(versionName)
	}
	if c.version != vpcapi.Version {
		return newAPIError(http.StatusBadRequest, vpcapi.CodeInvalidVersion, "Specified parameter Version is not valid.")
	}
	if _, ok := actions[c.action]; !ok {
		return errActionNotFound()
	}
	return nil
}

// signed is what the signature checks read of the call.
func (c *call) signed() *signature.Request {
	return &signature.Request{Method: c.method, Host: c.host, Header: c.header, Query: c.query, Params: c.params, Body: c.body, ACS3: c.acs3}
}

// get returns the first value of a parameter, "" if it is absent.
func (c *call) get(name string) string { return c.params.Get(name) }

func (c *call) has(name string) bool { return c.params.Has(name) }

func (c *call) required(name string) (string, *apiError) {
	v := c.get(name)
	if v == "" {
		return "", errMissingParameter(name)
	}
	return v, nil
}

func (c *call) optBool(name string, def bool) (bool, *apiError) {
	if !c.has(name) {
		return def, nil
	}
	switch c.get(name) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errInvalidParameter(name, "%q is not true or false", c.get(name))
}

// optInt parses an integer parameter; set says whether it was given at all.
func (c *call) optInt(name string) (n int64, set bool, aerr *apiError) {
	if !c.has(name) {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(c.get(name), 10, 64)
	if err != nil {
		return 0, true, errInvalidParameter(name, "%q is not an integer", c.get(name))
	}
	return n, true, nil
}

// indexed returns the values of a repeated parameter (name.1, name.2, ...) in the order of their
// indexes, which need not be consecutive. A value given twice counts once.
func (c *call) indexed(name string) []string {
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

// tagParam is one Tag.N of a call: its key and value, and whether each was given at all.
type tagParam struct {
	n                int
	key, value       string
	hasKey, hasValue bool
}

// tagParams returns the call's Tag.N.Key and Tag.N.Value pairs in the order of their indexes.
func (c *call) tagParams() []tagParam {
	byIndex := map[int]*tagParam{}
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
			p = &tagParam{n: n}
			byIndex[n] = p
		}
		if field == "Key" {
			p.key, p.hasKey = vs[0], true
		} else {
			p.value, p.hasValue = vs[0], true
		}
	}
	out := make([]tagParam, 0, len(byIndex))
	for _, n := range slices.Sorted(maps.Keys(byIndex)) {
		out = append(out, *byIndex[n])
	}
	return out
}

// tagFilters reads the call's Tag.N as filters, as ListTagResources and DescribeVpnGateways take
// them: a key and a value, or a key alone for any value; never a value alone.
func (c *call) tagFilters() ([]tagging.Filter, *apiError) {
	var filters []tagging.Filter
	for _, p := range c.tagParams() {
		if !p.hasKey {
			return nil, newAPIError(http.StatusBadRequest, vpcapi.CodeInvalidTagKey,
				"The tag keys are not valid: Tag.%d.Value is given without Tag.%d.Key; a filter names a key, and a value if it wants one.", p.n, p.n)
		}
		filters = append(filters, tagging.Filter{Key: p.key, Value: p.value, AnyValue: !p.hasValue})
	}
	if err := tagging.CheckFilters(filters); err != nil {
		return nil, fromTagging(err)
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

// fingerprint identifies a request's business parameters, whatever their order or transport.
func (c *call) fingerprint() string {
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

// statsAction is the name a request is counted under: its action, or a bucket for a missing or
// implausible one, so that garbage cannot grow the counters without bound.
func statsAction(action string) string {
	switch {
	case action == "":
		return "(none)"
	case len(action) > 64 || strings.ContainsFunc(action, notAlphanumeric):
		return "(invalid)"
	}
	return action
}

func notAlphanumeric(r rune) bool {
	return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9')
}
