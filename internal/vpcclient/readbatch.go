package vpcclient

import (
	"context"
	"sync"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Batched reads. A refresh of N gateways is N concurrent Reads, one DescribeVpnGateway each: 100
// gateways are 100 requests and 5 s at 20 requests per second. When several reads are pending at
// once, one paged DescribeVpnGateways answers them all, and its snapshot answers the rest of the
// same refresh for a short while. Only refreshes use this: a waiter needs a status no older than
// its own read, and shares lists taken at its tick instead (pollreads.go).
const (
	// gatherWindow is how long the first read of a batch waits for others to join it.
	gatherWindow = 30 * time.Millisecond
	// batchThreshold is how many reads must be pending for a list to be cheaper than single reads.
	batchThreshold = 3
	// maxListPages bounds the list: an account with many gateways this provider does not manage
	// costs single reads beyond it, never an unbounded scan.
	maxListPages = 10
	// snapshotTTL is how long a list answers later reads after it was taken or last answered one.
	// Terraform's parallelism hands out a refresh's reads as earlier ones finish, so while the
	// refresh lasts they follow each other by milliseconds; a pause this long means it has ended.
	snapshotTTL = 2 * time.Second
	// snapshotMaxAge bounds a list's age however busy its reads keep it: no answer from it is older
	// than this. A refresh of single reads is not one moment either: its first read is as old as
	// the whole refresh when its last one comes back, and 10 s is what 200 single reads take at
	// DefaultRateLimit, so a list this old is no staler than the refresh it replaces.
	// Any mutation through the client ends it sooner (forget); a change made elsewhere is seen by
	// the next list, at most this long after it.
	snapshotMaxAge = 10 * time.Second
)

// lease is how long a snapshot may answer reads: from takenAt, when its list was asked for, until
// it is snapshotMaxAge old or has gone snapshotTTL without answering a read (usedAt), whichever
// comes first.
type lease struct{ takenAt, usedAt time.Time }

func (l lease) live(now time.Time) bool {
	return now.Sub(l.takenAt) < snapshotMaxAge && now.Sub(l.usedAt) < snapshotTTL
}

// snapshot is one list's gateways by ID, and how long it may answer.
type snapshot struct {
	gateways map[string]*vpc.DescribeVpnGatewayResponseBody
	life     lease
}

// readBatcher gathers the concurrent reads of one regional client.
type readBatcher struct {
	clk   *clock
	batch batch[pendingRead, *vpc.DescribeVpnGatewayResponseBody]

	mu sync.Mutex
	// snapshots are by the VPC their list was filtered by, "" for the whole region: reads of two
	// VPCs each keep their own list alive, rather than the VPC listed first leaving the other to
	// single reads for as long as its reads keep its list alive.
	snapshots map[string]*snapshot
	mutations uint64 // counts mutations, so that a list that raced one is not kept
	vpcLists  map[string]*vpcListing
}

func newReadBatcher(clk *clock) *readBatcher {
	return &readBatcher{clk: clk, batch: batch[pendingRead, *vpc.DescribeVpnGatewayResponseBody]{clk: clk}}
}

// pendingRead is one read waiting for its batch.
type pendingRead struct{ id, vpcID string }

// ReadVpnGateway reads one gateway for a refresh or an import. It answers from a paged
// DescribeVpnGateways when several reads are pending at once (or from such a list while its lease
// holds), and otherwise with DescribeVpnGateway. A gateway the list does not hold is
// always read alone, so that "not found" (ErrVpnGatewayNotFound) comes only from
// DescribeVpnGateway: a list that lags behind never drops a live gateway. vpcID, when known,
// narrows the list to that VPC if every pending read shares it.
func (c *Client) ReadVpnGateway(ctx context.Context, id, vpcID string) (*vpc.DescribeVpnGatewayResponseBody, error) {
	if gw := c.reads.read(ctx, c, id, vpcID); gw != nil {
		return gw, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return c.describeOne(ctx, id)
}

// describeOne is DescribeVpnGateway of one gateway of the client's region.
func (c *Client) describeOne(ctx context.Context, id string) (*vpc.DescribeVpnGatewayResponseBody, error) {
	return c.DescribeVpnGateway(ctx, &vpc.DescribeVpnGatewayRequest{
		RegionId:     dara.String(c.region),
		VpnGatewayId: dara.String(id),
	})
}

// read returns the gateway from a snapshot or a batch, or nil when the caller must read it alone
// (the list lacks it, or ctx ended).
func (b *readBatcher) read(ctx context.Context, c *Client, id, vpcID string) *vpc.DescribeVpnGatewayResponseBody {
	b.mu.Lock()
	gw, answered := b.fromSnapshots(id, vpcID)
	b.mu.Unlock()
	if answered {
		return gw
	}
	gw, _ = b.batch.join(ctx, pendingRead{id: id, vpcID: vpcID}, func(ctx context.Context, batch []pendingRead) []*vpc.DescribeVpnGatewayResponseBody {
		return b.flush(ctx, c, batch)
	})
	return gw
}

// fromSnapshots answers a read from the live snapshots: the gateway if one holds it (which keeps
// that one alive), nil if a list of its VPC or of the region lacks it, and answered false when no
// live list covers it; stale snapshots are dropped on the way. b.mu is held.
func (b *readBatcher) fromSnapshots(id, vpcID string) (gw *vpc.DescribeVpnGatewayResponseBody, answered bool) {
	now := b.clk.Now()
	for scope, s := range b.snapshots {
		if !s.life.live(now) {
			delete(b.snapshots, scope)
			continue
		}
		if gw, ok := s.gateways[id]; ok {
			s.life.usedAt = now
			return gw, true
		}
		if scope == "" || scope == vpcID {
			answered = true
		}
	}
	return nil, answered
}

// flush answers a closed batch: with one list when it is large enough (nil for a gateway the list
// lacks: the reader reads it alone), and keeps the list as a snapshot unless a mutation raced it.
func (b *readBatcher) flush(ctx context.Context, c *Client, batch []pendingRead) []*vpc.DescribeVpnGatewayResponseBody {
	b.mu.Lock()
	mutations := b.mutations
	b.mu.Unlock()

	var listed map[string]*vpc.DescribeVpnGatewayResponseBody
	scope, asked := sharedVpc(batch), b.clk.Now()
	if len(batch) >= batchThreshold {
		// A failed list only means single reads, each of which reports its own error.
		listed, _ = c.listVpnGateways(ctx, scope)
	}
	if listed != nil {
		b.mu.Lock()
		if b.mutations == mutations {
			if b.snapshots == nil {
				b.snapshots = map[string]*snapshot{}
			}
			b.snapshots[scope] = &snapshot{gateways: listed, life: lease{takenAt: asked, usedAt: b.clk.Now()}}
		}
		b.mu.Unlock()
	}
	answers := make([]*vpc.DescribeVpnGatewayResponseBody, len(batch))
	for i, p := range batch {
		answers[i] = listed[p.id]
	}
	return answers
}

// forget drops the snapshots: a create, change or delete through this client makes them stale.
func (b *readBatcher) forget() {
	b.mu.Lock()
	b.snapshots = nil
	b.mutations++
	b.mu.Unlock()
}

// sharedVpc is the VPC every read of the batch names, or "" when they differ or one is unknown.
func sharedVpc(batch []pendingRead) string {
	vpcID := batch[0].vpcID
	for _, p := range batch[1:] {
		if p.vpcID != vpcID {
			return ""
		}
	}
	return vpcID
}

// listVpnGateways pages through DescribeVpnGateways of the client's region (of one VPC if vpcID
// is set), at most maxListPages pages, and returns the gateways this provider manages by ID; the
// first page's error if it fails, and what the pages before a later failure hold.
func (c *Client) listVpnGateways(ctx context.Context, vpcID string) (map[string]*vpc.DescribeVpnGatewayResponseBody, error) {
	req := &vpc.DescribeVpnGatewaysRequest{}
	if vpcID != "" {
		req.VpcId = dara.String(vpcID)
	}
	listed := map[string]*vpc.DescribeVpnGatewayResponseBody{}
	pages := 0
	for out, err := range c.VpnGatewayPages(ctx, req) {
		if err != nil {
			tflog.Debug(ctx, "listing VPN gateways failed", map[string]interface{}{"page": pages + 1, "error": err.Error()})
			if pages == 0 {
				return nil, err
			}
			return listed, nil
		}
		for _, gw := range out.Gateways() {
			if IsVpnGatewayType(gw.GatewayType) {
				listed[dara.StringValue(gw.VpnGatewayId)] = gw.DescribeVpnGatewayResponseBody
			}
		}
		if pages++; pages == maxListPages {
			break
		}
	}
	return listed, nil
}

// gatewayFromList is a DescribeVpnGateways item as the DescribeVpnGateway answer for the same
// gateway: the two types carry the same fields under the same names (nested ones included), so a
// conversion by field name copies every one. nil for an item without an ID.
func gatewayFromList(item *vpc.DescribeVpnGatewaysResponseBodyVpnGatewaysVpnGateway) *vpc.DescribeVpnGatewayResponseBody {
	if item == nil || dara.StringValue(item.VpnGatewayId) == "" {
		return nil
	}
	gw := &vpc.DescribeVpnGatewayResponseBody{}
	if err := dara.Convert(item, gw); err != nil {
		return nil
	}
	return gw
}
