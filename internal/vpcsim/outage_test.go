package vpcsim_test

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// serveWithOutages serves a new simulator through vpcsim.Serve on a loopback port.
func serveWithOutages(t *testing.T) *fixture {
	t.Helper()
	sim, err := vpcsim.New(vpcsim.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- sim.Serve(ctx, ln, sim) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
		_ = sim.Close()
	})
	return &fixture{sim: sim, endpoint: ln.Addr().String()}
}

// waitReachable waits at most 5s for addr to accept (true) or refuse (false) connections.
func waitReachable(t *testing.T, addr string, reachable bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := vpcsim.WaitReachable(ctx, addr, reachable); err != nil {
		t.Fatal(err)
	}
}

// TestOutage: POST /_sim/outage answers at once, then the address refuses connections, open ones
// are cut, and it comes back on the same address with the same state.
func TestOutage(t *testing.T) {
	f := serveWithOutages(t)
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)

	// A request held for a minute keeps its connection open through the outage's start.
	rules(f, vpcsim.FaultRule{Action: vpcapi.ActionDescribeVpnGateway, Request: 1, Kind: vpcsim.FaultHold, For: vpcsim.Duration(time.Minute)})
	cut := make(chan error, 1)
	go func() { _, err := describe(t, c, id); cut <- err }()
	wait.For(t, "the held request arrives", 5*time.Second, 10*time.Millisecond, func() bool { return len(f.sim.Requests()) == 2 })

	var answer map[string]string
	if status := f.admin(t, "POST", "/_sim/outage", `{"for":"1s"}`, &answer); status != 200 || answer["for"] != "1s" {
		t.Fatalf("POST /_sim/outage answered %d %v", status, answer)
	}
	waitReachable(t, f.endpoint, false)
	select {
	case err := <-cut:
		if err == nil {
			t.Fatal("the held request was answered through the outage")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the outage left an open connection open")
	}
	waitReachable(t, f.endpoint, true)
	if got := tea.StringValue(mustDescribe(t, c, id).VpnGatewayId); got != id {
		t.Fatalf("after the outage: %s", got)
	}
}

// TestOutageNeedsServe: a simulator served by anything but Serve cannot take its listener away,
// and says so; a bad duration is refused.
func TestOutageNeedsServe(t *testing.T) {
	f := start(t, vpcsim.Config{})
	if status := f.admin(t, "POST", "/_sim/outage", `{"for":"1s"}`, nil); status != http.StatusNotImplemented {
		t.Fatalf("outage without Serve answered %d", status)
	}
	g := serveWithOutages(t)
	for _, bad := range []string{`{}`, `{"for":"-1s"}`, `{"for":"soon"}`, `{"for":"1s","x":1}`} {
		if status := g.admin(t, "POST", "/_sim/outage", bad, nil); status != http.StatusBadRequest {
			t.Errorf("outage %s answered %d", bad, status)
		}
	}
}
