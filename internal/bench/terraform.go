package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// terraformCLI runs one Terraform binary with a fixed environment: the harness's CLI
// configuration, vpcsim's key pair, and nothing inherited that could change what is measured.
type terraformCLI struct {
	Binary         string
	Env            []string
	SampleInterval time.Duration
}

// inheritedPrefixes are the environment variables the harness does not pass on: Terraform's own
// settings (TF_CLI_ARGS would change every command, TF_LOG would slow it down) and Alibaba Cloud
// credentials or profiles, which must never point a benchmark anywhere but vpcsim.
var inheritedPrefixes = []string{"TF_", "ALIBABA_CLOUD_", "ALICLOUD_", "CHECKPOINT_"}

// benchEnv is the environment Terraform and its providers run with.
func benchEnv(cliConfigFile, keyID, keySecret string) []string {
	var env []string
	for _, kv := range os.Environ() {
		keep := true
		for _, p := range inheritedPrefixes {
			if strings.HasPrefix(kv, p) {
				keep = false
			}
		}
		if keep {
			env = append(env, kv)
		}
	}
	return append(env,
		"TF_CLI_CONFIG_FILE="+cliConfigFile,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		// credentials-go would otherwise ask the ECS metadata address (100.100.100.200) for a role.
		"ALIBABA_CLOUD_ECS_METADATA_DISABLED=true",
		// vpcsim's key pair under both providers' names, for templates that do not set them.
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+keyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+keySecret,
		"ALICLOUD_ACCESS_KEY="+keyID, "ALICLOUD_SECRET_KEY="+keySecret,
	)
}

// commandResult is one measured Terraform command.
type commandResult struct {
	Wall  time.Duration
	Usage usage
	UI    uiSummary
	Err   error // the command failed, or its output could not be read
}

// run runs terraform -chdir=dir args..., writing its stdout to out and its stderr to out + ".stderr".
// The wall time runs from just before the start to the moment the process exits; the provider
// processes are sampled meanwhile. json says the stdout is a -json UI stream to parse.
func (t terraformCLI) run(ctx context.Context, dir, out string, json bool, args ...string) commandResult {
	stdout, err := os.Create(out)
	if err != nil {
		return commandResult{Err: err}
	}
	defer stdout.Close()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, t.Binary, append([]string{"-chdir=" + dir}, args...)...)
	cmd.Env = t.Env
	cmd.Stdout, cmd.Stderr = stdout, &stderr

	start := time.Now()
	if err := cmd.Start(); err != nil {
		return commandResult{Err: err}
	}
	w := watchProviders(cmd.Process.Pid, t.SampleInterval)
	exitErr := waitExited(cmd.Process.Pid)
	r := commandResult{Wall: time.Since(start)}
	r.Usage = w.Stop()
	waitErr := cmd.Wait()
	_ = os.WriteFile(out+".stderr", stderr.Bytes(), 0o644) // kept for a human; the figures do not need it
	switch {
	case exitErr != nil:
		r.Err = fmt.Errorf("waiting for terraform: %w", exitErr)
	case waitErr != nil:
		r.Err = fmt.Errorf("terraform %s: %w: %s", args[0], waitErr, lastLines(stderr.String(), 5))
	}
	if json {
		if _, err := stdout.Seek(0, 0); err != nil {
			r.Err = err
			return r
		}
		ui, err := parseUIStream(stdout)
		r.UI = ui
		if err != nil && r.Err == nil {
			r.Err = err
		}
		if r.Err != nil && len(ui.Errors) > 0 {
			r.Err = fmt.Errorf("%w; first error: %s", r.Err, ui.Errors[0])
		}
	}
	return r
}

// init runs terraform init, which installs the provider from the mirror.
func (t terraformCLI) init(ctx context.Context, dir string) error {
	r := t.run(ctx, dir, filepath.Join(dir, "init.log"), false, "init", "-input=false", "-no-color")
	return r.Err
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
