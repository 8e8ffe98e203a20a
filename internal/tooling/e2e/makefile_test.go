package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// makeTarget runs `make target` of the repository's GNUmakefile with ./bin moved to bin, and
// returns the lines it printed.
func makeTarget(ctx context.Context, t *testing.T, root, bin, target string) []string {
	t.Helper()
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("needs make")
	}
	cmd := exec.CommandContext(ctx, "make", "--no-print-directory", "-C", root, target, "BIN="+bin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("make %s: %v\n%s", target, err, out)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

// printedAfter is the rest of the first printed line that starts with prefix.
func printedAfter(t *testing.T, lines []string, prefix string) string {
	t.Helper()
	for _, l := range lines {
		if rest, ok := strings.CutPrefix(l, prefix); ok {
			return rest
		}
	}
	t.Fatalf("no line starts with %q:\n%s", prefix, strings.Join(lines, "\n"))
	return ""
}

// moduleConfig is a configuration as a user writes one against vpcsim at endpoint: our provider
// with no version constraint, and one gateway through the repository's module.
func moduleConfig(t *testing.T, root, endpoint string) string {
	t.Helper()
	dir := t.TempDir()
	config := fmt.Sprintf(`terraform {
  required_providers {
    alicloud = { source = "vpngw/alicloud" }
  }
}

provider "alicloud" {
  region   = %q
  protocol = "HTTP"
  endpoints {
    vpc = %q
  }
}

module "vpn" {
  source   = %q
  vpc_id   = %q
  gateways = { edge = { bandwidth = 10 } }
}
`, vpcsim.DefaultRegion, endpoint, filepath.Join(root, "examples", "modules", "vpn-gateway"), vpcsim.DefaultVpcID)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// needCLI skips a test that runs a real CLI unless TF_ACC=1, and returns the CLI the acceptance
// tests use with a context that bounds the test.
func needCLI(t *testing.T) (context.Context, string) {
	t.Helper()
	if os.Getenv("TF_ACC") != "1" {
		t.Skip("runs a real CLI with TF_ACC=1 (make test)")
	}
	cliPath, err := FindCLI()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx, cliPath
}

// moduleSetup is what both paths share: the repository root, a CLI and a vpcsim.
func moduleSetup(t *testing.T) (context.Context, string, string, *Sim) {
	t.Helper()
	ctx, cliPath := needCLI(t)
	root, err := ModuleRoot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	bins, err := Build(ctx, root, t.TempDir(), &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	sim, err := StartSim(bins.Vpcsim, filepath.Join(t.TempDir(), "vpcsim.log"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Kill)
	return ctx, root, cliPath, sim
}

// runner runs the CLI in dir with the CLI configuration a make target printed.
func runner(ctx context.Context, t *testing.T, cliPath, cliConfig, dir string) func(args ...string) error {
	cli := CLI{Binary: cliPath, Env: Env(cliConfig,
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+vpcsim.DefaultAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+vpcsim.DefaultAccessKeySecret)}
	return func(args ...string) error {
		t.Helper()
		out, err := cli.Command(ctx, dir, append(args, "-no-color")...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s %s: %w\n%s", filepath.Base(cliPath), strings.Join(args, " "), err, out)
		}
		return nil
	}
}

// The README's dev_overrides path, pasted into a fresh shell, with a configuration that calls a
// module: `make dev-overrides`, its export line, then init (which the module needs) and plan, all
// offline. A rebuild of the provider needs nothing more: init runs again as before.
func TestMakeDevOverridesWithModule(t *testing.T) {
	ctx, root, cliPath, sim := moduleSetup(t)
	bin := t.TempDir()
	cliConfig := printedAfter(t, makeTarget(ctx, t, root, bin, "dev-overrides"), "export TF_CLI_CONFIG_FILE=")
	dir := moduleConfig(t, root, sim.Endpoint())
	run := runner(ctx, t, cliPath, cliConfig, dir)
	for _, args := range [][]string{{"init", "-input=false"}, {"plan", "-input=false"}} {
		if err := run(args...); err != nil {
			t.Fatal(err)
		}
	}

	// A rebuild: other bytes in ./bin, under the same version. A fresh init still works, and the
	// plan runs the new build (the override), not whatever init installed.
	provider := filepath.Join(bin, "terraform-provider-alicloud")
	appendTo(t, provider)
	if err := os.RemoveAll(filepath.Join(dir, ".terraform")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-input=false"}, {"plan", "-input=false"}} {
		if err := run(args...); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(provider); err != nil {
		t.Fatal(err)
	}
	if err := run("plan", "-input=false"); err == nil {
		t.Fatal("plan ran with ./bin's provider removed: the override is not what runs")
	}
}

// The README's mirror path: `make mirror` prints its export line, and after a rebuild (other
// bytes under the same version, which the lock file refuses) the one line it prints makes init
// work again.
func TestMakeMirrorAfterRebuild(t *testing.T) {
	ctx, root, cliPath, sim := moduleSetup(t)
	bin := t.TempDir()
	printed := makeTarget(ctx, t, root, bin, "mirror")
	cliConfig := printedAfter(t, printed, "export TF_CLI_CONFIG_FILE=")
	relock := strings.Fields(printedAfter(t, printed, "# after a rebuild, in a configuration already initialised: terraform "))
	dir := moduleConfig(t, root, sim.Endpoint())
	run := runner(ctx, t, cliPath, cliConfig, dir)
	if err := run("init", "-input=false"); err != nil {
		t.Fatal(err)
	}

	mirrored, err := filepath.Glob(filepath.Join(bin, "mirror", "*", "vpngw", "alicloud", ProviderVersion, "*", "terraform-provider-alicloud_v"+ProviderVersion))
	if err != nil || len(mirrored) != 2 {
		t.Fatalf("mirror holds %v (%v), want the provider under both registries' hosts", mirrored, err)
	}
	for _, m := range mirrored {
		appendTo(t, m)
	}
	if err := os.RemoveAll(filepath.Join(dir, ".terraform")); err != nil {
		t.Fatal(err)
	}
	if err := run("init", "-input=false"); err == nil {
		t.Fatal("init took a rebuilt provider without a new checksum: the test rebuilt nothing")
	}
	for _, args := range [][]string{relock, {"init", "-input=false"}, {"plan", "-input=false"}} {
		if err := run(args...); err != nil {
			t.Fatal(err)
		}
	}
}

// appendTo changes a binary's bytes as a rebuild does, keeping it runnable (an executable ignores
// what follows its last section).
func appendTo(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("rebuilt\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
