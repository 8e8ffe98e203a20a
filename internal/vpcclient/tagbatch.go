package vpcclient

import (
	"context"
	"sync"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Batched tag reads, for answers that carry no Tags field. A refresh of N gateways whose answers
// lack their tags would cost N ListTagResources on top of the gateway reads. Instead the reads
// pending at once share ListTagResources requests of up to 50 IDs, which also name every gateway of
// the current DescribeVpnGateways snapshot (readbatch.go) whose answer lacked its tags: the rest
// of the refresh then finds its tags in the answer, and 100 gateways cost 2 requests (plus a page
// per 50 tags beyond the first 50 of each request).

// tagBatcher gathers the concurrent tag reads of one regional client.
type tagBatcher struct {
	clk   *clock
	batch batch[string, taggedRead]
	// flushing serialises the batches: one that gathered while another was listing waits for it,
	// then takes what it can from the snapshot that one stored instead of listing the same IDs.
	flushing sync.Mutex
	mu       sync.Mutex
	snapshot map[string]map[string]string
	life     lease
	// mutations is the gateway batcher's count when the snapshot was taken: a mutation through the
	// client (readBatcher.forget) makes the snapshot stale.
	mutations uint64
}

func newTagBatcher(clk *clock) *tagBatcher {
	return &tagBatcher{clk: clk, batch: batch[string, taggedRead]{clk: clk}}
}

// taggedRead is one gateway's tags from a batch: ok is false for "read them alone".
type taggedRead struct {
	tags map[string]string
	ok   bool
}

// ReadVpnGatewayTags reads the user tags of one gateway with ListTagResources, for an answer
// without a Tags field (TagsFromAnswer). Concurrent reads share requests; a gateway without tags
// has an empty map.
func (c *Client) ReadVpnGatewayTags(ctx context.Context, id string) (map[string]string, error) {
	if t, ok := c.tagReads.read(ctx, c, id); ok {
		return t, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	byID, err := listTagsByID(ctx, []string{id}, c.tagPage)
	if err != nil {
		return nil, err
	}
	return byID[id], nil
}

func (b *tagBatcher) read(ctx context.Context, c *Client, id string) (map[string]string, bool) {
	mutations := c.reads.mutationCount()
	b.mu.Lock()
	t, ok := b.cached(mutations, id)
	b.mu.Unlock()
	if ok {
		return t, true
	}
	r, _ := b.batch.join(ctx, id, func(ctx context.Context, ids []string) []taggedRead {
		return b.flush(ctx, c, ids)
	})
	return r.tags, r.ok
}

// flush answers a closed batch with the tags of its gateways and of the untagged ones in the
// gateway snapshot.
func (b *tagBatcher) flush(ctx context.Context, c *Client, batch []string) []taggedRead {
	b.flushing.Lock()
	defer b.flushing.Unlock()
	mutations := c.reads.mutationCount()
	answers := make([]taggedRead, len(batch))
	var missing []string
	b.mu.Lock()
	for i, id := range batch {
		if t, ok := b.cached(mutations, id); ok {
			answers[i] = taggedRead{t, true}
		} else {
			missing = append(missing, id)
		}
	}
	known := b.fresh(mutations, b.clk.Now())
	b.mu.Unlock()
	if len(missing) == 0 {
		return answers
	}

	untagged, mutations := c.reads.untagged()
	var ids []string
	for _, id := range untagged {
		if _, ok := known[id]; !ok {
			ids = append(ids, id)
		}
	}
	ids = append(ids, missing...)
	asked := b.clk.Now()
	byID, err := listTagsByID(ctx, ids, c.tagPage)
	if err != nil {
		tflog.Debug(ctx, "listing tags for a batch of reads failed; reading them one by one", map[string]interface{}{"error": err.Error()})
		return answers
	}
	b.mu.Lock()
	b.snapshot, b.life, b.mutations = byID, lease{takenAt: asked, usedAt: b.clk.Now()}, mutations
	b.mu.Unlock()
	for i, id := range batch {
		if !answers[i].ok {
			t, ok := byID[id]
			answers[i] = taggedRead{t, ok}
		}
	}
	return answers
}

// fresh is the snapshot while its lease holds and no mutation came since (nil once stale); b.mu is
// held.
func (b *tagBatcher) fresh(mutations uint64, now time.Time) map[string]map[string]string {
	if b.snapshot == nil || b.mutations != mutations || !b.life.live(now) {
		return nil
	}
	return b.snapshot
}

// cached is id's tags from the snapshot while it is fresh; answering keeps it alive, as the gateway
// snapshot's answers keep that one. b.mu is held.
func (b *tagBatcher) cached(mutations uint64, id string) (map[string]string, bool) {
	now := b.clk.Now()
	t, ok := b.fresh(mutations, now)[id]
	if ok {
		b.life.usedAt = now
	}
	return t, ok
}

// tagPage is one ListTagResources page of gateways' tags, for listTagsByID.
func (c *Client) tagPage(ctx context.Context, ids []string, nextToken string) (tagsPage, error) {
	req := &vpc.ListTagResourcesRequest{
		RegionId:     dara.String(c.region),
		ResourceType: dara.String(vpcapi.TagResourceTypeVpnGateway),
		ResourceId:   dara.StringSlice(ids),
		MaxResults:   dara.Int32(MaxIDsPerTagList),
	}
	if nextToken != "" {
		req.NextToken = dara.String(nextToken)
	}
	out, err := c.ListTagResources(ctx, req)
	if err != nil {
		return tagsPage{}, err
	}
	page := tagsPage{NextToken: dara.StringValue(out.NextToken)}
	if out.TagResources != nil {
		for _, r := range out.TagResources.TagResource {
			if r != nil {
				page.Pairs = append(page.Pairs, tagPair{
					ResourceID: dara.StringValue(r.ResourceId), Key: dara.StringValue(r.TagKey), Value: dara.StringValue(r.TagValue),
				})
			}
		}
	}
	return page, nil
}

// untagged are the gateways of the live list snapshots whose answers carried no Tags field, and the
// mutation count the tags read for them belong to.
func (b *readBatcher) untagged() ([]string, uint64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var ids []string
	now := b.clk.Now()
	for _, s := range b.snapshots {
		if !s.life.live(now) {
			continue
		}
		for id, gw := range s.gateways {
			if gw.Tags == nil {
				ids = append(ids, id)
			}
		}
	}
	return ids, b.mutations
}

func (b *readBatcher) mutationCount() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.mutations
}
