package vpcclient

import (
	"context"
	"slices"
	"sync"
	"time"

	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Shared reads for waits. A wait polls its gateway's status on a schedule; N waits polling each
// with its own DescribeVpnGateway make N requests a tick, and the API's rate limits are per
// account and action, shared with every other tool of the account. Here the waits of one client
// (one region) meet in ticks: a tick reads every wait due then with one paged DescribeVpnGateways
// (of their VPC when they share one), and a wait whose gateway the list lacks (the list's
// read-after-write lag, or a page beyond the bound) reads it alone, so that "not found" still
// comes only from DescribeVpnGateway and a wait's not-found tolerance holds as before.
//
// Every list is asked at its tick, after each of its waits asked for it, so a wait never reads a
// list older than its own last write: it starts after the write it waits for, and asks for each
// read after the one before.
//
// Waits that did not start together would keep ticking apart, a list each. A tick therefore also
// takes every wait that is at least half way to its own next read: the read comes early, never
// late, costs nothing (the list is read anyway), and from then on the two waits tick together.

// pollBatcher is the waits' ticks of one regional client.
type pollBatcher struct {
	clk     *clock
	mu      sync.Mutex
	pending []*pendingPoll
	ticking bool          // a goroutine runs the ticks while a wait is pending
	wake    chan struct{} // tells it of a wait due sooner than the one it sleeps for
}

// pendingPoll is one wait's next read: not before earliest, at due at the latest.
type pendingPoll struct {
	id, vpcID     string
	earliest, due time.Time
	done          chan *vpc.DescribeVpnGatewayResponseBody // nil: read it alone
}

// PollVpnGateway reads one gateway for a wait, delay from now (earlier when it can share another
// wait's read, at most delay/2 earlier). Waits pending at the same moment share one
// DescribeVpnGateways (of vpcID when all name it; "" when unknown); a wait alone in its tick, and
// a gateway the list lacks, cost one DescribeVpnGateway, whose not-found is the only proof that
// the gateway is gone (ErrVpnGatewayNotFound).
func (c *Client) PollVpnGateway(ctx context.Context, id, vpcID string, delay time.Duration) (*vpc.DescribeVpnGatewayResponseBody, error) {
	gw, err := c.polls.poll(ctx, c, id, vpcID, delay)
	if gw != nil || err != nil {
		return gw, err
	}
	return c.describeOne(ctx, id)
}

func (b *pollBatcher) poll(ctx context.Context, c *Client, id, vpcID string, delay time.Duration) (*vpc.DescribeVpnGatewayResponseBody, error) {
	now := b.clk.Now()
	p := &pendingPoll{
		id: id, vpcID: vpcID,
		earliest: now.Add(delay - delay/2), due: now.Add(delay),
		done: make(chan *vpc.DescribeVpnGatewayResponseBody, 1),
	}
	b.mu.Lock()
	b.pending = append(b.pending, p)
	if b.wake == nil {
		b.wake = make(chan struct{}, 1)
	}
	if !b.ticking {
		b.ticking = true
		// The ticks outlive any one wait's context but keep its logger.
		go b.tick(context.WithoutCancel(ctx), c)
	} else {
		select {
		case b.wake <- struct{}{}:
		default:
		}
	}
	b.mu.Unlock()
	select {
	case gw := <-p.done:
		return gw, nil
	case <-ctx.Done():
		b.mu.Lock()
		b.pending = slices.DeleteFunc(b.pending, func(q *pendingPoll) bool { return q == p })
		b.mu.Unlock()
		return nil, ctx.Err()
	}
}

// tick sleeps until the soonest due wait, then reads every wait that may be read by then, until no
// wait is pending.
func (b *pollBatcher) tick(ctx context.Context, c *Client) {
	for {
		b.mu.Lock()
		if len(b.pending) == 0 {
			b.ticking = false
			b.mu.Unlock()
			return
		}
		next := b.pending[0].due
		for _, p := range b.pending[1:] {
			if p.due.Before(next) {
				next = p.due
			}
		}
		b.mu.Unlock()
		if wait := next.Sub(b.clk.Now()); wait > 0 {
			select {
			case <-b.clk.After(wait):
			case <-b.wake:
				continue
			}
		}
		b.mu.Lock()
		now := b.clk.Now()
		var due []*pendingPoll
		b.pending = slices.DeleteFunc(b.pending, func(p *pendingPoll) bool {
			if p.earliest.After(now) {
				return false
			}
			due = append(due, p)
			return true
		})
		b.mu.Unlock()
		// Each tick reads on its own: a list that fails or hangs holds up its own waits alone,
		// and only until their single reads.
		go b.read(ctx, c, due)
	}
}

// read answers one tick's waits: each with its gateway from one list, or nil (read it alone) when
// the tick has one wait, the list lacks the gateway, or the list failed or outlasted the lookup
// budget.
func (b *pollBatcher) read(ctx context.Context, c *Client, due []*pendingPoll) {
	var listed map[string]*vpc.DescribeVpnGatewayResponseBody
	if len(due) > 1 {
		reads := make([]pendingRead, len(due))
		for i, p := range due {
			reads[i] = pendingRead{id: p.id, vpcID: p.vpcID}
		}
		listCtx, cancel := context.WithTimeout(ctx, c.shared.retry.LookupBudget)
		var err error
		listed, err = c.listVpnGateways(listCtx, sharedVpc(reads))
		cancel()
		if err != nil {
			tflog.Debug(ctx, "listing VPN gateways for waits failed; each reads its own", map[string]interface{}{"waits": len(due), "error": err.Error()})
		}
	}
	for _, p := range due {
		p.done <- listed[p.id]
	}
}
