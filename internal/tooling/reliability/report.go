package reliability

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// testEvent is one line of `go test -json` (cmd/test2json), the fields the report reads.
type testEvent struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
	Time    time.Time
}

// testOutcome is one top-level test of the run.
type testOutcome struct {
	pkg, name string
	outcome   string // pass, fail, skip; "" if the stream ended first
	elapsed   time.Duration
	started   time.Time
	results   []Result
	order     int
	partial   string // output not yet ended by a newline: test2json splits long lines
}

// scenario is one Result with the test that recorded it.
type scenario struct {
	Result
	test *testOutcome
}

// ReportInfo is what the report says about the run besides the tests' own lines.
type ReportInfo struct {
	Command   string    // how to re-run it, such as "make soak"
	Terraform string    // the CLI's version line
	Generated time.Time // when
}

// WriteReport reads the `go test -json` stream of a reliability run from in and writes the
// Markdown report to out: one section per scenario with its runs, checks, figures, outcome and
// duration. It fails if the stream holds no result at all, so that a broken run cannot produce a
// report that looks complete.
func WriteReport(out io.Writer, in io.Reader, info ReportInfo) error {
	tests, matrix, took, err := readOutcomes(in)
	if err != nil {
		return err
	}
	var scenarios []scenario
	var without []*testOutcome
	for _, t := range tests {
		for _, r := range t.results {
			scenarios = append(scenarios, scenario{r, t})
		}
		if len(t.results) == 0 && t.outcome != "skip" {
			without = append(without, t)
		}
	}
	if len(scenarios) == 0 {
		return fmt.Errorf("no %q line in the test output: nothing to report", strings.TrimSpace(resultMarker))
	}
	// By name, so that the report reads the same from run to run and related scenarios sit together.
	slices.SortStableFunc(scenarios, func(a, b scenario) int {
		return strings.Compare(strings.ToLower(a.Scenario), strings.ToLower(b.Scenario))
	})

	b := &strings.Builder{}
	fmt.Fprintf(b, "# Reliability report\n\n")
	fmt.Fprintf(b, "Produced by `%s` on %s with %s. Every figure below comes from that run; re-run the "+
		"command to reproduce it. Pass or fail is the test's own outcome; a scenario checks vpcsim's state, "+
		"not only Terraform's.\n\n", info.Command, info.Generated.UTC().Format("2006-01-02 15:04 MST"), info.Terraform)
	if took > 0 {
		fmt.Fprintf(b, "The run took %s, from the first test's start to the last test's end.\n\n", took.Round(time.Second))
	}

	fmt.Fprintf(b, "| Scenario | Runs | Result | Duration | Test |\n| --- | --- | --- | --- | --- |\n")
	for _, s := range scenarios {
		fmt.Fprintf(b, "| %s | %d %s | %s | %s | `%s` |\n", cell(s.Scenario), s.Runs, cell(s.Unit),
			verdict(s.test.outcome), s.test.elapsed.Round(100*time.Millisecond), s.test.name)
	}
	for _, s := range scenarios {
		fmt.Fprintf(b, "\n## %s\n\n", s.Scenario)
		fmt.Fprintf(b, "%s: %d %s, `%s` (%s), %s.\n\n", verdict(s.test.outcome), s.Runs, s.Unit, s.test.name,
			shortPackage(s.test.pkg), s.test.elapsed.Round(100*time.Millisecond))
		if len(s.Checked) > 0 {
			fmt.Fprintf(b, "Checked:\n\n")
			for _, c := range s.Checked {
				fmt.Fprintf(b, "- %s\n", c)
			}
			b.WriteString("\n")
		}
		if len(s.Figures) > 0 {
			fmt.Fprintf(b, "| Figure | Value |\n| --- | --- |\n")
			for _, f := range s.Figures {
				fmt.Fprintf(b, "| %s | %s |\n", cell(f.Name), cell(f.Value))
			}
			b.WriteString("\n")
		}
		for _, n := range s.Notes {
			fmt.Fprintf(b, "%s\n\n", n)
		}
	}
	writeMatrix(b, matrix)
	if len(without) > 0 {
		fmt.Fprintf(b, "\n## Tests that recorded no result\n\n")
		for _, t := range without {
			fmt.Fprintf(b, "- `%s` (%s): %s\n", t.name, shortPackage(t.pkg), verdict(t.outcome))
		}
	}
	text := b.String()
	for strings.Contains(text, "\n\n\n") {
		text = strings.ReplaceAll(text, "\n\n\n", "\n\n")
	}
	_, err = io.WriteString(out, text)
	return err
}

// readOutcomes collects the top-level tests of the stream in the order they started, and how long
// the stream's events span.
func readOutcomes(in io.Reader) ([]*testOutcome, []*matrixCell, time.Duration, error) {
	var first, last time.Time
	byKey := map[string]*testOutcome{}
	cells := map[string]*matrixCell{}
	var cellOrder []string
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		var ev testEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			continue // go test prints build failures and the like as plain text
		}
		if !ev.Time.IsZero() {
			if first.IsZero() || ev.Time.Before(first) {
				first = ev.Time
			}
			if ev.Time.After(last) {
				last = ev.Time
			}
		}
		if c := cellOf(cells, &cellOrder, ev); c != nil {
			c.add(ev)
			continue
		}
		if ev.Test == "" || strings.Contains(ev.Test, "/") {
			continue // package lines and other subtests: the top-level test carries the result
		}
		key := ev.Package + "." + ev.Test
		t := byKey[key]
		if t == nil {
			t = &testOutcome{pkg: ev.Package, name: ev.Test, order: len(byKey)}
			byKey[key] = t
		}
		switch ev.Action {
		case "run":
			t.started = ev.Time
		case "output":
			t.partial += ev.Output
			for {
				line, rest, ok := strings.Cut(t.partial, "\n")
				if !ok {
					break
				}
				t.partial = rest
				if r, ok := parseResult(line); ok {
					t.results = append(t.results, r)
				}
			}
		case "pass", "fail", "skip":
			t.outcome = ev.Action
			t.elapsed = time.Duration(ev.Elapsed * float64(time.Second))
			// go test's Elapsed ends when the test's own function returns, before its parallel
			// subtests run (the fault matrix's cells), so the wall time from its start counts instead.
			if wall := ev.Time.Sub(t.started); !t.started.IsZero() && wall > t.elapsed {
				t.elapsed = wall
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, 0, err
	}
	out := make([]*testOutcome, 0, len(byKey))
	for _, t := range byKey {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *testOutcome) int { return a.order - b.order })
	matrix := make([]*matrixCell, len(cellOrder))
	for i, name := range cellOrder {
		matrix[i] = cells[name]
	}
	return out, matrix, last.Sub(first), nil
}

// parseResult finds a Result in one line of test output ("    file_test.go:12: reliability-result: {...}").
func parseResult(line string) (Result, bool) {
	i := strings.Index(line, resultMarker)
	if i < 0 {
		return Result{}, false
	}
	var r Result
	if err := json.Unmarshal([]byte(strings.TrimSpace(line[i+len(resultMarker):])), &r); err != nil {
		return Result{}, false
	}
	return r, true
}

func verdict(outcome string) string {
	switch outcome {
	case "pass":
		return "PASS"
	case "fail":
		return "FAIL"
	case "skip":
		return "SKIP"
	}
	return "DID NOT FINISH"
}

// cell makes s safe inside a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

func shortPackage(pkg string) string {
	if i := strings.Index(pkg, "/internal/"); i >= 0 {
		return pkg[i+1:]
	}
	return pkg
}
