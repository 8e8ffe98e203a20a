package bench

import (
	"fmt"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// The floors are what the API itself costs, below which no provider can go:
//   - creating N gateways at parallelism P: ceil(N/P) waves of the provisioning delay D;
//   - destroying them: the same with the deletion delay;
//   - refreshing N gateways one read each: N requests at the rate limit; a provider that batches
//     reads needs fewer requests (ceil(N / vpcapi.MaxPageSize) paged reads) and can go below it.

func ceilDiv(a, b int) int { return (a + b - 1) / b }

func createFloor(st settings, n int) time.Duration {
	return time.Duration(ceilDiv(n, st.Parallelism)) * st.ProvisionDelay
}

func destroyFloor(st settings, n int) time.Duration {
	return time.Duration(ceilDiv(n, st.Parallelism)) * st.DeleteDelay
}

// refreshFloor is 0 without a rate limit.
func refreshFloor(st settings, n int) time.Duration {
	if st.QPS <= 0 {
		return 0
	}
	return time.Duration(float64(n) / st.QPS * float64(time.Second))
}

// batchedReads is the fewest requests that can read n gateways: one paged DescribeVpnGateways per
// MaxPageSize of them.
func batchedReads(n int) int { return ceilDiv(n, vpcapi.MaxPageSize) }

// The targets the provider is held to (README.md, "Floors and targets"), each tied to the table row
// it judges.
const (
	oneGateway    = 1
	manyGateways  = 100
	rssLimitMiB   = 64
	throttleLimit = 5.0 // percent of requests
	emptyPlanMax  = time.Second
	// refreshRequestsMax is the two pages of one list (batchedReads(manyGateways)) and as many again
	// to spare. The tags come in the list's answers; where an API left them out, ListTagResources
	// would add a page per 50 tag items (6 for 100 gateways of 3 tags) and miss it (README.md).
	refreshRequestsMax = 4
)

// The real pace: a real VPN gateway takes one to three minutes to provision, and a run whose D is
// at least realPace is held to the targets of that pace instead of the two one-gateway targets set
// for D = 5 s, where polling fast costs little.
const (
	realPace = time.Minute
	// sharedWaits is the scenario whose waits share their reads: two waves of parallelism 10.
	sharedWaits = 20
	// realPaceLagMax is how late one gateway may be seen after D.
	realPaceLagMax = 2500 * time.Millisecond
	// realPaceOneGatewayReads is what one gateway's apply read at D = 60 s before the waits shared
	// their reads (35 status reads, Terraform 1.11.4, delete delay 30 s): a shared read must not
	// cost a lone wait more.
	realPaceOneGatewayReads = 35
	// sharedWaitsWallFactor bounds the apply of sharedWaits gateways against its floor.
	sharedWaitsWallFactor = 1.05
	// peerReadsShare is the share of the peer's status reads that ours may spend on the same apply.
	peerReadsShare = 0.25
)

// outcome is one provider's measurement against a target.
type outcome struct {
	Value float64 `json:"value"`
	Met   bool    `json:"met"`
	Note  string  `json:"note,omitempty"` // why it is not met besides the value (a failed command)
}

// target is a target of the issue, judged for ours and, with a peer, for the peer.
type target struct {
	Name   string  `json:"name"`
	Row    rowKey  `json:"row"`
	Limit  float64 `json:"limit"`
	Unit   string  `json:"unit"`
	Strict bool    `json:"strict"` // below the limit, not at most
	// Unjudged says why the target has no limit in this run (a limit drawn from a peer, without one).
	Unjudged string   `json:"unjudged,omitempty"`
	Ours     *outcome `json:"ours"` // nil: the scenario did not run
	Peer     *outcome `json:"peer,omitempty"`
}

// LimitText is "≤ 6.50 s" or "< 1.00 s".
func (t target) LimitText() string {
	if t.Unjudged != "" {
		return t.Unjudged
	}
	op := "≤"
	if t.Strict {
		op = "<"
	}
	return op + " " + formatValue(t.Limit, t.Unit) + unitSuffix(t.Unit)
}

// targetSpec says how to judge one target from a side's results.
type targetSpec struct {
	name   string
	row    rowKey
	unit   string
	strict bool
	limit  func(st settings) float64
	// peerLimit, when set, replaces limit with one drawn from the peer's result of the same run,
	// false without a peer (the target is then not judged); the peer is not judged against it.
	peerLimit func(peer *sideResult) (float64, bool)
	// pace says which runs the target applies to: every run (anyPace), those below realPace
	// (quickPace), or those at the real pace (slowPace).
	pace pace
	// value is the measurement, false when the scenario did not run; a failed command is a note.
	value func(r *sideResult) (v float64, note string, ok bool)
}

func phaseValue(n int, phase string, f func(p phaseResult) float64) func(r *sideResult) (float64, string, bool) {
	return func(r *sideResult) (float64, string, bool) {
		s, ok := r.scenario(n)
		if !ok {
			return 0, "", false
		}
		p := s.phase(phase)
		note := ""
		if p.Failed != "" {
			note = "the command failed"
		}
		return f(p), note, true
	}
}

type pace int

const (
	anyPace pace = iota
	quickPace
	slowPace
)

func (p pace) applies(st settings) bool {
	return p == anyPace || (p == slowPace) == (st.ProvisionDelay >= realPace)
}

func targetSpecs() []targetSpec {
	wall := func(p phaseResult) float64 { return p.Wall.Seconds() }
	reads := func(p phaseResult) float64 { return float64(p.Requests.Reads()) }
	specs := []targetSpec{
		{
			name: "1 gateway: apply within D + 1.5 s", row: rowKey{oneGateway, phaseApply, figWall}, unit: unitSeconds, pace: quickPace,
			limit: func(st settings) float64 { return st.ProvisionDelay.Seconds() + 1.5 },
			value: phaseValue(oneGateway, phaseApply, wall),
		},
		{
			name: "1 gateway: at most D / 1 s + 3 status polls", row: rowKey{oneGateway, phaseApply, figReads}, unit: unitCount, pace: quickPace,
			limit: func(st settings) float64 { return st.ProvisionDelay.Seconds() + 3 },
			value: phaseValue(oneGateway, phaseApply, reads),
		},
		{
			name: "real pace, 1 gateway: apply within D + 2.5 s", row: rowKey{oneGateway, phaseApply, figWall}, unit: unitSeconds, pace: slowPace,
			limit: func(st settings) float64 { return (st.ProvisionDelay + realPaceLagMax).Seconds() },
			value: phaseValue(oneGateway, phaseApply, wall),
		},
		{
			name: fmt.Sprintf("real pace, 1 gateway: at most %d status reads (as many as before waits shared reads)", realPaceOneGatewayReads),
			row:  rowKey{oneGateway, phaseApply, figReads}, unit: unitCount, pace: slowPace,
			limit: func(settings) float64 { return realPaceOneGatewayReads },
			value: phaseValue(oneGateway, phaseApply, reads),
		},
		{
			name: "real pace, 20 gateways: apply within 1.05 × its floor", row: rowKey{sharedWaits, phaseApply, figWall}, unit: unitSeconds, pace: slowPace,
			limit: func(st settings) float64 { return sharedWaitsWallFactor * createFloor(st, sharedWaits).Seconds() },
			value: phaseValue(sharedWaits, phaseApply, wall),
		},
		{
			name: "real pace, 20 gateways: at most a quarter of the peer's status reads", row: rowKey{sharedWaits, phaseApply, figReads},
			unit: unitCount, pace: slowPace,
			peerLimit: func(peer *sideResult) (float64, bool) {
				v, _, ok := phaseValue(sharedWaits, phaseApply, reads)(peer)
				return peerReadsShare * v, ok
			},
			value: phaseValue(sharedWaits, phaseApply, reads),
		},
	}
	for _, phase := range []string{phaseApply, phaseDestroy} {
		floor := createFloor
		if phase == phaseDestroy {
			floor = destroyFloor
		}
		specs = append(specs,
			targetSpec{
				name: fmt.Sprintf("100 gateways: %s within 1.2 × its floor", phase), row: rowKey{manyGateways, phase, figWall}, unit: unitSeconds,
				limit: func(st settings) float64 { return 1.2 * floor(st, manyGateways).Seconds() },
				value: phaseValue(manyGateways, phase, wall),
			},
			targetSpec{
				name: fmt.Sprintf("100 gateways: %s, no throttling error reaches the user", phase), row: rowKey{manyGateways, phase, figThrottlingErrors}, unit: unitCount,
				limit: func(settings) float64 { return 0 },
				value: phaseValue(manyGateways, phase, func(p phaseResult) float64 { return float64(p.ThrottlingErrors) }),
			},
			targetSpec{
				name: fmt.Sprintf("100 gateways: %s, at most 5%% of requests throttled", phase), row: rowKey{manyGateways, phase, figThrottledShare}, unit: unitPercent,
				limit: func(settings) float64 { return throttleLimit },
				value: phaseValue(manyGateways, phase, throttledShare),
			},
		)
	}
	specs = append(specs,
		targetSpec{
			name: "100 gateways: refresh within 1.2 × its floor", row: rowKey{manyGateways, phaseRefresh, figWall}, unit: unitSeconds,
			limit: func(st settings) float64 { return 1.2 * refreshFloor(st, manyGateways).Seconds() },
			value: phaseValue(manyGateways, phaseRefresh, wall),
		},
		targetSpec{
			name: "100 gateways: refresh in at most 4 API requests", row: rowKey{manyGateways, phaseRefresh, figRequests}, unit: unitCount,
			limit: func(settings) float64 { return refreshRequestsMax },
			value: phaseValue(manyGateways, phaseRefresh, func(p phaseResult) float64 { return float64(p.Requests.Total()) }),
		},
	)
	for _, phase := range phases {
		specs = append(specs, targetSpec{
			name: fmt.Sprintf("100 gateways: provider peak RSS at most 64 MiB (%s)", phase), row: rowKey{manyGateways, phase, figPeakRSS}, unit: unitMiB,
			limit: func(settings) float64 { return rssLimitMiB },
			value: phaseValue(manyGateways, phase, func(p phaseResult) float64 { return mib(p.Usage.PeakRSS) }),
		})
	}
	specs = append(specs, targetSpec{
		name: "empty configuration: terraform plan under 1 s", row: rowKey{0, phasePlan, figEmptyPlan}, unit: unitSeconds, strict: true,
		limit: func(settings) float64 { return emptyPlanMax.Seconds() },
		value: func(r *sideResult) (float64, string, bool) {
			if len(r.EmptyPlan) == 0 {
				return 0, r.EmptyFailed, r.EmptyFailed != ""
			}
			return median(r.EmptyPlan).Seconds(), r.EmptyFailed, true
		},
	})
	return specs
}

// evaluateTargets judges every target for ours and, if there is one, the peer.
func evaluateTargets(st settings, ours, peer *sideResult) []target {
	var out []target
	for _, spec := range targetSpecs() {
		if !spec.pace.applies(st) {
			continue
		}
		t := target{Name: spec.name, Row: spec.row, Unit: spec.unit, Strict: spec.strict}
		judged := true
		if spec.peerLimit != nil {
			judged = false
			if peer != nil {
				t.Limit, judged = spec.peerLimit(peer)
			}
			if !judged {
				t.Limit, t.Unjudged = 0, "no limit without the peer's figure (-peer-provider)"
			}
		} else {
			t.Limit = spec.limit(st)
		}
		judge := func(r *sideResult) *outcome {
			if r == nil || !judged {
				return nil
			}
			v, note, ok := spec.value(r)
			if !ok {
				return nil
			}
			met := v <= t.Limit
			if t.Strict {
				met = v < t.Limit
			}
			return &outcome{Value: v, Met: met && note == "", Note: note}
		}
		t.Ours = judge(ours)
		if spec.peerLimit == nil {
			t.Peer = judge(peer)
		}
		out = append(out, t)
	}
	return out
}

func throttledShare(p phaseResult) float64 {
	total := p.Requests.Total()
	if total == 0 {
		return 0
	}
	return 100 * float64(p.Requests.Throttled) / float64(total)
}
