package bench

import (
	"strings"
	"testing"
	"time"
)

func benchDefaults() settings {
	return settings{Ns: []int{1, 20, 100}, ProvisionDelay: 5 * time.Second, DeleteDelay: 5 * time.Second, QPS: 20, Parallelism: 10, EmptyRuns: 3}
}

func TestFloors(t *testing.T) {
	st := benchDefaults()
	st.DeleteDelay = 2 * time.Second
	for _, tc := range []struct {
		n               int
		create, destroy time.Duration
		refresh         time.Duration
		batched         int
	}{
		{1, 5 * time.Second, 2 * time.Second, 50 * time.Millisecond, 1},
		{10, 5 * time.Second, 2 * time.Second, 500 * time.Millisecond, 1},
		{20, 10 * time.Second, 4 * time.Second, time.Second, 1},
		{100, 50 * time.Second, 20 * time.Second, 5 * time.Second, 2},
		{101, 55 * time.Second, 22 * time.Second, 5050 * time.Millisecond, 3},
	} {
		if got := createFloor(st, tc.n); got != tc.create {
			t.Errorf("create floor of %d: %s, want %s", tc.n, got, tc.create)
		}
		if got := destroyFloor(st, tc.n); got != tc.destroy {
			t.Errorf("destroy floor of %d: %s, want %s", tc.n, got, tc.destroy)
		}
		if got := refreshFloor(st, tc.n); got != tc.refresh {
			t.Errorf("refresh floor of %d: %s, want %s", tc.n, got, tc.refresh)
		}
		if got := batchedReads(tc.n); got != tc.batched {
			t.Errorf("batched reads of %d: %d, want %d", tc.n, got, tc.batched)
		}
	}
	st.QPS = 0
	if got := refreshFloor(st, 100); got != 0 {
		t.Errorf("refresh floor without a rate limit: %s", got)
	}
}

func phase(wall time.Duration, rss int64, requests map[string]int, throttled int) phaseResult {
	return phaseResult{Wall: wall, Usage: usage{PeakRSS: rss, Processes: 3}, Requests: requestCounts{ByAction: requests, Throttled: throttled}}
}

// goodRun is a side that meets every target of the issue with the settings.
func goodRun() *sideResult {
	return &sideResult{
		Name: "ours",
		Scenarios: []scenarioResult{
			{N: 1,
				Apply:   phase(6*time.Second, 30<<20, map[string]int{"CreateVpnGateway": 1, "DescribeVpnGateway": 5}, 0),
				Refresh: phase(300*time.Millisecond, 30<<20, map[string]int{"DescribeVpnGateway": 1}, 0),
				Destroy: phase(6*time.Second, 30<<20, map[string]int{"DeleteVpnGateway": 1, "DescribeVpnGateway": 5}, 0)},
			{N: 100,
				Apply:   phase(58*time.Second, 50<<20, map[string]int{"CreateVpnGateway": 100, "DescribeVpnGateway": 500}, 30),
				Refresh: phase(5500*time.Millisecond, 40<<20, map[string]int{"DescribeVpnGateways": 2}, 0),
				Destroy: phase(59*time.Second, 50<<20, map[string]int{"DeleteVpnGateway": 100, "DescribeVpnGateway": 500}, 0)},
		},
		EmptyPlan: []time.Duration{300 * time.Millisecond, 900 * time.Millisecond, 400 * time.Millisecond},
	}
}

func verdicts(targets []target, peer bool) map[string]string {
	out := map[string]string{}
	for _, t := range targets {
		o := t.Ours
		if peer {
			o = t.Peer
		}
		out[t.Name] = shortVerdict(o)
	}
	return out
}

