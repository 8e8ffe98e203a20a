package e2e

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// ProviderAddr is a provider's source address.
type ProviderAddr struct{ Host, Namespace, Type string }

func (a ProviderAddr) String() string { return a.Host + "/" + a.Namespace + "/" + a.Type }

// ParseProviderAddr reads "namespace/type" or "host/namespace/type", as required_providers does.
func ParseProviderAddr(s string) (ProviderAddr, error) {
	parts := strings.Split(strings.ToLower(strings.TrimSpace(s)), "/")
	if len(parts) == 2 {
		parts = append([]string{DefaultRegistry}, parts...)
	}
	if len(parts) != 3 || slices.Contains(parts, "") {
		return ProviderAddr{}, fmt.Errorf("provider source %q: want namespace/type or host/namespace/type", s)
	}
	return ProviderAddr{Host: parts[0], Namespace: parts[1], Type: parts[2]}, nil
}

// InstallInMirror copies a provider binary into a filesystem mirror in the unpacked layout
// Terraform and OpenTofu read (the one `make mirror` writes):
// MIRROR/HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-TYPE_vVERSION.
func InstallInMirror(mirror string, addr ProviderAddr, version, binary string) error {
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

// CLIConfig is a CLI configuration (TF_CLI_CONFIG_FILE) that installs the given providers from
// the mirror and nothing from anywhere else: with a provider_installation block, Terraform and
// OpenTofu use only the methods it lists, so no registry is ever asked.
func CLIConfig(mirror string, addrs ...ProviderAddr) string {
	include := make([]string, len(addrs))
	for i, a := range addrs {
		include[i] = fmt.Sprintf("%q", a.String())
	}
	return fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path    = %q\n    include = [%s]\n  }\n}\n",
		mirror, strings.Join(include, ", "))
}

// Harness is what Prepare laid out in its directory.
type Harness struct {
	Binaries
	Mirror    string // the filesystem mirror, holding our provider for both registries' host names
	CLIConfig string // the file to give TF_CLI_CONFIG_FILE (Env does)
}

// Prepare builds the provider and vpcsim into dir/bin, installs the provider into the mirror
// dir/mirror under Terraform's and OpenTofu's host names, and writes dir/terraformrc, whose only
// installation method is that mirror.
func Prepare(ctx context.Context, dir string, log io.Writer) (*Harness, error) {
	root, err := ModuleRoot(ctx)
	if err != nil {
		return nil, err
	}
	bins, err := Build(ctx, root, filepath.Join(dir, "bin"), log)
	if err != nil {
		return nil, err
	}
	h := &Harness{Binaries: bins, Mirror: filepath.Join(dir, "mirror"), CLIConfig: filepath.Join(dir, "terraformrc")}
	tofu := Provider
	tofu.Host = openTofuRegistry
	for _, addr := range []ProviderAddr{Provider, tofu} {
		if err := InstallInMirror(h.Mirror, addr, ProviderVersion, bins.Provider); err != nil {
			return nil, err
		}
	}
	return h, os.WriteFile(h.CLIConfig, []byte(CLIConfig(h.Mirror, Provider, tofu)), 0o644)
}

// ProviderConfig is the start of a configuration for our provider against vpcsim at endpoint
// (host:port): required_providers at ProviderVersion, so that init takes the mirror's build, and
// the provider block in vpcsim's region over plain HTTP. Credentials come from the environment.
// Each of extra (such as a default_tags block) goes into the provider block as it is.
func ProviderConfig(endpoint string, extra ...string) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    alicloud = {
      source  = "vpngw/alicloud"
      version = %q
    }
  }
}

provider "alicloud" {
  region   = %q
  protocol = "HTTP"
  endpoints {
    vpc = %q
  }
%s}
`, ProviderVersion, vpcsim.DefaultRegion, endpoint, strings.Join(extra, ""))
}
