package signature

import "time"

const (
	// nonceTTL is how long a nonce is remembered: a request stamped up to a window in the future
	// stays acceptable for two windows, and its nonce must outlive that.
	nonceTTL = 2 * timestampWindow
	// maxNonces bounds the nonce memory. Past it the oldest nonces are forgotten early, which
	// only matters to a client sending more than this many requests in half an hour.
	maxNonces = 1 << 18
)

// nonceCache remembers the nonces of accepted requests for nonceTTL, oldest first, so that
// forgetting is cheap and memory stays bounded.
type nonceCache struct {
	until map[string]time.Time
	queue []nonceEntry
	head  int
}

type nonceEntry struct {
	key   string
	until time.Time
}

func newNonceCache() *nonceCache { return &nonceCache{until: map[string]time.Time{}} }

// use records key and reports whether it was fresh.
func (n *nonceCache) use(key string, now time.Time) bool {
	for n.head < len(n.queue) && (!n.queue[n.head].until.After(now) || len(n.queue)-n.head >= maxNonces) {
		e := n.queue[n.head]
		if n.until[e.key].Equal(e.until) {
			delete(n.until, e.key)
		}
		n.queue[n.head] = nonceEntry{}
		n.head++
	}
	if n.head > len(n.queue)/2 {
		n.queue = append(n.queue[:0], n.queue[n.head:]...)
		n.head = 0
	}
	if until, ok := n.until[key]; ok && until.After(now) {
		return false
	}
	until := now.Add(nonceTTL)
	n.until[key] = until
	n.queue = append(n.queue, nonceEntry{key: key, until: until})
	return true
}
