package vpcsim

import (
	"fmt"
	"slices"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// FaultRule injects one failure into chosen requests of one action: every request of it, or only
// its Request-th one counted from when the faults were set, so that a test can fail exactly the
// step it means to.
type FaultRule struct {
	Action  string   `json:"action"`            // an action vpcsim serves
	Request int      `json:"request,omitempty"` // 1-based; 0: every request of Action
	Kind    string   `json:"kind"`              // one of the Fault* kinds
	Code    string   `json:"code,omitempty"`    // FaultRefuse: the error answered (one of refuseCodes); "": InternalError
	For     Duration `json:"for,omitempty"`     // FaultHold, FaultDelay, FaultStatus: how long
	Status  string   `json:"status,omitempty"`  // FaultStatus: init, updating or deleting
}

// The kinds of FaultRule.
const (
	FaultRefuse      = "refuse"      // answer Code before any effect
	FaultEffectError = "effectError" // take effect, then answer 500 InternalError
	FaultDrop        = "drop"        // take effect, then close the connection without a byte
	FaultHold        = "hold"        // take effect at once, write the answer For later
	FaultDelay       = "delay"       // wait For, then take effect and answer, client or not
	FaultStatus      = "status"      // take effect, then hold the gateway in Status for For
)

var faultKinds = []string{FaultRefuse, FaultEffectError, FaultDrop, FaultHold, FaultDelay, FaultStatus}

// heldStatuses are the transitions a FaultStatus rule can hold a gateway in.
var heldStatuses = []string{vpcapi.StatusInit, vpcapi.StatusUpdating, vpcapi.StatusDeleting}

func (r FaultRule) validate() error {
	if _, ok := actions[r.Action]; !ok {
		return fmt.Errorf("rule for action %q: not an action vpcsim serves", r.Action)
	}
	if r.Request < 0 {
		return fmt.Errorf("rule for %s: request must be 0 (every request) or a request number from 1, got %d", r.Action, r.Request)
	}
	if !slices.Contains(faultKinds, r.Kind) {
		return fmt.Errorf("rule for %s: kind %q is not one of %v", r.Action, r.Kind, faultKinds)
	}
	timed := r.Kind == FaultHold || r.Kind == FaultDelay || r.Kind == FaultStatus
	switch {
	case r.Code != "" && r.Kind != FaultRefuse:
		return fmt.Errorf("rule for %s: code applies to kind %s only", r.Action, FaultRefuse)
	case r.Code != "" && !slices.Contains(refuseCodes, r.Code):
		return fmt.Errorf("rule for %s: code %q is not one of %v", r.Action, r.Code, refuseCodes)
	case timed && r.For <= 0:
		return fmt.Errorf("rule for %s: kind %s needs a positive \"for\"", r.Action, r.Kind)
	case !timed && r.For != 0:
		return fmt.Errorf("rule for %s: \"for\" applies to kinds %s, %s and %s only", r.Action, FaultHold, FaultDelay, FaultStatus)
	case r.Kind == FaultStatus && !slices.Contains(heldStatuses, r.Status):
		return fmt.Errorf("rule for %s: status %q is not one of %v", r.Action, r.Status, heldStatuses)
	case r.Kind != FaultStatus && r.Status != "":
		return fmt.Errorf("rule for %s: status applies to kind %s only", r.Action, FaultStatus)
	}
	return nil
}

// ruleFor is the first rule that applies to the n-th request of action, if any.
func ruleFor(rules []FaultRule, action string, n int) (FaultRule, bool) {
	for _, r := range rules {
		if r.Action == action && (r.Request == 0 || r.Request == n) {
			return r, true
		}
	}
	return FaultRule{}, false
}

// planRuleLocked counts a request of c's action and plans the rule that applies to it, if any.
func (s *Sim) planRuleLocked(c *request.Call) (faultPlan, bool) {
	s.ruleCounts[c.Action]++
	r, ok := ruleFor(s.faults.Rules, c.Action, s.ruleCounts[c.Action])
	if !ok {
		return faultPlan{}, false
	}
	p := faultPlan{name: r.Kind}
	d := time.Duration(r.For)
	switch r.Kind {
	case FaultRefuse:
		p.fail = s.refusalLocked(c, r.Code)
	case FaultEffectError:
		p.after = apierr.Internal()
	case FaultDrop:
		p.drop = true
	case FaultHold:
		p.hold = d
	case FaultDelay:
		p.delay = d
	case FaultStatus:
		p.status, p.statusFor = r.Status, d
	}
	return p, true
}

// refusalLocked is the answer of a refusing fault with code; IncorrectStatus.VpnGateway names the
// status of the gateway the call names, as the real refusal does, or "updating" for a call that
// names none.
func (s *Sim) refusalLocked(c *request.Call, code string) *apierr.Error {
	if code != vpcapi.CodeIncorrectStatus {
		return faultError(code)
	}
	status := vpcapi.StatusUpdating
	if g := s.state.gateways[c.Get("VpnGatewayId")]; g != nil {
		if st, gone := g.Status(s.now(), &s.gw); !gone {
			status = st
		}
	}
	return apierr.IncorrectStatus(status)
}

// holdStatusLocked holds the gateways a request created or named in status for d from now. A
// gateway the request deleted at once is put back, so that it can be seen deleting.
func (s *Sim) holdStatusLocked(touched map[string]*gateway.Record, status string, d time.Duration) {
	until := s.now().Add(d)
	for id, g := range touched {
		if g == nil {
			continue
		}
		g.HeldStatus, g.HeldUntil = status, until
		if s.state.gateways[id] == nil {
			s.state.gateways[id] = g
		}
	}
}
