package vpcclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	vpc "github.com/alibabacloud-go/vpc-20160428/v6/client"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/network"
)

// otherVpcID is a second VPC of the default region in every simWorld.
const otherVpcID = "vpc-bp1simother000000001"

// simWorld is an in-process vpcsim with no delays, a client of it, and the requests it received.
// The client's read batches close when the reads a test started are all pending, not after a
// window of wall time, and its snapshots age by the world's clock alone (advance).
type simWorld struct {
	sim    *vpcsim.Sim
	client *Client

	mu      sync.Mutex
	actions map[string]int
	queries []map[string]string
	now     time.Time
}

func newSimWorld(t *testing.T, mutate ...func(*Config)) *simWorld {
	t.Helper()
	sim, err := vpcsim.New(vpcsim.Config{Quota: 200, Networks: []network.Region{{ID: vpcsim.DefaultRegion, Vpcs: []network.Vpc{{
		ID: otherVpcID, Name: "other", CidrBlock: "10.0.0.0/16",
		VSwitches: []network.VSwitch{{ID: "vsw-bp1simother0000000001", ZoneID: "cn-hangzhou-h", CidrBlock: "10.0.0.0/24"}},
	}}}}})
	if err != nil {
		t.Fatal(err)
	}
	w := &simWorld{sim: sim, actions: map[string]int{}}
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		q := map[string]string{"Action": r.Header.Get("x-acs-action")}
		for k := range r.URL.Query() {
			q[k] = r.URL.Query().Get(k)
		}
		w.mu.Lock()
		w.actions[q["Action"]]++
		w.queries = append(w.queries, q)
		w.mu.Unlock()
		sim.ServeHTTP(rw, r)
	}))
	t.Cleanup(func() { srv.Close(); _ = sim.Close() })
	cfg := Config{
		Region:          vpcsim.DefaultRegion,
		AccessKeyID:     vpcsim.DefaultAccessKeyID,
		AccessKeySecret: vpcsim.DefaultAccessKeySecret,
		Endpoint:        strings.TrimPrefix(srv.URL, "http://"),
		Protocol:        ProtocolHTTP,
		RateLimit:       -1,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	w.client, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	w.now = time.Unix(1700000000, 0)
	w.client.clock.now = func() time.Time {
		w.mu.Lock()
		defer w.mu.Unlock()
		return w.now
	}
	return w
}

// advance moves the world's clock on.
func (w *simWorld) advance(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.now = w.now.Add(d)
}

// flushAt makes a batch close once n reads are pending.
func (w *simWorld) flushAt(n int) {
	w.client.clock.gather = func(pending func() int) {
		for pending() < n {
			time.Sleep(time.Millisecond)
		}
	}
}

// create makes n gateways of the default VPC and returns their IDs.
func (w *simWorld) create(t *testing.T, n int, mutate func(i int, r *vpc.CreateVpnGatewayRequest)) []string {
	t.Helper()
	var ids []string
	for i := range n {
		req := &vpc.CreateVpnGatewayRequest{
			RegionId:    dara.String(vpcsim.DefaultRegion),
			VpcId:       dara.String(vpcsim.DefaultVpcID),
			Bandwidth:   dara.Int32(10),
			Name:        dara.String(fmt.Sprintf("gw-%d", i)),
			ClientToken: dara.String(NewClientToken()),
		}
		if mutate != nil {
			mutate(i, req)
		}
		out, err := w.client.CreateVpnGateway(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, dara.StringValue(out.VpnGatewayId))
	}
	return ids
}

func (w *simWorld) count(action string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.actions[action]
}

func (w *simWorld) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.actions, w.queries = map[string]int{}, nil
}

