package vpcsim

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
)

// Faults are failures injected into API requests so that tests can prove a client survives
// them. The JSON body of POST /_sim/faults uses these lowerCamel names.
type Faults struct {
	Actions    []string `json:"actions,omitempty"`    // empty: every action
	ErrorRate  float64  `json:"errorRate,omitempty"`  // chance a matching request fails BEFORE taking effect
	ErrorCount int      `json:"errorCount,omitempty"` // the next N matching requests fail before taking effect
	Codes      []string `json:"codes,omitempty"`      // which failures: InternalError (500), ServiceUnavailable (503), Throttling.User (400); empty: the first two
	DropCount  int      `json:"dropCount,omitempty"`  // the next N matching requests TAKE EFFECT, then the connection is closed with no answer
	// EffectErrorCount: the next N matching requests TAKE EFFECT, then answer 500 InternalError,
	// as a real backend does when it fails after committing: the client hears "failed" about a
	// change that happened, and only a retry with the same ClientToken or a read tells it so.
	EffectErrorCount int      `json:"effectErrorCount,omitempty"`
	Latency          Duration `json:"latency,omitempty"` // extra latency per request; JSON "250ms"
}

// Duration is a time.Duration written in JSON as a Go duration string such as "250ms".
type Duration time.Duration

// MarshalJSON writes the duration as a string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

// UnmarshalJSON reads a duration string, or a number of nanoseconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var ns int64
		if err := json.Unmarshal(b, &ns); err != nil {
			return fmt.Errorf("latency: want a duration such as \"250ms\", got %s", b)
		}
		*d = Duration(ns)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("latency: %w", err)
	}
	*d = Duration(v)
	return nil
}

// faultCodes are the failures a fault can inject.
var faultCodes = []string{vpcapi.CodeInternalError, vpcapi.CodeServiceUnavailable, vpcapi.CodeThrottlingUser}

func (f Faults) validate() error {
	if f.ErrorRate < 0 || f.ErrorRate > 1 {
		return fmt.Errorf("errorRate must be within [0, 1], got %v", f.ErrorRate)
	}
	if f.ErrorCount < 0 || f.DropCount < 0 || f.EffectErrorCount < 0 || f.Latency < 0 {
		return fmt.Errorf("errorCount, dropCount, effectErrorCount and latency must not be negative")
	}
	for _, c := range f.Codes {
		if !slices.Contains(faultCodes, c) {
			return fmt.Errorf("code %q is not one of %v", c, faultCodes)
		}
	}
	for _, a := range f.Actions {
		if _, ok := actions[a]; !ok {
			return fmt.Errorf("action %q is not an action vpcsim serves", a)
		}
	}
	return nil
}

// SetFaults replaces the injected faults; the zero Faults injects none. Codes that are not
// fault codes are treated as InternalError (POST /_sim/faults refuses them instead).
func (s *Sim) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.Actions = slices.Clone(f.Actions)
	f.Codes = slices.Clone(f.Codes)
	s.faults = f
}

// faultPlan is what the faults decided for one request.
type faultPlan struct {
	fail    *apierr.Error // answer this instead of performing the action
	drop    bool          // perform the action, then close the connection unanswered
	after   *apierr.Error // perform the action, then answer this instead of its result
	latency time.Duration // wait this long first
}

// planFaultLocked decides, and counts down, the faults for one request of action. A failure before
// the effect is preferred to one after it, and an error answer after the effect to a drop, so that
// ErrorCount, EffectErrorCount and DropCount together fail first, then fail late, then drop.
func (s *Sim) planFaultLocked(action string) faultPlan {
	f := &s.faults
	if len(f.Actions) > 0 && !slices.Contains(f.Actions, action) {
		return faultPlan{}
	}
	p := faultPlan{latency: time.Duration(f.Latency)}
	switch {
	case f.ErrorCount > 0:
		f.ErrorCount--
		p.fail = faultError(f.pickCode())
	case f.ErrorRate > 0 && rand.Float64() < f.ErrorRate:
		p.fail = faultError(f.pickCode())
	case f.EffectErrorCount > 0:
		f.EffectErrorCount--
		p.after = apierr.Internal()
	case f.DropCount > 0:
		f.DropCount--
		p.drop = true
	}
	return p
}

func (f *Faults) pickCode() string {
	codes := f.Codes
	if len(codes) == 0 {
		codes = faultCodes[:2]
	}
	return codes[rand.IntN(len(codes))]
}

// faultError is the answer an injected fault gives for code, one of faultCodes.
func faultError(code string) *apierr.Error {
	switch code {
	case vpcapi.CodeServiceUnavailable:
		return apierr.Unavailable()
	case vpcapi.CodeThrottlingUser:
		return apierr.Throttled()
	default:
		return apierr.Internal()
	}
}

// dropConnection closes the client's connection without a byte of answer, so that the client
// sees a transport error after the action took effect. A writer that cannot be hijacked (HTTP/2)
// gets the server's own abort, which resets the stream just as silently.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close() // the point is to leave the client without an answer; a close error changes nothing
}
