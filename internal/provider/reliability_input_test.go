package provider

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/vpngw/terraform-provider-alicloud/internal/reliability"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Bad input: invalid configurations fail at plan, with a message that names the argument, and
// send no request at all. These cases extend TestAccVpnGateway_invalidInputs and
// TestAccProvider_configurationErrors (which this file does not repeat): the other side of every
// bound, wrong types, unknown arguments, several mistakes at once, more malformed endpoints, and
// credentials that are incomplete in other ways.

// invalidCase is one configuration and the error it must fail with; any space in want may be a
// line break, as Terraform wraps long messages.
type invalidCase struct{ args, want string }

func TestAccReliability_invalidResourceInputs(t *testing.T) {
	e := newAccEnv(t, vpcsim.Config{})
	e.needSim(t, "counts the requests an invalid configuration sends")
	cases := []invalidCase{
		// Bounds, from the other side than TestAccVpnGateway_invalidInputs.
		{"  bandwidth = 0", `bandwidth\s+must\s+be\s+one\s+of\s+5,\s+10,\s+20,\s+50,\s+100\s+\(Mbit/s\),\s+got:\s+0\.\s+Today's\s+API\s+sells\s+more`},
		{"  bandwidth = -5", `bandwidth\s+must\s+be\s+one\s+of`},
		{"  bandwidth = 101", `bandwidth\s+must\s+be\s+one\s+of`},
		{"  bandwidth = 200", `bandwidth\s+must\s+be\s+one\s+of`}, // today's API sells it; the seed does not
		{`  name = ""`, `name UTF-8 character count must be between 2 and 100, got: 0`},
		{`  name = "-edge"`, `name must start with a letter`},
		{`  name = "_edge"`, `name must start with a letter`},
		{`  name = "edge/vpn"`, `name must start with a letter and contain only letters, digits`},
		{`  description = ""`, `description UTF-8 character count must be between 2 and 256, got: 0`},
		{`  description = "` + "d" + strings.Repeat("e", 256) + `"`, `description UTF-8 character count must be between 2 and 256, got: 257`},
		{`  description = "HTTPS://example.com/vpn"`, `description must not start with http:// or https://`},
		{`  description = " Leading space"`, `description must start with a letter`},
		{"  enable_ssl = true\n  ssl_connections = -1", `ssl_connections value must be at least 1, got: -1`},
		{`  instance_charge_type = "prepay"`, `instance_charge_type value must be one of: \["POSTPAY" "PREPAY"\], got: "prepay"`},
		{"  instance_charge_type = \"PREPAY\"\n  period = 13", `period\s+must\s+be\s+one\s+of`},
		{"  instance_charge_type = \"PREPAY\"\n  period = 37", `period\s+must\s+be\s+one\s+of`},
		{"  instance_charge_type = \"PREPAY\"\n  period = -1", `period\s+must\s+be\s+one\s+of`},
		{`  network_type = "PUBLIC"`, `network_type value must be one of: \["public" "private"\], got: "PUBLIC"`},
		{`  region = ""`, `region must be a region ID such as cn-hangzhou`},
		{`  vswitch_id = "vsw-"`, `vswitch_id must be a vSwitch ID`},
		{"  vswitch_id = \"vsw-bp1abc\"\n  disaster_recovery_vswitch_id = \"sw-1\"", `disaster_recovery_vswitch_id must be a vSwitch ID`},
		// The timeouts library's message quotes the value but not the argument, and Terraform cannot
		// point inside an object-valued attribute: the user sees the resource and "forever".
		{"  timeouts = {\n    delete = \"forever\"\n  }", `(?s)Invalid Attribute Value Time Duration.*"forever" must be a string containing a sequence of decimal numbers`},
		{"  timeouts = {\n    update = \"10\"\n  }", `(?s)Invalid Attribute Value Time Duration.*"10" must be a string containing`},
		// Wrong types.
		{`  bandwidth = "ten"`, `Inappropriate value for attribute "bandwidth": a number is required`},
		{"  bandwidth = 5.5", `(?s)bandwidth.*5\.5`},
		{`  name = ["edge", "vpn"]`, `Inappropriate value for attribute "name": string required`},
		{`  enable_ssl = "maybe"`, `Inappropriate value for attribute "enable_ssl": a bool is required`},
		{"  enable_ipsec = 1", `Inappropriate value for attribute "enable_ipsec": bool required`},
		{"  enable_ssl = true\n  ssl_connections = \"many\"", `Inappropriate value for attribute "ssl_connections": a number is required`},
		{`  timeouts = "5m"`, `Inappropriate value for attribute "timeouts": object required`},
		// Arguments that do not exist, or that only the API computes.
		{"  tags = {\n    team = \"net\"\n  }", `An argument named "tags" is not expected here`},
		{`  status = "active"`, `(?s)Invalid Configuration for Read-Only Attribute.*status`},
		{`  internet_ip = "203.0.113.1"`, `(?s)Invalid Configuration for Read-Only Attribute.*internet_ip`},
		// Several mistakes at once: each is reported.
		{"  instance_charge_type = \"PREPAY\"\n  ssl_connections = 5", `(?s)(period is required.*ssl_connections can only be set|ssl_connections can only be set.*period is required)`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		args := c.args
		if !strings.Contains(args, "bandwidth") {
			args = "  bandwidth = 5\n" + args
		}
		steps = append(steps, invalidStep(e.gatewayConfig(args), c.want))
	}
	steps = append(steps,
		invalidStep(e.config("resource \"alicloud_vpn_gateway\" \"test\" {\n  vpc_id    = \"\"\n  bandwidth = 5\n}\n"), `vpc_id must be a VPC ID`),
		invalidStep(e.config("resource \"alicloud_vpn_gateway\" \"test\" {\n  vpc_id    = \"VPC-BP1ABC\"\n  bandwidth = 5\n}\n"), `vpc_id must be a VPC ID`),
	)
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: steps})
	requests := e.requests()
	if len(requests) != 0 {
		t.Errorf("invalid configurations sent requests: %v", requests)
	}
	reliability.Record(t, reliability.Result{
		Scenario: "Bad input: resource arguments",
		Runs:     len(steps),
		Unit:     "invalid configurations (bounds, wrong types, unknown and read-only arguments, combinations)",
		Checked: []string{
			"each fails at plan, and vpcsim received no request at all",
			"each message names the argument, except the two timeouts cases (see figures)",
		},
		Figures: []reliability.Figure{
			{Name: "requests received by vpcsim", Value: fmt.Sprint(total(e.requests()))},
			{Name: "messages that do not name the argument", Value: "2: timeouts.delete and timeouts.update. " +
				"terraform-plugin-framework-timeouts reports \"Invalid Attribute Value Time Duration\" with the value " +
				"(\"forever\" must be a string containing ...) and Terraform points at the resource block, not the " +
				"attribute, because timeouts is an object-valued attribute"},
		},
	})
}