// describe is DescribeVpnGateway's answer without its RequestId, for comparing.
func (w *simWorld) describe(t *testing.T, id string) *vpc.DescribeVpnGatewayResponseBody {
	t.Helper()
	gw, err := w.client.DescribeVpnGateway(context.Background(), &vpc.DescribeVpnGatewayRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpnGatewayId: dara.String(id),
	})
	if err != nil {
		t.Fatal(err)
	}
	gw.RequestId = nil
	return gw
}

// readAll reads ids concurrently through ReadVpnGateway, as one batch when no snapshot answers them.
func (w *simWorld) readAll(ids []string, vpcID func(i int) string) ([]*vpc.DescribeVpnGatewayResponseBody, []error) {
	w.flushAt(len(ids))
	gws, errs := make([]*vpc.DescribeVpnGatewayResponseBody, len(ids)), make([]error, len(ids))
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gws[i], errs[i] = w.client.ReadVpnGateway(context.Background(), id, vpcID(i))
		}()
	}
	wg.Wait()
	return gws, errs
}

func defaultVpc(int) string { return vpcsim.DefaultVpcID }

// The list's items, mapped, are DescribeVpnGateway's answers for the same gateways, field for field
// (every field the model reads among them), for gateways as different as the API allows.
func TestGatewayFromListEqualsDescribeVpnGateway(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 4, func(i int, r *vpc.CreateVpnGatewayRequest) {
		switch i {
		case 1:
			r.EnableSsl, r.SslConnections, r.EnableIpsec = dara.Bool(true), dara.Int32(10), dara.Bool(false)
		case 2:
			r.InstanceChargeType, r.Period, r.AutoPay = dara.String(vpcapi.ChargeTypePrepay), dara.Int32(3), dara.Bool(true)
		case 3:
			// Private gateways are sold at 200 or 1000 Mbit/s only.
			r.VSwitchId = dara.String(vpcsim.DefaultVSwitchID)
			r.NetworkType, r.Bandwidth = dara.String(vpcapi.NetworkTypePrivate), dara.Int32(200)
		}
	})
	if _, err := w.client.ModifyVpnGatewayAttribute(context.Background(), &vpc.ModifyVpnGatewayAttributeRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpnGatewayId: dara.String(ids[0]),
		Description: dara.String("described"), ClientToken: dara.String(NewClientToken()),
	}); err != nil {
		t.Fatal(err)
	}
	list, err := w.client.DescribeVpnGateways(context.Background(), &vpc.DescribeVpnGatewaysRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), PageSize: dara.Int32(vpcapi.MaxPageSize),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.VpnGateways.VpnGateway) != len(ids) {
		t.Fatalf("listed %d gateways, want %d", len(list.VpnGateways.VpnGateway), len(ids))
	}
	for _, item := range list.VpnGateways.VpnGateway {
		got := gatewayFromList(item)
		want := w.describe(t, dara.StringValue(item.VpnGatewayId))
		if !sameAnswer(got, want) {
			t.Errorf("%s:\nfrom the list: %s\ndescribed:     %s", dara.StringValue(item.VpnGatewayId), got, want)
		}
		// The fields the model reads are really there, so the comparison is not of nils.
		for name, v := range map[string]any{
			"VpnGatewayId": got.VpnGatewayId, "VpcId": got.VpcId, "Name": got.Name, "Status": got.Status,
			"Spec": got.Spec, "IpsecVpn": got.IpsecVpn, "SslVpn": got.SslVpn, "ChargeType": got.ChargeType,
			"CreateTime": got.CreateTime, "BusinessStatus": got.BusinessStatus, "SslMaxConnections": got.SslMaxConnections,
		} {
			if reflect.ValueOf(v).IsNil() {
				t.Errorf("%s: %s missing from the mapped item", dara.StringValue(item.VpnGatewayId), name)
			}
		}
	}
	if gatewayFromList(&vpc.DescribeVpnGatewaysResponseBodyVpnGatewaysVpnGateway{}) != nil || gatewayFromList(nil) != nil {
		t.Error("an item without an ID was mapped")
	}
}

