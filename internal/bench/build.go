package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// oursAddr and oursVersion are where and as what the harness installs our provider: the
// GNUmakefile's PROVIDER and DEV_VERSION.
var oursAddr = providerAddr{Host: defaultRegistry, Namespace: "vpngw", Type: "alicloud"}

const oursVersion = "0.1.0"

// moduleRoot is the directory of the go.mod the harness runs in.
func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside a Go module: run the harness from the repository")
	}
	return filepath.Dir(gomod), nil
}

// buildBinaries builds the provider (with its version set as the GNUmakefile's build does) and
// vpcsim into dir, and returns their paths.
func buildBinaries(ctx context.Context, root, dir string, log io.Writer) (provider, sim string, err error) {
	provider = filepath.Join(dir, "terraform-provider-alicloud")
	sim = filepath.Join(dir, "vpcsim")
	for _, args := range [][]string{
		{"build", "-ldflags", "-X main.version=" + oursVersion, "-o", provider, "."},
		{"build", "-o", sim, "./cmd/vpcsim"},
	} {
		fmt.Fprintf(log, "go %s\n", strings.Join(args, " "))
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = root
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Run(); err != nil {
			return "", "", fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
		}
	}
	return provider, sim, nil
}

// installInMirror copies a provider binary into a filesystem mirror in the unpacked layout
// Terraform reads (the one the GNUmakefile's mirror target and the demo use):
// MIRROR/HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-TYPE_vVERSION.
func installInMirror(mirror string, addr providerAddr, version, binary string) error {
	dir := filepath.Join(mirror, addr.Host, addr.Namespace, addr.Type, version, runtime.GOOS+"_"+runtime.GOARCH)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return copyFile(binary, filepath.Join(dir, "terraform-provider-"+addr.Type+"_v"+version), 0o755)
}

func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// cliConfig is a Terraform CLI configuration that installs the given providers from the mirror
// and nothing from anywhere else: with a provider_installation block, Terraform uses only the
// methods it lists, so no registry is ever asked.
func cliConfig(mirror string, addrs ...providerAddr) string {
	include := make([]string, len(addrs))
	for i, a := range addrs {
		include[i] = fmt.Sprintf("%q", a.String())
	}
	return fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [%s]\n  }\n}\n",
		mirror, strings.Join(include, ", "))
}
