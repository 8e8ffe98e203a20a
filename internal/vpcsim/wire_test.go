package vpcsim_test

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// answered is an HTTP answer as the simulator wrote it, whatever a client made of it.
type answered struct {
	status int
	header http.Header
	body   string
	host   string // the address the request was sent to
}

// capturer is a proxy in front of the simulator that keeps the last answer it passed on.
type capturer struct {
	mu     sync.Mutex
	last   answered
	target http.Handler
}

func (c *capturer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	c.target.ServeHTTP(rec, r)
	res := rec.Result()
	body, _ := io.ReadAll(res.Body)
	c.mu.Lock()
	c.last = answered{status: res.StatusCode, header: res.Header.Clone(), body: string(body)}
	c.mu.Unlock()
	for k, vs := range res.Header {
		w.Header()[k] = vs
	}
	w.WriteHeader(res.StatusCode)
	_, _ = w.Write(body)
}

// wire sends action through the official SDK's generic RPC path, signed with Signature Version 1.0
// and sent as method (GET, as the aliyun CLI sends it, or POST), and returns the raw answer. The
// SDK reads the body as a string, so that an XML success reaches the test as the simulator wrote
// it; an error answer is returned raw whatever the SDK made of it.
func (f *fixture) wire(t testing.TB, method, action string, query map[string]string) answered {
	t.Helper()
	capt := &capturer{target: f.sim}
	srv := httptest.NewServer(capt)
	defer srv.Close()
	cfg := f.config(v1)
	cfg.Endpoint = tea.String(strings.TrimPrefix(srv.URL, "http://"))
	c, err := openapi.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	q := map[string]*string{}
	for k, v := range query {
		q[k] = tea.String(v)
	}
	params := &openapiutil.Params{
		Action: tea.String(action), Version: tea.String(vpcapi.Version), Protocol: tea.String("HTTP"), Pathname: tea.String("/"),
		Method: tea.String(method), AuthType: tea.String("AK"), Style: tea.String("RPC"), ReqBodyType: tea.String("formData"),
		BodyType: tea.String("string"),
	}
	_, _ = c.CallApi(params, &openapiutil.OpenApiRequest{Query: q}, &dara.RuntimeOptions{})
	capt.mu.Lock()
	defer capt.mu.Unlock()
	if capt.last.status == 0 {
		t.Fatalf("%s %s: no answer reached the proxy", method, action)
	}
	a := capt.last
	a.host = tea.StringValue(cfg.Endpoint)
	return a
}

// TestThrottleHint: a throttled answer names the wait its bucket has left, in milliseconds, in
// x-acs-retry-after (what the aliyun CLI retries on) and as TimeLeft in x-ratelimit-user-api
// (what darabonba-openapi v2.1 reads into ThrottlingError.RetryAfter); the wait shrinks as the
// bucket refills, and at zero the request passes.
func TestThrottleHint(t *testing.T) {
	clk := newClock()
	f := start(t, vpcsim.Config{QPS: 2, Now: clk.Now})
	describe := func() answered {
		return f.wire(t, http.MethodGet, vpcapi.ActionDescribeRegions, map[string]string{"AcceptLanguage": "en-US"})
	}
	for range 2 { // the bucket's burst
		if a := describe(); a.status != http.StatusOK {
			t.Fatalf("within the burst: %d %s", a.status, a.body)
		}
	}
	for _, want := range []struct {
		after time.Duration
		ms    string
	}{{0, "500"}, {200 * time.Millisecond, "300"}, {299 * time.Millisecond, "1"}} {
		clk.Advance(want.after)
		a := describe()
		if a.status != http.StatusBadRequest || !strings.Contains(a.body, vpcapi.CodeThrottlingUser) {
			t.Fatalf("past the limit: %d %s", a.status, a.body)
		}
		if got := a.header.Get("x-acs-retry-after"); got != want.ms {
			t.Errorf("x-acs-retry-after %q, want %q", got, want.ms)
		}
		if got, wantRL := a.header.Get("x-ratelimit-user-api"), "Limit:2,Remain:0,TimeLeft:"+want.ms; got != wantRL {
			t.Errorf("x-ratelimit-user-api %q, want %q", got, wantRL)
		}
	}
	clk.Advance(time.Millisecond)
	if a := describe(); a.status != http.StatusOK {
		t.Fatalf("after the named wait: %d %s", a.status, a.body)
	}

	// The official SDK reads the hint into its ThrottlingError (which it wraps into a tea.SDKError,
	// without the hint, unless told not to).
	sdk := f.client(t)
	sdk.Client.DisableSDKError = tea.Bool(true)
	_, err := sdk.DescribeRegions(&vpc.DescribeRegionsRequest{})
	var te *openapi.ThrottlingError
	if !errors.As(err, &te) || tea.Int64Value(te.RetryAfter) != 500 {
		t.Fatalf("SDK: %v, want a ThrottlingError with RetryAfter 500", err)
	}

	// An injected throttling answer has no bucket behind it, and names no wait.
	g := start(t, vpcsim.Config{})
	g.sim.SetFaults(vpcsim.Faults{Codes: []string{vpcapi.CodeThrottlingUser}, ErrorCount: 1})
	a := g.wire(t, http.MethodPost, vpcapi.ActionDescribeRegions, nil)
	if a.status != http.StatusBadRequest || a.header.Get("x-acs-retry-after") != "" || a.header.Get("x-ratelimit-user-api") != "" {
		t.Fatalf("injected throttling: %d %v", a.status, a.header)
	}
}