// The provider's own arguments and credentials. Not parallel: the credential cases change the
// process environment, which the in-process provider reads.
func TestAccReliability_invalidProviderInputs(t *testing.T) {
	if realCloud() {
		t.Skip("stages a machine without credentials")
	}
	isolateCredentials(t)
	e := newAccEnv(t, vpcsim.Config{})
	gateway := fmt.Sprintf("resource \"alicloud_vpn_gateway\" \"test\" {\n  vpc_id    = %q\n  bandwidth = 5\n}\n", e.vpcID)
	provider := func(body string) string { return "provider \"alicloud\" {\n" + body + "\n}\n" + gateway }
	region := "  region = \"cn-hangzhou\"\n"
	endpoint := fmt.Sprintf("  protocol = \"HTTP\"\n  endpoints {\n    vpc = %q\n  }\n", e.endpoint)
	keys := fmt.Sprintf("  access_key = %q\n  secret_key = %q\n", vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret)
	withEndpoint := func(vpc string) string {
		return provider(region + "  protocol = \"HTTP\"\n  endpoints {\n    vpc = \"" + vpc + "\"\n  }\n" + keys)
	}
	// Endpoints are loopback names only: if validation ever let one through, nothing leaves the machine.
	steps := []resource.TestStep{
		invalidStep(withEndpoint(""), `(?s)Malformed Endpoint.*the host is empty`),
		invalidStep(withEndpoint("localhost:http"), `(?s)Malformed Endpoint.*the port is not a number from 1 to 65535`),
		invalidStep(withEndpoint("127.0.0.1:0"), `(?s)Malformed Endpoint.*the port is not a number from 1 to 65535`),
		invalidStep(withEndpoint("localhost/vpc"), `(?s)Malformed Endpoint.*it has a path, query, user or space`),
		invalidStep(withEndpoint("user@localhost:8790"), `(?s)Malformed Endpoint.*it has a path, query, user or space`),
		invalidStep(withEndpoint("-bad-.localhost"), `(?s)Malformed Endpoint.*the host is not a valid DNS name`),
		invalidStep(withEndpoint("::1"), `(?s)Malformed Endpoint.*it is not host:port`),
		invalidStep(provider(region+"  protocol = \"https\"\n"+keys), `protocol value must be one of: \["HTTPS" "HTTP"\], got: "https"`),
		invalidStep(provider("  region = \"\"\n"+endpoint+keys), `region must be a region ID such as cn-hangzhou`),
		invalidStep(provider(region+endpoint+"  access_key = \"\"\n  secret_key = \"s\"\n"), `access_key string length must be at least 1`),
		invalidStep(provider(region+endpoint+"  secret_key = \"only-the-secret\"\n"),
			`Attribute "access_key" must be specified when "secret_key" is specified`),
		invalidStep(provider(region+endpoint+keys+"  security_token = \"\"\n"), `security_token string length must be at least 1`),
		invalidStep(provider(region+endpoint+"  profile = \"\"\n"), `profile string length must be at least 1`),
		invalidStep(provider(region+endpoint+"  access_key = [\"id\"]\n  secret_key = \"s\"\n"),
			`Inappropriate value for attribute "access_key": string required`),
		invalidStep(provider(region+endpoint+keys+"  assume_role {\n    role_arn = \"acs:ram::1:role/x\"\n  }\n"),
			`Blocks of type "assume_role" are not expected here`),
		invalidStep(provider(region+endpoint+keys+"  endpoints {\n    vpc = \"127.0.0.1:8790\"\n  }\n"), `(?s)Too many endpoints blocks|Duplicate endpoints block`),
		// Credentials: a profile that does not exist, and only half of a key from the environment.
		invalidStep(provider(region+endpoint+"  profile = \"absent\"\n"), `(?s)No usable Alibaba Cloud credentials.*profile`),
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: e.factories(), Steps: steps})
	runs := len(steps)

	for _, env := range []struct{ name, value, want string }{
		{"ALIBABA_CLOUD_ACCESS_KEY_ID", vpcsim.DefaultAccessKeyID, `(?s)No usable Alibaba Cloud credentials.*access key needs both its ID and its secret`},
		{"ALIBABA_CLOUD_SECURITY_TOKEN", "token-without-a-key", `(?s)No usable Alibaba Cloud credentials.*access_key and secret_key`},
	} {
		t.Run(env.name, func(t *testing.T) {
			t.Setenv(env.name, env.value)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: e.factories(),
				Steps:                    []resource.TestStep{invalidStep(provider(region+endpoint), env.want)},
			})
		})
		runs++
	}
	t.Run("ALIBABA_CLOUD_CONFIG_FILE", func(t *testing.T) {
		// The CLI's configuration file names a profile as current, but the file does not exist.
		t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", filepath.Join(t.TempDir(), "missing.json"))
		t.Setenv("ALIBABA_CLOUD_PROFILE", "default")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: e.factories(),
			Steps:                    []resource.TestStep{invalidStep(provider(region+endpoint), `(?s)No usable Alibaba Cloud credentials.*profile`)},
		})
	})
	runs++

	requests := e.requests()
	if len(requests) != 0 {
		t.Errorf("misconfigured providers sent requests: %v", requests)
	}
	reliability.Record(t, reliability.Result{
		Scenario: "Bad input: provider arguments, endpoints and credentials",
		Runs:     runs,
		Unit:     "invalid provider configurations (malformed endpoints, bounds, wrong types, unknown blocks, incomplete credentials)",
		Checked: []string{
			"each fails at plan with a message naming the argument (or, for credentials, the arguments and environment variables to set)",
			"vpcsim received no request at all",
		},
		Figures: []reliability.Figure{{Name: "requests received by vpcsim", Value: fmt.Sprint(total(requests))}},
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
