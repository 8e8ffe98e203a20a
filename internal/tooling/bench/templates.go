package bench

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"text/template"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
)

// The configurations under test come from a directory of templates, one per provider: ours is
// embedded (templates/ours), a peer's is the directory given with -peer-config. Files ending in
// .tmpl are rendered with text/template and written without that suffix; other files are copied
// as they are; subdirectories are ignored. The same templates give every scenario (N gateways)
// and the empty configuration (N = 0).

//go:embed templates/ours
var embedded embed.FS

// oursTemplates is the template directory of our provider.
func oursTemplates() fs.FS {
	sub, err := fs.Sub(embedded, "templates/ours")
	if err != nil {
		panic(err) // the path is a constant of this file
	}
	return sub
}

// templateData is what a template can use. README.md documents each field for peers' authors.
type templateData struct {
	N               int    // how many gateways to declare; 0 for the empty configuration
	Endpoint        string // vpcsim's host:port, for the provider's VPC endpoint
	URL             string // http://host:port
	Region          string // the region of the seeded network
	VpcID           string // the seeded VPC
	VSwitchID       string // a vSwitch of that VPC
	AccessKeyID     string // vpcsim's key pair
	AccessKeySecret string
}

// renderConfig renders every template of src into dst, which it creates.
func renderConfig(src fs.FS, dst string, data templateData) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	entries, err := fs.ReadDir(src, ".")
	if err != nil {
		return err
	}
	rendered := 0
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		raw, err := fs.ReadFile(src, e.Name())
		if err != nil {
			return err
		}
		name := e.Name()
		if base, ok := strings.CutSuffix(name, ".tmpl"); ok {
			t, err := template.New(name).Option("missingkey=error").Parse(string(raw))
			if err != nil {
				return fmt.Errorf("template %s: %w", name, err)
			}
			var out bytes.Buffer
			if err := t.Execute(&out, data); err != nil {
				return fmt.Errorf("template %s: %w", name, err)
			}
			name, raw = base, out.Bytes()
			rendered++
		}
		if err := os.WriteFile(filepath.Join(dst, name), raw, 0o644); err != nil {
			return err
		}
	}
	if rendered == 0 {
		return fmt.Errorf("no *.tmpl file among the templates")
	}
	return nil
}

var sourcePattern = regexp.MustCompile(`(?m)^\s*source\s*=\s*"([^"]+)"`)

// templateSource finds the provider source address the templates declare (the source of their
// required_providers entry). The templates must name exactly one.
func templateSource(src fs.FS) (e2e.ProviderAddr, error) {
	var found []string
	entries, err := fs.ReadDir(src, ".")
	if err != nil {
		return e2e.ProviderAddr{}, err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		raw, err := fs.ReadFile(src, e.Name())
		if err != nil {
			return e2e.ProviderAddr{}, err
		}
		for _, m := range sourcePattern.FindAllStringSubmatch(string(raw), -1) {
			if !slices.Contains(found, m[1]) {
				found = append(found, m[1])
			}
		}
	}
	if len(found) != 1 {
		return e2e.ProviderAddr{}, fmt.Errorf("the templates name %d provider sources %q; name it with -peer-source", len(found), found)
	}
	return e2e.ParseProviderAddr(found[0])
}

var binaryVersion = regexp.MustCompile(`_v(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?)$`)

// versionFromBinary takes the version from a release binary's name
// (terraform-provider-alicloud_v1.240.0), or returns "".
func versionFromBinary(binary string) string {
	if m := binaryVersion.FindStringSubmatch(path.Base(filepath.ToSlash(binary))); m != nil {
		return m[1]
	}
	return ""
}
