package vpngateway_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcclient"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// A team's gateway in state written by the official aliyun/alicloud provider moves over with
// `terraform state replace-provider`, and the first plan, with the official argument names renamed
// (vpn_gateway_name and payment_type are name and instance_charge_type here), shows no changes and
// sends no request but reads; so does a plan that does not refresh first (-refresh=false), from the
// upgraded state alone. Run with a real CLI (the matrix's, TF_ACC_TERRAFORM_PATH), for the
// state of the official provider at v1.214.0 and at v1.218.0 (testdata/migration/README.md).
func TestAccMigration_replaceProvider(t *testing.T) {
	ctx, cliPath, h, host := migrationHarness(t, t.TempDir())
	target := e2e.ProviderAddr{Host: host, Namespace: e2e.Provider.Namespace, Type: e2e.Provider.Type}

	for _, fixture := range []string{"official-v1.214.0.state.json", "official-v1.218.0.state.json"} {
		t.Run(fixture, func(t *testing.T) {
			sim, err := e2e.StartSim(h.Vpcsim, filepath.Join(t.TempDir(), "vpcsim.log"), "-provision-delay", "0s")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(sim.Kill)
			gw := stageMigratedGateway(ctx, t, sim.Endpoint())
			before, err := sim.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}

			dir := t.TempDir()
			tmpl, err := os.ReadFile(filepath.Join("testdata", "migration", fixture))
			if err != nil {
				t.Fatal(err)
			}
			state := strings.NewReplacer("${id}", gw.id, "${vpc_id}", vpcsim.DefaultVpcID,
				"${vswitch_id}", gw.vswitchID, "${internet_ip}", gw.internetIP).Replace(string(tmpl))
			config := e2e.ProviderConfig(sim.Endpoint()) + fmt.Sprintf(`
resource "alicloud_vpn_gateway" "default" {
  vpc_id      = %q
  bandwidth   = 10
  name        = "migrated"
  description = "Migrated from aliyun"
}
`, vpcsim.DefaultVpcID)
			for name, content := range map[string]string{"terraform.tfstate": state, "main.tf": config} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			cli := e2e.CLI{Binary: cliPath, Env: e2e.Env(h.CLIConfig,
				"ALIBABA_CLOUD_ACCESS_KEY_ID="+vpcsim.DefaultAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+vpcsim.DefaultAccessKeySecret)}
			run := func(args ...string) (string, error) {
				out, err := cli.Command(ctx, dir, args...).CombinedOutput()
				return string(out), err
			}
			if out, err := run("state", "replace-provider", "-auto-approve", "-no-color",
				"registry.terraform.io/aliyun/alicloud", target.String()); err != nil {
				t.Fatalf("replace-provider: %v\n%s", err, out)
			}
			if out, err := run("init", "-input=false", "-no-color"); err != nil {
				t.Fatalf("init: %v\n%s", err, out)
			}
			if out, err := run("plan", "-refresh=false", "-detailed-exitcode", "-input=false", "-no-color"); err != nil {
				t.Errorf("plan -refresh=false after replace-provider is not empty (%v):\n%s", err, out)
			}
			out, err := run("plan", "-detailed-exitcode", "-input=false", "-no-color")
			if err != nil {
				t.Fatalf("the first plan after replace-provider is not empty (%v):\n%s", err, out)
			}

			stats, err := sim.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for action, byStatus := range stats.Requests {
				sent := 0
				for status, n := range byStatus {
					sent += n - before.Requests[action][status]
				}
				if sent > 0 && !strings.HasPrefix(action, "Describe") && action != vpcapi.ActionListTagResources {
					t.Errorf("the migration sent %d %s; only reads are expected", sent, action)
				}
			}
		})
	}
}

// migratedGateway is what the fixture needs of the gateway vpcsim holds.
type migratedGateway struct{ id, vswitchID, internetIP string }

// stageMigratedGateway creates, outside Terraform, the gateway the official provider's state
// describes.
func stageMigratedGateway(ctx context.Context, t *testing.T, endpoint string) migratedGateway {
	t.Helper()
	c, err := vpcclient.New(vpcclient.Config{
		Region: vpcsim.DefaultRegion, AccessKeyID: vpcsim.DefaultAccessKeyID, AccessKeySecret: vpcsim.DefaultAccessKeySecret,
		Endpoint: endpoint, Protocol: vpcclient.ProtocolHTTP,
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.CreateVpnGateway(ctx, &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpcId: dara.String(vpcsim.DefaultVpcID), Bandwidth: dara.Int32(10),
		Name: dara.String("migrated"), ClientToken: dara.String(vpcclient.NewClientToken()),
	})
	if err != nil {
		t.Fatal(err)
	}
	id := dara.StringValue(out.VpnGatewayId)
	gw := waitStagedActive(ctx, t, c, id)
	if _, err := c.ModifyVpnGatewayAttribute(ctx, &vpc.ModifyVpnGatewayAttributeRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpnGatewayId: dara.String(id),
		Description: dara.String("Migrated from aliyun"), ClientToken: dara.String(vpcclient.NewClientToken()),
	}); err != nil {
		t.Fatal(err)
	}
	waitStagedActive(ctx, t, c, id)
	return migratedGateway{id: id, vswitchID: dara.StringValue(gw.VSwitchId), internetIP: dara.StringValue(gw.InternetIp)}
}

