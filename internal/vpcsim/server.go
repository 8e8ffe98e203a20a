package vpcsim

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/apierr"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/clienttoken"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/request"
)

// Every handler validates the whole request before it changes anything, so that an error answer
// never leaves a half-made change behind.

// actions maps each served action to its handler.
var actions = map[string]func(*Sim, *request.Call, *exchange) (any, *apierr.Error){
	vpcapi.ActionCreateVpnGateway:          (*Sim).createVpnGateway,
	vpcapi.ActionDescribeVpnGateway:        (*Sim).describeVpnGateway,
	vpcapi.ActionDescribeVpnGateways:       (*Sim).describeVpnGateways,
	vpcapi.ActionModifyVpnGatewayAttribute: (*Sim).modifyVpnGatewayAttribute,
	vpcapi.ActionDeleteVpnGateway:          (*Sim).deleteVpnGateway,
	vpcapi.ActionDescribeVpcs:              (*Sim).describeVpcs,
	vpcapi.ActionDescribeVSwitches:         (*Sim).describeVSwitches,
	vpcapi.ActionDescribeRegions:           (*Sim).describeRegions,
	vpcapi.ActionTagResources:              (*Sim).tagResources,
	vpcapi.ActionUnTagResources:            (*Sim).unTagResources,
	vpcapi.ActionListTagResources:          (*Sim).listTagResources,
	vpcapi.ActionMoveVpnResourceGroup:      (*Sim).moveVpnResourceGroup,
}

// served reports whether vpcsim serves action.
func served(action string) bool {
	_, ok := actions[action]
	return ok
}

// The network actions read only the fixed networks, every one of them in the default resource
// group.
func (s *Sim) describeVpcs(c *request.Call, x *exchange) (any, *apierr.Error) {
	return s.regions.DescribeVpcs(c, x.requestID, DefaultResourceGroupID)
}

func (s *Sim) describeVSwitches(c *request.Call, x *exchange) (any, *apierr.Error) {
	return s.regions.DescribeVSwitches(c, x.requestID, DefaultResourceGroupID)
}

func (s *Sim) describeRegions(c *request.Call, x *exchange) (any, *apierr.Error) {
	return s.regions.DescribeRegions(c, x.requestID)
}

// serveAPI runs one API request through the stages the real endpoint has: parse, authenticate,
// flow control, then the action. Faults sit between flow control and the action, where a real
// backend fails; the state file is written before the answer leaves.
func (s *Sim) serveAPI(w http.ResponseWriter, r *http.Request) {
	requestID := apierr.NewRequestID()
	c, aerr := request.Read(r, served)
	action := statsAction(c.Action)
	s.arrive(requestID, action)
	if aerr != nil {
		s.answerError(w, c, action, requestID, aerr)
		return
	}
	plan, aerr := s.admit(c, requestID)
	if aerr != nil {
		s.answerError(w, c, action, requestID, aerr)
		return
	}
	wait(r.Context(), plan.latency)
	if plan.fail != nil {
		s.answerError(w, c, action, requestID, plan.fail)
		return
	}
	// A delayed request takes effect whether its client still waits or not, as a backend that
	// got it does.
	wait(context.Background(), plan.delay)
	body, aerr := s.perform(c, requestID, plan)
	if aerr != nil {
		s.answerError(w, c, action, requestID, aerr)
		return
	}
	wait(r.Context(), plan.hold)
	if plan.after != nil {
		s.answerError(w, c, action, requestID, plan.after)
		return
	}
	if plan.drop {
		s.countDropped(requestID, action)
		dropConnection(w)
		return
	}
	writeJSON(w, http.StatusOK, requestID, body)
	s.count(requestID, action, http.StatusOK, "")
}

// admit authenticates c, applies flow control and plans the faults for it.
func (s *Sim) admit(c *request.Call, requestID string) (faultPlan, *apierr.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return faultPlan{}, apierr.Unavailable()
	}
	key, serr := s.signatures.Check(c.Signed(), s.now())
	if serr != nil {
		return faultPlan{}, apierr.FromSignature(serr)
	}
	if !s.buckets.Allow(key.ID, c.Action, s.now()) {
		return faultPlan{}, apierr.Throttled()
	}
	p := s.planFaultLocked(c)
	s.requests.setFault(requestID, p.name)
	return p, nil
}

// perform runs the action, honouring ClientToken idempotency, and persists what changed. It
// returns the answer's JSON.
func (s *Sim) perform(c *request.Call, requestID string, plan faultPlan) ([]byte, *apierr.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, apierr.Unavailable()
	}
	x := &exchange{now: s.now(), requestID: requestID}
	var tokenKey, fingerprint string
	if token := c.Get("ClientToken"); token != "" && clienttoken.Takes(c.Action) {
		if aerr := clienttoken.Check(token); aerr != nil {
			return nil, aerr
		}
		tokenKey, fingerprint = c.Action+"/"+token, c.Fingerprint()
		if first := s.state.tokens.Lookup(tokenKey, x.now); first != nil {
			if first.Fingerprint != fingerprint {
				return nil, apierr.IdempotentMismatch()
			}
			return first.Replay(requestID), nil
		}
	}
	named := s.namedGatewaysLocked(c, plan)
	answer, aerr := actions[c.Action](s, c, x)
	if aerr != nil {
		return nil, aerr
	}
	body, err := json.Marshal(answer)
	if err != nil {
		return nil, apierr.Internal()
	}
	if tokenKey != "" {
		s.state.tokens.Record(&clienttoken.Entry{Key: tokenKey, Fingerprint: fingerprint, RequestID: requestID, Body: body, At: x.now})
		x.mutated = true
	}
	if x.mutated {
		if err := s.commitLocked(); err != nil {
			return nil, apierr.Internal()
		}
	}
	s.tookEffectLocked(c, answer, named, x, plan)
	return body, nil
}

// withRequestID is a gateway's answer as a whole answer body.
func withRequestID(a map[string]any, requestID string) map[string]any {
	a["RequestId"] = requestID
	return a
}

type requestIDAnswer struct {
	RequestID string `json:"RequestId"`
}

// exchange carries what a handler needs besides the call, and what it reports back.
type exchange struct {
	now       time.Time
	requestID string
	mutated   bool // the state changed and must be written before the answer is sent
}

func (s *Sim) answerError(w http.ResponseWriter, c *request.Call, action, requestID string, e *apierr.Error) {
	body, _ := json.Marshal(apierr.Body{
		RequestID: requestID,
		HostID:    c.Host,
		Code:      e.Code,
		Message:   e.Message,
		Recommend: apierr.RecommendURL(e.Code, requestID),
	})
	writeJSON(w, e.Status, requestID, body)
	s.count(requestID, action, e.Status, e.Code)
}

func writeJSON(w http.ResponseWriter, status int, requestID string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	h.Set("x-acs-request-id", requestID)
	w.WriteHeader(status)
	_, _ = w.Write(body) // a client that went away cannot be told anything more
}
