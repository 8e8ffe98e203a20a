package vpcclient

import (
	"context"
	"maps"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// tagAll gives gateway i the tag n = i.
func (w *simWorld) tagAll(t *testing.T, ids []string) {
	t.Helper()
	for i, id := range ids {
		_, err := w.client.TagResources(context.Background(), &vpc.TagResourcesRequest{
			RegionId: dara.String(vpcsim.DefaultRegion), ResourceType: dara.String(vpcapi.TagResourceTypeVpnGateway),
			ResourceId: dara.StringSlice([]string{id}),
			Tag:        []*vpc.TagResourcesRequestTag{{Key: dara.String("n"), Value: dara.String(strconv.Itoa(i))}},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// refreshAll reads ids as a refresh does, parallelism at a time (Terraform's default is 10): the
// gateway, then its tags from the answer or, when the answer has none, ReadVpnGatewayTags.
func (w *simWorld) refreshAll(t *testing.T, ids []string, parallelism int) []map[string]string {
	t.Helper()
	got := make([]map[string]string, len(ids))
	errs := make([]error, len(ids))
	slots := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			gw, err := w.client.ReadVpnGateway(context.Background(), id, vpcsim.DefaultVpcID)
			if err != nil {
				errs[i] = err
				return
			}
			if t, ok := TagsFromAnswer(gw.Tags); ok {
				got[i] = t
				return
			}
			got[i], errs[i] = w.client.ReadVpnGatewayTags(context.Background(), id)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", ids[i], err)
		}
	}
	return got
}

// A refresh of 100 tagged gateways costs 2 DescribeVpnGateways pages and no ListTagResources when
// the answers carry Tags, and 2 ListTagResources more (50 IDs each) when they do not; every gateway
// gets its own tags either way. That holds for a refresh that lasts longer than snapshotTTL too, as
// long as its reads keep coming: there the first 10 reads share the list and the other 90 follow
// one by one, 30 ms apart (2.7 s in all), as Terraform's parallelism hands them out under load.
func TestRefreshOfManyTaggedGateways(t *testing.T) {
	const n, gap = 100, 30 * time.Millisecond
	w := newSimWorld(t)
	ids := w.create(t, n, nil)
	w.tagAll(t, ids)
	check := func(got []map[string]string) {
		t.Helper()
		for i, id := range ids {
			if want := map[string]string{"n": strconv.Itoa(i)}; !maps.Equal(got[i], want) {
				t.Fatalf("%s: tags %v, want %v", id, got[i], want)
			}
		}
	}
	for _, tc := range []struct {
		name       string
		patch      *gateway.Patch
		wantListed int
	}{
		{"answers carry Tags", nil, 0},
		{"answers without Tags", &gateway.Patch{Remove: []string{"Tags"}}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.patch != nil {
				for _, id := range ids {
					if err := w.sim.PatchGateway(id, *tc.patch); err != nil {
						t.Fatal(err)
					}
				}
			}
			for _, shape := range []struct {
				name    string
				refresh func() []map[string]string
			}{
				{"at once", func() []map[string]string { return w.refreshAll(t, ids, 10) }},
				{"spread", func() []map[string]string {
					got := w.refreshAll(t, ids[:10], 10)
					w.flushAt(1) // a read the snapshot does not answer is read at once
					for _, id := range ids[10:] {
						w.advance(gap)
						got = append(got, w.refreshAll(t, []string{id}, 1)...)
					}
					return got
				}},
			} {
				w.client.reads.forget() // a new refresh, not the rest of the last one
				w.reset()
				w.flushAt(10) // the first 10 reads share the list, however slowly goroutines run
				check(shape.refresh())
				single, lists, listed := w.count(vpcapi.ActionDescribeVpnGateway), w.count(vpcapi.ActionDescribeVpnGateways), w.count(vpcapi.ActionListTagResources)
				t.Logf("refresh of %d gateways %s: %d DescribeVpnGateways, %d DescribeVpnGateway, %d ListTagResources", n, shape.name, lists, single, listed)
				if lists > 2 || single != 0 || listed != tc.wantListed {
					t.Fatalf("%s: %d DescribeVpnGateways, %d DescribeVpnGateway and %d ListTagResources, want at most 2, 0 and %d",
						shape.name, lists, single, listed, tc.wantListed)
				}
				w.mu.Lock()
				for _, q := range w.queries {
					if q["Action"] == vpcapi.ActionListTagResources && q["ResourceId.51"] != "" {
						t.Errorf("a ListTagResources named more than 50 gateways: %v", q)
					}
				}
				w.mu.Unlock()
			}
		})
	}
}

// One gateway read alone costs one ListTagResources naming it, and a tag change through the client
// is seen by the next read (the snapshot is dropped).
func TestReadVpnGatewayTagsAloneAndAfterAChange(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 1, nil)
	w.tagAll(t, ids)
	w.reset()
	got, err := w.client.ReadVpnGatewayTags(context.Background(), ids[0])
	if err != nil || !maps.Equal(got, map[string]string{"n": "0"}) {
		t.Fatalf("tags = %v, %v", got, err)
	}
	if n := w.count(vpcapi.ActionListTagResources); n != 1 {
		t.Fatalf("%d ListTagResources for one gateway, want 1", n)
	}
	if _, err := w.client.UnTagResources(context.Background(), &vpc.UnTagResourcesRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), ResourceType: dara.String(vpcapi.TagResourceTypeVpnGateway),
		ResourceId: dara.StringSlice(ids), TagKey: dara.StringSlice([]string{"n"}),
	}); err != nil {
		t.Fatal(err)
	}
	got, err = w.client.ReadVpnGatewayTags(context.Background(), ids[0])
	if err != nil || len(got) != 0 {
		t.Fatalf("after the untag, tags = %v, %v; want none", got, err)
	}
}
