package bench

import (
	"strings"
	"testing"
	"time"
)

func findRow(rows []row, n int, phase, figure string) (row, bool) {
	for _, r := range rows {
		if r.rowKey == (rowKey{n, phase, figure}) {
			return r, true
		}
	}
	return row{}, false
}

func TestBuildRows(t *testing.T) {
	st := benchDefaults()
	st.Ns = []int{1, 100}
	ours, peer := goodRun(), goodRun()
	ours.BinaryBytes, peer.BinaryBytes = 40<<20, 400<<20
	ours.Scenarios[0].Apply.Lags = []time.Duration{750 * time.Millisecond}
	peer.Scenarios[0].Apply.Wall = 24 * time.Second
	peer.Scenarios[1].Refresh.Requests.ByAction = map[string]int{"DescribeVpnGateway": 100}
	targets := evaluateTargets(st, ours, peer)
	rows := buildRows(st, ours, peer, []time.Duration{50 * time.Millisecond}, targets)

	wall, ok := findRow(rows, 1, phaseApply, figWall)
	if !ok || *wall.Ours != 6 || *wall.Floor != 5 || *wall.Peer != 24 || *wall.Ratio != 0.25 || wall.Target != "≤ 6.50 s: met" {
		t.Fatalf("N=1 apply wall: %+v", wall)
	}
	// Per-action rows: the union of both sides' actions, with the obvious floors.
	if r, ok := findRow(rows, 100, phaseRefresh, "  DescribeVpnGateways"); !ok || *r.Ours != 2 || *r.Peer != 0 || r.Ratio != nil {
		t.Fatalf("refresh DescribeVpnGateways: %+v", r)
	}
	if r, ok := findRow(rows, 100, phaseRefresh, "  DescribeVpnGateway"); !ok || *r.Ours != 0 || *r.Peer != 100 {
		t.Fatalf("refresh DescribeVpnGateway: %+v", r)
	}
	if r, ok := findRow(rows, 100, phaseApply, "  CreateVpnGateway"); !ok || *r.Floor != 100 {
		t.Fatalf("apply CreateVpnGateway: %+v", r)
	}
	if r, ok := findRow(rows, 100, phaseRefresh, figRequests); !ok || *r.Floor != 2 || r.Target != "≤ 4: met" {
		t.Fatalf("refresh requests: %+v", r)
	}
	// The lag exists for apply only, and without a value it still has its row.
	if r, ok := findRow(rows, 1, phaseApply, figLagMedian); !ok || *r.Ours != 0.75 || r.Peer != nil {
		t.Fatalf("lag: %+v", r)
	}
	if _, ok := findRow(rows, 1, phaseRefresh, figLagMedian); ok {
		t.Fatal("a create lag on refresh")
	}
	if r, ok := findRow(rows, 0, phasePlan, figEmptyPlan); !ok || *r.Ours != 0.4 || *r.Floor != 0.05 || r.Target != "< 1.00 s: met" {
		t.Fatalf("empty plan: %+v", r)
	}
	if r, ok := findRow(rows, 0, phaseBinary, figBinarySize); !ok || *r.Ratio != 0.1 {
		t.Fatalf("binary: %+v", r)
	}

	var b strings.Builder
	if err := printTable(&b, rows, true); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if !strings.HasPrefix(lines[0], "N") || !strings.Contains(lines[0], "ours/peer") {
		t.Fatalf("header %q", lines[0])
	}
	if !strings.Contains(b.String(), "wall [s]") || !strings.Contains(b.String(), "0.25") {
		t.Fatalf("table:\n%s", b.String())
	}
	b.Reset()
	if err := printTable(&b, buildRows(st, ours, nil, nil, evaluateTargets(st, ours, nil)), false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "peer") {
		t.Fatalf("a peer column without a peer:\n%s", b.String())
	}
}