// 70 concurrent reads of one VPC are two pages of one DescribeVpnGateways, filtered by that VPC,
// and answer exactly what DescribeVpnGateway answers.
func TestReadVpnGatewayBatchesConcurrentReads(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 70, nil)
	w.reset()
	gws, errs := w.readAll(ids, defaultVpc)
	if n := w.count(vpcapi.ActionDescribeVpnGateways); n != 2 {
		t.Errorf("%d DescribeVpnGateways, want 2 (70 gateways, 50 a page)", n)
	}
	if n := w.count(vpcapi.ActionDescribeVpnGateway); n != 0 {
		t.Errorf("%d DescribeVpnGateway, want none", n)
	}
	for _, q := range w.queries {
		if q["VpcId"] != vpcsim.DefaultVpcID || q["PageSize"] != "50" {
			t.Errorf("list request %v: want VpcId %s and PageSize 50", q, vpcsim.DefaultVpcID)
		}
	}
	for i, id := range ids {
		if errs[i] != nil {
			t.Fatalf("%s: %v", id, errs[i])
		}
		// A read from the list carries the list's RequestId, for the warnings that quote it.
		if gws[i].RequestId == nil {
			t.Errorf("%s: read from the list without a RequestId", id)
		}
		got := *gws[i]
		got.RequestId = nil
		if want := w.describe(t, id); !sameAnswer(&got, want) {
			t.Errorf("%s: read %s, described %s", id, &got, want)
		}
	}

	// The rest of the same refresh is served from the list: no request at all.
	w.reset()
	if _, errs := w.readAll(ids[:5], defaultVpc); errors.Join(errs...) != nil {
		t.Fatal(errors.Join(errs...))
	}
	if w.count(vpcapi.ActionDescribeVpnGateways)+w.count(vpcapi.ActionDescribeVpnGateway) != 0 {
		t.Errorf("reads right after a list sent %v", w.actions)
	}

	// Once the snapshot is snapshotTTL old, reads go to the API again: here a new batch, listing the
	// VPC's two pages again.
	w.advance(snapshotTTL)
	w.reset()
	if _, errs := w.readAll(ids[:5], defaultVpc); errors.Join(errs...) != nil {
		t.Fatal(errors.Join(errs...))
	}
	if n := w.count(vpcapi.ActionDescribeVpnGateways); n != 2 {
		t.Errorf("%d list requests for reads after the snapshot expired, want 2 (%v)", n, w.actions)
	}

	// A change through the client drops the list: the next read sees the change.
	if _, err := w.client.ModifyVpnGatewayAttribute(context.Background(), &vpc.ModifyVpnGatewayAttributeRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpnGatewayId: dara.String(ids[0]),
		Name: dara.String("renamed"), ClientToken: dara.String(NewClientToken()),
	}); err != nil {
		t.Fatal(err)
	}
	gws, errs = w.readAll(ids[:1], defaultVpc)
	if gw, err := gws[0], errs[0]; err != nil || dara.StringValue(gw.Name) != "renamed" {
		t.Errorf("read after a rename: %v, %v", gw, err)
	}
}

// Reads of different VPCs list the whole region.
func TestReadVpnGatewayListsTheRegionForSeveralVpcs(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 4, nil)
	w.reset()
	_, errs := w.readAll(ids, func(i int) string { return fmt.Sprintf("vpc-%d", i%2) })
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if n := w.count(vpcapi.ActionDescribeVpnGateways); n != 1 {
		t.Fatalf("%d lists, want 1", n)
	}
	// The gateways are in the default VPC whatever the readers claimed: listed by region, all found.
	if n := w.count(vpcapi.ActionDescribeVpnGateway); n != 0 {
		t.Errorf("%d single reads, want none", n)
	}
	if _, ok := w.queries[0]["VpcId"]; ok {
		t.Errorf("list request %v filtered by VPC", w.queries[0])
	}
}

