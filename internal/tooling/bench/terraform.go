package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// terraformCLI runs one Terraform binary in e2e's clean environment and measures each command:
// wall time, and the provider processes' resource use.
type terraformCLI struct {
	e2e.CLI
	SampleInterval time.Duration
}

// benchEnv is the environment Terraform and its providers run with: e2e's, with vpcsim's key pair
// under both providers' variable names, for templates (a peer's) that do not set them.
func benchEnv(cliConfigFile string) []string {
	id, secret := vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret
	return e2e.Env(cliConfigFile,
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+id, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+secret,
		"ALICLOUD_ACCESS_KEY="+id, "ALICLOUD_SECRET_KEY="+secret)
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
	cmd := t.Command(ctx, dir, args...)
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
