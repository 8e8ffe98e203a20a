// Package throttle is the API's per-user flow control: a token bucket per access key and action.
package throttle

import (
	"math"
	"time"

	"golang.org/x/time/rate"
)

// Buckets are the token buckets of one simulator, created as requests come. They are not safe
// for concurrent use: the simulator holds its lock around Take.
type Buckets struct {
	qps      float64
	limiters map[string]*rate.Limiter
}

// New returns buckets that let qps requests a second through per access key and action; 0 lets
// every request through.
func New(qps float64) *Buckets {
	return &Buckets{qps: qps, limiters: map[string]*rate.Limiter{}}
}

// Refusal is what a throttled request is told: how long until its bucket holds a token again,
// and how many requests a second the bucket lets through.
type Refusal struct {
	Wait  time.Duration
	Limit int
}

// Take takes a token from the bucket of this access key and action, as the real API's per-user
// flow control does, and returns nil; with none left it takes nothing and says how long until
// there is one. Buckets refill on the caller's clock (now), so a test that fixes Config.Now sees
// exactly Config.QPS requests pass, the rest refused, and the same wait each time.
func (b *Buckets) Take(keyID, action string, now time.Time) *Refusal {
	if b.qps == 0 {
		return nil
	}
	k := keyID + "\n" + action
	lim := b.limiters[k]
	if lim == nil {
		lim = rate.NewLimiter(rate.Limit(b.qps), b.burst())
		b.limiters[k] = lim
	}
	if lim.AllowN(now, 1) {
		return nil
	}
	missing := 1 - lim.TokensAt(now)
	// Whole milliseconds, rounded up, as the hint headers carry them: a client that waits the
	// hint finds the token there. The microsecond rounding first keeps float noise (a wait of
	// 1.0000000001 ms) from adding a millisecond.
	ms := max(1, int64(math.Ceil(math.Round(missing/b.qps*1e6)/1e3)))
	return &Refusal{Wait: time.Duration(ms) * time.Millisecond, Limit: b.burst()}
}

func (b *Buckets) burst() int { return max(1, int(math.Ceil(b.qps))) }
