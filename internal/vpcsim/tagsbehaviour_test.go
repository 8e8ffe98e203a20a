package vpcsim_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alibabacloud-go/tea/tea"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
)

var tagAndMoveActions = []string{
	vpcapi.ActionTagResources, vpcapi.ActionUnTagResources, vpcapi.ActionListTagResources, vpcapi.ActionMoveVpnResourceGroup,
}

// tagCalls sends one request of each tag and move action, for id.
func tagCalls(c *vpc.Client, id string) map[string]func() error {
	return map[string]func() error{
		vpcapi.ActionTagResources: func() error {
			_, err := c.TagResources(tagRequest(officialResourceType, []string{id}, "env", "prod"))
			return err
		},
		vpcapi.ActionUnTagResources: func() error {
			_, err := c.UnTagResources(untagRequest(officialResourceType, []string{id}, "gone"))
			return err
		},
		vpcapi.ActionListTagResources: func() error {
			_, err := c.ListTagResources(listRequest(id))
			return err
		},
		vpcapi.ActionMoveVpnResourceGroup: func() error {
			_, err := c.MoveVpnResourceGroup(moveRequest(id, vpcsim.SecondResourceGroupID, officialResourceType))
			return err
		},
	}
}

// TestTagActionsFaultsAndThrottling: faults, throttling, signature checks and the counters apply
// to the tag and move actions like to every other one.
func TestTagActionsFaultsAndThrottling(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	calls := tagCalls(c, id)
	stranger := tagCalls(f.client(t, withKey(vpcsim.DefaultAccessKeyID, "wrong-secret")), id)
	for _, action := range tagAndMoveActions {
		f.sim.SetFaults(vpcsim.Faults{ErrorCount: 1, Codes: []string{vpcapi.CodeServiceUnavailable}, Actions: []string{action}})
		wantAPIError(t, calls[action](), vpcapi.CodeServiceUnavailable, 503)
		if err := calls[action](); err != nil {
			t.Fatalf("%s after the fault: %v", action, err)
		}
		wantAPIError(t, stranger[action](), vpcapi.CodeSignatureDoesNotMatch, 403)
		stats := f.sim.Stats()
		if r := stats.Requests[action]; r["503"] != 1 || r["200"] != 1 || r["403"] != 1 {
			t.Fatalf("%s counted %v", action, r)
		}
	}
	// Faults on one of them leave the others alone.
	f.sim.SetFaults(vpcsim.Faults{ErrorRate: 1, Actions: []string{vpcapi.ActionListTagResources}})
	if err := calls[vpcapi.ActionTagResources](); err != nil {
		t.Fatalf("TagResources under ListTagResources' faults: %v", err)
	}
	f.sim.SetFaults(vpcsim.Faults{})

	clk := newClock()
	throttled := start(t, vpcsim.Config{QPS: 1, Now: clk.Now})
	tc := throttled.client(t)
	tid := tea.StringValue(mustCreate(t, tc, createRequest()).VpnGatewayId)
	for action, call := range tagCalls(tc, tid) {
		if err := call(); err != nil {
			t.Fatalf("%s within the rate: %v", action, err)
		}
		wantAPIError(t, call(), vpcapi.CodeThrottlingUser, 400)
		if n := throttled.sim.Stats().Codes[action][vpcapi.CodeThrottlingUser]; n != 1 {
			t.Fatalf("%s: %d throttled requests counted, want 1", action, n)
		}
	}
}