// Reads of two VPCs, one VPC's batch after the other's, keep a list each: the second VPC's reads
// are not left to single reads by the first one's list, which lacks them.
func TestReadVpnGatewayKeepsAListPerVpc(t *testing.T) {
	w := newSimWorld(t)
	ours := w.create(t, 5, nil)
	other := w.create(t, 5, func(_ int, r *vpc.CreateVpnGatewayRequest) { r.VpcId = dara.String(otherVpcID) })
	w.reset()
	otherVpc := func(int) string { return otherVpcID }
	for _, round := range []string{"first", "again"} {
		for _, b := range []struct {
			ids []string
			vpc func(int) string
		}{{ours, defaultVpc}, {other, otherVpc}} {
			gws, errs := w.readAll(b.ids, b.vpc)
			if err := errors.Join(errs...); err != nil {
				t.Fatal(err)
			}
			for i, gw := range gws {
				if dara.StringValue(gw.VpnGatewayId) != b.ids[i] || dara.StringValue(gw.VpcId) != b.vpc(i) {
					t.Errorf("%s read of %s: %s in %s", round, b.ids[i], dara.StringValue(gw.VpnGatewayId), dara.StringValue(gw.VpcId))
				}
			}
		}
		if lists, single := w.count(vpcapi.ActionDescribeVpnGateways), w.count(vpcapi.ActionDescribeVpnGateway); lists != 2 || single != 0 {
			t.Errorf("%s round: %d DescribeVpnGateways and %d DescribeVpnGateway, want 2 (one per VPC) and 0", round, lists, single)
		}
	}
	for _, q := range w.queries {
		if q["VpcId"] == "" {
			t.Errorf("list request %v not filtered by VPC", q)
		}
	}
}

// A gateway the list lacks is read alone: not found only if DescribeVpnGateway says so, found if
// the list just missed it.
func TestReadVpnGatewayMissingFromTheListIsReadAlone(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 5, nil)
	w.reset()
	gone := "vpn-bp1doesnotexist00000000"
	gws, errs := w.readAll(append(ids, gone), defaultVpc)
	if !errors.Is(errs[len(ids)], ErrVpnGatewayNotFound) || gws[len(ids)] != nil {
		t.Errorf("a gateway that does not exist: %v, %v", gws[len(ids)], errs[len(ids)])
	}
	if n := w.count(vpcapi.ActionDescribeVpnGateway); n != 1 {
		t.Errorf("%d single reads, want 1 (the missing gateway)", n)
	}

	// Created behind this client's back after the list: the list lacks it, the single read finds it.
	other, err := New(w.client.shared.cfg)
	if err != nil {
		t.Fatal(err)
	}
	out, err := other.CreateVpnGateway(context.Background(), &vpc.CreateVpnGatewayRequest{
		RegionId: dara.String(vpcsim.DefaultRegion), VpcId: dara.String(vpcsim.DefaultVpcID),
		Bandwidth: dara.Int32(10), ClientToken: dara.String(NewClientToken()),
	})
	if err != nil {
		t.Fatal(err)
	}
	gws, errs = w.readAll([]string{dara.StringValue(out.VpnGatewayId)}, defaultVpc)
	if gw, err := gws[0], errs[0]; err != nil || dara.StringValue(gw.VpnGatewayId) != dara.StringValue(out.VpnGatewayId) {
		t.Errorf("a live gateway missing from the list: %v, %v", gw, err)
	}
}

// Fewer reads than batchThreshold at once are single reads: no list.
func TestReadVpnGatewayAloneIsASingleRead(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, batchThreshold-1, nil)
	w.reset()
	if _, errs := w.readAll(ids, defaultVpc); errors.Join(errs...) != nil {
		t.Fatal(errors.Join(errs...))
	}
	if n, m := w.count(vpcapi.ActionDescribeVpnGateways), w.count(vpcapi.ActionDescribeVpnGateway); n != 0 || m != len(ids) {
		t.Errorf("%d lists and %d single reads, want 0 and %d", n, m, len(ids))
	}
}

