package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// These tests change the process environment, which the in-process provider reads, so they do not
// run in parallel (t.Setenv refuses to).

// isolateCredentials empties every credential source credentials-go could find on this machine.
func isolateCredentials(t *testing.T) {
	for _, names := range [][]string{envRegion, envAccessKey, envSecretKey, envSecurityToken, envProfile, envVpcEndpoint} {
		for _, n := range names {
			t.Setenv(n, "")
		}
	}
	for _, n := range []string{"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
		"ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_FILE"} {
		t.Setenv(n, "")
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(t.TempDir(), "no-cli-config.json"))
	t.Setenv("HOME", t.TempDir())
}

// The official provider's environment variables configure this one: a gateway is created and
// destroyed with nothing but "provider {}" in the configuration.
func TestAccProvider_environment(t *testing.T) {
	if realCloud() {
		t.Skip("stages its own environment")
	}
	isolateCredentials(t)
	e := newAccEnv(t, vpcsim.Config{})
	t.Setenv("ALICLOUD_REGION", e.region)
	t.Setenv("ALICLOUD_ACCESS_KEY", vpcsim.DefaultAccessKeyID)
	t.Setenv("ALICLOUD_SECRET_KEY", vpcsim.DefaultAccessKeySecret)
	t.Setenv("ALIBABA_CLOUD_ENDPOINT_VPC", e.endpoint)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "alicloud" {
  protocol = "HTTP"
}
resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 5
}
`, e.vpcID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
				expect("region", knownvalue.StringExact(e.region)),
			},
		}},
	})
}

// A named profile of the Alibaba Cloud CLI's configuration file supplies the key.
func TestAccProvider_profile(t *testing.T) {
	if realCloud() {
		t.Skip("stages its own CLI configuration")
	}
	isolateCredentials(t)
	e := newAccEnv(t, vpcsim.Config{})
	cliConfig := filepath.Join(t.TempDir(), "config.json")
	profiles := fmt.Sprintf(`{"current":"other","profiles":[
  {"name":"other","mode":"AK","access_key_id":"wrong-id","access_key_secret":"wrong-secret"},
  {"name":"sim","mode":"AK","access_key_id":%q,"access_key_secret":%q}]}`,
		vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret)
	if err := os.WriteFile(cliConfig, []byte(profiles), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", cliConfig)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.factories(),
		CheckDestroy:             e.checkDestroyed,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "alicloud" {
  region   = %q
  profile  = "sim"
  protocol = "HTTP"
  endpoints {
    vpc = %q
  }
}
resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 5
}
`, e.region, e.endpoint, e.vpcID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
			},
		}},
	})
}
