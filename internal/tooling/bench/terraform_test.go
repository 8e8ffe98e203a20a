package bench

import (
	"slices"
	"testing"
)

func TestBenchEnvGivesVpcsimKeysUnderBothNames(t *testing.T) {
	t.Setenv("ALICLOUD_ACCESS_KEY", "a-real-key")
	env := benchEnv("/w/terraformrc")
	if slices.Contains(env, "ALICLOUD_ACCESS_KEY=a-real-key") {
		t.Error("the caller's key passed on")
	}
	for _, want := range []string{"TF_CLI_CONFIG_FILE=/w/terraformrc", "ALIBABA_CLOUD_ACCESS_KEY_ID=vpcsim-access-key-id",
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET=vpcsim-access-key-secret", "ALICLOUD_ACCESS_KEY=vpcsim-access-key-id",
		"ALICLOUD_SECRET_KEY=vpcsim-access-key-secret"} {
		if !slices.Contains(env, want) {
			t.Errorf("no %s", want)
		}
	}
}

func TestLastLines(t *testing.T) {
	if got := lastLines("a\nb\nc\n", 2); got != "b | c" {
		t.Fatal(got)
	}
}
