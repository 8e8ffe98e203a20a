package vpcsim

import (
	"maps"
	"strconv"
)

// Stats counts API requests (admin ones excluded) by action and final HTTP status, refused ones
// included. A dropped request is counted under "dropped", having no status.
type Stats struct {
	Requests map[string]map[string]int `json:"requests"` // action -> HTTP status ("200") -> count
}

// statusDropped is the key a dropped request is counted under.
const statusDropped = "dropped"

// maxUnknownActions bounds how many distinct unknown action names are counted by name; past it
// they share "(other)", so that garbage cannot grow the counters without bound.
const maxUnknownActions = 64

func newStats() Stats { return Stats{Requests: map[string]map[string]int{}} }

// Stats returns a copy of the request counters.
func (s *Sim) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := newStats()
	for action, byStatus := range s.stats.Requests {
		out.Requests[action] = maps.Clone(byStatus)
	}
	return out
}

func (s *Sim) count(action string, status int) {
	s.countAs(action, strconv.Itoa(status))
}

func (s *Sim) countAs(action, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
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
	byStatus := s.stats.Requests[action]
	if byStatus == nil {
		byStatus = map[string]int{}
		s.stats.Requests[action] = byStatus
	}
	byStatus[status]++
}
