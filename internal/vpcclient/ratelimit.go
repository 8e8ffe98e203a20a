package vpcclient

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/time/rate"
)

// DefaultRateLimit is the client-side pace, in requests per second per API action, of every
// client that shares one endpoint and one access key. The VPC API counts its limits per action
// and per account; staying under them costs less than being throttled and retrying.
const DefaultRateLimit = 20

// burstFraction divides the per-second limit into a bucket's burst.
const burstFraction = 4

// limiterSet paces one (endpoint, access key) pair: one token bucket per action.
//
// A bucket's burst is a quarter of its per-second limit, not a full second's worth. Every Terraform
// command starts a new provider process with full buckets, while the API's own bucket for the
// account still holds what the previous command spent a moment ago: a full second's burst on top of
// the steady pace is exactly what the API throttles.
type limiterSet struct {
	limit rate.Limit
	burst int

	mu      sync.Mutex
	actions map[string]*rate.Limiter
}

func (s *limiterSet) wait(ctx context.Context, action string) error {
	s.mu.Lock()
	l, ok := s.actions[action]
	if !ok {
		l = rate.NewLimiter(s.limit, s.burst)
		s.actions[action] = l
	}
	s.mu.Unlock()
	if err := l.Wait(ctx); err != nil {
		if ctx.Err() == nil {
			// The limiter refuses at once when the next slot comes after ctx's deadline; that is
			// the operation's timeout, and reads as one.
			return fmt.Errorf("client-side rate limit of %s: the next request slot comes after the deadline: %w (%w)",
				action, context.DeadlineExceeded, err)
		}
		return err
	}
	return nil
}

// limiters is process-wide: Terraform may configure several instances of the provider (aliases)
// in one plugin process, and clients that share an endpoint and a key share that key's quota.
var limiters = struct {
	mu   sync.Mutex
	sets map[string]*limiterSet
}{sets: map[string]*limiterSet{}}

// sharedLimiter returns the limiter set for key, creating it with perSecond (<0: unlimited) if it
// is the first client for that key; later clients share the first one's pace.
func sharedLimiter(key string, perSecond float64) *limiterSet {
	limiters.mu.Lock()
	defer limiters.mu.Unlock()
	if s, ok := limiters.sets[key]; ok {
		return s
	}
	s := &limiterSet{limit: rate.Inf, actions: map[string]*rate.Limiter{}}
	if perSecond >= 0 {
		s.limit = rate.Limit(perSecond)
		s.burst = max(1, int(perSecond/burstFraction))
	}
	limiters.sets[key] = s
	return s
}
