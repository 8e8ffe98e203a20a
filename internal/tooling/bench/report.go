package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
)

// Phases of a scenario, and the rows that belong to no scenario.
const (
	phaseApply   = "apply"
	phaseRefresh = "refresh"
	phaseDestroy = "destroy"
	phasePlan    = "plan"   // the empty configuration
	phaseBinary  = "binary" // the provider executable
)

var phases = []string{phaseApply, phaseRefresh, phaseDestroy}

// phase returns the result of one phase by name.
func (s scenarioResult) phase(name string) phaseResult {
	switch name {
	case phaseApply:
		return s.Apply
	case phaseRefresh:
		return s.Refresh
	}
	return s.Destroy
}

// Figures, as the table names them.
const (
	figWall             = "wall"
	figRequests         = "requests"
	figReads            = "status reads (Describe*)"
	figThrottled        = "throttled answers"
	figThrottledShare   = "throttled share"
	figErrors           = "errors shown to the user"
	figThrottlingErrors = "throttling errors shown"
	figLagMedian        = "create lag, median"
	figLagMax           = "create lag, max"
	figChanges          = "changes planned"
	figPeakRSS          = "provider peak RSS"
	figCPU              = "provider CPU time"
	figProcesses        = "provider processes"
	figEmptyPlan        = "terraform plan, empty configuration"
	figBinarySize       = "provider binary size"
)

// Units of the figures.
const (
	unitSeconds = "s"
	unitCount   = ""
	unitPercent = "%"
	unitMiB     = "MiB"
)

// rowKey names a row: a scenario (N; 0 for the rows of no scenario), a phase and a figure.
type rowKey struct {
	N      int    `json:"n"`
	Phase  string `json:"phase"`
	Figure string `json:"figure"`
}

// row is one line of the table.
type row struct {
	rowKey
	Unit   string   `json:"unit"`
	Ours   *float64 `json:"ours"`
	Floor  *float64 `json:"floor,omitempty"`
	Peer   *float64 `json:"peer,omitempty"`
	Ratio  *float64 `json:"ratio,omitempty"` // ours / peer
	Target string   `json:"target,omitempty"`
}

// phaseFigure is a figure every scenario reports for some phases.
type phaseFigure struct {
	name   string
	unit   string
	only   string // the one phase it belongs to; "" for every phase
	value  func(p phaseResult) (float64, bool)
	floor  func(st settings, n int, phase string) (float64, bool)
	always bool // a row even when no side has a value
}

func zeroFloor(settings, int, string) (float64, bool) { return 0, true }

func durationValue(d time.Duration) (float64, bool) { return d.Seconds(), true }

func phaseFigures() []phaseFigure {
	lag := func(pick func([]time.Duration) time.Duration) func(p phaseResult) (float64, bool) {
		return func(p phaseResult) (float64, bool) {
			if len(p.Lags) == 0 {
				return 0, false
			}
			return pick(p.Lags).Seconds(), true
		}
	}
	return []phaseFigure{
		{name: figWall, unit: unitSeconds, value: func(p phaseResult) (float64, bool) { return durationValue(p.Wall) },
			floor: func(st settings, n int, phase string) (float64, bool) {
				switch phase {
				case phaseApply:
					return createFloor(st, n).Seconds(), true
				case phaseRefresh:
					return refreshFloor(st, n).Seconds(), true
				}
				return destroyFloor(st, n).Seconds(), true
			}},
		{name: figRequests, unit: unitCount, value: func(p phaseResult) (float64, bool) { return float64(p.Requests.Total()), true },
			floor: func(_ settings, n int, phase string) (float64, bool) {
				return float64(batchedReads(n)), phase == phaseRefresh
			}},
		// The per-action rows come here (actionRows).
		{name: figReads, unit: unitCount, value: func(p phaseResult) (float64, bool) { return float64(p.Requests.Reads()), true }},
		{name: figThrottled, unit: unitCount, value: func(p phaseResult) (float64, bool) { return float64(p.Requests.Throttled), true }, floor: zeroFloor},
		{name: figThrottledShare, unit: unitPercent, value: func(p phaseResult) (float64, bool) { return throttledShare(p), true }, floor: zeroFloor},
		{name: figErrors, unit: unitCount, value: func(p phaseResult) (float64, bool) { return float64(len(p.Errors)), true }, floor: zeroFloor},
		{name: figThrottlingErrors, unit: unitCount, value: func(p phaseResult) (float64, bool) { return float64(p.ThrottlingErrors), true }, floor: zeroFloor},
		{name: figLagMedian, unit: unitSeconds, only: phaseApply, value: lag(median), floor: zeroFloor, always: true},
		{name: figLagMax, unit: unitSeconds, only: phaseApply, value: lag(slices.Max[[]time.Duration]), floor: zeroFloor, always: true},
		{name: figChanges, unit: unitCount, only: phaseRefresh, floor: zeroFloor, value: func(p phaseResult) (float64, bool) {
			if p.Changes == nil {
				return 0, false
			}
			return float64(p.Changes.Add + p.Changes.Change + p.Changes.Remove), true
		}},
		{name: figPeakRSS, unit: unitMiB, value: func(p phaseResult) (float64, bool) { return mib(p.Usage.PeakRSS), p.Usage.Processes > 0 }},
		{name: figCPU, unit: unitSeconds, value: func(p phaseResult) (float64, bool) { return durationValue(p.Usage.CPU) }},
		{name: figProcesses, unit: unitCount, value: func(p phaseResult) (float64, bool) { return float64(p.Usage.Processes), true }},
	}
}

