package vpcsim

import (
	"encoding/json"
	"net/http"
	"time"
)

// serveAPI runs one API request through the stages the real endpoint has: parse, authenticate,
// flow control, then the action. Faults sit between flow control and the action, where a real
// backend fails; the state file is written before the answer leaves.
func (s *Sim) serveAPI(w http.ResponseWriter, r *http.Request) {
	requestID := newRequestID()
	c, aerr := readCall(r)
	action := statsAction(c.action)
	if aerr != nil {
		s.answerError(w, c, action, requestID, aerr)
		return
	}
	plan, aerr := s.admit(c)
	if aerr != nil {
		s.answerError(w, c, action, requestID, aerr)
		return
	}
	if plan.latency > 0 {
		t := time.NewTimer(plan.latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
	}
	if plan.fail != nil {
		s.answerError(w, c, action, requestID, plan.fail)
		return
	}
	body, aerr := s.perform(c, requestID)
	if aerr != nil {
		s.answerError(w, c, action, requestID, aerr)
		return
	}
	if plan.after != nil {
		s.answerError(w, c, action, requestID, plan.after)
		return
	}
	if plan.drop {
		s.countAs(action, statusDropped, "")
		dropConnection(w)
		return
	}
	writeJSON(w, http.StatusOK, requestID, body)
	s.count(action, http.StatusOK, "")
}

// admit authenticates c, applies flow control and plans the faults for it.
func (s *Sim) admit(c *call) (faultPlan, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return faultPlan{}, errUnavailable()
	}
	key, serr := s.signatures.Check(c.signed(), s.now())
	if serr != nil {
		return faultPlan{}, fromSignature(serr)
	}
	if !s.allowLocked(key.ID, c.action) {
		return faultPlan{}, errThrottled()
	}
	return s.planFaultLocked(c.action), nil
}

// perform runs the action, honouring ClientToken idempotency, and persists what changed. It
// returns the answer's JSON.
func (s *Sim) perform(c *call, requestID string) ([]byte, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errUnavailable()
	}
	x := &exchange{now: s.now(), requestID: requestID}
	var tokenKey, fingerprint string
	if token := c.get("ClientToken"); token != "" && idempotentActions[c.action] {
		if aerr := checkClientToken(token); aerr != nil {
			return nil, aerr
		}
		tokenKey, fingerprint = c.action+"/"+token, c.fingerprint()
		if first := s.state.tokens.lookup(tokenKey, x.now); first != nil {
			if first.Fingerprint != fingerprint {
				return nil, errIdempotentMismatch()
			}
			return first.replay(requestID), nil
		}
	}
	answer, aerr := actions[c.action](s, c, x)
	if aerr != nil {
		return nil, aerr
	}
	body, err := json.Marshal(answer)
	if err != nil {
		return nil, errInternal()
	}
	if tokenKey != "" {
		s.state.tokens.record(&tokenEntry{Key: tokenKey, Fingerprint: fingerprint, RequestID: requestID, Body: body, At: x.now})
		x.mutated = true
	}
	if x.mutated {
		if err := s.commitLocked(); err != nil {
			return nil, errInternal()
		}
	}
	return body, nil
}

func checkClientToken(token string) *apiError {
	if len(token) > 64 {
		return errInvalidParameter("ClientToken", "it is longer than 64 characters")
	}
	for i := 0; i < len(token); i++ {
		if token[i] < 0x20 || token[i] > 0x7e {
			return errInvalidParameter("ClientToken", "it may contain printable ASCII characters only")
		}
	}
	return nil
}

// exchange carries what a handler needs besides the call, and what it reports back.
type exchange struct {
	now       time.Time
	requestID string
	mutated   bool // the state changed and must be written before the answer is sent
}

func (s *Sim) answerError(w http.ResponseWriter, c *call, action, requestID string, e *apiError) {
	body, _ := json.Marshal(errorBody{
		RequestID: requestID,
		HostID:    c.host,
		Code:      e.code,
		Message:   e.message,
		Recommend: recommendURL(e.code, requestID),
	})
	writeJSON(w, e.status, requestID, body)
	s.count(action, e.status, e.code)
}

func writeJSON(w http.ResponseWriter, status int, requestID string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json;charset=utf-8")
	h.Set("x-acs-request-id", requestID)
	w.WriteHeader(status)
	_, _ = w.Write(body) // a client that went away cannot be told anything more
}