// vpcsXML is DescribeVpcs' answer as the older SDK (aliyun/alibaba-cloud-sdk-go) declares it for
// XML: each list a repeated element inside its wrapper.
type vpcsXML struct {
	XMLName    xml.Name `xml:"DescribeVpcsResponse"`
	RequestID  string   `xml:"RequestId"`
	TotalCount int      `xml:"TotalCount"`
	Vpcs       struct {
		Vpc []struct {
			VpcID      string `xml:"VpcId"`
			IsDefault  bool   `xml:"IsDefault"`
			VSwitchIDs struct {
				VSwitchID []string `xml:"VSwitchId"`
			} `xml:"VSwitchIds"`
			Tags struct {
				Tag []struct{ Key, Value string } `xml:"Tag"`
			} `xml:"Tags"`
		} `xml:"Vpc"`
	} `xml:"Vpcs"`
}

// TestXMLAnswers: Format=XML gets every answer in XML, successes and refusals, over GET (as the
// aliyun CLI sends) and POST; a ClientToken replay too. JSON stays the default; another Format is
// refused.
func TestXMLAnswers(t *testing.T) {
	f := start(t, vpcsim.Config{})
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		a := f.wire(t, method, vpcapi.ActionDescribeVpcs, map[string]string{"RegionId": vpcsim.DefaultRegion, "Format": "XML"})
		if a.status != http.StatusOK || !strings.HasPrefix(a.header.Get("Content-Type"), "text/xml") || !strings.HasPrefix(a.body, "<?xml") {
			t.Fatalf("%s: %d %q %s", method, a.status, a.header.Get("Content-Type"), a.body)
		}
		var v vpcsXML
		if err := xml.Unmarshal([]byte(a.body), &v); err != nil {
			t.Fatalf("%s: %v in %s", method, err, a.body)
		}
		if v.RequestID != a.header.Get("x-acs-request-id") || v.TotalCount != 1 || len(v.Vpcs.Vpc) != 1 {
			t.Fatalf("%s: %+v", method, v)
		}
		got := v.Vpcs.Vpc[0]
		if got.VpcID != vpcsim.DefaultVpcID || strings.Join(got.VSwitchIDs.VSwitchID, ",") != vpcsim.DefaultVSwitchID+","+vpcsim.SecondVSwitchID ||
			len(got.Tags.Tag) != 1 || got.Tags.Tag[0].Key != "env" {
			t.Fatalf("%s: VPC %+v", method, got)
		}

		a = f.wire(t, method, vpcapi.ActionDescribeVpcs, map[string]string{"RegionId": "us-east-1", "Format": "xml"})
		want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n<Error><RequestId>" + a.header.Get("x-acs-request-id") +
			"</RequestId><HostId>" + a.host + "</HostId><Code>InvalidRegionId.NotFound</Code>" +
			"<Message>The specified RegionId does not exist in our records.</Message></Error>"
		if a.status != http.StatusNotFound || !strings.HasPrefix(a.header.Get("Content-Type"), "text/xml") || a.body != want {
			t.Fatalf("%s error: %d %q\n%s\nwant\n%s", method, a.status, a.header.Get("Content-Type"), a.body, want)
		}
	}

	// A ClientToken replay is written from the first answer's JSON, in the format asked now.
	create := map[string]string{"RegionId": vpcsim.DefaultRegion, "VpcId": vpcsim.DefaultVpcID, "Bandwidth": "10", "ClientToken": "xml-replay"}
	first := f.wire(t, http.MethodPost, vpcapi.ActionCreateVpnGateway, create)
	create["Format"] = "XML"
	again := f.wire(t, http.MethodPost, vpcapi.ActionCreateVpnGateway, create)
	var created struct {
		XMLName      xml.Name `xml:"CreateVpnGatewayResponse"`
		VpnGatewayID string   `xml:"VpnGatewayId"`
	}
	if err := xml.Unmarshal([]byte(again.body), &created); err != nil || created.VpnGatewayID == "" || !strings.Contains(first.body, created.VpnGatewayID) {
		t.Fatalf("replay in XML: %v: %s, first %s", err, again.body, first.body)
	}

	// A drifted value with a member that cannot name an element has no XML form.
	id := created.VpnGatewayID
	if err := f.sim.PatchGateway(id, gateway.Patch{Fields: map[string]any{"Spec": map[string]int{"5 M": 5}}}); err != nil {
		t.Fatal(err)
	}
	describe := map[string]string{"RegionId": vpcsim.DefaultRegion, "VpnGatewayId": id}
	if a := f.wire(t, http.MethodGet, vpcapi.ActionDescribeVpnGateway, describe); a.status != http.StatusOK || !strings.Contains(a.body, `"5 M":5`) {
		t.Fatalf("drifted field in JSON: %d %s", a.status, a.body)
	}
	describe["Format"] = "XML"
	if a := f.wire(t, http.MethodGet, vpcapi.ActionDescribeVpnGateway, describe); a.status != http.StatusInternalServerError ||
		!strings.Contains(a.body, "<Code>InternalError</Code>") || !strings.Contains(a.body, "5 M") {
		t.Fatalf("drifted field in XML: %d %s", a.status, a.body)
	}

	if a := f.wire(t, http.MethodGet, vpcapi.ActionDescribeRegions, nil); !strings.HasPrefix(a.header.Get("Content-Type"), "application/json") || !strings.HasPrefix(a.body, "{") {
		t.Fatalf("default format: %q %s", a.header.Get("Content-Type"), a.body)
	}
	a := f.wire(t, http.MethodGet, vpcapi.ActionDescribeRegions, map[string]string{"Format": "YAML"})
	if a.status != http.StatusBadRequest || !strings.Contains(a.body, `"Code":"InvalidParameter"`) || !strings.Contains(a.body, "Format") {
		t.Fatalf("Format=YAML: %d %s", a.status, a.body)
	}
}

