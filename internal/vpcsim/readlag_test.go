package vpcsim_test

import (
	"maps"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

const lag = 10 * time.Second

// listedIDs are the IDs DescribeVpnGateways answers for query, in order, and its TotalCount.
func (f *fixture) listedIDs(t *testing.T, query map[string]string) ([]string, int) {
	t.Helper()
	items, total := f.rawList(t, query)
	var ids []string
	for _, it := range items {
		id, _ := it["VpnGatewayId"].(string)
		ids = append(ids, id)
	}
	return ids, int(total)
}

// TestReadLagCreate: for the lag after a create the reads do not know the gateway (not found,
// not listed, no tags) while the writes do; then every read does.
func TestReadLagCreate(t *testing.T) {
	clk := newClock()
	f := start(t, vpcsim.Config{Now: clk.Now, ReadLag: lag})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)

	_, err := describe(t, c, id)
	wantAPIError(t, err, vpcapi.CodeVpnGatewayNotFound, 404)
	if ids, total := f.listedIDs(t, nil); len(ids) != 0 || total != 0 {
		t.Fatalf("listed %v (TotalCount %d) within the lag", ids, total)
	}
	mustTag(t, c, []string{id}, "env", "prod") // the writes see it
	if tags, _ := listAll(t, c, listRequest(id)); len(tags) != 0 {
		t.Fatalf("ListTagResources answered %v within the lag", tags)
	}
	if len(f.sim.Gateways()) != 1 {
		t.Fatal("the admin view lags too")
	}

	clk.Advance(lag)
	if got := tea.StringValue(mustDescribe(t, c, id).VpnGatewayId); got != id {
		t.Fatalf("after the lag: %s", got)
	}
	// The tag came 0s after the create: it is as old, and visible now too.
	if tags, _ := listAll(t, c, listRequest(id)); !maps.Equal(tags[id], map[string]string{"env": "prod"}) {
		t.Fatalf("tags after the lag: %v", tags)
	}
	if ids, total := f.listedIDs(t, nil); len(ids) != 1 || total != 1 {
		t.Fatalf("listed %v (TotalCount %d) after the lag", ids, total)
	}
}

// TestReadLagWrites: a modified, tagged or deleted gateway reads as it was until its write is as
// old as the lag; two writes in a row become visible one after the other.
func TestReadLagWrites(t *testing.T) {
	clk := newClock()
	f := start(t, vpcsim.Config{Now: clk.Now})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	mustTag(t, c, []string{id}, "env", "dev")
	old := tea.StringValue(mustDescribe(t, c, id).Name)
	f.sim.SetFaults(vpcsim.Faults{ReadLag: vpcsim.Duration(lag)})

	if err := modify(c, id, "first"); err != nil {
		t.Fatal(err)
	}
	mustTag(t, c, []string{id}, "env", "prod")
	clk.Advance(4 * time.Second)
	if err := modify(c, id, "second"); err != nil {
		t.Fatal(err)
	}
	if got := tea.StringValue(mustDescribe(t, c, id).Name); got != old {
		t.Fatalf("name %q within the lag, want the old %q", got, old)
	}
	if got := describedTags(t, c, id); !maps.Equal(got, map[string]string{"env": "dev"}) {
		t.Fatalf("described tags %v within the lag", got)
	}
	if tags, _ := listAll(t, c, listRequest(id)); !maps.Equal(tags[id], map[string]string{"env": "dev"}) {
		t.Fatalf("listed tags %v within the lag", tags)
	}
	if ids, _ := f.listedIDs(t, map[string]string{"VpnGatewayId": id}); len(ids) != 1 {
		t.Fatalf("filtered list %v", ids)
	}
	clk.Advance(6 * time.Second) // the first writes are 10s old, the second 6s
	if got := tea.StringValue(mustDescribe(t, c, id).Name); got != "first" {
		t.Fatalf("name %q once the first modify is as old as the lag", got)
	}
	if tags, _ := listAll(t, c, listRequest(id)); !maps.Equal(tags[id], map[string]string{"env": "prod"}) {
		t.Fatalf("listed tags %v after the lag", tags)
	}
	clk.Advance(4 * time.Second)
	if got := tea.StringValue(mustDescribe(t, c, id).Name); got != "second" {
		t.Fatalf("name %q once the second modify is as old as the lag", got)
	}

	if err := deleteGateway(c, id); err != nil {
		t.Fatal(err)
	}
	if got := tea.StringValue(mustDescribe(t, c, id).Status); got != vpcapi.StatusActive {
		t.Fatalf("deleted gateway reads %q within the lag, want it as it was", got)
	}
	if ids, total := f.listedIDs(t, map[string]string{"Status": vpcapi.StatusActive}); len(ids) != 1 || total != 1 {
		t.Fatalf("the deleted gateway is not listed as it was: %v", ids)
	}
	if tags, _ := listAll(t, c, listRequest(id)); len(tags[id]) != 1 {
		t.Fatalf("the deleted gateway's tags: %v", tags)
	}
	wantAPIError(t, deleteGateway(c, id), vpcapi.CodeVpnGatewayNotFound, 404) // the writes know
	clk.Advance(lag)
	_, err := describe(t, c, id)
	wantAPIError(t, err, vpcapi.CodeVpnGatewayNotFound, 404)
}