// actionFloor is the fewest requests of an action a phase of n gateways needs, when there is an
// obvious one: one create per gateway on apply, one delete per gateway on destroy.
func actionFloor(action, phase string, n int) (float64, bool) {
	switch {
	case action == vpcapi.ActionCreateVpnGateway && phase == phaseApply,
		action == vpcapi.ActionDeleteVpnGateway && phase == phaseDestroy:
		return float64(n), true
	}
	return 0, false
}

// buildRows lays out every figure of both sides, with floors, ratios and the targets' verdicts.
func buildRows(st settings, ours, peer *sideResult, bare []time.Duration, targets []target) []row {
	var rows []row
	add := func(k rowKey, unit string, get func(r *sideResult) (float64, bool), floor *float64, always bool) {
		r := row{rowKey: k, Unit: unit, Floor: floor}
		if v, ok := get(ours); ok {
			r.Ours = &v
		}
		if peer != nil {
			if v, ok := get(peer); ok {
				r.Peer = &v
			}
		}
		if r.Ours == nil && r.Peer == nil && !always {
			return
		}
		if r.Ours != nil && r.Peer != nil && *r.Peer != 0 {
			ratio := *r.Ours / *r.Peer
			r.Ratio = &ratio
		}
		rows = append(rows, r)
	}
	floorOf := func(v float64, ok bool) *float64 {
		if !ok {
			return nil
		}
		return &v
	}
	for _, n := range st.Ns {
		for _, phase := range phases {
			inPhase := func(pick func(p phaseResult) (float64, bool)) func(r *sideResult) (float64, bool) {
				return func(r *sideResult) (float64, bool) {
					s, ok := r.scenario(n)
					if !ok {
						return 0, false
					}
					return pick(s.phase(phase))
				}
			}
			for _, f := range phaseFigures() {
				if f.only != "" && f.only != phase {
					continue
				}
				var floor *float64
				if f.floor != nil {
					floor = floorOf(f.floor(st, n, phase))
				}
				add(rowKey{n, phase, f.name}, f.unit, inPhase(f.value), floor, f.always)
				if f.name != figRequests {
					continue
				}
				for _, action := range actionsSeen(n, phase, ours, peer) {
					add(rowKey{n, phase, "  " + action}, unitCount, inPhase(func(p phaseResult) (float64, bool) {
						return float64(p.Requests.ByAction[action]), true
					}), floorOf(actionFloor(action, phase, n)), false)
				}
			}
		}
	}
	add(rowKey{0, phasePlan, figEmptyPlan}, unitSeconds, func(r *sideResult) (float64, bool) {
		if len(r.EmptyPlan) == 0 {
			return 0, false
		}
		return median(r.EmptyPlan).Seconds(), true
	}, bareFloor(bare), true)
	add(rowKey{0, phaseBinary, figBinarySize}, unitMiB, func(r *sideResult) (float64, bool) {
		return mib(r.BinaryBytes), r.BinaryBytes > 0
	}, nil, false)

	for _, t := range targets {
		for i := range rows {
			if rows[i].rowKey == t.Row && t.Ours != nil {
				rows[i].Target = t.LimitText() + ": " + verdict(t.Ours)
			}
		}
	}
	return rows
}