// waitStagedActive polls a gateway staged outside Terraform until it is active, and returns it.
func waitStagedActive(ctx context.Context, t *testing.T, c *vpcclient.Client, id string) *vpc.DescribeVpnGatewayResponseBody {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		gw, err := c.DescribeVpnGateway(ctx, &vpc.DescribeVpnGatewayRequest{
			RegionId: dara.String(vpcsim.DefaultRegion), VpnGatewayId: dara.String(id),
		})
		switch {
		case errors.Is(err, vpcclient.ErrVpnGatewayNotFound):
			// The API's reads may lag its create for a moment.
			continue
		case err != nil:
			t.Fatal(err)
		}
		if dara.StringValue(gw.Status) == vpcapi.StatusActive {
			return gw
		}
	}
	t.Fatalf("staged gateway %s did not become active", id)
	return nil
}

// Living side by side: a configuration that keeps the official provider under the local name
// alicloud (for the VPC, in real use) and gives this one the local name vpngw, with
// `provider = vpngw` on the gateway. The official provider cannot be built within CI's time, so a
// stand-in (this provider's own binary) is installed under registry.terraform.io/aliyun/alicloud in
// the mirror: what is tested is the wiring, two providers of the alicloud_ prefix in one
// configuration and the gateway in state under vpngw/alicloud.
func TestAccMigration_sideBySide(t *testing.T) {
	s := newSideBySide(t)
	s.write(t, s.gateway("edge", "vpngw"))
	s.run(t, "init", "-input=false", "-no-color")
	s.run(t, "apply", "-auto-approve", "-input=false", "-no-color")
	s.wantProviders(t, map[string]e2e.ProviderAddr{"edge": s.ours})
	s.run(t, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	s.destroy(t)
}

// A state that also holds the official provider's other resources (its VPC, say) cannot go through
// `state replace-provider`, which hands over every resource of the provider, not only the
// gateways. There the gateway moves alone: `state rm` forgets it, and an import block under
// `provider = vpngw` adopts it again. The plan imports it and changes nothing, and the resource
// left with the official provider (here a second gateway of the stand-in) stays where it was.
func TestAccMigration_oneResourceAtATime(t *testing.T) {
	s := newSideBySide(t)
	s.write(t, s.gateway("edge", "alicloud")+s.gateway("legacy", "alicloud")+
		"output \"edge_id\" {\n  value = alicloud_vpn_gateway.edge.id\n}\n")
	s.run(t, "init", "-input=false", "-no-color")
	s.run(t, "apply", "-auto-approve", "-input=false", "-no-color")
	s.wantProviders(t, map[string]e2e.ProviderAddr{"edge": s.official, "legacy": s.official})
	edge := strings.TrimSpace(s.run(t, "output", "-raw", "edge_id"))

	s.write(t, s.gateway("edge", "vpngw")+s.gateway("legacy", "alicloud")+
		fmt.Sprintf("import {\n  to = alicloud_vpn_gateway.edge\n  id = %q\n}\n", edge))
	s.run(t, "state", "rm", "-no-color", "alicloud_vpn_gateway.edge")
	if plan := s.run(t, "plan", "-input=false", "-no-color"); !strings.Contains(plan, "1 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Fatalf("the plan after state rm does not import the gateway alone:\n%s", plan)
	}
	s.run(t, "apply", "-auto-approve", "-input=false", "-no-color")
	s.wantProviders(t, map[string]e2e.ProviderAddr{"edge": s.ours, "legacy": s.official})
	s.run(t, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	s.destroy(t)
}

// sideBySide is a configuration folder with both providers in one mirror: this one under vpngw,
// the stand-in for the official one under alicloud, each configured for the test's vpcsim.
type sideBySide struct {
	ctx            context.Context
	dir            string
	sim            *e2e.Sim
	cli            e2e.CLI
	ours, official e2e.ProviderAddr
}

func newSideBySide(t *testing.T) *sideBySide {
	t.Helper()
	work := t.TempDir()
	ctx, cliPath, h, host := migrationHarness(t, work)
	s := &sideBySide{
		ctx:      ctx,
		dir:      t.TempDir(),
		ours:     e2e.ProviderAddr{Host: host, Namespace: e2e.Provider.Namespace, Type: e2e.Provider.Type},
		official: e2e.ProviderAddr{Host: host, Namespace: "aliyun", Type: "alicloud"},
	}
	if err := e2e.InstallInMirror(h.Mirror, s.official, e2e.ProviderVersion, h.Provider); err != nil {
		t.Fatal(err)
	}
	cliConfig := filepath.Join(work, "side-by-side.tfrc")
	if err := os.WriteFile(cliConfig, []byte(e2e.CLIConfig(h.Mirror, s.ours, s.official)), 0o644); err != nil {
		t.Fatal(err)
	}
	sim, err := e2e.StartSim(h.Vpcsim, filepath.Join(t.TempDir(), "vpcsim.log"), "-provision-delay", "0s", "-delete-delay", "0s")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Kill)
	s.sim = sim
	s.cli = e2e.CLI{Binary: cliPath, Env: e2e.Env(cliConfig,
		"ALIBABA_CLOUD_ACCESS_KEY_ID="+vpcsim.DefaultAccessKeyID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET="+vpcsim.DefaultAccessKeySecret)}
	return s
}

// write replaces main.tf with both providers' blocks and the given resources.
func (s *sideBySide) write(t *testing.T, resources string) {
	t.Helper()
	config := fmt.Sprintf("terraform {\n  required_providers {\n    alicloud = { source = \"aliyun/alicloud\", version = %[1]q }\n"+
		"    vpngw    = { source = \"vpngw/alicloud\", version = %[1]q }\n  }\n}\n", e2e.ProviderVersion)
	for _, name := range []string{"alicloud", "vpngw"} {
		config += fmt.Sprintf("\nprovider %q {\n  region   = %q\n  protocol = \"HTTP\"\n  endpoints {\n    vpc = %q\n  }\n}\n",
			name, vpcsim.DefaultRegion, s.sim.Endpoint())
	}
	if err := os.WriteFile(filepath.Join(s.dir, "main.tf"), []byte(config+resources), 0o644); err != nil {
		t.Fatal(err)
	}
}

// gateway is a resource block named name (the gateway's name too) under the provider of that
// local name.
func (s *sideBySide) gateway(name, provider string) string {
	return fmt.Sprintf("\nresource \"alicloud_vpn_gateway\" %[1]q {\n  provider  = %[2]s\n  vpc_id    = %[3]q\n  bandwidth = 10\n  name      = %[1]q\n}\n",
		name, provider, vpcsim.DefaultVpcID)
}

func (s *sideBySide) run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := s.cli.Command(s.ctx, s.dir, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
	return string(out)
}

// wantProviders checks which provider the state records for each alicloud_vpn_gateway it holds.
func (s *sideBySide) wantProviders(t *testing.T, want map[string]e2e.ProviderAddr) {
	t.Helper()
	var state struct {
		Resources []struct {
			Type, Name, Provider string
		}
	}
	if err := json.Unmarshal([]byte(s.run(t, "state", "pull")), &state); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range state.Resources {
		if r.Type == "alicloud_vpn_gateway" {
			got[r.Name] = r.Provider
		}
	}
	if len(got) != len(want) {
		t.Errorf("state holds the gateways %v, want %v", got, want)
	}
	for name, addr := range want {
		if wantProvider := `provider["` + addr.String() + `"]`; got[name] != wantProvider {
			t.Errorf("alicloud_vpn_gateway.%s is in state under %s, want %s", name, got[name], wantProvider)
		}
	}
}

func (s *sideBySide) destroy(t *testing.T) {
	t.Helper()
	s.run(t, "destroy", "-auto-approve", "-input=false", "-no-color")
	if ids, err := s.sim.GatewayIDs(s.ctx); err != nil || len(ids) != 0 {
		t.Errorf("vpcsim holds %v after the destroy (%v)", ids, err)
	}
}

// migrationHarness skips without TF_ACC, and otherwise builds and mirrors the provider into work
// (e2e.Prepare) for the CLI of the run, and names the registry host under which that CLI resolves
// "vpngw/alicloud" (OpenTofu uses its own).
func migrationHarness(t *testing.T, work string) (context.Context, string, *e2e.Harness, string) {
	t.Helper()
	if os.Getenv("TF_ACC") != "1" || acctest.RealCloud() {
		t.Skip("runs a real CLI against vpcsim with TF_ACC=1")
	}
	cliPath, err := e2e.FindCLI()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	var log bytes.Buffer
	h, err := e2e.Prepare(ctx, work, &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.Bytes())
	}
	host := e2e.Provider.Host
	if out, _ := exec.CommandContext(ctx, cliPath, "version").Output(); strings.Contains(string(out), "OpenTofu") {
		host = "registry.opentofu.org"
	}
	return ctx, cliPath, h, host
}
