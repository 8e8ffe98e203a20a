package clienttoken

import (
	"testing"
	"time"
)

// TestClientTokensExpire reaches what the API cannot within a signature's 15-minute window: a
// day of client tokens.
func TestClientTokensExpire(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ts := NewStore(nil)
	ts.Record(&Entry{Key: "CreateVpnGateway/a", At: t0})
	ts.Record(&Entry{Key: "CreateVpnGateway/b", At: t0.Add(time.Hour)})
	if ts.Lookup("CreateVpnGateway/a", t0.Add(TTL-time.Second)) == nil {
		t.Fatal("forgotten within 24 hours")
	}
	if ts.Lookup("CreateVpnGateway/a", t0.Add(TTL)) != nil {
		t.Fatal("remembered after 24 hours")
	}
	if ts.Lookup("CreateVpnGateway/b", t0.Add(TTL)) == nil || len(ts.queue) != 1 {
		t.Fatalf("the younger token went too: %d left", len(ts.queue))
	}
}