// bareFloor is the median plan time of a configuration with no provider at all: Terraform's own
// cost, which no provider can go below.
func bareFloor(bare []time.Duration) *float64 {
	if len(bare) == 0 {
		return nil
	}
	v := median(bare).Seconds()
	return &v
}

// actionsSeen lists the actions either side called in one phase of scenario n, sorted.
func actionsSeen(n int, phase string, sides ...*sideResult) []string {
	var out []string
	for _, r := range sides {
		if r == nil {
			continue
		}
		s, ok := r.scenario(n)
		if !ok {
			continue
		}
		for a, count := range s.phase(phase).Requests.ByAction {
			if count > 0 && !slices.Contains(out, a) {
				out = append(out, a)
			}
		}
	}
	slices.Sort(out)
	return out
}

func verdict(o *outcome) string {
	switch {
	case o == nil:
		return "not run"
	case o.Met:
		return "met"
	case o.Note != "":
		return "NOT MET (" + o.Note + ")"
	}
	return "NOT MET"
}

func formatValue(v float64, unit string) string {
	switch unit {
	case unitSeconds:
		return fmt.Sprintf("%.2f", v)
	case unitMiB, unitPercent:
		return fmt.Sprintf("%.1f", v)
	}
	if v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

func unitSuffix(unit string) string {
	if unit == "" {
		return ""
	}
	if unit == unitPercent {
		return " %"
	}
	return " " + unit
}

func cell(v *float64, unit string) string {
	if v == nil {
		return "—"
	}
	return formatValue(*v, unit)
}

// printTable writes the rows as one aligned table.
func printTable(w io.Writer, rows []row, withPeer bool) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	header := "N\tphase\tfigure\tours\tfloor\ttarget"
	if withPeer {
		header += "\tpeer\tours/peer"
	}
	fmt.Fprintln(tw, header)
	for _, r := range rows {
		n := "-"
		if r.N > 0 {
			n = fmt.Sprint(r.N)
		}
		figure := r.Figure
		if r.Unit != "" {
			figure += " [" + r.Unit + "]"
		}
		target := r.Target
		if target == "" {
			target = "—"
		}
		line := strings.Join([]string{n, r.Phase, figure, cell(r.Ours, r.Unit), cell(r.Floor, r.Unit), target}, "\t")
		if withPeer {
			ratio := "—"
			if r.Ratio != nil {
				ratio = fmt.Sprintf("%.2f", *r.Ratio)
			}
			line += "\t" + cell(r.Peer, r.Unit) + "\t" + ratio
		}
		fmt.Fprintln(tw, line)
	}
	return tw.Flush()
}

// printTargets lists every target with its verdict.
func printTargets(w io.Writer, targets []target, withPeer bool) {
	fmt.Fprintln(w, "Targets:")
	for _, t := range targets {
		line := fmt.Sprintf("  %-8s %s: %s", shortVerdict(t.Ours), t.Name, measured(t.Ours, t.Unit))
		line += " (" + t.LimitText() + ")"
		if withPeer {
			line += "; peer " + measured(t.Peer, t.Unit) + " " + shortVerdict(t.Peer)
		}
		fmt.Fprintln(w, line)
	}
}

func shortVerdict(o *outcome) string {
	switch {
	case o == nil:
		return "not run"
	case o.Met:
		return "met"
	}
	return "NOT MET"
}

func measured(o *outcome, unit string) string {
	if o == nil {
		return "—"
	}
	s := formatValue(o.Value, unit) + unitSuffix(unit)
	if o.Note != "" {
		s += ", " + o.Note
	}
	return s
}

// report is the JSON document -json-out writes: the same figures as the table, and the raw
// measurements behind them (durations in nanoseconds, sizes in bytes).
type report struct {
	Settings settings        `json:"settings"`
	Machine  machine         `json:"machine"`
	Ours     *sideResult     `json:"ours"`
	Peer     *sideResult     `json:"peer,omitempty"`
	BarePlan []time.Duration `json:"bare_plan_ns"`
	Rows     []row           `json:"rows"`
	Targets  []target        `json:"targets"`
}

// machine says where the figures were taken.
type machine struct {
	CPUs      int    `json:"cpus"`
	GoVersion string `json:"go_version"`
	Terraform string `json:"terraform"`
}

func writeJSON(path string, r report) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}
