package redact

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestString(t *testing.T) {
	Add("known-secret-value", "tok+en/with=signs")
	for _, tc := range []struct{ in, want string }{
		// tea and darabonba's debug lines: the request's headers and URL.
		{"> x-acs-security-token: CAIS1234abcd", "> x-acs-security-token: " + Mask},
		{"> Authorization: ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;x-acs-date,Signature=0a1b2c",
			"> Authorization: ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=host;x-acs-date,Signature=" + Mask},
		{"> POST http://h/?AccessKeyId=AKID&SecurityToken=CAIS%2Bx&Signature=abc%3D&SignatureNonce=n1&SignatureMethod=HMAC-SHA1",
			"> POST http://h/?AccessKeyId=AKID&SecurityToken=" + Mask + "&Signature=" + Mask + "&SignatureNonce=n1&SignatureMethod=HMAC-SHA1"},
		// credentials-go's debug line: a credential service's answer.
		{`{"AccessKeyId": "STS.x", "AccessKeySecret": "s3cr3t", "SecurityToken":"CAIS9"}`,
			`{"AccessKeyId": "STS.x", "AccessKeySecret": "` + Mask + `", "SecurityToken":"` + Mask + `"}`},
		// Known secrets anywhere, as written and URL-encoded.
		{"value known-secret-value here", "value " + Mask + " here"},
		{"q=tok%2Ben%2Fwith%3Dsigns", "q=" + Mask},
		{"x-acs-signature-nonce: n1", "x-acs-signature-nonce: n1"},
	} {
		if got := String(tc.in); got != tc.want {
			t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// A secret written in pieces is masked: lines are passed on whole.
func TestWriterMasksAcrossWrites(t *testing.T) {
	var out bytes.Buffer
	rw := Writer(&out)
	for _, part := range []string{"> x-acs-security-", "token: CAIS", "5678\n", "next line\n"} {
		if _, err := io.WriteString(rw, part); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); strings.Contains(got, "CAIS") || !strings.Contains(got, "next line") {
		t.Fatalf("passed on %q", got)
	}
}

// The structured logs of a context from Log mask secrets in messages and fields.
func TestLog(t *testing.T) {
	Add("log-secret-value")
	var out bytes.Buffer
	ctx := Log(tflogtest.RootLogger(context.Background(), &out))
	tflog.Debug(ctx, "sent with log-secret-value", map[string]any{"error": "x-acs-security-token: CAIS42", "attempt": 1})
	if got := out.String(); strings.Contains(got, "log-secret-value") || strings.Contains(got, "CAIS42") || !strings.Contains(got, "attempt") {
		t.Fatalf("logged %s", got)
	}
}
