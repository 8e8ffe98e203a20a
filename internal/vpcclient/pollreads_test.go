package vpcclient

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

// pollTicks makes the waits' ticks the test's: a tick comes when fire says so, and the world's
// clock moves on to the moment the ticker slept until.
type pollTicks struct {
	w      *simWorld
	mu     sync.Mutex
	armed  chan time.Time
	target time.Time
}

func (w *simWorld) manualTicks() *pollTicks {
	pt := &pollTicks{w: w}
	w.client.clock.after = func(d time.Duration) <-chan time.Time {
		ch := make(chan time.Time, 1)
		pt.mu.Lock()
		pt.armed, pt.target = ch, w.client.clock.Now().Add(d)
		pt.mu.Unlock()
		return ch
	}
	return pt
}

func (w *simWorld) pendingPolls() int {
	w.client.polls.mu.Lock()
	defer w.client.polls.mu.Unlock()
	return len(w.client.polls.pending)
}

// fire waits until n waits are pending and the ticker sleeps, then ends its sleep, and returns
// once the tick has taken its waits. A sleep the ticker left for a sooner one (a wait came) is
// ended too, and the one it sleeps now after it.
func (pt *pollTicks) fire(t *testing.T, n int) {
	t.Helper()
	wait.For(t, fmt.Sprintf("%d waits pending and the ticker asleep", n), settle, tick, func() bool {
		pt.mu.Lock()
		defer pt.mu.Unlock()
		return pt.w.pendingPolls() == n && pt.armed != nil
	})
	wait.For(t, "the tick takes its waits", settle, tick, func() bool {
		pt.mu.Lock()
		if pt.armed != nil {
			pt.w.mu.Lock()
			pt.w.now = pt.target
			pt.w.mu.Unlock()
			pt.armed <- pt.target
			pt.armed = nil
		}
		pt.mu.Unlock()
		return pt.w.pendingPolls() < n
	})
}

// pollAll starts a wait's read of each of ids, of the VPC vpcID(i) names, and returns the answers,
// by index, on a channel each.
func (w *simWorld) pollAll(ctx context.Context, ids []string, vpcID func(i int) string) []chan error {
	done := make([]chan error, len(ids))
	for i, id := range ids {
		done[i] = make(chan error, 1)
		go func() {
			gw, err := w.client.PollVpnGateway(ctx, id, vpcID(i), 2*time.Second)
			if err == nil && dara.StringValue(gw.VpnGatewayId) != id {
				err = errors.New("the answer is another gateway's: " + dara.StringValue(gw.VpnGatewayId))
			}
			done[i] <- err
		}()
	}
	return done
}

func collect(t *testing.T, ids []string, done []chan error) {
	t.Helper()
	for i, ch := range done {
		if err := await(t, ch, ids[i]); err != nil {
			t.Errorf("%s: %v", ids[i], err)
		}
	}
}

// Twenty waits that poll together cost one DescribeVpnGateways a tick, tick after tick, and no
// DescribeVpnGateway: not twenty reads a tick.
func TestTwentyWaitsShareOneListPerTick(t *testing.T) {
	const waits, ticks = 20, 5
	w := newSimWorld(t)
	ids := w.create(t, waits, nil)
	pt := w.manualTicks()
	w.reset()
	for tick := 1; tick <= ticks; tick++ {
		done := w.pollAll(context.Background(), ids, defaultVpc)
		pt.fire(t, waits)
		collect(t, ids, done)
		lists, singles := w.count(vpcapi.ActionDescribeVpnGateways), w.count(vpcapi.ActionDescribeVpnGateway)
		if lists != tick || singles != 0 {
			t.Fatalf("after %d ticks of %d waits: %d DescribeVpnGateways and %d DescribeVpnGateway, want %d and 0",
				tick, waits, lists, singles, tick)
		}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, q := range w.queries {
		if q["VpcId"] != vpcsim.DefaultVpcID {
			t.Errorf("a list of waits of one VPC was not narrowed to it: %v", q)
		}
	}
}

// Waits of two VPCs of the region share one list of the region.
func TestWaitsOfTwoVpcsShareTheRegionsList(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 4, func(i int, r *vpc.CreateVpnGatewayRequest) {
		if i%2 == 1 {
			r.VpcId = dara.String(otherVpcID)
		}
	})
	pt := w.manualTicks()
	w.reset()
	vpcOf := func(i int) string {
		if i%2 == 1 {
			return otherVpcID
		}
		return vpcsim.DefaultVpcID
	}
	done := w.pollAll(context.Background(), ids, vpcOf)
	pt.fire(t, len(ids))
	collect(t, ids, done)
	if lists, singles := w.count(vpcapi.ActionDescribeVpnGateways), w.count(vpcapi.ActionDescribeVpnGateway); lists != 1 || singles != 0 {
		t.Errorf("%d DescribeVpnGateways and %d DescribeVpnGateway, want one list of the region", lists, singles)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if q := w.queries[0]; q["VpcId"] != "" {
		t.Errorf("the list of two VPCs' waits is narrowed to one: %v", q)
	}
}

// Waits that started apart are read together as soon as one is half way to its read, and a wait
// whose gateway the list lacks reads it alone: a gateway that is gone is said so by
// DescribeVpnGateway's not-found.
func TestWaitsApartJoinOneTickAndAMissingGatewayIsReadAlone(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 2, nil)
	pt := w.manualTicks()
	w.reset()
	first := w.pollAll(context.Background(), ids[:1], defaultVpc)
	wait.For(t, "one wait pending", settle, tick, func() bool { return w.pendingPolls() == 1 })
	w.advance(time.Second) // the second wait starts a second later: its read is due a second later
	second := w.pollAll(context.Background(), ids[1:], defaultVpc)
	gone := make(chan error, 1)
	wait.For(t, "two waits pending", settle, tick, func() bool { return w.pendingPolls() == 2 })
	go func() {
		_, err := w.client.PollVpnGateway(context.Background(), "vpn-bp1gone0000000000000", vpcsim.DefaultVpcID, 2*time.Second)
		gone <- err
	}()
	pt.fire(t, 3)
	collect(t, ids[:1], first)
	collect(t, ids[1:], second)
	if err := await(t, gone, "gone"); !errors.Is(err, ErrVpnGatewayNotFound) {
		t.Errorf("the gone gateway: %v, want ErrVpnGatewayNotFound", err)
	}
	if lists, singles := w.count(vpcapi.ActionDescribeVpnGateways), w.count(vpcapi.ActionDescribeVpnGateway); lists != 1 || singles != 1 {
		t.Errorf("%d DescribeVpnGateways and %d DescribeVpnGateway, want 1 list and 1 single read (the gone gateway)", lists, singles)
	}
}

