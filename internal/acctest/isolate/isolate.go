// Package isolate stages, for one test, a machine without credentials. It imports nothing of this
// module, so that the provider's own tests can use it as well as the acceptance tests.
package isolate

import (
	"path/filepath"
	"testing"
)

// Credentials empties every credential source credentials-go could find on this machine: the
// provider's settings (provider.SettingsEnv), the SDK's other variables, the CLI's configuration
// file and the home directory.
func Credentials(t *testing.T, settings []string) {
	for _, n := range settings {
		t.Setenv(n, "")
	}
	for _, n := range []string{"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_FILE"} {
		t.Setenv(n, "")
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(t.TempDir(), "no-cli-config.json"))
	t.Setenv("HOME", t.TempDir())
}
