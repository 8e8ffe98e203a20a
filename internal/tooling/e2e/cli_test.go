package e2e

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestEnvIsClean(t *testing.T) {
	t.Setenv("TF_CLI_ARGS", "-parallelism=1")
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_PLUGIN_CACHE_DIR", "/elsewhere")
	t.Setenv("ALIBABA_CLOUD_PROFILE", "production")
	t.Setenv("ALICLOUD_ACCESS_KEY", "a-real-key")
	t.Setenv("HTTPS_PROXY", "http://proxy.example:3128")
	t.Setenv("HOME", "/home/someone")
	env := Env("/w/terraformrc", "EXTRA=1")
	for _, gone := range []string{"TF_CLI_ARGS=", "TF_LOG=", "TF_PLUGIN_CACHE_DIR=", "ALIBABA_CLOUD_PROFILE=", "ALICLOUD_ACCESS_KEY=", "HTTPS_PROXY="} {
		if slices.ContainsFunc(env, func(kv string) bool { return strings.HasPrefix(kv, gone) }) {
			t.Errorf("%s passed on", gone)
		}
	}
	for _, want := range []string{"HOME=/home/someone", "TF_CLI_CONFIG_FILE=/w/terraformrc", "TF_IN_AUTOMATION=1",
		"ALIBABA_CLOUD_ECS_METADATA_DISABLED=true", "CHECKPOINT_DISABLE=1", "EXTRA=1"} {
		if !slices.Contains(env, want) {
			t.Errorf("no %s in %q", want, env)
		}
	}
}

func TestCommandCopiesTheEnvironment(t *testing.T) {
	c := CLI{Binary: "terraform", Env: make([]string, 1, 8)}
	c.Env[0] = "A=1"
	cmd := c.Command(context.Background(), "/w", "plan")
	cmd.Env = append(cmd.Env, "TF_LOG_PATH=/w/log")
	if got := c.Env[:cap(c.Env)][1]; got != "" {
		t.Fatalf("appending to one command's environment wrote %q into the CLI's", got)
	}
	if cmd.Dir != "/w" || !slices.Equal(cmd.Args, []string{"terraform", "plan"}) {
		t.Fatalf("dir %q, args %q", cmd.Dir, cmd.Args)
	}
}
