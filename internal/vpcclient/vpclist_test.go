package vpcclient

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// Many plans at once ask for the same VPC's gateways: one list answers them all for snapshotTTL,
// a create through the client included (the gateway it makes is in state, which the check skips).
func TestVpnGatewaysInVpcSharesOneList(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 3, nil)
	w.reset()

	var wg sync.WaitGroup
	results := make([]int, 20)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gws, err := w.client.VpnGatewaysInVpc(context.Background(), vpcsim.DefaultVpcID)
			if err != nil {
				t.Errorf("caller %d: %v", i, err)
			}
			results[i] = len(gws)
		}()
	}
	wg.Wait()
	for i, n := range results {
		if n != len(ids) {
			t.Errorf("caller %d saw %d gateways, want %d", i, n, len(ids))
		}
	}
	if got := w.count(vpcapi.ActionDescribeVpnGateways); got != 1 {
		t.Errorf("20 concurrent callers sent %d DescribeVpnGateways, want 1", got)
	}

	w.create(t, 1, nil)
	w.reset()
	if _, err := w.client.VpnGatewaysInVpc(context.Background(), vpcsim.DefaultVpcID); err != nil {
		t.Fatal(err)
	}
	if got := w.count(vpcapi.ActionDescribeVpnGateways); got != 0 {
		t.Errorf("a create through the client ended the list: %d DescribeVpnGateways after it, want 0", got)
	}
	w.advance(snapshotTTL)
	gws, err := w.client.VpnGatewaysInVpc(context.Background(), vpcsim.DefaultVpcID)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(gws); n != len(ids)+1 {
		t.Errorf("snapshotTTL after the create the list has %d gateways, want %d", n, len(ids)+1)
	}
	if got := w.count(vpcapi.ActionDescribeVpnGateways); got != 1 {
		t.Errorf("%d DescribeVpnGateways once the list aged, want 1", got)
	}
}

// listWithin calls VpnGatewaysInVpc in the background; the result arrives on the channel.
func listWithin(ctx context.Context, c *Client) chan error {
	done := make(chan error, 1)
	go func() {
		_, err := c.VpnGatewaysInVpc(ctx, vpcsim.DefaultVpcID)
		done <- err
	}()
	return done
}

// await fails the test when done has not answered within a bound far below the slow list's
// latency: the caller was not let go.
func await(t *testing.T, done chan error, what string) error {
	t.Helper()
	select {
	case err := <-done:
		return err
	case <-time.After(20 * time.Second):
		t.Fatalf("%s: still waiting for the slow list", what)
		return nil
	}
}

// An interrupted plan ends its lookup at once; a plan sharing the list still gets it; when every
// caller has left, the list itself stops.
func TestVpnGatewaysInVpcHonoursCancellation(t *testing.T) {
	w := newSimWorld(t)
	w.create(t, 2, nil)
	w.reset()
	w.sim.SetFaults(vpcsim.Faults{Actions: []string{vpcapi.ActionDescribeVpnGateways}, Latency: vpcsim.Duration(500 * time.Millisecond)})

	first, cancelFirst := context.WithCancel(context.Background())
	firstDone := listWithin(first, w.client)
	wait.For(t, "one DescribeVpnGateways sent", settle, tick, func() bool { return w.count(vpcapi.ActionDescribeVpnGateways) == 1 })
	sharerDone := listWithin(context.Background(), w.client)
	wait.For(t, "two callers wait for the VPC's list", settle, tick, func() bool { return w.client.listWaiters(vpcsim.DefaultVpcID) == 2 })
	cancelFirst()
	if err := await(t, firstDone, "cancelled caller"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled caller: error %v, want context.Canceled", err)
	}
	if err := await(t, sharerDone, "sharer"); err != nil {
		t.Errorf("the sharer lost the list when the first caller left: %v", err)
	}
	if n := w.count(vpcapi.ActionDescribeVpnGateways); n != 1 {
		t.Errorf("%d lists, want 1 shared", n)
	}

	// Every caller leaves a list that would take a minute: it stops, and the next caller's list is
	// a new one that answers.
	w.sim.SetFaults(vpcsim.Faults{Actions: []string{vpcapi.ActionDescribeVpnGateways}, Latency: vpcsim.Duration(time.Minute)})
	w.advance(snapshotTTL) // past the shared list's freshness
	w.reset()
	ctx, cancel := context.WithCancel(context.Background())
	a, b := listWithin(ctx, w.client), listWithin(ctx, w.client)
	wait.For(t, "two callers wait for the VPC's list", settle, tick, func() bool { return w.client.listWaiters(vpcsim.DefaultVpcID) == 2 })
	cancel()
	for _, done := range []chan error{a, b} {
		if err := await(t, done, "cancelled caller"); !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	}
	w.sim.SetFaults(vpcsim.Faults{})
	if err := await(t, listWithin(context.Background(), w.client), "next caller"); err != nil {
		t.Errorf("next caller: %v", err)
	}
	if n := w.count(vpcapi.ActionDescribeVpnGateways); n != 2 {
		t.Errorf("%d lists, want 2: the abandoned one, then a new one", n)
	}
}

// A list that cannot finish within LookupBudget ends with a timeout, not a plan-long wait.
func TestVpnGatewaysInVpcHasAShortBudget(t *testing.T) {
	w := newSimWorld(t, func(cfg *Config) { cfg.Retry.LookupBudget = 200 * time.Millisecond })
	w.sim.SetFaults(vpcsim.Faults{Actions: []string{vpcapi.ActionDescribeVpnGateways}, Latency: vpcsim.Duration(time.Minute)})
	err := await(t, listWithin(context.Background(), w.client), "slow list")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want context.DeadlineExceeded", err)
	}
}

// How long and how often the tests of this package wait for what other goroutines bring about.
const settle, tick = 20 * time.Second, 5 * time.Millisecond

// listWaiters is how many callers wait for the VPC's list.
func (c *Client) listWaiters(vpcID string) int {
	c.reads.mu.Lock()
	defer c.reads.mu.Unlock()
	if l := c.reads.vpcLists[vpcID]; l != nil {
		return l.waiters
	}
	return 0
}
