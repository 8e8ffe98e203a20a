package reliability

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// MatrixTest is the test whose subtests lifecycle/request/fault are the cells of the fault matrix.
const MatrixTest = "TestReliability_faultMatrix"

// cellMarker starts the line each cell logs about itself (whether its fault landed, the step's
// exit code); the report does not take it for a failed check.
const cellMarker = "matrix-cell: "

// matrixCell is one cell of the matrix as the `go test -json` stream tells it.
type matrixCell struct {
	lifecycle, request, fault string
	outcome                   string
	elapsed                   time.Duration
	firstError                string // the first check that failed, for a failed cell
}

// cellOf is the matrix cell event ev belongs to (created on first sight), nil for any other event.
func cellOf(cells map[string]*matrixCell, order *[]string, ev testEvent) *matrixCell {
	parts := strings.Split(ev.Test, "/")
	if len(parts) != 4 || parts[0] != MatrixTest {
		return nil
	}
	c := cells[ev.Test]
	if c == nil {
		c = &matrixCell{lifecycle: parts[1], request: parts[2], fault: parts[3]}
		cells[ev.Test] = c
		*order = append(*order, ev.Test)
	}
	return c
}

// checkLine is a t.Errorf or t.Fatalf line of a cell's output: "    matrix_test.go:123: ...".
var checkLine = regexp.MustCompile(`^\s+\w+\.go:\d+: (.*)$`)

func (c *matrixCell) add(ev testEvent) {
	switch ev.Action {
	case "output":
		if m := checkLine.FindStringSubmatch(strings.TrimRight(ev.Output, "\n")); m != nil && c.firstError == "" &&
			!strings.HasPrefix(m[1], cellMarker) {
			c.firstError = m[1]
		}
	case "pass", "fail", "skip":
		c.outcome = ev.Action
		c.elapsed = time.Duration(ev.Elapsed * float64(time.Second))
	}
}

// rerun is the command that runs one cell again.
func (c *matrixCell) rerun() string {
	return fmt.Sprintf("TF_ACC=1 VPNGW_SOAK=1 go test ./internal/tooling/reliability -run '^%s$/^%s$/^%s$/^%s$'",
		MatrixTest, regexp.QuoteMeta(c.lifecycle), regexp.QuoteMeta(c.request), regexp.QuoteMeta(c.fault))
}

// writeMatrix writes the matrix's table, lifecycle × fault kind, and its failed cells.
func writeMatrix(b *strings.Builder, cells []*matrixCell) {
	if len(cells) == 0 {
		return
	}
	type group struct {
		cells, failed, other int
		took                 time.Duration
		example              *matrixCell // a failed cell if there is one
	}
	groups := map[[2]string]*group{}
	var keys [][2]string
	var failed []*matrixCell
	for _, c := range cells {
		k := [2]string{c.lifecycle, c.fault}
		g := groups[k]
		if g == nil {
			g = &group{example: c}
			groups[k] = g
			keys = append(keys, k)
		}
		g.cells++
		g.took += c.elapsed
		switch c.outcome {
		case "pass":
		case "fail":
			if g.failed == 0 {
				g.example = c
			}
			g.failed++
			failed = append(failed, c)
		default:
			g.other++
		}
	}
	fmt.Fprintf(b, "\n## Fault matrix\n\n")
	fmt.Fprintf(b, "%d cells, %d failed. Each row is one lifecycle under one fault kind, over every request "+
		"of the lifecycle's step the fault applies to; the time is the sum of its cells' own times. The command "+
		"reruns one cell of the row (a failed one when there is one).\n\n", len(cells), len(failed))
	fmt.Fprintf(b, "| Lifecycle | Fault | Cells | Result | Time | Rerun one cell |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, k := range keys {
		g := groups[k]
		result := "PASS"
		switch {
		case g.failed > 0:
			result = fmt.Sprintf("FAIL (%d of %d)", g.failed, g.cells)
		case g.other > 0:
			result = fmt.Sprintf("DID NOT FINISH (%d of %d)", g.other, g.cells)
		}
		fmt.Fprintf(b, "| %s | %s | %d | %s | %s | `%s` |\n", k[0], k[1], g.cells, result,
			g.took.Round(100*time.Millisecond), g.example.rerun())
	}
	if len(failed) > 0 {
		fmt.Fprintf(b, "\n### Failed cells\n\n| Cell | First check that failed |\n| --- | --- |\n")
		for _, c := range failed {
			fmt.Fprintf(b, "| `%s/%s/%s` | %s |\n", c.lifecycle, c.request, c.fault, cell(c.firstError))
		}
	}
}
