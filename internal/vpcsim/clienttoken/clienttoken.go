// Package clienttoken keeps the first answer to each request that carried a ClientToken, so that
// a retry with the same token gets that answer again instead of a second effect.
package clienttoken

import (
	"bytes"
	"encoding/json"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
)

// TTL is how long a ClientToken keeps its first answer.
const TTL = 24 * time.Hour

// idempotentActions are the actions that take a ClientToken; the others ignore one.
var idempotentActions = map[string]bool{
	vpcapi.ActionCreateVpnGateway:          true,
	vpcapi.ActionModifyVpnGatewayAttribute: true,
	vpcapi.ActionDeleteVpnGateway:          true,
}

// Takes reports whether action takes a ClientToken; the others ignore one.
func Takes(action string) bool { return idempotentActions[action] }

// Check refuses a ClientToken the API would not take.
func Check(token string) *apierr.Error {
	if len(token) > 64 {
		return apierr.InvalidParameter("ClientToken", "it is longer than 64 characters")
	}
	for i := 0; i < len(token); i++ {
		if token[i] < 0x20 || token[i] > 0x7e {
			return apierr.InvalidParameter("ClientToken", "it may contain printable ASCII characters only")
		}
	}
	return nil
}

// Entry is the first successful answer to a request that carried a ClientToken. It is
// stored verbatim, so a retry gets the same gateway ID and order ID byte for byte.
type Entry struct {
	Key         string          `json:"key"` // action "/" token
	Fingerprint string          `json:"fingerprint"`
	RequestID   string          `json:"requestId"`
	Body        json.RawMessage `json:"body"`
	At          time.Time       `json:"at"`
}

// Store keeps answers oldest first, so that expired ones are dropped from the front.
type Store struct {
	byKey map[string]*Entry
	queue []*Entry
}

// NewStore is a store holding entries, oldest first, as Entries lists them.
func NewStore(entries []*Entry) *Store {
	t := &Store{byKey: map[string]*Entry{}}
	for _, e := range entries {
		t.byKey[e.Key] = e
		t.queue = append(t.queue, e)
	}
	return t
}

// Lookup is the unexpired entry under key, if there is one.
func (t *Store) Lookup(key string, now time.Time) *Entry {
	t.expire(now)
	return t.byKey[key]
}

// Record keeps e as the first answer under its key.
func (t *Store) Record(e *Entry) {
	t.byKey[e.Key] = e
	t.queue = append(t.queue, e)
}

func (t *Store) expire(now time.Time) {
	n := 0
	for n < len(t.queue) && !now.Before(t.queue[n].At.Add(TTL)) {
		if t.byKey[t.queue[n].Key] == t.queue[n] {
			delete(t.byKey, t.queue[n].Key)
		}
		n++
	}
	if n > 0 {
		t.queue = append(t.queue[:0:0], t.queue[n:]...)
	}
}

// Entries are the entries kept, oldest first, for the state file.
func (t *Store) Entries() []*Entry { return t.queue }

// Replay is the stored answer under a new request ID: the same result, a distinct exchange.
func (e *Entry) Replay(requestID string) []byte {
	return bytes.Replace(e.Body, []byte(e.RequestID), []byte(requestID), 1)
}
