package vpcsim_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

var signatureVersions = []struct {
	name string
	opt  clientOption
}{
	{"acs3", acs3},
	{"v1", v1},
}

func describeVpcs(c *vpc.Client) error {
	_, err := c.DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String(vpcsim.DefaultRegion)})
	return err
}

// TestSignatures: the same request signed with the right secret is accepted and with a wrong
// one refused, in both signature versions, and so is an unknown key.
func TestSignatures(t *testing.T) {
	f := start(t, vpcsim.Config{AccessKeys: []vpcsim.AccessKey{
		{ID: vpcsim.DefaultAccessKeyID, Secret: vpcsim.DefaultAccessKeySecret},
		{ID: "second-key", Secret: "second-secret"},
	}})
	for _, sv := range signatureVersions {
		t.Run(sv.name, func(t *testing.T) {
			if err := describeVpcs(f.client(t, sv.opt)); err != nil {
				t.Fatalf("right secret refused: %v", err)
			}
			if err := describeVpcs(f.client(t, sv.opt, withKey("second-key", "second-secret"))); err != nil {
				t.Fatalf("second key refused: %v", err)
			}
			wantAPIError(t, describeVpcs(f.client(t, sv.opt, withKey(vpcsim.DefaultAccessKeyID, "wrong-secret"))), vpcapi.CodeSignatureDoesNotMatch, http.StatusForbidden)
			wantAPIError(t, describeVpcs(f.client(t, sv.opt, withKey("second-key", vpcsim.DefaultAccessKeySecret))), vpcapi.CodeSignatureDoesNotMatch, http.StatusForbidden)
			wantAPIError(t, describeVpcs(f.client(t, sv.opt, withKey("unknown-key", "x"))), vpcapi.CodeAccessKeyNotFound, http.StatusNotFound)

			// A refused create creates nothing; the same create signed right does.
			_, err := f.client(t, sv.opt, withKey(vpcsim.DefaultAccessKeyID, "wrong-secret")).CreateVpnGateway(createRequest())
			wantAPIError(t, err, vpcapi.CodeSignatureDoesNotMatch, http.StatusForbidden)
			before := len(f.sim.Gateways())
			mustCreate(t, f.client(t, sv.opt), createRequest())
			if after := len(f.sim.Gateways()); after != before+1 {
				t.Fatalf("gateways %d -> %d", before, after)
			}
		})
	}
	// Every refusal is counted under its action and status.
	if n := f.sim.Stats().Requests[vpcapi.ActionDescribeVpcs]["403"]; n != 4 {
		t.Fatalf("DescribeVpcs 403 counted %d times, want 4", n)
	}
}

func TestSecurityToken(t *testing.T) {
	f := start(t, vpcsim.Config{AccessKeys: []vpcsim.AccessKey{
		{ID: "STS.key", Secret: "sts-secret", SecurityToken: "the-token"},
		{ID: "plain", Secret: "plain-secret"},
	}})
	for _, sv := range signatureVersions {
		t.Run(sv.name, func(t *testing.T) {
			if err := describeVpcs(f.client(t, sv.opt, withKey("STS.key", "sts-secret"), withToken("the-token"))); err != nil {
				t.Fatalf("STS key with its token refused: %v", err)
			}
			wantAPIError(t, describeVpcs(f.client(t, sv.opt, withKey("STS.key", "sts-secret"))), vpcapi.CodeSecurityTokenMissing, 400)
			wantAPIError(t, describeVpcs(f.client(t, sv.opt, withKey("STS.key", "sts-secret"), withToken("another-token"))), vpcapi.CodeSecurityTokenInvalid, 400)
			wantAPIError(t, describeVpcs(f.client(t, sv.opt, withKey("plain", "plain-secret"), withToken("the-token"))), vpcapi.CodeSecurityTokenInvalid, 400)
			wantAPIError(t, describeVpcs(f.client(t, sv.opt, withKey("STS.key", "wrong"), withToken("the-token"))), vpcapi.CodeSignatureDoesNotMatch, 403)
		})
	}
}

// TestTimestampSkew: the simulator's clock is moved instead of the SDK's, which signs with the
// real time.
func TestTimestampSkew(t *testing.T) {
	clk := newClock()
	f := start(t, vpcsim.Config{Now: clk.Now})
	for _, sv := range signatureVersions {
		t.Run(sv.name, func(t *testing.T) {
			c := f.client(t, sv.opt)
			clk.Advance(10 * time.Minute)
			if err := describeVpcs(c); err != nil {
				t.Fatalf("10 minutes off refused: %v", err)
			}
			clk.Advance(10 * time.Minute)
			wantAPIError(t, describeVpcs(c), vpcapi.CodeTimestampExpired, 400)
			clk.Advance(-40 * time.Minute)
			wantAPIError(t, describeVpcs(c), vpcapi.CodeTimestampExpired, 400)
			clk.Advance(20 * time.Minute)
			if err := describeVpcs(c); err != nil {
				t.Fatalf("back in the window, refused: %v", err)
			}
		})
	}
}