// TestDryRun: DescribeVpcs and DescribeVSwitches check everything and then answer DryRunOperation
// (400) instead of the list, as their reference says; a request that fails a check gets that
// check's refusal. Actions whose reference has no DryRun refuse DryRun=true instead of performing
// the call.
func TestDryRun(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	_, err := c.DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String(vpcsim.DefaultRegion), DryRun: tea.Bool(true)})
	wantAPIError(t, err, vpcapi.CodeDryRunOperation, 400)
	if !strings.Contains(err.Error(), "Request validation has been passed with DryRun flag set.") {
		t.Errorf("message: %v", err)
	}
	_, err = c.DescribeVSwitches(&vpc.DescribeVSwitchesRequest{VpcId: tea.String(vpcsim.DefaultVpcID), DryRun: tea.Bool(true)})
	wantAPIError(t, err, vpcapi.CodeDryRunOperation, 400)

	_, err = c.DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String("us-east-1"), DryRun: tea.Bool(true)})
	wantAPIError(t, err, vpcapi.CodeRegionNotFound, 404)
	_, err = c.DescribeVSwitches(&vpc.DescribeVSwitchesRequest{DryRun: tea.Bool(true)})
	wantAPIError(t, err, vpcapi.CodeMissingParameter, 400)
	_, err = c.DescribeVSwitches(&vpc.DescribeVSwitchesRequest{VpcId: tea.String(vpcsim.DefaultVpcID), PageSize: tea.Int32(51), DryRun: tea.Bool(true)})
	wantAPIError(t, err, vpcapi.CodeInvalidParameter, 400)

	vpcs, err := c.DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String(vpcsim.DefaultRegion), DryRun: tea.Bool(false)})
	if err != nil || tea.Int32Value(vpcs.Body.TotalCount) != 1 {
		t.Fatalf("DryRun=false: %v %v", err, vpcs)
	}

	a := f.wire(t, http.MethodGet, vpcapi.ActionCreateVpnGateway, map[string]string{
		"RegionId": vpcsim.DefaultRegion, "VpcId": vpcsim.DefaultVpcID, "Bandwidth": "10", "DryRun": "true"})
	if a.status != http.StatusBadRequest || !strings.Contains(a.body, `"Code":"InvalidParameter"`) || !strings.Contains(a.body, "DryRun") {
		t.Fatalf("CreateVpnGateway with DryRun: %d %s", a.status, a.body)
	}
	a = f.wire(t, http.MethodPost, vpcapi.ActionCreateVpnGateway, map[string]string{
		"RegionId": vpcsim.DefaultRegion, "VpcId": vpcsim.DefaultVpcID, "Bandwidth": "10", "DryRun": "TRUE"})
	if a.status != http.StatusBadRequest || !strings.Contains(a.body, "DryRun") {
		t.Fatalf("CreateVpnGateway with DryRun=TRUE: %d %s", a.status, a.body)
	}
	gws, err := c.DescribeVpnGateways(&vpc.DescribeVpnGatewaysRequest{RegionId: tea.String(vpcsim.DefaultRegion)})
	if err != nil || tea.Int32Value(gws.Body.TotalCount) != 0 {
		t.Fatalf("a refused dry run created something: %v %v", err, gws)
	}
}

