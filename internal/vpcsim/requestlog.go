package vpcsim

// RequestEntry is one API request as GET /_sim/requests lists it.
type RequestEntry struct {
	Seq    int64  `json:"seq"`    // arrival order, from 1 at start or reset
	Action string `json:"action"` // as the stats count it
	Status int    `json:"status"` // the answer's HTTP status; 0: not answered yet, or dropped
	Code   string `json:"code"`   // the error code of an error answer
	Fault  string `json:"fault"`  // the injected fault that applied (a FaultRule kind, or "latency"); "": none
}

// requestLogSize is how many requests the log keeps: the newest ones, so that a long run cannot
// grow it without bound.
const requestLogSize = 10000

// requestLog is a ring of the newest requests, and the ones still being served by request ID,
// so that an answer lands on its request's entry however late it comes.
type requestLog struct {
	ring []RequestEntry // entry of seq n at (n-1) % requestLogSize
	next int64          // the seq of the next request
	open map[string]int64
}

func newRequestLog() requestLog { return requestLog{next: 1, open: map[string]int64{}} }

func (l *requestLog) arrive(requestID, action string) {
	e := RequestEntry{Seq: l.next, Action: action}
	if len(l.ring) < requestLogSize {
		l.ring = append(l.ring, e)
	} else {
		l.ring[(l.next-1)%requestLogSize] = e
	}
	l.open[requestID] = l.next
	l.next++
}

// entry is the entry of the request still being served, if the ring still holds it.
func (l *requestLog) entry(requestID string) *RequestEntry {
	seq, ok := l.open[requestID]
	if !ok {
		return nil
	}
	if e := &l.ring[(seq-1)%requestLogSize]; e.Seq == seq {
		return e
	}
	return nil
}

func (l *requestLog) setFault(requestID, fault string) {
	if e := l.entry(requestID); e != nil {
		e.Fault = fault
	}
}

// answered records a request's answer: status 0 for none.
func (l *requestLog) answered(requestID string, status int, code string) {
	if e := l.entry(requestID); e != nil {
		e.Status, e.Code = status, code
	}
	delete(l.open, requestID)
}

func (l *requestLog) list() []RequestEntry {
	first := max(1, l.next-requestLogSize)
	out := make([]RequestEntry, 0, l.next-first)
	for seq := first; seq < l.next; seq++ {
		out = append(out, l.ring[(seq-1)%requestLogSize])
	}
	return out
}

// Requests lists the newest API requests (at most requestLogSize), in arrival order, as
// GET /_sim/requests answers.
func (s *Sim) Requests() []RequestEntry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests.list()
}

// arrive logs an API request as it arrives.
func (s *Sim) arrive(requestID, action string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests.arrive(requestID, action)
}