func TestEvaluateTargetsAllMet(t *testing.T) {
	targets := evaluateTargets(benchDefaults(), goodRun(), nil)
	if len(targets) != 14 {
		t.Fatalf("%d targets", len(targets))
	}
	for name, v := range verdicts(targets, false) {
		if v != "met" {
			t.Errorf("%s: %s", name, v)
		}
	}
	for _, tc := range []struct {
		name  string
		limit string
	}{
		{"1 gateway: apply within D + 1.5 s", "≤ 6.50 s"},
		{"1 gateway: at most D / 1 s + 3 status polls", "≤ 8"},
		{"100 gateways: apply within 1.2 × its floor", "≤ 60.00 s"},
		{"100 gateways: refresh within 1.2 × its floor", "≤ 6.00 s"},
		{"100 gateways: refresh in at most 4 API requests", "≤ 4"},
		{"100 gateways: apply, at most 5% of requests throttled", "≤ 5.0 %"},
		{"empty configuration: terraform plan under 1 s", "< 1.00 s"},
	} {
		found := false
		for _, tg := range targets {
			if tg.Name == tc.name {
				found = true
				if tg.LimitText() != tc.limit {
					t.Errorf("%s: limit %q, want %q", tc.name, tg.LimitText(), tc.limit)
				}
			}
		}
		if !found {
			t.Errorf("no target %q", tc.name)
		}
	}
}

func TestEvaluateTargetsMissed(t *testing.T) {
	r := goodRun()
	r.Scenarios[0].Apply.Wall = 6600 * time.Millisecond                                  // over D + 1.5 s
	r.Scenarios[0].Apply.Requests.ByAction["DescribeVpnGateways"] = 4                    // 9 reads
	r.Scenarios[1].Apply.Requests.Throttled = 31                                         // 31 of 600: 5.2 %
	r.Scenarios[1].Destroy.ThrottlingErrors = 1                                          // reached the user
	r.Scenarios[1].Destroy.Failed = "terraform destroy: exit status 1"                   // and failed
	r.Scenarios[1].Refresh.Requests.ByAction = map[string]int{"DescribeVpnGateway": 100} // not batched
	r.Scenarios[1].Refresh.Usage.PeakRSS = 64<<20 + 1
	r.EmptyPlan = []time.Duration{time.Second}
	v := verdicts(evaluateTargets(benchDefaults(), r, nil), false)
	for _, name := range []string{
		"1 gateway: apply within D + 1.5 s",
		"1 gateway: at most D / 1 s + 3 status polls",
		"100 gateways: apply, at most 5% of requests throttled",
		"100 gateways: destroy, no throttling error reaches the user",
		"100 gateways: destroy within 1.2 × its floor", // in time, but the command failed
		"100 gateways: refresh in at most 4 API requests",
		"100 gateways: provider peak RSS at most 64 MiB (refresh)",
		"empty configuration: terraform plan under 1 s", // strictly under
	} {
		if v[name] != "NOT MET" {
			t.Errorf("%s: %s", name, v[name])
		}
	}
	if v["100 gateways: apply within 1.2 × its floor"] != "met" {
		t.Errorf("apply: %s", v["100 gateways: apply within 1.2 × its floor"])
	}
}

// The refresh's requests count every action, the tag reads included: 4 is met, a fifth is not.
func TestEvaluateTargetsRefreshRequests(t *testing.T) {
	const name = "100 gateways: refresh in at most 4 API requests"
	for _, tc := range []struct {
		requests map[string]int
		want     string
	}{
		{map[string]int{"DescribeVpnGateways": 2}, "met"},
		{map[string]int{"DescribeVpnGateways": 2, "ListTagResources": 2}, "met"},
		{map[string]int{"DescribeVpnGateways": 4, "DescribeVpnGateway": 1}, "NOT MET"},
		{map[string]int{"DescribeVpnGateways": 2, "ListTagResources": 6}, "NOT MET"},
	} {
		r := goodRun()
		r.Scenarios[1].Refresh.Requests.ByAction = tc.requests
		if v := verdicts(evaluateTargets(benchDefaults(), r, nil), false)[name]; v != tc.want {
			t.Errorf("%v: %s, want %s", tc.requests, v, tc.want)
		}
	}
}