// TestTagActionsLostAnswers: a tag, untag or move whose answer is lost or turned into a 500 after
// it took effect has taken effect once; sent again, it leaves the same tags and group, so that a
// client that retries until it hears success ends where it meant to.
func TestTagActionsLostAnswers(t *testing.T) {
	f := start(t, vpcsim.Config{})
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	tag := tagRequest(officialResourceType, []string{id}, "a", "1", "b", "2")
	untag := untagRequest(officialResourceType, []string{id}, "a")
	move := moveRequest(id, vpcsim.ThirdResourceGroupID, officialResourceType)
	for _, faults := range []vpcsim.Faults{{DropCount: 1}, {EffectErrorCount: 1}} {
		f.sim.SetFaults(faults)
		if _, err := c.TagResources(tag); err == nil {
			t.Fatalf("%+v: TagResources answered", faults)
		}
		for range 2 {
			if got := stateTags(t, f.sim, id); !maps.Equal(got, map[string]string{"a": "1", "b": "2"}) {
				t.Fatalf("%+v: tags %v", faults, got)
			}
			if _, err := c.TagResources(tag); err != nil {
				t.Fatal(err)
			}
		}
		f.sim.SetFaults(faults)
		if _, err := c.UnTagResources(untag); err == nil {
			t.Fatalf("%+v: UnTagResources answered", faults)
		}
		if _, err := c.UnTagResources(untag); err != nil {
			t.Fatal(err)
		}
		if got := stateTags(t, f.sim, id); !maps.Equal(got, map[string]string{"b": "2"}) {
			t.Fatalf("%+v: tags after the untag and its retry: %v", faults, got)
		}
		f.sim.SetFaults(faults)
		if _, err := c.MoveVpnResourceGroup(move); err == nil {
			t.Fatalf("%+v: MoveVpnResourceGroup answered", faults)
		}
		if _, err := c.MoveVpnResourceGroup(move); err != nil {
			t.Fatal(err)
		}
		if got := groupOf(t, c, id); got != vpcsim.ThirdResourceGroupID {
			t.Fatalf("%+v: group after the move and its retry: %s", faults, got)
		}
		if _, err := c.MoveVpnResourceGroup(moveRequest(id, vpcsim.DefaultResourceGroupID, "VpnGateway")); err != nil {
			t.Fatal(err)
		}
		if _, err := c.TagResources(tagRequest(officialResourceType, []string{id}, "a", "1")); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTagsPersist: tags, resource groups and added groups are on disk before the answer, and a
// restarted simulator answers them; a failed write undoes the tag it could not keep.
func TestTagsPersist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	cfg := vpcsim.Config{StateFile: path}
	sim, err := vpcsim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f := serve(t, sim)
	c := f.client(t)
	id := tea.StringValue(mustCreate(t, c, createRequest()).VpnGatewayId)
	group, err := sim.AddResourceGroup("")
	if err != nil {
		t.Fatal(err)
	}
	mustTag(t, c, []string{id}, "env", "prod", "owner", "")
	if _, err := c.MoveVpnResourceGroup(moveRequest(id, group, officialResourceType)); err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(onDisk), `"owner": ""`) || !strings.Contains(string(onDisk), group) {
		t.Fatalf("the tags and the move are not on disk: %v\n%s", err, onDisk)
	}
	before, _ := json.Marshal(sim.State())
	f.srv.Close()
	if err := sim.Close(); err != nil {
		t.Fatal(err)
	}

	again := start(t, cfg)
	after, _ := json.Marshal(again.sim.State())
	if string(after) != string(before) {
		t.Fatalf("state changed across a restart:\n%s\n%s", before, after)
	}
	c = again.client(t)
	if got := describedTags(t, c, id); !maps.Equal(got, map[string]string{"env": "prod", "owner": ""}) || groupOf(t, c, id) != group {
		t.Fatalf("after a restart: tags %v, group %s", got, groupOf(t, c, id))
	}
	if !slices.Contains(again.sim.ResourceGroups(), group) {
		t.Fatalf("the added group is gone after a restart: %v", again.sim.ResourceGroups())
	}

	// A state file written before there were resource groups gets the seeded ones.
	old := filepath.Join(t.TempDir(), "old.json")
	if err := os.WriteFile(old, []byte(`{"version":1,"counters":{"seq":0,"orderId":20260000000000,"ip":0},"gateways":null,"orders":null,"clientTokens":null}`), 0o600); err != nil {
		t.Fatal(err)
	}
	fromOld := start(t, vpcsim.Config{StateFile: old})
	if got := fromOld.sim.ResourceGroups(); len(got) != 3 {
		t.Fatalf("groups from an old state file: %v", got)
	}

	// A write that fails answers InternalError and keeps nothing of the tag.
	dir := filepath.Join(t.TempDir(), "state")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	failing := start(t, vpcsim.Config{StateFile: filepath.Join(dir, "state.json")})
	fc := failing.client(t)
	fid := tea.StringValue(mustCreate(t, fc, createRequest()).VpnGatewayId)
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Mkdir(dir, 0o700) }) // for the final write of Close
	_, err = fc.TagResources(tagRequest(officialResourceType, []string{fid}, "env", "prod"))
	wantAPIError(t, err, vpcapi.CodeInternalError, 500)
	if got := stateTags(t, failing.sim, fid); len(got) != 0 {
		t.Fatalf("a tag that could not be written stayed: %v", got)
	}
}
