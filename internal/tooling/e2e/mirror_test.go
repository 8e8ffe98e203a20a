package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseProviderAddr(t *testing.T) {
	for in, want := range map[string]string{
		"aliyun/alicloud":                      "registry.terraform.io/aliyun/alicloud",
		"Registry.Terraform.io/Vpngw/Alicloud": "registry.terraform.io/vpngw/alicloud",
		"bench.local/peer/alicloud":            "bench.local/peer/alicloud",
	} {
		if a, err := ParseProviderAddr(in); err != nil || a.String() != want {
			t.Errorf("%q: %v %v", in, a, err)
		}
	}
	for _, bad := range []string{"alicloud", "a//b", "a/b/c/d", ""} {
		if _, err := ParseProviderAddr(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestMirrorAndCLIConfig(t *testing.T) {
	mirror := t.TempDir()
	bin := filepath.Join(t.TempDir(), "provider")
	if err := os.WriteFile(bin, []byte("#!/bin/true\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	peer := ProviderAddr{Host: "bench.local", Namespace: "peer", Type: "alicloud"}
	if err := InstallInMirror(mirror, peer, "1.2.3", bin); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(mirror, "bench.local/peer/alicloud/1.2.3/*_*/terraform-provider-alicloud_v1.2.3"))
	if len(matches) != 1 {
		t.Fatalf("installed as %v", matches)
	}
	if info, err := os.Stat(matches[0]); err != nil || info.Mode().Perm()&0o100 == 0 {
		t.Fatalf("not executable: %v %v", info, err)
	}
	rc := CLIConfig(mirror, Provider, peer)
	want := `include = ["registry.terraform.io/vpngw/alicloud", "bench.local/peer/alicloud"]`
	if !strings.Contains(rc, want) || !strings.Contains(rc, `path    = "`+mirror+`"`) || strings.Contains(rc, "direct") {
		t.Fatalf("CLI configuration:\n%s", rc)
	}
}
