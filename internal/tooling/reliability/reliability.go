// Package reliability is the reliability suite: proof that the provider never leaves a
// gateway no state knows about, never creates two where one was asked for, and never drops a live
// gateway from state.
//
// The suite has two halves. The acceptance tests in internal/vpngateway (reliability_*_test.go)
// drive a real Terraform CLI through terraform-plugin-testing against an in-process vpcsim with
// injected faults. The tests of this package kill and interrupt real processes: terraform, the
// built provider, and the vpcsim command with a state file. Both halves check vpcsim's own state
// afterwards, not only Terraform's.
//
// The fault matrix (matrix.go, TestReliability_faultMatrix) is generated rather than written:
// every lifecycle of a gateway (create, changes, replace, destroy, import, refresh), every API
// request its step makes in a clean run, every fault vpcsim can inject there and the moments only
// a harness can cause (Ctrl-C, a timeout running out, the provider killed), each cell checked
// for the same invariants against vpcsim's state. `make test` runs a sample that covers every
// lifecycle and every fault kind; `make soak` runs every cell.
//
// Counts are small under `make test` and large under `make soak` (VPNGW_SOAK=1). Every scenario
// logs one Result line; `make soak` collects them from `go test -json` into REPORT.md (see
// WriteReport).
package reliability

import (
	"encoding/json"
	"os"
	"testing"
)

// EnvSoak set to "1" runs every scenario at its soak count.
const EnvSoak = "VPNGW_SOAK"

// Soak reports whether the suite runs at soak counts.
func Soak() bool { return os.Getenv(EnvSoak) == "1" }

// Count is small under `make test` and soak under `make soak`.
func Count(small, soak int) int {
	if Soak() {
		return soak
	}
	return small
}

// Result is what one scenario reports: how many times its unit of work ran (gateways created
// with lost answers, interrupts sent, kills survived), what it checked, and what it measured.
// Pass or fail is not part of it: the report takes that from the test's own outcome.
type Result struct {
	Scenario string   `json:"scenario"`
	Runs     int      `json:"runs"`
	Unit     string   `json:"unit"`
	Checked  []string `json:"checked"`
	Figures  []Figure `json:"figures,omitempty"`
	// Notes are what a reader needs besides the checks: what the user sees, how to recover.
	Notes []string `json:"notes,omitempty"`
}

// Figure is one measured value, such as "CreateVpnGateway answers dropped" = "100".
type Figure struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// resultMarker starts the log line that carries a Result, so that the report finds it among the
// test's other output.
const resultMarker = "reliability-result: "

// Record logs r for the report. Call it once per scenario, at the end, whether or not the test
// passed: the figures of a failed run are evidence too.
func Record(t testing.TB, r Result) {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Errorf("recording the result of %q: %v", r.Scenario, err)
		return
	}
	t.Log(resultMarker + string(b))
}
