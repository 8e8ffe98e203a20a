package vpcsim

import (
	"maps"
	"strconv"
	"strings"
)

// Stats counts API requests (admin ones excluded) by action and final HTTP status, refused ones
// included. A dropped request is counted under "dropped", having no status.
type Stats struct {
	Requests map[string]map[string]int `json:"requests"` // action -> HTTP status ("200") -> count
	// Codes counts the error answers by action and API error code, so that a client's throttled
	// requests ("Throttling.User") can be told from its other 400s.
	Codes map[string]map[string]int `json:"codes"` // action -> error code -> count
	// Effects counts the requests that took effect, by action: the ones the action ran for to
	// success, whether or not the client heard so (a dropped, held or late-failed one counts). A
	// ClientToken replay or a refused request does not.
	Effects map[string]int `json:"effects"`
}

// statusDropped is the key a dropped request is counted under.
const statusDropped = "dropped"

// maxUnknownActions bounds how many distinct unknown action names are counted by name; past it
// they share "(other)", so that garbage cannot grow the counters without bound.
const maxUnknownActions = 64

func newStats() Stats {
	return Stats{Requests: map[string]map[string]int{}, Codes: map[string]map[string]int{}, Effects: map[string]int{}}
}

// Stats returns a copy of the request counters.
func (s *Sim) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := newStats()
	for action, byStatus := range s.stats.Requests {
		out.Requests[action] = maps.Clone(byStatus)
	}
	for action, byCode := range s.stats.Codes {
		out.Codes[action] = maps.Clone(byCode)
	}
	out.Effects = maps.Clone(s.stats.Effects)
	return out
}

// count counts the answer to request requestID of action, and logs it; code is the API error
// code of an error answer, "" otherwise.
func (s *Sim) count(requestID, action string, status int, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests.answered(requestID, status, code)
	s.countLocked(action, strconv.Itoa(status), code)
}

// countDropped counts a request left unanswered.
func (s *Sim) countDropped(requestID, action string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests.answered(requestID, 0, "")
	s.countLocked(action, statusDropped, "")
}

func (s *Sim) countLocked(action, status, code string) {
	if _, known := actions[action]; !known && s.stats.Requests[action] == nil {
		unknown := 0
		for a := range s.stats.Requests {
			if _, ok := actions[a]; !ok {
				unknown++
			}
		}
		if unknown >= maxUnknownActions {
			action = "(other)"
		}
	}
	increment(s.stats.Requests, action, status)
	if code != "" {
		increment(s.stats.Codes, action, code)
	}
}

func increment(counters map[string]map[string]int, action, key string) {
	byKey := counters[action]
	if byKey == nil {
		byKey = map[string]int{}
		counters[action] = byKey
	}
	byKey[key]++
}

// statsAction is the name a request is counted under: its action, or a bucket for a missing or
// implausible one, so that garbage cannot grow the counters without bound.
func statsAction(action string) string {
	switch {
	case action == "":
		return "(none)"
	case len(action) > 64 || strings.ContainsFunc(action, notAlphanumeric):
		return "(invalid)"
	}
	return action
}

func notAlphanumeric(r rune) bool {
	return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9')
}
