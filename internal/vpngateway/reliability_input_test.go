package vpngateway_test

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/isolate"
	"github.com/vpngw/terraform-provider-alicloud/internal/provider"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Bad input: invalid configurations fail at plan, with a message that says what was expected and
// names the argument, and send no request at all. One table for the resource (both sides of every
// bound, every pattern, the arguments that only go together, unknown and read-only arguments,
// several mistakes at once) and one for the provider (its arguments, malformed endpoints, and
// credentials or settings missing or wrong, in the configuration and in the environment). Values of
// the wrong type are not here: that is Terraform's own type check against the schema, before the
// provider sees anything.

// invalidCase is one configuration and the error it must fail with; any space in want may be a
// line break, as Terraform wraps long messages.
type invalidCase struct{ args, want string }

func TestAccReliability_invalidResourceInputs(t *testing.T) {
	e := acctest.New(t, vpcsim.Config{})
	e.NeedSim(t, "counts the requests an invalid configuration sends")
	long := "a" + strings.Repeat("b", 100)
	cases := []invalidCase{
		// Bounds and enumerations, from both sides.
		{"  bandwidth = 0", `bandwidth must be one of 5, 10, 20, 50, 100 \(Mbit/s\), got: 0\. Today's API sells more`},
		{"  bandwidth = -5", `bandwidth must be one of`},
		{"  bandwidth = 7", `bandwidth must be one of 5, 10, 20, 50, 100 \(Mbit/s\), got: 7\. Today's API sells more`},
		{"  bandwidth = 101", `bandwidth must be one of`},
		{"  bandwidth = 200", `bandwidth must be one of`}, // today's API sells it; the seed does not
		{"  bandwidth = 1000", `bandwidth must be one of`},
		{`  name = ""`, `name UTF-8 character count must be between 2 and 100, got: 0`},
		{`  name = "x"`, `name UTF-8 character count must be between 2 and 100`},
		{`  name = "` + long + `"`, `name UTF-8 character count must be between 2 and 100`},
		{`  name = "1gateway"`, `name must start with a letter and contain only letters, digits`},
		{`  name = "-edge"`, `name must start with a letter`},
		{`  name = "_edge"`, `name must start with a letter`},
		{`  name = "edge/vpn"`, `name must start with a letter and contain only letters, digits`},
		{`  name = "http://gw"`, `name must start with a letter and contain only letters`},
		{`  name = "gw with spaces"`, `name must start with a letter and contain only letters`},
		{`  description = ""`, `description UTF-8 character count must be between 2 and 256, got: 0`},
		{`  description = "x"`, `description UTF-8 character count must be between 2 and 256`},
		{`  description = "` + "d" + strings.Repeat("e", 256) + `"`, `description UTF-8 character count must be between 2 and 256, got: 257`},
		{`  description = "https://example.com"`, `description must not start with http:// or https://`},
		{`  description = "HTTPS://example.com/vpn"`, `description must not start with http:// or https://`},
		{`  description = "9 lives"`, `description must start with a letter`},
		{`  description = " Leading space"`, `description must start with a letter`},
		{"  enable_ssl = true\n  ssl_connections = 0", `ssl_connections must be one of 5, 10, 20, 50, 100, 200, 500, 1000 \(clients\), got: 0`},
		{"  enable_ssl = true\n  ssl_connections = 2", `ssl_connections must be one of .*, got: 2\. These are the counts the API sells; the reference's example, 2, is not one of them`},
		{"  enable_ssl = true\n  ssl_connections = 7", `ssl_connections must be one of .*, got: 7`},
		{"  enable_ssl = true\n  ssl_connections = 2000", `ssl_connections must be one of .*, got: 2000`},
		{`  instance_charge_type = "MONTHLY"`, `instance_charge_type value must be one of: \["POSTPAY" "PREPAY"\]`},
		{`  instance_charge_type = "prepay"`, `instance_charge_type value must be one of: \["POSTPAY" "PREPAY"\], got: "prepay"`},
		{"  instance_charge_type = \"PREPAY\"\n  period = 0", `period must be one of`},
		{"  instance_charge_type = \"PREPAY\"\n  period = -1", `period must be one of`},
		{"  instance_charge_type = \"PREPAY\"\n  period = 10", `period must be one of`},
		{"  instance_charge_type = \"PREPAY\"\n  period = 13", `period must be one of`},
		{"  instance_charge_type = \"PREPAY\"\n  period = 37", `period must be one of`},
		{`  network_type = "internal"`, `network_type value must be one of: \["public" "private"\]`},
		{`  network_type = "PUBLIC"`, `network_type value must be one of: \["public" "private"\], got: "PUBLIC"`},
		{`  region = ""`, `region must be a region ID such as cn-hangzhou`},
		{`  region = "mars north"`, `region must be a region ID such as cn-hangzhou`},
		{`  vswitch_id = "vsw-"`, `vswitch_id must be a vSwitch ID`},
		{`  vswitch_id = "switch-1"`, `vswitch_id must be a vSwitch ID`},
		{"  vswitch_id = \"vsw-bp1abc\"\n  disaster_recovery_vswitch_id = \"sw-1\"", `disaster_recovery_vswitch_id must be a vSwitch ID`},
		// The timeouts library's message quotes the value but not the argument, and Terraform cannot
		// point inside an object-valued attribute: the user sees the resource and "forever".
		{"  timeouts = { create = \"soon\" }", `Invalid Attribute Value Time Duration`},
		{"  timeouts = {\n    delete = \"forever\"\n  }", `(?s)Invalid Attribute Value Time Duration.*"forever" must be a string containing a sequence of decimal numbers`},
		{"  timeouts = {\n    update = \"10\"\n  }", `(?s)Invalid Attribute Value Time Duration.*"10" must be a string containing`},
		// Arguments that only go together.
		{"  ssl_connections = 5", `ssl_connections can only be set when enable_ssl = true; enable_ssl is false`},
		{"  enable_ssl = false\n  ssl_connections = 5", `ssl_connections can only be set when enable_ssl = true`},
		{`  instance_charge_type = "PREPAY"`, `period is required when instance_charge_type = PREPAY: the length of the subscription in months, one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36\.`},
		{"  instance_charge_type = \"PREPAY\"\n  period = 1\n  description = \"Unpaid\"",
			`description cannot be set when instance_charge_type = PREPAY and auto_pay = false\. The order of such a gateway waits to be paid`},
		{"  instance_charge_type = \"PREPAY\"\n  period = 1\n  auto_pay = false\n  description = \"Unpaid\"",
			`(?s)description cannot be set when instance_charge_type = PREPAY and auto_pay = false\..*set auto_pay = true`},
		{"  period = 1", `period can only be set when instance_charge_type = PREPAY; instance_charge_type is POSTPAY`},
		{"  instance_charge_type = \"POSTPAY\"\n  period = 1", `period can only be set when instance_charge_type = PREPAY`},
		{`  disaster_recovery_vswitch_id = "vsw-abc"`, `Attribute "vswitch_id" must be specified when "disaster_recovery_vswitch_id" is specified`},
		// Arguments that do not exist, or that only the API computes.
		// payment_type is the official provider's newer name for instance_charge_type, not ours.
		{`  payment_type = "PayAsYouGo"`, `An argument named "payment_type" is not expected here`},
		{`  status = "active"`, `(?s)Invalid Configuration for Read-Only Attribute.*status`},
		{`  internet_ip = "203.0.113.1"`, `(?s)Invalid Configuration for Read-Only Attribute.*internet_ip`},
		// Several mistakes at once: each is reported.
		{"  instance_charge_type = \"PREPAY\"\n  ssl_connections = 5", `(?s)(period is required.*ssl_connections can only be set|ssl_connections can only be set.*period is required)`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		args := c.args
		if !strings.Contains(args, "bandwidth") {
			args = "  bandwidth = 10\n" + args
		}
		steps = append(steps, invalidStep(e.GatewayConfig(args), c.want))
	}
	steps = append(steps,
		invalidStep(e.Config(`resource "alicloud_vpn_gateway" "test" { bandwidth = 10 }`), `The argument "vpc_id" is required`),
		invalidStep(e.Config(`resource "alicloud_vpn_gateway" "test" { vpc_id = "vpc_underscore" }`), `The argument "bandwidth" is required`),
		invalidStep(e.Config("resource \"alicloud_vpn_gateway\" \"test\" {\n  vpc_id    = \"\"\n  bandwidth = 10\n}\n"), `vpc_id must be a VPC ID`),
		invalidStep(e.Config("resource \"alicloud_vpn_gateway\" \"test\" {\n  vpc_id    = \"vpc_underscore\"\n  bandwidth = 10\n}\n"), `vpc_id must be a VPC ID`),
		invalidStep(e.Config("resource \"alicloud_vpn_gateway\" \"test\" {\n  vpc_id    = \"VPC-BP1ABC\"\n  bandwidth = 10\n}\n"), `vpc_id must be a VPC ID`),
	)
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
	requests := e.Requests()
	if len(requests) != 0 {
		t.Errorf("invalid configurations sent requests: %v", requests)
	}
	reliability.Record(t, reliability.Result{
		Scenario: "Bad input: resource arguments",
		Runs:     len(steps),
		Unit:     "invalid configurations (bounds, patterns, arguments that go together, unknown and read-only arguments, combinations)",
		Checked: []string{
			"each fails at plan, and vpcsim received no request at all",
			"each message names the argument, except the timeouts cases (see figures)",
		},
		Figures: []reliability.Figure{
			{Name: "requests received by vpcsim", Value: fmt.Sprint(acctest.Total(e.Requests()))},
			{Name: "messages that do not name the argument", Value: "3: timeouts.create, timeouts.delete and timeouts.update. " +
				"terraform-plugin-framework-timeouts reports \"Invalid Attribute Value Time Duration\" with the value " +
				"(\"forever\" must be a string containing ...) and Terraform points at the resource block, not the " +
				"attribute, because timeouts is an object-valued attribute"},
		},
	})
}

// The provider's own arguments and credentials. Not parallel: the credential cases change the
// process environment, which the in-process provider reads.
func TestAccReliability_invalidProviderInputs(t *testing.T) {
	if acctest.RealCloud() {
		t.Skip("stages a machine without credentials")
	}
	isolate.Credentials(t, provider.SettingsEnv())
	e := acctest.New(t, vpcsim.Config{})
	gateway := fmt.Sprintf("resource \"alicloud_vpn_gateway\" \"test\" {\n  vpc_id    = %q\n  bandwidth = 10\n}\n", e.VpcID)
	provider := func(body string) string { return "provider \"alicloud\" {\n" + body + "\n}\n" + gateway }
	region := "  region = \"cn-hangzhou\"\n"
	endpoint := fmt.Sprintf("  protocol = \"HTTP\"\n  endpoints {\n    vpc = %q\n  }\n", e.Endpoint)
	keys := fmt.Sprintf("  access_key = %q\n  secret_key = %q\n", vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret)
	withEndpoint := func(vpc string) string {
		return provider(region + "  protocol = \"HTTP\"\n  endpoints {\n    vpc = \"" + vpc + "\"\n  }\n" + keys)
	}
	// Endpoints are loopback names only: if validation ever let one through, nothing leaves the machine.
	steps := []resource.TestStep{
		invalidStep(provider(region+endpoint), `(?s)No usable Alibaba Cloud credentials.*ALIBABA_CLOUD_ACCESS_KEY_ID`),
		invalidStep(provider(endpoint+keys), `(?s)No region.*ALIBABA_CLOUD_REGION`),
		invalidStep(withEndpoint("http://"+e.Endpoint), `(?s)Malformed Endpoint.*expected host or host:port`),
		invalidStep(withEndpoint("127.0.0.1:99999"), `(?s)Malformed Endpoint.*port is not a number from 1 to 65535`),
		invalidStep(withEndpoint(""), `(?s)Malformed Endpoint.*the host is empty`),
		invalidStep(withEndpoint("localhost:http"), `(?s)Malformed Endpoint.*the port is not a number from 1 to 65535`),
		invalidStep(withEndpoint("127.0.0.1:0"), `(?s)Malformed Endpoint.*the port is not a number from 1 to 65535`),
		invalidStep(withEndpoint("localhost/vpc"), `(?s)Malformed Endpoint.*it has a path, query, user or space`),
		invalidStep(withEndpoint("user@localhost:8790"), `(?s)Malformed Endpoint.*it has a path, query, user or space`),
		invalidStep(withEndpoint("-bad-.localhost"), `(?s)Malformed Endpoint.*the host is not a valid DNS name`),
		invalidStep(withEndpoint("::1"), `(?s)Malformed Endpoint.*it is not host:port`),
		invalidStep(provider(region+"  protocol = \"https\"\n"+keys), `protocol value must be one of: \["HTTPS" "HTTP"\], got: "https"`),
		invalidStep(provider(region+"  protocol = \"FTP\"\n"+keys), `protocol value must be one of: \["HTTPS" "HTTP"\]`),
		invalidStep(provider("  region = \"\"\n"+endpoint+keys), `region must be a region ID such as cn-hangzhou`),
		invalidStep(provider("  region = \"Mars North\"\n"+endpoint+keys), `region must be a region ID such as cn-hangzhou`),
		invalidStep(provider(region+endpoint+"  access_key = \"\"\n  secret_key = \"s\"\n"), `access_key string length must be at least 1`),
		invalidStep(provider(region+endpoint+"  secret_key = \"only-the-secret\"\n"),
			`Attribute "access_key" must be specified when "secret_key" is specified`),
		invalidStep(provider(region+endpoint+"  access_key = \"only-the-id\"\n"),
			`Attribute "secret_key" must be specified when "access_key" is specified`),
		invalidStep(provider(region+endpoint+keys+"  security_token = \"\"\n"), `security_token string length must be at least 1`),
		invalidStep(provider(region+endpoint+"  profile = \"\"\n"), `profile string length must be at least 1`),
		invalidStep(provider(region+endpoint+keys+"  assume_role {\n    role_arn = \"acs:ram::1:role/x\"\n  }\n"),
			`Blocks of type "assume_role" are not expected here`),
		invalidStep(provider(region+endpoint+keys+"  endpoints {\n    vpc = \"127.0.0.1:8790\"\n  }\n"), `(?s)Too many endpoints blocks|Duplicate endpoints block`),
		// Credentials: a profile that does not exist, and only half of a key from the environment.
		invalidStep(provider(region+endpoint+"  profile = \"absent\"\n"), `(?s)No usable Alibaba Cloud credentials.*profile`),
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.Factories(), Steps: steps})
	runs := len(steps)

	// The same kinds of mistake made in the environment, caught when the provider is configured.
	for _, c := range []struct {
		name   string
		env    map[string]string
		config string
		want   string
	}{
		{"half a key", map[string]string{"ALIBABA_CLOUD_ACCESS_KEY_ID": vpcsim.DefaultAccessKeyID},
			provider(region + endpoint), `(?s)No usable Alibaba Cloud credentials.*access key needs both its ID and its secret`},
		{"a token without a key", map[string]string{"ALIBABA_CLOUD_SECURITY_TOKEN": "token-without-a-key"},
			provider(region + endpoint), `(?s)No usable Alibaba Cloud credentials.*access_key and secret_key`},
		// The CLI's configuration file names a profile as current, but the file does not exist.
		{"a missing CLI configuration", map[string]string{"ALIBABA_CLOUD_CONFIG_FILE": filepath.Join(t.TempDir(), "missing.json"), "ALIBABA_CLOUD_PROFILE": "default"},
			provider(region + endpoint), `(?s)No usable Alibaba Cloud credentials.*profile`},
		{"a malformed region", map[string]string{"ALIBABA_CLOUD_REGION": "mars_north"},
			provider(endpoint + keys), `(?s)Malformed region.*"mars_north".*ALIBABA_CLOUD_REGION.*cn-hangzhou`},
		{"a malformed endpoint", map[string]string{"ALIBABA_CLOUD_REGION": "cn-hangzhou", "ALIBABA_CLOUD_ENDPOINT_VPC": "vpc.aliyuncs.com/path"},
			provider("  protocol = \"HTTP\"\n" + keys), `(?s)Malformed VPC endpoint.*ALIBABA_CLOUD_ENDPOINT_VPC`},
	} {
		t.Run(c.name, func(t *testing.T) {
			for name, value := range c.env {
				t.Setenv(name, value)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: e.Factories(),
				Steps:                    []resource.TestStep{invalidStep(c.config, c.want)},
			})
		})
		runs++
	}

	requests := e.Requests()
	if len(requests) != 0 {
		t.Errorf("misconfigured providers sent requests: %v", requests)
	}
	reliability.Record(t, reliability.Result{
		Scenario: "Bad input: provider arguments, endpoints and credentials",
		Runs:     runs,
		Unit:     "invalid provider configurations (malformed endpoints, bounds, unknown blocks, missing or incomplete credentials and region, in the configuration and the environment)",
		Checked: []string{
			"each fails at plan with a message naming the argument (or, for credentials, the arguments and environment variables to set)",
			"vpcsim received no request at all",
		},
		Figures: []reliability.Figure{{Name: "requests received by vpcsim", Value: fmt.Sprint(acctest.Total(requests))}},
	})
}

// invalidStep plans config and expects it to fail with want.
func invalidStep(config, want string) resource.TestStep {
	return resource.TestStep{
		Config:      config,
		PlanOnly:    true,
		ExpectError: regexp.MustCompile(strings.ReplaceAll(want, " ", `\s+`)),
	}
}
