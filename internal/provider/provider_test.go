package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
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

func TestAccProvider_configurationErrors(t *testing.T) {
	if realCloud() {
		t.Skip("stages a machine without credentials")
	}
	isolateCredentials(t)
	e := newAccEnv(t, vpcsim.Config{})
	gateway := fmt.Sprintf(`
resource "alicloud_vpn_gateway" "test" {
  vpc_id    = %q
  bandwidth = 5
}
`, e.vpcID)
	provider := func(body string) string { return "provider \"alicloud\" {\n" + body + "\n}\n" + gateway }
	endpoint := fmt.Sprintf("  protocol = \"HTTP\"\n  endpoints {\n    vpc = %q\n  }\n", e.endpoint)
	keys := fmt.Sprintf("  access_key = %q\n  secret_key = %q\n", vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret)
	steps := []resource.TestStep{
		{
			Config:      provider("  region = \"cn-hangzhou\"\n" + endpoint),
			ExpectError: regexp.MustCompile(`(?s)No usable Alibaba Cloud credentials.*ALIBABA_CLOUD_ACCESS_KEY_ID`),
		},
		{
			Config:      provider(endpoint + keys),
			ExpectError: regexp.MustCompile(`(?s)No region.*ALIBABA_CLOUD_REGION`),
		},
		{
			Config:      provider("  region = \"Mars North\"\n" + endpoint + keys),
			ExpectError: regexp.MustCompile(`region must be a region ID such as cn-hangzhou`),
		},
		{
			// Well-formed, but neither known to the provider nor listed by DescribeRegions.
			Config:      provider("  region = \"mars-north-1\"\n" + endpoint + keys),
			ExpectError: regexp.MustCompile(`(?s)Unknown region.*"mars-north-1":\s+region\s+not\s+listed\s+by\s+DescribeRegions;\s+the\s+API\s+lists\s+cn-hangzhou`),
		},
		{
			Config:      provider("  region = \"cn-hangzhou\"\n  protocol = \"FTP\"\n" + keys),
			ExpectError: regexp.MustCompile(`protocol value must be one of: \["HTTPS" "HTTP"\]`),
		},
		{
			Config:      provider("  region = \"cn-hangzhou\"\n  endpoints {\n    vpc = \"http://" + e.endpoint + "\"\n  }\n" + keys),
			ExpectError: regexp.MustCompile(`(?s)Malformed Endpoint.*expected host or host:port`),
		},
		{
			Config:      provider("  region = \"cn-hangzhou\"\n  endpoints {\n    vpc = \"127.0.0.1:99999\"\n  }\n" + keys),
			ExpectError: regexp.MustCompile(`port is not a number from 1 to 65535`),
		},
		{
			Config:      provider("  region = \"cn-hangzhou\"\n" + endpoint + "  access_key = \"only-the-id\"\n"),
			ExpectError: regexp.MustCompile(`Attribute "secret_key" must be specified when "access_key" is specified`),
		},
	}
	for i := range steps {
		steps[i].PlanOnly = true
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: steps})

	// The same mistakes made in the environment are caught when the provider is configured.
	t.Setenv("ALIBABA_CLOUD_REGION", "mars_north")
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: []resource.TestStep{{
		Config:      provider(endpoint + keys),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Malformed region.*"mars_north".*ALIBABA_CLOUD_REGION.*cn-hangzhou`),
	}}})
	t.Setenv("ALIBABA_CLOUD_REGION", "cn-hangzhou")
	t.Setenv("ALIBABA_CLOUD_ENDPOINT_VPC", "vpc.aliyuncs.com/path")
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: []resource.TestStep{{
		Config:      provider("  protocol = \"HTTP\"\n" + keys),
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(`(?s)Malformed VPC endpoint.*ALIBABA_CLOUD_ENDPOINT_VPC`),
	}}})

	// The one request: the unlisted region is looked up in DescribeRegions.
	if got := e.requests(); len(got) != 1 || got[vpcapi.ActionDescribeRegions] != 1 {
		t.Errorf("misconfigured providers sent requests: %v, want one DescribeRegions", got)
	}
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