// A list that fails leaves its waits to their own reads, and a list that hangs holds up neither
// the waits of the next tick nor, beyond the lookup budget, its own: no wait fails or stalls.
func TestAFaultOnOneListFailsOrStallsNoWait(t *testing.T) {
	const budget = 2 * time.Second
	w := newSimWorld(t, func(cfg *Config) { cfg.Retry.LookupBudget = budget })
	ids := w.create(t, 20, nil)
	pt := w.manualTicks()
	w.reset()
	// The first list is refused with a code no retry helps, the second is held.
	refused := vpcsim.FaultRule{Action: vpcapi.ActionDescribeVpnGateways, Request: 1, Kind: vpcsim.FaultRefuse, Code: vpcapi.CodeIncorrectStatus}
	held := vpcsim.FaultRule{Action: vpcapi.ActionDescribeVpnGateways, Request: 2, Kind: vpcsim.FaultHold, For: vpcsim.Duration(time.Minute)}
	w.sim.SetFaults(vpcsim.Faults{Rules: []vpcsim.FaultRule{refused, held}})

	done := w.pollAll(context.Background(), ids, defaultVpc)
	pt.fire(t, len(ids))
	collect(t, ids, done)
	if lists := w.count(vpcapi.ActionDescribeVpnGateways); lists != 1 {
		t.Fatalf("%d DescribeVpnGateways for the refused tick, want 1", lists)
	}
	if singles := w.count(vpcapi.ActionDescribeVpnGateway); singles != len(ids) {
		t.Errorf("after a refused list: %d DescribeVpnGateway, want one per wait (%d)", singles, len(ids))
	}

	w.reset()
	start := time.Now()
	a, b := ids[:10], ids[10:]
	doneA := w.pollAll(context.Background(), a, defaultVpc)
	pt.fire(t, len(a))
	wait.For(t, "one DescribeVpnGateways sent", settle, tick, func() bool { return w.count(vpcapi.ActionDescribeVpnGateways) == 1 }) // the held one
	doneB := w.pollAll(context.Background(), b, defaultVpc)
	pt.fire(t, len(b))
	collect(t, b, doneB)
	t.Logf("the next tick's waits were answered after %v", time.Since(start))
	for i, ch := range doneA {
		select {
		case err := <-ch:
			t.Fatalf("%s answered (%v) before its held list's budget ended", a[i], err)
		default:
		}
	}
	collect(t, a, doneA)
	t.Logf("the held list's waits were answered after %v", time.Since(start))
	if lists, singles := w.count(vpcapi.ActionDescribeVpnGateways), w.count(vpcapi.ActionDescribeVpnGateway); lists != 2 || singles != len(a) {
		t.Errorf("%d DescribeVpnGateways and %d DescribeVpnGateway, want 2 lists (one held) and %d single reads", lists, singles, len(a))
	}
}

// A wait whose context ends leaves its tick at once, with the context's error.
func TestACancelledWaitLeavesItsTick(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 1, nil)
	w.manualTicks()
	ctx, cancel := context.WithCancel(context.Background())
	done := w.pollAll(ctx, ids, defaultVpc)
	wait.For(t, "one wait pending", settle, tick, func() bool { return w.pendingPolls() == 1 })
	cancel()
	if err := await(t, done[0], ids[0]); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
	if n := w.pendingPolls(); n != 0 {
		t.Errorf("%d waits still pending", n)
	}
}
