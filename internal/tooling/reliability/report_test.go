package reliability

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// event is one line of a `go test -json` stream.
func event(t *testing.T, action, test, output string, elapsed float64) string {
	t.Helper()
	return streamLine(t, testEvent{Action: action, Test: test, Output: output, Elapsed: elapsed})
}

// timed is an event with test2json's time stamp and go test's Elapsed of a parent of parallel
// subtests, which stops when the parent's own function returns.
func timed(t *testing.T, action, test string, at time.Time) string {
	t.Helper()
	return streamLine(t, testEvent{Action: action, Test: test, Elapsed: 0.2, Time: at})
}

// streamLine is ev as one line of the stream, in the package the report's expectations name.
func streamLine(t *testing.T, ev testEvent) string {
	t.Helper()
	ev.Package = "example.com/m/internal/provider"
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

func resultLine(t *testing.T, r Result) string {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return "    x_test.go:12: " + resultMarker + string(b) + "\n"
}

func TestWriteReport(t *testing.T) {
	lost := Result{Scenario: "Lost responses", Runs: 100, Unit: "gateways", Checked: []string{"one gateway per create"},
		Figures: []Figure{{Name: "answers | lost", Value: "100"}}, Notes: []string{"How to recover."}}
	flaky := Result{Scenario: "Flaky API", Runs: 20, Unit: "gateways"}
	// test2json splits long lines into several output events.
	long := resultLine(t, lost)
	start := time.Date(2026, 1, 2, 3, 0, 0, 0, time.UTC)
	stream := event(t, "run", "TestLost", "", 0) +
		event(t, "output", "TestLost", long[:40], 0) +
		event(t, "output", "TestLost", long[40:], 0) +
		event(t, "pass", "TestLost", "", 12.34) +
		event(t, "run", "TestFlaky", "", 0) +
		event(t, "output", "TestFlaky/sub", resultLine(t, Result{Scenario: "from a subtest"}), 0) +
		event(t, "output", "TestFlaky", resultLine(t, flaky), 0) +
		event(t, "fail", "TestFlaky", "", 3) +
		event(t, "run", "TestCrashed", "", 0) +
		event(t, "skip", "TestSkipped", "", 0) +
		timed(t, "run", "TestParallel", start) +
		event(t, "output", "TestParallel", resultLine(t, Result{Scenario: "Parallel cells", Runs: 2, Unit: "cells"}), 0) +
		timed(t, "pass", "TestParallel", start.Add(95*time.Second)) +
		"FAIL\tsome plain text line\n"
	var out strings.Builder
	info := ReportInfo{Command: "make soak", Terraform: "Terraform v1.11.4", Generated: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)}
	if err := WriteReport(&out, strings.NewReader(stream), info); err != nil {
		t.Fatal(err)
	}
	report := out.String()
	for _, want := range []string{
		"Produced by `make soak` on 2026-01-02 03:04 UTC with Terraform v1.11.4",
		"The run took 1m35s, from the first test's start to the last test's end.",
		"| Lost responses | 100 gateways | PASS | 12.3s | `TestLost` |",
		"| Flaky API | 20 gateways | FAIL | 3s | `TestFlaky` |",
		// go test's own 0.2 s for a test whose parallel subtests took 95 s would hide the run's length.
		"| Parallel cells | 2 cells | PASS | 1m35s | `TestParallel` |",
		"- one gateway per create",
		`| answers \| lost | 100 |`,
		"- `TestCrashed` (internal/provider): DID NOT FINISH",
		"| answers \\| lost | 100 |\n\nHow to recover.\n",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
	if strings.Index(report, "## Flaky API") > strings.Index(report, "## Lost responses") {
		t.Error("the scenarios are not in name order")
	}
	for _, unwanted := range []string{"from a subtest", "TestSkipped", "\n\n\n"} {
		if strings.Contains(report, unwanted) {
			t.Errorf("the report holds %q:\n%s", unwanted, report)
		}
	}
}

// A run that recorded nothing (a build failure, a wrong -run pattern) must not become a report.
func TestWriteReportRefusesAnEmptyRun(t *testing.T) {
	stream := event(t, "run", "TestLost", "", 0) + event(t, "pass", "TestLost", "", 1)
	if err := WriteReport(&strings.Builder{}, strings.NewReader(stream), ReportInfo{}); err == nil {
		t.Fatal("WriteReport accepted a run without a single result")
	}
}

func TestCount(t *testing.T) {
	t.Setenv(EnvSoak, "")
	if got := Count(10, 100); got != 10 {
		t.Errorf("Count without %s = %d, want 10", EnvSoak, got)
	}
	t.Setenv(EnvSoak, "1")
	if got := Count(10, 100); got != 100 {
		t.Errorf("Count with %s=1 = %d, want 100", EnvSoak, got)
	}
}

// The matrix's cells come from the subtests lifecycle/request/fault: one row per lifecycle and
// fault kind, and the failed cells with the first check that failed.
func TestWriteReportMatrix(t *testing.T) {
	m := MatrixTest
	stream := event(t, "run", m, "", 0) +
		event(t, "pass", m+"/rename/ModifyVpnGatewayAttribute#1/hold", "", 4) +
		event(t, "pass", m+"/rename/DescribeVpnGateway#1/hold", "", 5) +
		event(t, "output", m+"/rename/DescribeVpnGateway#1/drop", "    matrix_test.go:383: "+cellMarker+"{}\n", 0) +
		event(t, "output", m+"/rename/DescribeVpnGateway#1/drop", "    matrix_test.go:470: invariant 3: the step failed | badly\n", 0) +
		event(t, "output", m+"/rename/DescribeVpnGateway#1/drop", "    matrix_test.go:471: invariant 4: second\n", 0) +
		event(t, "fail", m+"/rename/DescribeVpnGateway#1/drop", "", 2) +
		event(t, "output", m, resultLine(t, Result{Scenario: "Fault matrix", Runs: 3, Unit: "cells"}), 0) +
		event(t, "fail", m, "", 11)
	var out strings.Builder
	if err := WriteReport(&out, strings.NewReader(stream), ReportInfo{Command: "make soak"}); err != nil {
		t.Fatal(err)
	}
	report := out.String()
	for _, want := range []string{
		"3 cells, 1 failed.",
		"| rename | hold | 2 | PASS | 9s | `TF_ACC=1 VPNGW_SOAK=1 go test ./internal/tooling/reliability -run '^TestReliability_faultMatrix$/^rename$/^ModifyVpnGatewayAttribute#1$/^hold$'` |",
		"| rename | drop | 1 | FAIL (1 of 1) | 2s | `TF_ACC=1 VPNGW_SOAK=1 go test ./internal/tooling/reliability -run '^TestReliability_faultMatrix$/^rename$/^DescribeVpnGateway#1$/^drop$'` |",
		"| `rename/DescribeVpnGateway#1/drop` | invariant 3: the step failed \\| badly |",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
}