// TestReadLagPaging: paging, TotalCount and filters of DescribeVpnGateways work on the lagged
// view, and ListTagResources by tag as well.
func TestReadLagPaging(t *testing.T) {
	clk := newClock()
	f := start(t, vpcsim.Config{Now: clk.Now})
	c := f.client(t)
	var ids []string
	for range 3 {
		id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
		mustTag(t, c, []string{id}, "team", "a")
		ids = append(ids, id)
	}
	f.sim.SetFaults(vpcsim.Faults{ReadLag: vpcsim.Duration(lag)})
	newer := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	mustTag(t, c, []string{newer}, "team", "a")
	if err := deleteGateway(c, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := c.MoveVpnResourceGroup(&vpc.MoveVpnResourceGroupRequest{RegionId: tea.String(vpcsim.DefaultRegion),
		InstanceId: tea.String(ids[1]), NewResourceGroupId: tea.String(vpcsim.SecondResourceGroupID), ResourceType: tea.String("VpnGateway")}); err != nil {
		t.Fatal(err)
	}

	// Newest first: ids[2], ids[1], ids[0]; the new one is not there yet, the deleted one still is.
	for page, want := range []string{ids[2], ids[1], ids[0]} {
		got, total := f.listedIDs(t, map[string]string{"PageSize": "1", "PageNumber": tea.ToString(page + 1)})
		if total != 3 || len(got) != 1 || got[0] != want {
			t.Fatalf("page %d: %v (TotalCount %d), want [%s] of 3", page+1, got, total, want)
		}
	}
	if got, total := f.listedIDs(t, map[string]string{"ResourceGroupId": vpcsim.DefaultResourceGroupID}); total != 3 || len(got) != 3 {
		t.Fatalf("the moved gateway is not in its old group within the lag: %v", got)
	}
	byTag, _ := listAll(t, c, &vpc.ListTagResourcesRequest{RegionId: tea.String(vpcsim.DefaultRegion), ResourceType: tea.String(officialResourceType),
		Tag: []*vpc.ListTagResourcesRequestTag{{Key: tea.String("team"), Value: tea.String("a")}}})
	if len(byTag) != 3 || byTag[newer] != nil {
		t.Fatalf("tagged gateways within the lag: %v", byTag)
	}

	clk.Advance(lag)
	if got, total := f.listedIDs(t, map[string]string{"PageSize": "2"}); total != 3 || got[0] != newer || got[1] != ids[2] {
		t.Fatalf("after the lag: %v (TotalCount %d)", got, total)
	}
	if got, _ := f.listedIDs(t, map[string]string{"ResourceGroupId": vpcsim.SecondResourceGroupID}); len(got) != 1 || got[0] != ids[1] {
		t.Fatalf("the moved gateway after the lag: %v", got)
	}
}
