//go:build linux

package reliability

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vpngw/terraform-provider-alicloud/internal/redact"
)

// sdkDebug turns on every debug output of the SDKs in go.mod: tea and darabonba (each request's
// URL and headers, the security token and the signature among them) and credentials-go (the
// answers of credential services). Each reads DEBUG once, when the provider process starts.
const sdkDebug = "DEBUG=sdk,tea,dara,credential"

// Secrets with the SDKs' own debug output on, next to TF_LOG=TRACE: an STS key's secret and
// security token appear in no log, output or state file, while the debug output itself reaches
// Terraform's log, masked.
func TestReliability_secretsWithSDKDebug(t *testing.T) {
	ts := needTools(t)
	secret, token := "secret-"+rand.Text(), "token-"+rand.Text()+"+/="
	sim := startSim(t, ts, secret, "-security-token", token, "-provision-delay", "500ms", "-delete-delay", "200ms")
	w := newWorkspace(t, ts, sim, secret, gatewayConfig)
	w.others = append(w.others, token)
	w.cli.Env = append(w.cli.Env, "ALIBABA_CLOUD_SECURITY_TOKEN="+token, sdkDebug)
	if out, err := w.run("apply", "-auto-approve", "-no-color"); err != nil {
		t.Fatalf("apply: %v\n%s", err, out)
	}
	scanned := w.destroyAndCheck(t, sim)

	// The debug lines must have been there to be masked: the SDK's request header, redacted.
	var debugLines int
	logs, _ := filepath.Glob(filepath.Join(w.dir, "*.log"))
	for _, log := range logs {
		data, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		debugLines += strings.Count(string(data), "x-acs-security-token: "+redact.Mask)
	}
	if debugLines == 0 {
		t.Fatalf("no SDK debug line (x-acs-security-token: %s) in the TF_LOG=TRACE logs: %s did not reach them, so this test proves nothing", redact.Mask, sdkDebug)
	}
	Record(t, Result{
		Scenario: "Secrets with the SDKs' debug output on (" + sdkDebug + ", TF_LOG=TRACE)",
		Runs:     1,
		Unit:     "apply and destroy of one gateway with an STS key",
		Checked: []string{
			"neither the secret nor the security token is in any log, output or state file",
			"the SDK's debug lines reach Terraform's log, with the token and the signature masked",
		},
		Figures: []Figure{
			{Name: "bytes of logs, outputs and state files searched for the secret and the token", Value: fmt.Sprint(scanned)},
			{Name: "masked SDK debug lines of the security token header", Value: fmt.Sprint(debugLines)},
		},
	})
}
