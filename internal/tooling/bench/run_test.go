package bench

import (
	"strings"
	"testing"
)

// A peer that fails a phase (the official provider's refresh of 100 gateways under throttling)
// is a figure of the peer: the run, and `make bench`'s second run after it, go on. A failure of
// ours, or a gateway left behind, still fails it.
func TestSanityFailsForOursOnly(t *testing.T) {
	peerFailed := &sideResult{Name: "peer", Scenarios: []scenarioResult{{N: 100, Refresh: phaseResult{Failed: "Throttling.User"}}}}
	healthy := &sideResult{Name: "ours", Scenarios: []scenarioResult{{N: 100}}}
	var stderr strings.Builder
	if err := sanity(report{Ours: healthy, Peer: peerFailed}, &stderr); err != nil {
		t.Fatalf("a failure of the peer's failed the run: %v", err)
	}
	if !strings.Contains(stderr.String(), "peer, N = 100, refresh: Throttling.User") {
		t.Errorf("the peer's failure is not listed on stderr: %q", stderr.String())
	}

	for name, ours := range map[string]*sideResult{
		"a failed phase": {Name: "ours", Scenarios: []scenarioResult{{N: 1, Destroy: phaseResult{Failed: "exit status 1"}}}},
		"a leftover":     {Name: "ours", Scenarios: []scenarioResult{{N: 20, Left: 2}}},
		"the empty plan": {Name: "ours", EmptyFailed: "exit status 1"},
	} {
		if err := sanity(report{Ours: ours, Peer: healthy}, &strings.Builder{}); err == nil {
			t.Errorf("%s of ours did not fail the run", name)
		}
	}
}
