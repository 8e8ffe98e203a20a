package e2e

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Binaries are the provider and vpcsim built from this tree.
type Binaries struct {
	Provider string // terraform-provider-alicloud, reporting ProviderVersion
	Vpcsim   string
}

// ModuleRoot is the directory of the go.mod the caller runs in: the repository root, whatever
// package directory `go test` or `go run` started in.
func ModuleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside a Go module: run from the repository")
	}
	return filepath.Dir(gomod), nil
}

// Build builds the provider (with its version set as the GNUmakefile's build does) and vpcsim
// from the module at root into dir, logging each go command to log.
func Build(ctx context.Context, root, dir string, log io.Writer) (Binaries, error) {
	b := Binaries{Provider: filepath.Join(dir, "terraform-provider-alicloud"), Vpcsim: filepath.Join(dir, "vpcsim")}
	for _, args := range [][]string{
		{"build", "-ldflags", "-X main.version=" + ProviderVersion, "-o", b.Provider, "."},
		{"build", "-o", b.Vpcsim, "./cmd/vpcsim"},
	} {
		fmt.Fprintf(log, "go %s\n", strings.Join(args, " "))
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = root
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Run(); err != nil {
			return Binaries{}, fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
		}
	}
	return b, nil
}
