package main

import (
	"slices"
	"strings"
	"testing"
)

func TestBenchEnv(t *testing.T) {
	t.Setenv("TF_CLI_ARGS", "-parallelism=1")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("ALIBABA_CLOUD_PROFILE", "production")
	t.Setenv("ALICLOUD_ACCESS_KEY", "a-real-key")
	t.Setenv("BENCH_TEST_KEEP", "kept")
	env := benchEnv("/w/terraformrc", "id", "secret")
	for _, gone := range []string{"TF_CLI_ARGS=", "TF_LOG=", "ALIBABA_CLOUD_PROFILE=", "ALICLOUD_ACCESS_KEY=a-real-key"} {
		if slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, gone) }) {
			t.Errorf("%s passed on", gone)
		}
	}
	for _, want := range []string{"BENCH_TEST_KEEP=kept", "TF_CLI_CONFIG_FILE=/w/terraformrc", "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true",
		"ALIBABA_CLOUD_ACCESS_KEY_ID=id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET=secret", "ALICLOUD_ACCESS_KEY=id", "CHECKPOINT_DISABLE=1"} {
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
