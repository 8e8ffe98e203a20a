package e2e

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"slices"
)

// CLI is one Terraform or OpenTofu binary with the environment it runs in.
type CLI struct {
	Binary string
	Env    []string // Env(...) and whatever the caller adds
}

// Command prepares `Binary args...` in the working directory dir. Its environment is a copy of
// c.Env, so the caller may append to it (TF_LOG_PATH, say) without touching c.
func (c CLI) Command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, c.Binary, args...)
	cmd.Dir = dir
	cmd.Env = slices.Clone(c.Env)
	return cmd
}

// passedOn are the only variables of the caller's environment a CLI gets: where to find programs,
// a home and a temporary directory, and the locale. Everything else is left behind on purpose:
// TF_* settings (TF_CLI_ARGS would change every command, TF_LOG slow it down, TF_PLUGIN_CACHE_DIR
// bypass the mirror), Alibaba Cloud credentials and profiles that must never point a run anywhere
// but vpcsim, and proxy settings that would take a request off the loopback interface.
var passedOn = []string{"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ", "USER"}

// Env is the environment a CLI runs with: the allow-listed variables of this process, the CLI
// configuration cliConfig, automation mode, no HashiCorp checkpoint, no ECS metadata lookup, then
// extra ("NAME=value", such as the access keys) in that order.
func Env(cliConfig string, extra ...string) []string {
	var env []string
	for _, name := range passedOn {
		if v, ok := os.LookupEnv(name); ok {
			env = append(env, name+"="+v)
		}
	}
	env = append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		// credentials-go's default chain would otherwise ask the ECS metadata address
		// (100.100.100.200) for a role.
		"ALIBABA_CLOUD_ECS_METADATA_DISABLED=true",
	)
	return append(env, extra...)
}

// FindCLI is the CLI the acceptance tests use: TF_ACC_TERRAFORM_PATH, else `terraform` on PATH.
func FindCLI() (string, error) {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p, nil
	}
	if p, err := exec.LookPath("terraform"); err == nil {
		return p, nil
	}
	return "", errors.New("no Terraform CLI: set TF_ACC_TERRAFORM_PATH or put terraform on PATH")
}