// TestReplayAndTampering sends requests the SDK signed again, as they were and changed: a replay
// reuses the nonce, and any change to what is signed breaks the signature.
func TestReplayAndTampering(t *testing.T) {
	f := start(t, vpcsim.Config{})
	rf, rec := f.recording(t)
	for _, sv := range signatureVersions {
		t.Run(sv.name, func(t *testing.T) {
			if err := describeVpcs(rf.client(t, sv.opt)); err != nil {
				t.Fatal(err)
			}
			orig := rec.last()

			status, body := send(t, rf.srv.URL, orig)
			if status != 400 || body["Code"] != vpcapi.CodeSignatureNonceUsed {
				t.Fatalf("replay answered %d %v", status, body)
			}

			tampered := orig
			tampered.url = strings.Replace(orig.url, "RegionId=cn-hangzhou", "RegionId=cn-shanghai", 1)
			if tampered.url == orig.url {
				t.Fatalf("no RegionId in %s", orig.url)
			}
			if status, body := send(t, rf.srv.URL, tampered); status != 403 || body["Code"] != vpcapi.CodeSignatureDoesNotMatch {
				t.Fatalf("changed query answered %d %v", status, body)
			}

			tampered = orig
			tampered.method = http.MethodGet
			if status, body := send(t, rf.srv.URL, tampered); status != 403 || body["Code"] != vpcapi.CodeSignatureDoesNotMatch {
				t.Fatalf("changed method answered %d %v", status, body)
			}

			if sv.name == "acs3" {
				tampered = orig
				tampered.header = orig.header.Clone()
				tampered.header.Set("x-acs-action", vpcapi.ActionDescribeVSwitches)
				if status, body := send(t, rf.srv.URL, tampered); status != 403 || body["Code"] != vpcapi.CodeSignatureDoesNotMatch {
					t.Fatalf("changed action header answered %d %v", status, body)
				}
				tampered.header = orig.header.Clone()
				tampered.header.Set("x-acs-extra", "unsigned")
				if status, body := send(t, rf.srv.URL, tampered); status != 400 || body["Code"] != vpcapi.CodeIncompleteSignature {
					t.Fatalf("unsigned x-acs header answered %d %v", status, body)
				}
				tampered.header = orig.header.Clone()
				tampered.body = []byte("RegionId=cn-shanghai")
				tampered.header.Set("Content-Type", "application/x-www-form-urlencoded")
				if status, body := send(t, rf.srv.URL, tampered); status != 403 || body["Code"] != vpcapi.CodeSignatureDoesNotMatch {
					t.Fatalf("added body answered %d %v", status, body)
				}
			}
		})
	}
}

// TestIncompleteSignatures: requests missing what a signature needs, written by hand.
func TestIncompleteSignatures(t *testing.T) {
	f := start(t, vpcsim.Config{})
	q := url.Values{
		"Action": {vpcapi.ActionDescribeVpcs}, "Version": {vpcapi.Version}, "RegionId": {vpcsim.DefaultRegion},
		"AccessKeyId": {vpcsim.DefaultAccessKeyID}, "SignatureMethod": {"HMAC-SHA1"}, "SignatureVersion": {"1.0"},
		"SignatureNonce": {"n1"}, "Timestamp": {time.Now().UTC().Format("2006-01-02T15:04:05Z")},
	}
	acs3 := http.Header{
		"X-Acs-Action": {vpcapi.ActionDescribeVpcs}, "X-Acs-Version": {vpcapi.Version},
		"X-Acs-Date": {time.Now().UTC().Format("2006-01-02T15:04:05Z")}, "X-Acs-Signature-Nonce": {"n2"},
		"X-Acs-Content-Sha256": {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	}
	withAuth := func(auth string) http.Header {
		h := acs3.Clone()
		h.Set("Authorization", auth)
		return h
	}
	for _, tc := range []struct {
		name   string
		req    recorded
		code   string
		status int
	}{
		{"v1 without Signature", recorded{method: "POST", url: "/?" + q.Encode()}, vpcapi.CodeMissingParameter, 400},
		{"v1 without AccessKeyId", recorded{method: "POST", url: "/?Action=DescribeVpcs&Version=2016-04-28&Signature=x"}, vpcapi.CodeMissingParameter, 400},
		{"no Action at all", recorded{method: "POST", url: "/"}, vpcapi.CodeMissingParameter, 400},
		{"ACS3 without Signature", recorded{method: "POST", url: "/?RegionId=cn-hangzhou", header: withAuth("ACS3-HMAC-SHA256 Credential=" + vpcsim.DefaultAccessKeyID + ",SignedHeaders=host")}, vpcapi.CodeIncompleteSignature, 400},
		{"ACS3 with another algorithm", recorded{method: "POST", url: "/", header: withAuth("ACS3-HMAC-SM3 Credential=a,SignedHeaders=host,Signature=00")}, vpcapi.CodeIncompleteSignature, 400},
		{"ACS3 not signing the action", recorded{method: "POST", url: "/", header: withAuth("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;x-acs-date,Signature=00")}, vpcapi.CodeIncompleteSignature, 400},
		{"PUT", recorded{method: "PUT", url: "/?" + q.Encode()}, vpcapi.CodeUnsupportedHTTPMethod, 403},
		{"another path", recorded{method: "POST", url: "/other?" + q.Encode()}, vpcapi.CodeActionNotFound, 404},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.req.header == nil {
				tc.req.header = http.Header{}
			}
			status, body := send(t, f.srv.URL, tc.req)
			if status != tc.status || body["Code"] != tc.code {
				t.Fatalf("answered %d %v, want %d %s", status, body, tc.status, tc.code)
			}
			if !requestIDPattern.MatchString(fmt.Sprint(body["RequestId"])) || body["HostId"] == "" || body["Message"] == "" || body["Recommend"] == "" {
				t.Fatalf("error body lacks a field: %v", body)
			}
		})
	}
}
