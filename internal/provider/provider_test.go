package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/isolate"
	"github.com/vpngw/terraform-provider-alicloud/internal/provider"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// These tests change the process environment, which the in-process provider reads, so they do not
// run in parallel (t.Setenv refuses to).

// The official provider's environment variables configure this one: a gateway is created and
// destroyed with nothing but "provider {}" in the configuration.
func TestAccProvider_environment(t *testing.T) {
	if acctest.RealCloud() {
		t.Skip("stages its own environment")
	}
	isolate.Credentials(t, provider.SettingsEnv())
	e := acctest.New(t, vpcsim.Config{})
	t.Setenv("ALICLOUD_REGION", e.Region)
	t.Setenv("ALICLOUD_ACCESS_KEY", vpcsim.DefaultAccessKeyID)
	t.Setenv("ALICLOUD_SECRET_KEY", vpcsim.DefaultAccessKeySecret)
	t.Setenv("ALIBABA_CLOUD_ENDPOINT_VPC", e.Endpoint)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "alicloud" {
  protocol = "HTTP"
}
resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 10
}
`, e.VpcID),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.Expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
				acctest.Expect("region", knownvalue.StringExact(e.Region)),
			},
		}},
	})
}

// A named profile of the Alibaba Cloud CLI's configuration file supplies the key.
func TestAccProvider_profile(t *testing.T) {
	if acctest.RealCloud() {
		t.Skip("stages its own CLI configuration")
	}
	isolate.Credentials(t, provider.SettingsEnv())
	e := acctest.New(t, vpcsim.Config{})
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
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             e.CheckDestroyed,
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
  bandwidth = 10
}
`, e.Region, e.Endpoint, e.VpcID),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.Expect("status", knownvalue.StringExact(vpcapi.StatusActive)),
			},
		}},
	})
}
