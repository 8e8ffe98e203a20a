package vpcsim

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// clientTokenTTL is how long a ClientToken keeps its first answer.
const clientTokenTTL = 24 * time.Hour

// idempotentActions are the actions that take a ClientToken; the others ignore one.
var idempotentActions = map[string]bool{
	vpcapi.ActionCreateVpnGateway:          true,
	vpcapi.ActionModifyVpnGatewayAttribute: true,
	vpcapi.ActionDeleteVpnGateway:          true,
}

// tokenEntry is the first successful answer to a request that carried a ClientToken. It is
// stored verbatim, so a retry gets the same gateway ID and order ID byte for byte.
type tokenEntry struct {
	Key         string          `json:"key"` // action "/" token
	Fingerprint string          `json:"fingerprint"`
	RequestID   string          `json:"requestId"`
	Body        json.RawMessage `json:"body"`
	At          time.Time       `json:"at"`
}

// tokenStore keeps answers oldest first, so that expired ones are dropped from the front.
type tokenStore struct {
	byKey map[string]*tokenEntry
	queue []*tokenEntry
}

func newTokenStore(entries []*tokenEntry) *tokenStore {
	t := &tokenStore{byKey: map[string]*tokenEntry{}}
	for _, e := range entries {
		t.byKey[e.Key] = e
		t.queue = append(t.queue, e)
	}
	return t
}

func (t *tokenStore) lookup(key string, now time.Time) *tokenEntry {
	t.expire(now)
	return t.byKey[key]
}

func (t *tokenStore) record(e *tokenEntry) {
	t.byKey[e.Key] = e
	t.queue = append(t.queue, e)
}

func (t *tokenStore) expire(now time.Time) {
	n := 0
	for n < len(t.queue) && !now.Before(t.queue[n].At.Add(clientTokenTTL)) {
		if t.byKey[t.queue[n].Key] == t.queue[n] {
			delete(t.byKey, t.queue[n].Key)
		}
		n++
	}
	if n > 0 {
		t.queue = append(t.queue[:0:0], t.queue[n:]...)
	}
}

// replay is the stored answer under a new request ID: the same result, a distinct exchange.
func (e *tokenEntry) replay(requestID string) []byte {
	return bytes.Replace(e.Body, []byte(e.RequestID), []byte(requestID), 1)
}