func TestEvaluateTargetsNotRunAndPeer(t *testing.T) {
	ours := goodRun()
	ours.Scenarios = ours.Scenarios[:1] // N = 1 only
	peer := goodRun()
	peer.Scenarios[0].Apply.Wall = 25 * time.Second // the official provider's first poll is at 20 s
	targets := evaluateTargets(benchDefaults(), ours, peer)
	o, p := verdicts(targets, false), verdicts(targets, true)
	if o["100 gateways: apply within 1.2 × its floor"] != "not run" || p["100 gateways: apply within 1.2 × its floor"] != "met" {
		t.Errorf("ours %s, peer %s", o["100 gateways: apply within 1.2 × its floor"], p["100 gateways: apply within 1.2 × its floor"])
	}
	if o["1 gateway: apply within D + 1.5 s"] != "met" || p["1 gateway: apply within D + 1.5 s"] != "NOT MET" {
		t.Errorf("ours %s, peer %s", o["1 gateway: apply within D + 1.5 s"], p["1 gateway: apply within D + 1.5 s"])
	}
	var b strings.Builder
	printTargets(&b, targets, true)
	if !strings.Contains(b.String(), "not run  100 gateways: apply within 1.2 × its floor: — (≤ 60.00 s); peer 58.00 s met") {
		t.Errorf("targets:\n%s", b.String())
	}
}

// At the real pace the one-gateway targets of D = 5 s give way to their own, and the 20-gateway
// reads are judged against the peer's of the same run, and only with a peer.
func TestEvaluateTargetsAtTheRealPace(t *testing.T) {
	st := benchDefaults()
	st.Ns, st.ProvisionDelay, st.DeleteDelay = []int{1, 20}, time.Minute, 30*time.Second
	run := func(wall1, wall20 time.Duration, reads1, reads20 int) *sideResult {
		return &sideResult{Scenarios: []scenarioResult{
			{N: 1, Apply: phase(wall1, 30<<20, map[string]int{"CreateVpnGateway": 1, "DescribeVpnGateway": reads1}, 0)},
			{N: 20, Apply: phase(wall20, 30<<20, map[string]int{"CreateVpnGateway": 20, "DescribeVpnGateways": reads20}, 0)},
		}}
	}
	const quarter = "real pace, 20 gateways: at most a quarter of the peer's status reads"
	ours, peer := run(62*time.Second, 125*time.Second, 35, 45), run(65*time.Second, 131*time.Second, 9, 180)
	targets := evaluateTargets(st, ours, peer)
	o, p := verdicts(targets, false), verdicts(targets, true)
	for _, name := range []string{
		"real pace, 1 gateway: apply within D + 2.5 s",
		"real pace, 1 gateway: at most 35 status reads (as many as before waits shared reads)",
		"real pace, 20 gateways: apply within 1.05 × its floor",
		quarter,
	} {
		if o[name] != "met" {
			t.Errorf("%s: %s", name, o[name])
		}
	}
	if _, ok := o["1 gateway: apply within D + 1.5 s"]; ok {
		t.Error("the D = 5 s one-gateway target judged a run at the real pace")
	}
	if p["real pace, 1 gateway: apply within D + 2.5 s"] != "NOT MET" || p[quarter] != "not run" {
		t.Errorf("peer: %v", p)
	}

	ours.Scenarios[1].Apply = phase(127*time.Second, 30<<20, map[string]int{"DescribeVpnGateways": 46}, 0)
	o = verdicts(evaluateTargets(st, ours, peer), false)
	if o[quarter] != "NOT MET" || o["real pace, 20 gateways: apply within 1.05 × its floor"] != "NOT MET" {
		t.Errorf("46 reads against the peer's 180, 127 s against 126 s: %v", o)
	}
	alone := evaluateTargets(st, ours, nil)
	if v := verdicts(alone, false)[quarter]; v != "not run" {
		t.Errorf("without a peer: %s", v)
	}
	for _, tg := range alone {
		if tg.Name == quarter && !strings.Contains(tg.LimitText(), "peer") {
			t.Errorf("without a peer the limit reads %q", tg.LimitText())
		}
	}
	if _, ok := verdicts(evaluateTargets(benchDefaults(), goodRun(), nil), false)[quarter]; ok {
		t.Error("a real-pace target judged a run at D = 5 s")
	}
}
