package vpcsim

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// These tests reach what the API cannot within a signature's 15-minute window: months of
// subscription, a day of client tokens, half an hour of nonces.

func TestSubscriptionEnd(t *testing.T) {
	cfg := &Config{ProvisionDelay: time.Minute}
	created := time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)
	g := &gateway{ChargeType: vpcapi.ChargeTypePrepay, Bandwidth: 5, CreatedAt: created, StartedAt: created, EndsAt: created.AddDate(0, 1, 0)}
	during := created.Add(24 * time.Hour)
	if v := g.view(during, cfg); v.ChargeType != "Prepay" || v.BusinessStatus != vpcapi.BusinessStatusNormal || v.EndTime != g.EndsAt.UnixMilli() || !g.inSubscription(during) {
		t.Fatalf("during the subscription: %+v", v)
	}
	after := g.EndsAt
	if v := g.view(after, cfg); v.BusinessStatus != vpcapi.BusinessStatusFinancialLocked || g.inSubscription(after) {
		t.Fatalf("after the subscription: %+v", v)
	}
}

func TestStatusPhases(t *testing.T) {
	cfg := &Config{ProvisionDelay: 40 * time.Second, UpdateDelay: 10 * time.Second, DeleteDelay: 5 * time.Second}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	unpaid := &gateway{CreatedAt: t0}
	if s, _ := unpaid.status(t0.Add(time.Hour), cfg); s != vpcapi.StatusInit {
		t.Fatalf("unpaid: %s", s)
	}
	g := &gateway{CreatedAt: t0, StartedAt: t0, UpdatingUntil: t0.Add(50 * time.Second)}
	for _, step := range []struct {
		at   time.Duration
		want string
	}{{0, "init"}, {9 * time.Second, "init"}, {10 * time.Second, "provisioning"}, {39 * time.Second, "provisioning"}, {40 * time.Second, "updating"}, {50 * time.Second, "active"}} {
		if s, gone := g.status(t0.Add(step.at), cfg); s != step.want || gone {
			t.Errorf("at %v: %s (gone %v), want %s", step.at, s, gone, step.want)
		}
	}
	g.ForcedStatus = vpcapi.StatusUpdating
	if s, _ := g.status(t0.Add(time.Hour), cfg); s != vpcapi.StatusUpdating {
		t.Fatalf("forced: %s", s)
	}
	g.DeletedAt = t0.Add(time.Hour)
	if s, gone := g.status(g.DeletedAt.Add(4*time.Second), cfg); s != vpcapi.StatusDeleting || gone {
		t.Fatalf("deleting: %s %v", s, gone)
	}
	if _, gone := g.status(g.DeletedAt.Add(5*time.Second), cfg); !gone {
		t.Fatal("not gone after the delete delay")
	}
}

func TestClientTokensExpire(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ts := newTokenStore(nil)
	ts.record(&tokenEntry{Key: "CreateVpnGateway/a", At: t0})
	ts.record(&tokenEntry{Key: "CreateVpnGateway/b", At: t0.Add(time.Hour)})
	if ts.lookup("CreateVpnGateway/a", t0.Add(clientTokenTTL-time.Second)) == nil {
		t.Fatal("forgotten within 24 hours")
	}
	if ts.lookup("CreateVpnGateway/a", t0.Add(clientTokenTTL)) != nil {
		t.Fatal("remembered after 24 hours")
	}
	if ts.lookup("CreateVpnGateway/b", t0.Add(clientTokenTTL)) == nil || len(ts.queue) != 1 {
		t.Fatalf("the younger token went too: %d left", len(ts.queue))
	}
}

func TestDurationJSON(t *testing.T) {
	var f Faults
	if err := json.Unmarshal([]byte(`{"latency":"250ms"}`), &f); err != nil || time.Duration(f.Latency) != 250*time.Millisecond {
		t.Fatalf("%v %v", err, f.Latency)
	}
	b, err := json.Marshal(Faults{Latency: Duration(2 * time.Second)})
	if err != nil || string(b) != `{"latency":"2s"}` {
		t.Fatalf("%s %v", b, err)
	}
	if err := json.Unmarshal([]byte(`{"latency":true}`), &f); err == nil {
		t.Fatal("a boolean latency was accepted")
	}
}

// TestRegionNames: every region a network may be added in has a name in both languages.
func TestRegionNames(t *testing.T) {
	for _, id := range vpcapi.Regions {
		if names, ok := regionNames[id]; !ok || names[0] == "" || names[1] == "" {
			t.Errorf("region %s has names %q", id, names)
		}
	}
}
