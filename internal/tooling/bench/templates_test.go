package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
)

func TestRenderOursTemplates(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cfg")
	data := templateData{N: 3, Endpoint: "127.0.0.1:4321", URL: "http://127.0.0.1:4321", Region: "cn-hangzhou",
		VpcID: "vpc-1", VSwitchID: "vsw-1", AccessKeyID: "id", AccessKeySecret: "secret"}
	if err := renderConfig(oursTemplates(), dir, data); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`count     = 3`, `vpc = "127.0.0.1:4321"`, `vpc_id    = "vpc-1"`, `source = "vpngw/alicloud"`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("main.tf lacks %q:\n%s", want, raw)
		}
	}
}

func TestRenderConfig(t *testing.T) {
	src := fstest.MapFS{
		"main.tf.tmpl":   {Data: []byte(`n = {{.N}}`)},
		"versions.tf":    {Data: []byte(`terraform {}`)},
		"modules/x.tmpl": {Data: []byte(`ignored`)},
		"README.md":      {Data: []byte(`copied as it is: {{.N}}`)},
	}
	dir := t.TempDir()
	if err := renderConfig(src, dir, templateData{N: 7}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"main.tf": "n = 7", "versions.tf": "terraform {}", "README.md": "copied as it is: {{.N}}"} {
		if raw, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(raw) != want {
			t.Errorf("%s: %q %v", name, raw, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "modules")); err == nil {
		t.Error("a subdirectory was copied")
	}
	if err := renderConfig(fstest.MapFS{"main.tf.tmpl": {Data: []byte(`{{.Nope}}`)}}, t.TempDir(), templateData{}); err == nil {
		t.Error("an unknown variable rendered")
	}
	if err := renderConfig(fstest.MapFS{"main.tf": {Data: []byte(`x`)}}, t.TempDir(), templateData{}); err == nil {
		t.Error("templates without a .tmpl file were accepted")
	}
}

func TestTemplateSource(t *testing.T) {
	// Ours: the address the harness installs our provider under must be the one our templates name.
	if a, err := templateSource(oursTemplates()); err != nil || a != e2e.Provider {
		t.Fatalf("ours: %v %v, want %v", a, err, e2e.Provider)
	}
	if a, err := templateSource(os.DirFS("testdata/peer-self")); err != nil || a.String() != "bench.local/peer/alicloud" {
		t.Fatalf("peer-self: %v %v", a, err)
	}
	if a, err := templateSource(os.DirFS("testdata/peer-official")); err != nil || a.String() != "registry.terraform.io/aliyun/alicloud" {
		t.Fatalf("peer-official: %v %v", a, err)
	}
	two := fstest.MapFS{"a.tf.tmpl": {Data: []byte("      source = \"a/x\"\n")}, "b.tf": {Data: []byte("source = \"b/x\"\n")}}
	if _, err := templateSource(two); err == nil || !strings.Contains(err.Error(), "-peer-source") {
		t.Fatalf("two sources: %v", err)
	}
}

func TestVersionFromBinary(t *testing.T) {
	for in, want := range map[string]string{
		"/x/terraform-provider-alicloud_v1.240.0":   "1.240.0",
		"terraform-provider-alicloud_v1.2.3-beta.1": "1.2.3-beta.1",
		"bin/terraform-provider-alicloud":           "",
		"terraform-provider-alicloud_v1.2":          "",
	} {
		if got := versionFromBinary(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
