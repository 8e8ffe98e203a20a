package vpcsim

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
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
	// Rules fail chosen requests of chosen actions, whatever Actions says; the first rule that
	// matches a request applies to it instead of the counters above. Setting the faults restarts
	// the per-action request numbers the rules count.
	Rules []FaultRule `json:"rules,omitempty"`
	// ReadLag makes the reads answer a gateway as it was before each write to it, for that long
	// after the write (see readlag.go).
	ReadLag Duration `json:"readLag,omitempty"`
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
			return fmt.Errorf("want a duration such as \"250ms\", got %s", b)
		}
		*d = Duration(ns)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// faultCodes are the failures a fault injects by default, and the throttling one.
var faultCodes = []string{vpcapi.CodeInternalError, vpcapi.CodeServiceUnavailable, vpcapi.CodeThrottlingUser}

// busyCodes are what the API answers a change to a gateway in a transition (README, the "busy"
// row of the table in "Dialects").
var busyCodes = []string{vpcapi.CodeVpnGatewayConfiguring, vpcapi.CodeIncorrectStatus, vpcapi.CodeOperationConflict}

// refuseCodes are every failure a fault can inject before the effect.
var refuseCodes = slices.Concat(faultCodes, busyCodes)

func (f Faults) validate() error {
	if f.ErrorRate < 0 || f.ErrorRate > 1 {
		return fmt.Errorf("errorRate must be within [0, 1], got %v", f.ErrorRate)
	}
	if f.ErrorCount < 0 || f.DropCount < 0 || f.EffectErrorCount < 0 || f.Latency < 0 || f.ReadLag < 0 {
		return fmt.Errorf("errorCount, dropCount, effectErrorCount, latency and readLag must not be negative")
	}
	for _, c := range f.Codes {
		if !slices.Contains(refuseCodes, c) {
			return fmt.Errorf("code %q is not one of %v", c, refuseCodes)
		}
	}
	for _, r := range f.Rules {
		if err := r.validate(); err != nil {
			return err
		}
	}
	for _, a := range f.Actions {
		if _, ok := actions[a]; !ok {
			return fmt.Errorf("action %q is not an action vpcsim serves", a)
		}
	}
	return nil
}

// SetFaults replaces the injected faults and restarts the request numbers of the rules; the zero
// Faults injects none. A read lag set earlier ends at once. It takes the faults as they are (POST
// /_sim/faults refuses invalid ones instead): a code that is not a fault code answers
// InternalError, and a rule of an unknown kind matches but injects nothing.
func (s *Sim) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setFaultsLocked(f)
}

func (s *Sim) setFaultsLocked(f Faults) {
	s.faults = f.clone()
	s.ruleCounts = map[string]int{}
	s.lag = map[string][]lagVersion{}
}

// Faults returns the faults in force.
func (s *Sim) Faults() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults.clone()
}

// clone is f with lists of its own, so that neither the caller nor the Sim changes the other's.
func (f Faults) clone() Faults {
	f.Actions = slices.Clone(f.Actions)
	f.Codes = slices.Clone(f.Codes)
	f.Rules = slices.Clone(f.Rules)
	return f
}

// faultPlan is what the faults decided for one request.
type faultPlan struct {
	name      string        // the fault that applies, as GET /_sim/requests shows it; "": none
	fail      *apierr.Error // answer this instead of performing the action
	drop      bool          // perform the action, then close the connection unanswered
	after     *apierr.Error // perform the action, then answer this instead of its result
	latency   time.Duration // wait this long first
	delay     time.Duration // wait this long, whether the client waits or not, then perform
	hold      time.Duration // perform, then wait this long before answering
	status    string        // perform, then hold the gateways of the request in this status...
	statusFor time.Duration // ...for this long
}

// planFaultLocked decides, and counts down, the faults for one request. A rule that matches
// applies alone; otherwise a failure before the effect is preferred to one after it, and an error
// answer after the effect to a drop, so that ErrorCount, EffectErrorCount and DropCount together
// fail first, then fail late, then drop. Latency applies with either.
func (s *Sim) planFaultLocked(c *request.Call) faultPlan {
	f := &s.faults
	rule, ruled := s.planRuleLocked(c)
	if len(f.Actions) > 0 && !slices.Contains(f.Actions, c.Action) {
		return rule
	}
	p := rule
	p.latency = time.Duration(f.Latency)
	if ruled {
		return p
	}
	if p.latency > 0 {
		p.name = "latency"
	}
	switch {
	case f.ErrorCount > 0:
		f.ErrorCount--
		p.fail, p.name = faultError(f.pickCode()), FaultRefuse
	case f.ErrorRate > 0 && rand.Float64() < f.ErrorRate:
		p.fail, p.name = faultError(f.pickCode()), FaultRefuse
	case f.EffectErrorCount > 0:
		f.EffectErrorCount--
		p.after, p.name = apierr.Internal(), FaultEffectError
	case f.DropCount > 0:
		f.DropCount--
		p.drop, p.name = true, FaultDrop
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

// faultError is the answer an injected fault gives for code, one of refuseCodes.
func faultError(code string) *apierr.Error {
	switch code {
	case vpcapi.CodeServiceUnavailable:
		return apierr.Unavailable()
	case vpcapi.CodeThrottlingUser:
		return apierr.Throttled()
	case vpcapi.CodeVpnGatewayConfiguring:
		return apierr.Configuring()
	case vpcapi.CodeIncorrectStatus:
		return apierr.IncorrectStatus(vpcapi.StatusUpdating)
	case vpcapi.CodeOperationConflict:
		return apierr.OperationConflict()
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

// wait waits d, or until ctx is done.
func wait(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
