package vpcclient

import (
	"context"
	"time"

	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
)

// vpcListing is one list of a VPC's gateways, shared by every caller that asks while it is fresh.
// gateways and takenAt are written before ready is closed and only read after.
type vpcListing struct {
	ready     chan struct{}
	gateways  map[string]*vpc.DescribeVpnGatewayResponseBody
	takenAt   time.Time
	mutations uint64
}

func (l *vpcListing) done() bool {
	select {
	case <-l.ready:
		return true
	default:
	}
	return false
}

// VpnGatewaysInVpc lists the gateways of one VPC, by ID, for a check made while planning: nil when
// the list cannot be had (the check is then skipped, never the plan failed). Terraform plans many
// resources at once, so concurrent callers for the same VPC share one list, which answers for
// snapshotTTL unless a create, change or delete through this client has made it stale since.
func (c *Client) VpnGatewaysInVpc(ctx context.Context, vpcID string) map[string]*vpc.DescribeVpnGatewayResponseBody {
	b := c.reads
	b.mu.Lock()
	l := b.vpcLists[vpcID]
	if l == nil || l.done() && (time.Since(l.takenAt) >= snapshotTTL || l.mutations != b.mutations) {
		l = &vpcListing{ready: make(chan struct{}), mutations: b.mutations}
		if b.vpcLists == nil {
			b.vpcLists = map[string]*vpcListing{}
		}
		b.vpcLists[vpcID] = l
		b.mu.Unlock()
		// The list outlives this caller's context: the others sharing it still wait for it.
		l.gateways = c.listVpnGateways(context.WithoutCancel(ctx), vpcID)
		l.takenAt = time.Now()
		close(l.ready)
	} else {
		b.mu.Unlock()
	}
	select {
	case <-l.ready:
		return l.gateways
	case <-ctx.Done():
		return nil
	}
}
