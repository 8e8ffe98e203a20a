package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/isolate"
)

func TestClientConfigPrecedence(t *testing.T) {
	isolate.Credentials(t, SettingsEnv())
	t.Setenv("ALICLOUD_REGION", "cn-beijing")
	t.Setenv("ALICLOUD_ACCESS_KEY", "alicloud-id")
	t.Setenv("ALICLOUD_SECRET_KEY", "alicloud-secret")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "alibaba-id")

	cfg, diags := providerModel{}.clientConfig("1.2.3")
	if diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	// ALIBABA_CLOUD_* before ALICLOUD_*, each setting on its own.
	if cfg.Region != "cn-beijing" {
		t.Errorf("from the environment: region %q, want cn-beijing (ALICLOUD_REGION)", cfg.Region)
	}
	if cfg.AccessKeyID != "alibaba-id" {
		t.Errorf("from the environment: access key %q, want alibaba-id (ALIBABA_CLOUD_ACCESS_KEY_ID before ALICLOUD_ACCESS_KEY)", cfg.AccessKeyID)
	}
	if cfg.AccessKeySecret != "alicloud-secret" {
		t.Errorf("from the environment: secret %q, want alicloud-secret (ALICLOUD_SECRET_KEY)", cfg.AccessKeySecret)
	}
	if !strings.HasSuffix(cfg.UserAgent, "/1.2.3") {
		t.Errorf("user agent %q lacks the version", cfg.UserAgent)
	}

	// The configuration before the environment.
	cfg, _ = providerModel{
		Region:    types.StringValue("cn-shanghai"),
		AccessKey: types.StringValue("config-id"),
		Endpoints: &endpointsModel{Vpc: types.StringValue("127.0.0.1:1")},
	}.clientConfig("")
	if cfg.Region != "cn-shanghai" {
		t.Errorf("from the configuration: region %q, want cn-shanghai", cfg.Region)
	}
	if cfg.AccessKeyID != "config-id" {
		t.Errorf("from the configuration: access key %q, want config-id", cfg.AccessKeyID)
	}
	if cfg.Endpoint != "127.0.0.1:1" {
		t.Errorf("from the configuration: endpoint %q, want 127.0.0.1:1", cfg.Endpoint)
	}
}

func TestClientConfigRefusesUnknownValues(t *testing.T) {
	isolate.Credentials(t, SettingsEnv())
	_, diags := providerModel{Region: types.StringUnknown()}.clientConfig("")
	if !diags.HasError() || !strings.Contains(diags.Errors()[0].Detail(), "not known until apply") {
		t.Errorf("unknown region: %v", diags)
	}
	_, diags = providerModel{Region: types.StringValue("cn-hangzhou"), Endpoints: &endpointsModel{Vpc: types.StringUnknown()}}.clientConfig("")
	if !diags.HasError() {
		t.Error("an unknown endpoint was accepted")
	}
}

func TestWithheldContents(t *testing.T) {
	msg := `unmarshal aliyun cli config from '/home/u/.aliyun/config.json' failed: {"access_key_secret":"s3cret"`
	got := withheldContents(msg)
	if strings.Contains(got, "s3cret") || !strings.Contains(got, "config.json") {
		t.Errorf("withheldContents(%q) = %q", msg, got)
	}
}
