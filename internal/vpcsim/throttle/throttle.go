// Package throttle is the API's per-user flow control: a token bucket per access key and action.
package throttle

import (
	"math"
	"time"

	"golang.org/x/time/rate"
)

// Buckets are the token buckets of one simulator, created as requests come. They are not safe
// for concurrent use: the simulator holds its lock around Allow.
type Buckets struct {
	qps      float64
	limiters map[string]*rate.Limiter
}

// New returns buckets that let qps requests a second through per access key and action; 0 lets
// every request through.
func New(qps float64) *Buckets {
	return &Buckets{qps: qps, limiters: map[string]*rate.Limiter{}}
}

// Allow takes a token from the bucket of this access key and action, as the real API's per-user
// flow control does. Buckets refill on the caller's clock (now), so a test that fixes
// Config.Now sees exactly Config.QPS requests pass and the rest refused.
func (b *Buckets) Allow(keyID, action string, now time.Time) bool {
	if b.qps == 0 {
		return true
	}
	k := keyID + "\n" + action
	lim := b.limiters[k]
	if lim == nil {
		lim = rate.NewLimiter(rate.Limit(b.qps), max(1, int(math.Ceil(b.qps))))
		b.limiters[k] = lim
	}
	return lim.AllowN(now, 1)
}
