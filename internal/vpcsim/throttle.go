package vpcsim

import (
	"math"

	"golang.org/x/time/rate"
)

// allowLocked takes a token from the bucket of this access key and action, as the real API's
// per-user flow control does. Buckets refill on the simulator's clock, so a test that fixes
// Config.Now sees exactly Config.QPS requests pass and the rest refused.
func (s *Sim) allowLocked(keyID, action string) bool {
	if s.cfg.QPS == 0 {
		return true
	}
	k := keyID + "\n" + action
	lim := s.limiters[k]
	if lim == nil {
		lim = rate.NewLimiter(rate.Limit(s.cfg.QPS), max(1, int(math.Ceil(s.cfg.QPS))))
		s.limiters[k] = lim
	}
	return lim.AllowN(s.now(), 1)
}
