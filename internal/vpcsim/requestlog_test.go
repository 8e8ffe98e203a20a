package vpcsim

import (
	"strconv"
	"testing"
)

// TestRequestLogBounded: the log keeps the newest requestLogSize requests in arrival order, and an
// answer lands on its own request's entry even after later requests arrived.
func TestRequestLogBounded(t *testing.T) {
	l := newRequestLog()
	l.arrive("held", "CreateVpnGateway")
	for i := range requestLogSize + 4 {
		id := strconv.Itoa(i)
		l.arrive(id, "DescribeVpcs")
		l.answered(id, 200, "")
	}
	got := l.list()
	if len(got) != requestLogSize || got[0].Seq != 6 || got[len(got)-1].Seq != requestLogSize+5 {
		t.Fatalf("kept %d entries, seq %d to %d; want %d, 6 to %d", len(got), got[0].Seq, got[len(got)-1].Seq, requestLogSize, requestLogSize+5)
	}
	for i, e := range got {
		if e.Seq != int64(i)+6 || e.Status != 200 {
			t.Fatalf("entry %d: %+v", i, e)
		}
	}
	l.answered("held", 500, "InternalError") // its entry is gone: nothing to update, nothing kept
	if len(l.open) != 0 {
		t.Fatalf("answered requests still open: %d", len(l.open))
	}

	l = newRequestLog()
	l.arrive("a", "CreateVpnGateway")
	l.arrive("b", "DescribeVpcs")
	l.answered("b", 200, "")
	l.setFault("a", "hold")
	l.answered("a", 200, "")
	if got := l.list(); got[0].Fault != "hold" || got[0].Status != 200 || got[1].Seq != 2 {
		t.Fatalf("a late answer: %+v", got)
	}
}
