package vpcsim

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
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

// dryRunActions are the served actions whose reference documents DryRun (the SDK's
// DescribeVpcsRequest and DescribeVSwitchesRequest); they answer it themselves. Any other action
// refuses a DryRun other than "false" rather than perform the real call a client meant only to try.
var dryRunActions = []string{vpcapi.ActionDescribeVpcs, vpcapi.ActionDescribeVSwitches}

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
	if err := request.WriteAnswer(w, c, requestID, body); err != nil {
		s.answerError(w, c, action, requestID, apierr.New(http.StatusInternalServerError, vpcapi.CodeInternalError, "%v", err))
		return
	}
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
	if refusal := s.buckets.Take(key.ID, c.Action, s.now()); refusal != nil {
		return faultPlan{}, apierr.ThrottledBy(refusal)
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
	if c.Has("DryRun") && c.Get("DryRun") != "false" && !slices.Contains(dryRunActions, c.Action) {
		return nil, apierr.InvalidParameter("DryRun", "%s takes no DryRun: its reference documents none, and it would have been performed", c.Action)
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
	request.WriteError(w, c, requestID, e)
	s.count(requestID, action, e.Status, e.Code)
}
