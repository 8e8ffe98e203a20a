package vpcclient

import (
	"context"
	"errors"
	"time"

	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
)

// vpcListing is one list of a VPC's gateways, shared by every caller that asks while it is fresh.
// gateways, err and takenAt are written before ready is closed and only read after; waiters and
// cancel are guarded by the readBatcher's mutex.
type vpcListing struct {
	ready    chan struct{}
	gateways map[string]*vpc.DescribeVpnGatewayResponseBody
	err      error
	takenAt  time.Time
	waiters  int
	cancel   context.CancelFunc
}

func (l *vpcListing) done() bool {
	select {
	case <-l.ready:
		return true
	default:
	}
	return false
}

// VpnGatewaysInVpc lists the gateways of one VPC, by ID, for a check made while planning, within
// the retry policy's LookupBudget. Terraform plans many resources at once, so concurrent callers for the same VPC
// share one list, which answers for snapshotTTL. A create, change or delete through this client
// does not end it sooner: the check looks for gateways that no state holds (providerdata.InState), and every
// gateway this client writes is in state, so its writes never change the check's answer. An apply
// plans each gateway again just before creating it, while the gateways before it are being
// created and tagged: with writes ending the list, each of those plans cost a list of its own. A
// caller whose ctx ends (the plan was interrupted) returns at once with ctx's error; the list goes
// on for the others who share it, and stops when none is left.
func (c *Client) VpnGatewaysInVpc(ctx context.Context, vpcID string) (map[string]*vpc.DescribeVpnGatewayResponseBody, error) {
	b := c.reads
	b.mu.Lock()
	l := b.vpcLists[vpcID]
	if l == nil || !l.done() && l.waiters == 0 || l.done() && !l.fresh(b.clk.Now()) {
		// The list's requests outlive any one caller's context, but keep its logger.
		listCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.shared.retry.LookupBudget)
		l = &vpcListing{ready: make(chan struct{}), cancel: cancel}
		if b.vpcLists == nil {
			b.vpcLists = map[string]*vpcListing{}
		}
		b.vpcLists[vpcID] = l
		go func() {
			defer cancel()
			l.gateways, l.err = c.listVpnGateways(listCtx, vpcID)
			l.takenAt = b.clk.Now()
			close(l.ready)
		}()
	}
	l.waiters++
	b.mu.Unlock()

	select {
	case <-l.ready:
		b.mu.Lock()
		l.waiters--
		b.mu.Unlock()
		return l.gateways, l.err
	case <-ctx.Done():
		b.mu.Lock()
		l.waiters--
		if l.waiters == 0 {
			l.cancel()
		}
		b.mu.Unlock()
		return nil, ctx.Err()
	}
}

// fresh tells whether a finished list may answer another caller: taken less than snapshotTTL ago,
// and not ended by its callers' leaving (which says nothing of the VPC).
func (l *vpcListing) fresh(now time.Time) bool {
	return now.Sub(l.takenAt) < snapshotTTL && !errors.Is(l.err, context.Canceled)
}