// TestPostOnly: MoveVpnResourceGroup is POST only in the API's metadata, so a GET is refused
// before it moves anything; the official SDK (and this provider's client) send it as POST.
func TestPostOnly(t *testing.T) {
	f := start(t, vpcsim.Config{})
	id := tea.StringValue(mustCreate(t, f.client(t), createRequest()).VpnGatewayId)
	move := map[string]string{"RegionId": vpcsim.DefaultRegion, "InstanceId": id, "ResourceType": "VpnGateway", "NewResourceGroupId": vpcsim.SecondResourceGroupID}
	a := f.wire(t, http.MethodGet, vpcapi.ActionMoveVpnResourceGroup, move)
	if a.status != http.StatusForbidden || !strings.Contains(a.body, vpcapi.CodeUnsupportedHTTPMethod) {
		t.Fatalf("GET: %d %s", a.status, a.body)
	}
	if got := tea.StringValue(mustDescribe(t, f.client(t), id).ResourceGroupId); got != vpcsim.DefaultResourceGroupID {
		t.Fatalf("a refused GET moved the gateway to %s", got)
	}
	if a := f.wire(t, http.MethodPost, vpcapi.ActionMoveVpnResourceGroup, move); a.status != http.StatusOK {
		t.Fatalf("POST: %d %s", a.status, a.body)
	}
	_, err := f.client(t).MoveVpnResourceGroup(&vpc.MoveVpnResourceGroupRequest{
		RegionId: tea.String(vpcsim.DefaultRegion), InstanceId: tea.String(id), ResourceType: tea.String("VpnGateway"),
		NewResourceGroupId: tea.String(vpcsim.ThirdResourceGroupID)})
	if err != nil {
		t.Fatalf("the SDK's own request: %v", err)
	}
}

// TestModifyAnswerFields: ModifyVpnGatewayAttribute answers the fields of the SDK's
// ModifyVpnGatewayAttributeResponseBody and no others; IntranetIp, which only this answer has, for a
// single-tunnel gateway with IPsec.
func TestModifyAnswerFields(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	model := []string{"AutoPropagate", "BusinessStatus", "CreateTime", "Description", "EnableBgp", "InternetIp",
		"IntranetIp", "Name", "RequestId", "ResourceGroupId", "Spec", "Status", "VSwitchId", "VpcId", "VpnGatewayId"}
	single := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	dual := createRequest()
	dual.VSwitchId, dual.DisasterRecoveryVSwitchId = tea.String(vpcsim.DefaultVSwitchID), tea.String(vpcsim.SecondVSwitchID)
	dualID := tea.StringValue(mustCreate(t, c, dual).VpnGatewayId)
	for id, want := range map[string][]string{
		single: model,
		dualID: append(slices.DeleteFunc(slices.Clone(model), func(k string) bool { return k == "IntranetIp" }), "DisasterRecoveryInternetIp", "DisasterRecoveryVSwitchId"),
	} {
		a := f.wire(t, http.MethodPost, vpcapi.ActionModifyVpnGatewayAttribute, map[string]string{
			"RegionId": vpcsim.DefaultRegion, "VpnGatewayId": id, "Name": "renamed"})
		var body map[string]any
		if err := json.Unmarshal([]byte(a.body), &body); err != nil {
			t.Fatalf("%d %s", a.status, a.body)
		}
		got := slices.Sorted(maps.Keys(body))
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: fields %v, want %v", id, got, want)
		}
	}
	out, err := c.ModifyVpnGatewayAttribute(&vpc.ModifyVpnGatewayAttributeRequest{
		RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(single), Name: tea.String("again")})
	if err != nil {
		t.Fatal(err)
	}
	if ip := tea.StringValue(out.Body.IntranetIp); !strings.HasPrefix(ip, "172.16.0.") {
		t.Errorf("IntranetIp %q, want an address of the gateway's vSwitch 172.16.0.0/24", ip)
	}
}