// A reader that gives up does not wait for its batch.
func TestReadVpnGatewayHonoursItsContext(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, 1, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.client.ReadVpnGateway(ctx, ids[0], ""); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// sameAnswer compares two answers as the wire carries them: an empty list and a missing one are
// the same answer once decoded, whatever slice the decoder made of them.
func sameAnswer(a, b *vpc.DescribeVpnGatewayResponseBody) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}

// A snapshot answers while its reads keep coming, never past snapshotMaxAge, and not after a pause
// of snapshotTTL.
func TestReadVpnGatewaySnapshotLease(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, batchThreshold, nil)
	w.reset()
	if _, errs := w.readAll(ids, defaultVpc); errors.Join(errs...) != nil {
		t.Fatal(errors.Join(errs...))
	}
	sent := func() int {
		return w.count(vpcapi.ActionDescribeVpnGateways) + w.count(vpcapi.ActionDescribeVpnGateway)
	}
	readOne := func() {
		t.Helper()
		if _, errs := w.readAll(ids[:1], defaultVpc); errs[0] != nil {
			t.Fatal(errs[0])
		}
	}

	// Busy: a read every snapshotTTL/2 keeps it, up to just under snapshotMaxAge.
	age := time.Duration(0)
	for age+snapshotTTL/2 < snapshotMaxAge {
		w.advance(snapshotTTL / 2)
		age += snapshotTTL / 2
		readOne()
	}
	if n := sent(); n != 1 {
		t.Fatalf("%d requests over %s of reads each %s apart, want the 1 list", n, age, snapshotTTL/2)
	}
	// At snapshotMaxAge it ends however recently it answered: the read goes to the API.
	w.advance(snapshotMaxAge - age)
	readOne()
	if n := w.count(vpcapi.ActionDescribeVpnGateway); n != 1 {
		t.Fatalf("a read at snapshotMaxAge: %d DescribeVpnGateway, want 1 (%v)", n, w.actions)
	}

	// Idle: a new list, a read just inside snapshotTTL, then a pause of snapshotTTL ends it.
	if _, errs := w.readAll(ids, defaultVpc); errors.Join(errs...) != nil {
		t.Fatal(errors.Join(errs...))
	}
	w.reset()
	w.advance(snapshotTTL - time.Millisecond)
	readOne()
	if n := sent(); n != 0 {
		t.Fatalf("a read %s after the list sent %v", snapshotTTL-time.Millisecond, w.actions)
	}
	w.advance(snapshotTTL)
	readOne()
	if n := w.count(vpcapi.ActionDescribeVpnGateway); n != 1 {
		t.Fatalf("a read after a pause of %s: %d DescribeVpnGateway, want 1 (%v)", snapshotTTL, n, w.actions)
	}
}

// A mutation through the client drops a snapshot its reads were keeping alive.
func TestReadVpnGatewaySnapshotEndsWithAMutation(t *testing.T) {
	w := newSimWorld(t)
	ids := w.create(t, batchThreshold, nil)
	if _, errs := w.readAll(ids, defaultVpc); errors.Join(errs...) != nil {
		t.Fatal(errors.Join(errs...))
	}
	w.advance(snapshotTTL / 2)
	w.tagAll(t, ids[:1])
	w.reset()
	gws, errs := w.readAll(ids[:1], defaultVpc)
	if errs[0] != nil {
		t.Fatal(errs[0])
	}
	if got, _ := TagsFromAnswer(gws[0].Tags); !maps.Equal(got, map[string]string{"n": "0"}) {
		t.Errorf("read after tagging: tags %v, want n = 0", got)
	}
	if n := w.count(vpcapi.ActionDescribeVpnGateway); n != 1 {
		t.Errorf("read after tagging: %v, want 1 DescribeVpnGateway", w.actions)
	}
}
