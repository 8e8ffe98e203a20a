package vpcsim_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// FuzzServeHTTP feeds raw HTTP requests, starting from ones the SDK signed, to a simulator whose
// clock is an hour past them: whatever the fuzzer makes of them, nothing may panic and no API
// request may be answered 200, since none can carry a fresh valid signature. Every API answer must
// be an error body with a code and a request ID.
func FuzzServeHTTP(f *testing.F) {
	for _, raw := range sdkRequests(f) {
		f.Add(raw)
	}
	for _, raw := range []string{
		"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
		"POST /?Action=DescribeVpcs&Version=2016-04-28 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 9\r\n\r\nRegionId=",
		"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: ACS3-HMAC-SHA256 Credential=,SignedHeaders=;;,Signature=\r\n\r\n",
		"GET /?%zz HTTP/1.1\r\nHost: x\r\n\r\n",
		"POST /_sim/faults HTTP/1.1\r\nHost: x\r\nContent-Length: 14\r\n\r\n{\"dropCount\":1",
	} {
		f.Add([]byte(raw))
	}
	late := time.Now().Add(time.Hour)
	f.Fuzz(func(t *testing.T, raw []byte) {
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
		if err != nil {
			return
		}
		sim, err := vpcsim.New(vpcsim.Config{Now: func() time.Time { return late }})
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, req)
		if strings.HasPrefix(req.URL.Path, "/_sim/") {
			return
		}
		if rec.Code == http.StatusOK {
			t.Fatalf("answered 200 to %q: %s", raw, rec.Body)
		}
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body["Code"] == "" || body["RequestId"] == "" || body["Code"] == nil {
			t.Fatalf("answer %d %q to %q is not an error body", rec.Code, rec.Body, raw)
		}
	})
}

// FuzzSignedParameters signs whatever parameters the fuzzer makes with the SDK, so that they
// pass authentication and reach the actions: nothing may panic, and every answer is either a
// success or an API error with a code.
func FuzzSignedParameters(f *testing.F) {
	for action, query := range map[string]string{
		vpcapi.ActionCreateVpnGateway:          "RegionId=cn-hangzhou&VpcId=vpc-bp1simdefault00000001&Bandwidth=10&InstanceChargeType=PREPAY&Period=1&EnableSsl=true&SslConnections=5",
		vpcapi.ActionDescribeVpnGateways:       "RegionId=cn-hangzhou&PageNumber=2&PageSize=50&Status=active",
		vpcapi.ActionModifyVpnGatewayAttribute: "RegionId=cn-hangzhou&VpnGatewayId=vpn-x&Name=a&Description=b&AutoPropagate=maybe",
		vpcapi.ActionDeleteVpnGateway:          "RegionId=cn-hangzhou&VpnGatewayId=vpn-x&ClientToken=t",
		vpcapi.ActionDescribeVpnGateway:        "RegionId=cn-hangzhou&VpnGatewayId=",
		vpcapi.ActionDescribeVpcs:              "RegionId=cn-hangzhou&VpcId=a,b,,&IsDefault=false",
		vpcapi.ActionDescribeVSwitches:         "VpcId=vpc-bp1simdefault00000001&ZoneId=cn-hangzhou-h&PageSize=-1",
		vpcapi.ActionTagResources:              "RegionId=cn-hangzhou&ResourceType=VpnGateWay&ResourceId.1=vpn-x&Tag.1.Key=a&Tag.1.Value=&Tag.0.Key=b",
		vpcapi.ActionUnTagResources:            "RegionId=cn-hangzhou&ResourceType=vpngateway&ResourceId.2=vpn-x&TagKey.1=&All=true",
		vpcapi.ActionListTagResources:          "RegionId=cn-hangzhou&ResourceType=VPNGATEWAY&Tag.1.Value=x&NextToken=Zm9v&MaxResults=50",
		vpcapi.ActionMoveVpnResourceGroup:      "RegionId=cn-hangzhou&ResourceType=VpnGateway&InstanceId=vpn-x&NewResourceGroupId=rg-acfmvpcsimsecond",
	} {
		f.Add(action, query)
	}
	fx := start(f, vpcsim.Config{})
	f.Fuzz(func(t *testing.T, action, rawQuery string) {
		values, err := url.ParseQuery(rawQuery)
		if err != nil || strings.ContainsFunc(action, func(r rune) bool { return r < 0x20 || r > 0x7e }) {
			return // not a request an HTTP client can send: the action travels in a header
		}
		query := map[string]*string{}
		for k, vs := range values {
			query[k] = tea.String(vs[0])
		}
		_, err = fx.call(t, action, vpcapi.Version, query)
		var se *tea.SDKError
		if err != nil && (!errors.As(err, &se) || tea.StringValue(se.Code) == "" || tea.IntValue(se.StatusCode) < 400) {
			t.Fatalf("%s %q: not an API answer: %v", action, rawQuery, err)
		}
	})
}

// sdkRequests records requests the SDK sends for every action, in both signature versions, as
// raw HTTP.
func sdkRequests(tb testing.TB) [][]byte {
	f := start(tb, vpcsim.Config{})
	rf, rec := f.recording(tb)
	for _, sv := range signatureVersions {
		c := rf.client(tb, sv.opt)
		req := createRequest()
		req.ClientToken, req.Name = tea.String("seed-"+sv.name), tea.String("seed-gw")
		id := tea.StringValue(mustCreate(tb, c, req).VpnGatewayId)
		mustDescribe(tb, c, id)
		_ = modify(c, id, "seed-renamed")
		_ = deleteGateway(c, id)
		_ = describeVpcs(c)
	}
	var out [][]byte
	for _, r := range rec.requests {
		req := httptest.NewRequest(r.method, r.url, bytes.NewReader(r.body))
		req.Header = r.header
		req.Host = rf.endpoint
		raw, err := httputil.DumpRequest(req, true)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, raw)
	}
	return out
}
