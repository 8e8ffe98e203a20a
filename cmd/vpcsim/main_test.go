package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// TestMain lets a test start this test binary as the vpcsim command itself, to kill it.
func TestMain(m *testing.M) {
	if os.Getenv("VPCSIM_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	os.Exit(m.Run())
}

var listening = regexp.MustCompile(`^vpcsim listening on http://(127\.0\.0\.1:\d+)\n$`)

func client(t *testing.T, endpoint, key, secret string) *vpc.Client {
	t.Helper()
	c, err := vpc.NewClient(&openapiutil.Config{
		AccessKeyId: tea.String(key), AccessKeySecret: tea.String(secret),
		Endpoint: tea.String(endpoint), Protocol: tea.String("http"), RegionId: tea.String(vpcsim.DefaultRegion),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestRun: exactly one line on stdout, a simulator with the flags' settings behind it, and a
// clean stop when the context ends.
func TestRun(t *testing.T) {
	networks := filepath.Join(t.TempDir(), "networks.json")
	if err := os.WriteFile(networks, []byte(`[{"ID":"cn-shanghai","Vpcs":[{"ID":"vpc-sh","CidrBlock":"10.0.0.0/8","VSwitches":[{"ID":"vsw-sh","ZoneID":"cn-shanghai-b","CidrBlock":"10.0.0.0/24"}]}]}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, outW := io.Pipe()
	var stderr strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-access-key-id", "k", "-access-key-secret", "s", "-provision-delay", "1h", "-quota", "1", "-networks", networks}, outW, &stderr)
		outW.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("reading stdout: %v (stderr: %s)", err, stderr.String())
	}
	m := listening.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("stdout line %q", line)
	}
	c := client(t, m[1], "k", "s")
	resp, err := c.CreateVpnGateway(&vpc.CreateVpnGatewayRequest{RegionId: tea.String("cn-shanghai"), VpcId: tea.String("vpc-sh"), Bandwidth: tea.Int32(5)})
	if err != nil {
		t.Fatalf("create through the command: %v", err)
	}
	g, err := c.DescribeVpnGateway(&vpc.DescribeVpnGatewayRequest{RegionId: tea.String("cn-shanghai"), VpnGatewayId: resp.Body.VpnGatewayId})
	if err != nil || tea.StringValue(g.Body.Status) != "init" {
		t.Fatalf("-provision-delay 1h: %v %+v", err, g)
	}
	if _, err := c.CreateVpnGateway(&vpc.CreateVpnGatewayRequest{RegionId: tea.String("cn-shanghai"), VpcId: tea.String("vpc-sh"), Bandwidth: tea.Int32(5)}); err == nil {
		t.Fatal("-quota 1 allowed a second gateway")
	}
	if _, err := client(t, m[1], vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret).DescribeVpcs(&vpc.DescribeVpcsRequest{RegionId: tea.String(vpcsim.DefaultRegion)}); err == nil {
		t.Fatal("the default key was accepted although -access-key-id replaced it")
	}

	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	rest, _ := io.ReadAll(out)
	if len(rest) != 0 {
		t.Fatalf("more on stdout: %q", rest)
	}
	if !strings.Contains(stderr.String(), "action=CreateVpnGateway") {
		t.Fatalf("requests are not logged to stderr: %s", stderr.String())
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-fault-rate", "2"},
		{"-networks", "/nonexistent/networks.json"},
		{"-listen", "127.0.0.1:0", "extra"},
		{"-unknown"},
		{"-dialect", "mars"},
		{"-seed", "-1"},
		{"-read-lag", "-1s"},
	} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
}

// TestRunDialect: -dialect, -provision-spread and -seed reach the simulator.
func TestRunDialect(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, outW := io.Pipe()
	var stderr strings.Builder
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-dialect", "international", "-provision-delay", "1h", "-provision-spread", "-seed", "5"}, outW, &stderr)
		outW.Close()
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	m := listening.FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("stdout %q: %v (stderr: %s)", line, err, stderr.String())
	}
	c := client(t, m[1], vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret)
	create := &vpc.CreateVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpcId: tea.String(vpcsim.DefaultVpcID), Bandwidth: tea.Int32(5)}
	if _, err := c.CreateVpnGateway(create); err == nil {
		t.Fatal("-dialect international sold a 5 Mbit/s gateway")
	}
	create.Bandwidth = tea.Int32(10)
	resp, err := c.CreateVpnGateway(create)
	if err != nil {
		t.Fatal(err)
	}
	g, err := c.DescribeVpnGateway(&vpc.DescribeVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: resp.Body.VpnGatewayId})
	if err != nil || tea.StringValue(g.Body.ChargeType) != "POSTPAY" {
		t.Fatalf("-dialect international: %v %+v", err, g)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	for _, want := range []string{"dialect=international", "provision_spread=true", "seed=5"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %s: %s", want, stderr.String())
		}
	}
}

// startProcess starts this test binary as the vpcsim command on a free loopback port with flags,
// to be killed at the end of the test, and answers it and its endpoint.
func startProcess(t *testing.T, flags ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-listen", "127.0.0.1:0"}, flags...)...)
	cmd.Env = append(os.Environ(), "VPCSIM_TEST_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	m := listening.FindStringSubmatch(line)
	if err != nil || m == nil {
		t.Fatalf("stdout %q: %v", line, err)
	}
	return cmd, m[1]
}

// TestKill9 kills the command with SIGKILL right after it acknowledged a create, starts it again
// on the same state file and finds the gateway there.
func TestKill9(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	cmd, endpoint := startProcess(t, "-state-file", state)
	resp, err := client(t, endpoint, vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret).CreateVpnGateway(
		&vpc.CreateVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpcId: tea.String(vpcsim.DefaultVpcID), Bandwidth: tea.Int32(5)})
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	_, endpoint = startProcess(t, "-state-file", state)
	g, err := client(t, endpoint, vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret).DescribeVpnGateway(
		&vpc.DescribeVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: resp.Body.VpnGatewayId})
	if err != nil {
		t.Fatalf("the acknowledged gateway did not survive kill -9: %v", err)
	}
	if tea.StringValue(g.Body.VpnGatewayId) != tea.StringValue(resp.Body.VpnGatewayId) {
		t.Fatalf("described %+v", g.Body)
	}
}

// TestOutage runs the command as a process: POST /_sim/outage answers, the address then refuses
// connections, and the command listens on it again with its state; -read-lag reaches the simulator.
func TestOutage(t *testing.T) {
	_, endpoint := startProcess(t, "-read-lag", "1h")
	c := client(t, endpoint, vpcsim.DefaultAccessKeyID, vpcsim.DefaultAccessKeySecret)
	resp, err := c.CreateVpnGateway(&vpc.CreateVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpcId: tea.String(vpcsim.DefaultVpcID), Bandwidth: tea.Int32(5)})
	if err != nil {
		t.Fatal(err)
	}
	id := tea.StringValue(resp.Body.VpnGatewayId)
	if _, err := c.DescribeVpnGateway(&vpc.DescribeVpnGatewayRequest{RegionId: tea.String(vpcsim.DefaultRegion), VpnGatewayId: tea.String(id)}); err == nil {
		t.Fatal("-read-lag 1h: the new gateway was found at once")
	}

	r, err := http.Post("http://"+endpoint+"/_sim/outage", "application/json", strings.NewReader(`{"for":"700ms"}`))
	if err != nil {
		t.Fatalf("POST /_sim/outage: %v", err)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if r.StatusCode != 200 || string(body) != `{"for":"700ms"}` {
		t.Fatalf("POST /_sim/outage answered %d %s", r.StatusCode, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := vpcsim.WaitReachable(ctx, endpoint, false); err != nil {
		t.Fatal(err)
	}
	if err := vpcsim.WaitReachable(ctx, endpoint, true); err != nil {
		t.Fatal(err)
	}
	r, err = http.Get("http://" + endpoint + "/_sim/state")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Body.Close()
	var state vpcsim.StateView
	if err := json.NewDecoder(r.Body).Decode(&state); err != nil || len(state.Gateways) != 1 || state.Gateways[0].VpnGatewayID != id {
		t.Fatalf("state after the outage: %v %+v", err, state)
	}
}
