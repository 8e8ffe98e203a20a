package gateway

import (
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// These tests reach what the API cannot within a signature's 15-minute window: months of
// subscription.

func TestSubscriptionEnd(t *testing.T) {
	st := &Settings{ProvisionDelay: time.Minute}
	created := time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)
	g := &Record{ChargeType: vpcapi.ChargeTypePrepay, Bandwidth: 5, CreatedAt: created, StartedAt: created, EndsAt: created.AddDate(0, 1, 0)}
	during := created.Add(24 * time.Hour)
	if v := g.View(during, st); v.ChargeType != "Prepay" || v.BusinessStatus != vpcapi.BusinessStatusNormal || v.EndTime != g.EndsAt.UnixMilli() || !g.InSubscription(during) {
		t.Fatalf("during the subscription: %+v", v)
	}
	after := g.EndsAt
	if v := g.View(after, st); v.BusinessStatus != vpcapi.BusinessStatusFinancialLocked || g.InSubscription(after) {
		t.Fatalf("after the subscription: %+v", v)
	}
}

func TestStatusPhases(t *testing.T) {
	st := &Settings{ProvisionDelay: 40 * time.Second, DeleteDelay: 5 * time.Second}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	unpaid := &Record{CreatedAt: t0}
	if s, _ := unpaid.Status(t0.Add(time.Hour), st); s != vpcapi.StatusInit {
		t.Fatalf("unpaid: %s", s)
	}
	g := &Record{CreatedAt: t0, StartedAt: t0, UpdatingUntil: t0.Add(50 * time.Second)}
	for _, step := range []struct {
		at   time.Duration
		want string
	}{{0, "init"}, {9 * time.Second, "init"}, {10 * time.Second, "provisioning"}, {39 * time.Second, "provisioning"}, {40 * time.Second, "updating"}, {50 * time.Second, "active"}} {
		if s, gone := g.Status(t0.Add(step.at), st); s != step.want || gone {
			t.Errorf("at %v: %s (gone %v), want %s", step.at, s, gone, step.want)
		}
	}
	g.ForcedStatus = vpcapi.StatusUpdating
	if s, _ := g.Status(t0.Add(time.Hour), st); s != vpcapi.StatusUpdating {
		t.Fatalf("forced: %s", s)
	}
	g.DeletedAt = t0.Add(time.Hour)
	if s, gone := g.Status(g.DeletedAt.Add(4*time.Second), st); s != vpcapi.StatusDeleting || gone {
		t.Fatalf("deleting: %s %v", s, gone)
	}
	if _, gone := g.Status(g.DeletedAt.Add(5*time.Second), st); !gone {
		t.Fatal("not gone after the delete delay")
	}
}
