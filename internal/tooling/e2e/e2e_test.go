package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// The whole harness, as its users take it: build and mirror the provider, start vpcsim, let a real
// CLI apply one gateway through the mirror, and find it in /_sim/state and /_sim/stats; vpcsim
// restarted keeps its address; destroy leaves it empty.
func TestHarnessAppliesThroughTheMirror(t *testing.T) {
	ctx, cliPath := needCLI(t)
	var log bytes.Buffer
	h, err := Prepare(ctx, t.TempDir(), &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.Bytes())
	}
	sim, err := StartSim(h.Vpcsim, filepath.Join(t.TempDir(), "vpcsim.log"), "-provision-delay", "0s", "-delete-delay", "0s")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Kill)

	dir := t.TempDir()
	config := ProviderConfig(sim.Endpoint()) + fmt.Sprintf(`
resource "alicloud_vpn_gateway" "e2e" {
  vpc_id    = %q
  bandwidth = 5
}
`, vpcsim.DefaultVpcID)
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	cli := CLI{Binary: cliPath, Env: Env(h.CLIConfig,
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+vpcsim.DefaultAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+vpcsim.DefaultAccessKeySecret)}
	run := func(args ...string) {
		t.Helper()
		if out, err := cli.Command(ctx, dir, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", filepath.Base(cliPath), args, err, out)
		}
	}
	run("init", "-input=false", "-no-color")
	run("apply", "-auto-approve", "-input=false", "-no-color")

	ids, err := sim.GatewayIDs(ctx)
	if err != nil || len(ids) != 1 {
		t.Fatalf("after apply vpcsim holds %v (%v), want one gateway", ids, err)
	}
	stats, err := sim.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := stats.Requests[vpcapi.ActionCreateVpnGateway]["200"]; n != 1 {
		t.Fatalf("vpcsim answered CreateVpnGateway %d times with 200, want 1: %v", n, stats.Requests)
	}

	endpoint := sim.Endpoint()
	if err := sim.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := sim.Restart(); err != nil {
		t.Fatal(err)
	}
	if sim.Endpoint() != endpoint {
		t.Fatalf("restarted on %s, was %s", sim.Endpoint(), endpoint)
	}
	// Without -state-file the restarted vpcsim starts empty: the next apply, on the address the
	// configuration names, finds the gateway gone and creates it again.
	run("apply", "-auto-approve", "-input=false", "-no-color")
	run("destroy", "-auto-approve", "-input=false", "-no-color")
	if ids, err := sim.GatewayIDs(ctx); err != nil || !slices.Equal(ids, []string{}) {
		t.Fatalf("after destroy vpcsim holds %v (%v)", ids, err)
	}
}
