//go:build linux

package reliability

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/acctest/wait"
	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcapi"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// The fault matrix (see matrix.go): every cell is a fresh vpcsim process, the lifecycle's setup
// applied with no fault, the step with the cell's fault, the same step again with none, then the
// invariants checked against vpcsim's own state. `make test` runs Sample; `make soak` records
// every lifecycle's step in a clean run and runs every cell.
func TestReliability_faultMatrix(t *testing.T) {
	ts := needTools(t)
	m := &matrixRun{ts: ts, kinds: FaultKinds(), started: time.Now()}
	m.template = initTemplate(t, ts)
	t.Cleanup(func() { m.report(t) })
	if !Soak() {
		m.tree(t, Sample(Lifecycles(), m.kinds, PrimaryRequests))
		return
	}
	for _, l := range Lifecycles() {
		t.Run(l.Name, func(t *testing.T) {
			t.Parallel()
			m.requestTree(t, Cells(l, m.recordStep(t, l), m.kinds))
		})
	}
}

// simFlags make every cell's vpcsim quick: a gateway is active a second after its create, and
// busy for half a second after a change or a delete.
var simFlags = []string{"-provision-delay", "1s", "-update-delay", "500ms", "-delete-delay", "500ms"}

// matrixRun is one run of the matrix: what every cell shares and what the report counts.
type matrixRun struct {
	ts       *toolset
	kinds    []FaultKind
	template string // a directory terraform init ran in: its .terraform and lock file serve every cell
	started  time.Time

	mu       sync.Mutex
	cells    int
	unlanded []string // cells whose fault found no request to land on in that run
	sdkDebug int      // cells whose step log holds the SDK's debug output
	recorded []string // per lifecycle: the requests of its clean step
}

// tree runs cells as subtests lifecycle/request/fault, all in parallel (go test -parallel bounds
// how many at once).
func (m *matrixRun) tree(t *testing.T, cells []Cell) {
	for _, group := range groupBy(cells, func(c Cell) string { return c.Lifecycle.Name }) {
		t.Run(group[0].Lifecycle.Name, func(t *testing.T) {
			t.Parallel()
			m.requestTree(t, group)
		})
	}
}

// requestTree runs one lifecycle's cells as subtests request/fault.
func (m *matrixRun) requestTree(t *testing.T, cells []Cell) {
	for _, group := range groupBy(cells, func(c Cell) string { return c.Request.String() }) {
		t.Run(group[0].Request.String(), func(t *testing.T) {
			t.Parallel()
			for _, c := range group {
				t.Run(c.Fault.Name, func(t *testing.T) {
					t.Parallel()
					m.cell(t, c)
				})
			}
		})
	}
}

// groupBy splits cells by key, keeping the order in which keys first appear.
func groupBy(cells []Cell, key func(Cell) string) [][]Cell {
	var keys []string
	groups := map[string][]Cell{}
	for _, c := range cells {
		k := key(c)
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], c)
	}
	out := make([][]Cell, len(keys))
	for i, k := range keys {
		out[i] = groups[k]
	}
	return out
}

// initTemplate runs terraform init once; every cell links its provider directory and copies its
// lock file instead of running init again.
func initTemplate(t *testing.T, ts *toolset) string {
	t.Helper()
	w := emptyWorkspace(t, ts, "unused")
	w.write(e2e.ProviderConfig("127.0.0.1:1"))
	if out, err := w.run("init", "-no-color"); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}
	return w.dir
}

// matrixWorkspace is an initialized workspace of a cell with an STS key: TF_LOG=TRACE, and the
// SDKs' own debug output on, so that the secret scan covers what the SDKs print too.
func (m *matrixRun) matrixWorkspace(t *testing.T, secret, token string) *workspace {
	t.Helper()
	w := emptyWorkspace(t, m.ts, secret, sdkDebug, "ALIBABA_CLOUD_SECURITY_TOKEN="+token)
	w.others = append(w.others, token)
	lock, err := os.ReadFile(filepath.Join(m.template, ".terraform.lock.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(w.dir, ".terraform.lock.hcl"), lock, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(m.template, ".terraform"), filepath.Join(w.dir, ".terraform")); err != nil {
		t.Fatal(err)
	}
	return w
}

// recordStep runs lifecycle l once with no fault and returns the requests its step made.
func (m *matrixRun) recordStep(t *testing.T, l Lifecycle) []Request {
	t.Helper()
	run := m.prepare(t, l, FaultKind{})
	base := run.requestCount()
	step := run.w.start(run.stepArgs()...)
	if code, out := step.wait(t, commandTimeout); code != 0 {
		t.Fatalf("the clean %s step failed (exit %d):\n%s", l.Name, code, out)
	}
	counts := map[string]int{}
	for _, e := range run.requestsSince(base) {
		counts[e.Action]++
	}
	reqs := Requests(counts)
	names := make([]string, len(reqs))
	for i, r := range reqs {
		names[i] = r.String()
	}
	m.mu.Lock()
	m.recorded = append(m.recorded, fmt.Sprintf("%s: %d requests %v, cells on %s", l.Name, len(run.requestsSince(base)),
		countsString(counts), strings.Join(names, ", ")))
	m.mu.Unlock()
	return reqs
}

func countsString(counts map[string]int) string {
	var parts []string
	for _, a := range slices.Sorted(maps.Keys(counts)) {
		parts = append(parts, fmt.Sprintf("%s×%d", a, counts[a]))
	}
	return "(" + strings.Join(parts, " ") + ")"
}

// cellRun is one cell in progress.
type cellRun struct {
	t       *testing.T
	l       Lifecycle
	f       FaultKind
	sim     *simProcess
	w       *workspace
	setupID string // the gateway the setup created; "" for a create
	budget  time.Duration
}

// prepare starts vpcsim, applies the setup and writes the step's configuration.
func (m *matrixRun) prepare(t *testing.T, l Lifecycle, f FaultKind) *cellRun {
	t.Helper()
	// An STS key: its secret and its security token are both looked for in every file.
	secret, token := "secret-"+rand.Text(), "token-"+rand.Text()
	run := &cellRun{t: t, l: l, f: f, sim: startSim(t, m.ts, secret, append([]string{"-security-token", token}, simFlags...)...),
		w: m.matrixWorkspace(t, secret, token)}
	if f.Moment == MomentTimeout {
		run.budget = stepBudget
	}
	if l.Setup != nil {
		run.w.write(l.Setup.HCL(run.provider, 0))
		if out, err := run.w.run("apply", "-auto-approve", "-no-color"); err != nil {
			t.Fatalf("the setup apply: %v\n%s", err, out)
		}
		g, ok := run.gateway()
		if !ok || g.ID == "" {
			t.Fatal("the setup apply left no gateway in state")
		}
		run.setupID = g.ID
		if l.Kind == StepImport {
			if out, err := run.w.run("state", "rm", "-no-color", gatewayAddress); err != nil {
				t.Fatalf("terraform state rm: %v\n%s", err, out)
			}
		}
	}
	run.w.write(l.Step.HCL(run.provider, run.budget))
	return run
}

func (r *cellRun) provider(extra string) string { return e2e.ProviderConfig(r.sim.Endpoint(), extra) }

// stepArgs are the terraform arguments of the step under test.
func (r *cellRun) stepArgs() []string {
	switch r.l.Kind {
	case StepDestroy:
		return []string{"destroy", "-auto-approve", "-no-color"}
	case StepImport:
		return []string{"import", "-no-color", gatewayAddress, r.setupID}
	case StepRefresh:
		return []string{"apply", "-refresh-only", "-auto-approve", "-no-color"}
	}
	return []string{"apply", "-auto-approve", "-no-color"}
}

func (r *cellRun) requests() []vpcsim.RequestEntry {
	r.t.Helper()
	var reqs []vpcsim.RequestEntry
	// After an outage vpcsim may still refuse connections for a moment.
	ok := wait.Until(30*time.Second, 100*time.Millisecond, func() bool {
		var err error
		reqs, err = r.sim.Requests(context.Background())
		return err == nil
	})
	if !ok {
		r.t.Fatal("vpcsim did not answer GET /_sim/requests within 30 s")
	}
	return reqs
}

func (r *cellRun) requestCount() int { return len(r.requests()) }

func (r *cellRun) requestsSince(base int) []vpcsim.RequestEntry { return r.requests()[base:] }

// simState is vpcsim's state and stats, read once it answers again.
func (r *cellRun) simState() (vpcsim.StateView, vpcsim.Stats) {
	r.t.Helper()
	var view vpcsim.StateView
	var stats vpcsim.Stats
	ok := wait.Until(30*time.Second, 100*time.Millisecond, func() bool {
		var err error
		if view, err = r.sim.State(context.Background()); err != nil {
			return false
		}
		stats, err = r.sim.Stats(context.Background())
		return err == nil
	})
	if !ok {
		r.t.Fatal("vpcsim did not answer within 30 s")
	}
	return view, stats
}

// setFaults sets faults, once vpcsim answers again.
func (r *cellRun) setFaults(f vpcsim.Faults) {
	r.t.Helper()
	var err error
	if !wait.Until(30*time.Second, 100*time.Millisecond, func() bool {
		err = r.sim.SetFaults(context.Background(), f)
		return err == nil
	}) {
		r.t.Fatalf("setting the faults: %v", err)
	}
}

// settle waits (at most half a minute) until no gateway vpcsim holds is in a transition.
func (r *cellRun) settle() {
	wait.Until(30*time.Second, 100*time.Millisecond, func() bool {
		view, _ := r.simState()
		return !slices.ContainsFunc(view.Gateways, func(g gateway.View) bool { return g.Status != vpcapi.StatusActive })
	})
}

// gateway is the gateway resource in the workspace's state file.
func (r *cellRun) gateway() (StateGateway, bool) {
	r.t.Helper()
	raw, err := os.ReadFile(filepath.Join(r.w.dir, "terraform.tfstate"))
	if os.IsNotExist(err) {
		return StateGateway{}, false
	}
	if err != nil {
		r.t.Fatal(err)
	}
	g, ok, err := ReadStateGateway(raw, gatewayAddress)
	if err != nil {
		r.t.Fatal(err)
	}
	return g, ok
}

// awaitRequest polls vpcsim until the n-th request of action since base is in flight (answered
// false) or answered (true), and reports whether it got there before the step ended.
func (r *cellRun) awaitRequest(step *background, base int, req Request, answered bool) bool {
	var reached bool
	wait.Until(commandTimeout, 10*time.Millisecond, func() bool {
		reqs, err := r.sim.Requests(context.Background())
		if err != nil || len(reqs) < base {
			return !step.running()
		}
		n := 0
		for _, e := range reqs[base:] {
			if e.Action != req.Action {
				continue
			}
			if n++; n == req.N {
				reached = (e.Status != 0) == answered
				return reached || !step.running()
			}
		}
		return !step.running()
	})
	return reached
}

// moment does what the cell's harness-made moment asks while step runs, and reports whether it
// happened (the request came).
func (r *cellRun) moment(step *background, base int, req Request) bool {
	t := r.t
	switch r.f.Moment {
	case MomentSIGINT:
		if !r.awaitRequest(step, base, req, false) {
			return false
		}
		if err := syscall.Kill(-step.cmd.Process.Pid, syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
	case MomentKill:
		if !r.awaitRequest(step, base, req, true) {
			return false
		}
		// Between two phases of a command (plan, apply) no provider may be running for a moment.
		var pids []int
		wait.Until(2*time.Second, 5*time.Millisecond, func() bool {
			pids = e2e.ProviderChildren("/proc", step.cmd.Process.Pid)
			return len(pids) > 0 || !step.running()
		})
		if len(pids) == 0 {
			return false
		}
		for _, pid := range pids {
			_ = syscall.Kill(pid, syscall.SIGKILL) // it may have ended on its own meanwhile
		}
	case MomentOutage:
		if !r.awaitRequest(step, base, req, true) {
			return false
		}
		if err := r.sim.Outage(context.Background(), r.f.For); err != nil {
			// The answer races the outage, which closes open connections: an outage that began
			// is what was asked for.
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			if vpcsim.WaitReachable(ctx, r.sim.Endpoint(), false) != nil {
				t.Fatalf("POST /_sim/outage: %v, and the endpoint still accepts connections", err)
			}
		}
	}
	return true
}

// cellReport is what one cell logs besides its checks, for the report.
type cellReport struct {
	Landed bool `json:"landed"`
	Exit   int  `json:"exit"`
}

// cell runs one cell and checks the invariants.
func (m *matrixRun) cell(t *testing.T, c Cell) {
	m.mu.Lock()
	m.cells++
	m.mu.Unlock()
	run := m.prepare(t, c.Lifecycle, c.Fault)
	_, before := run.simState()
	base := run.requestCount()
	run.setFaults(c.Fault.Faults(c.Request))
	step := run.w.start(run.stepArgs()...)
	happened := run.moment(step, base, c.Request)
	code1, out1 := step.wait(t, commandTimeout)
	run.setFaults(vpcsim.Faults{})
	landed := happened && c.Fault.Moment != MomentNone || c.Fault.ReadLag > 0
	for _, e := range run.requestsSince(base) {
		landed = landed || e.Fault != ""
	}
	if !landed {
		m.mu.Lock()
		m.unlanded = append(m.unlanded, c.Name())
		m.mu.Unlock()
	}
	// The SDK's own debug output (DEBUG=tea) reaches the TF_LOG file through the plugin's stdout:
	// counted, so that the report shows the secret scan covered it.
	log, _ := os.ReadFile(step.log)
	if sdkDebugLine.Match(log) {
		m.mu.Lock()
		m.sdkDebug++
		m.mu.Unlock()
	}
	b, _ := json.Marshal(cellReport{Landed: landed, Exit: code1})
	t.Log(cellMarker + string(b))
	afterStep, _ := run.simState()
	g1, inState1 := run.gateway()

	// The same step again, with no fault; an import that did not happen is run again, and an
	// imported gateway applied, which must change nothing. It starts once vpcsim's gateways are
	// out of the transitions the step began: a refresh inside one records a status that was true
	// then and no longer is when state and vpcsim are compared.
	run.settle()
	var out2 strings.Builder
	again := [][]string{run.stepArgs()}
	if c.Lifecycle.Kind == StepImport {
		again = [][]string{{"apply", "-auto-approve", "-no-color"}}
		if !inState1 {
			again = append([][]string{run.stepArgs()}, again...)
		}
	}
	var err2 error
	for _, args := range again {
		out, err := run.w.run(args...)
		out2.WriteString(out)
		if err != nil && err2 == nil {
			err2 = err
		}
	}
	final, after := run.simState()
	g2, inState2 := run.gateway()

	v := &violations{t: t}
	checkCell(v, c, run, cellOutcome{
		code1: code1, out1: out1, g1: g1, inState1: inState1, afterStep: afterStep,
		err2: err2, out2: out2.String(), g2: g2, inState2: inState2, final: final,
		creates: effectsDiff(before, after, "CreateVpnGateway"), deletes: effectsDiff(before, after, "DeleteVpnGateway"),
	})
	run.w.checkNoSecret()
	if t.Failed() {
		t.Logf("the step's output (exit %d):\n%s\nthe second run's output:\n%s", code1, out1, out2.String())
	}
}

func effectsDiff(before, after vpcsim.Stats, action string) int {
	return after.Effects[action] - before.Effects[action]
}

// cellOutcome is what a cell observed.
type cellOutcome struct {
	code1     int
	out1      string
	g1        StateGateway
	inState1  bool
	afterStep vpcsim.StateView
	err2      error
	out2      string
	g2        StateGateway
	inState2  bool
	final     vpcsim.StateView
	creates   int // CreateVpnGateway requests that took effect during the step and the second run
	deletes   int
}

// violations reports each broken invariant with its number.
type violations struct{ t *testing.T }

func (v *violations) add(invariant int, format string, args ...any) {
	v.t.Helper()
	v.t.Errorf("invariant %d: %s", invariant, fmt.Sprintf(format, args...))
}

var (
	errorBlock = regexp.MustCompile(`(?m)^Error: .*$`)
	// operationWord: an error must say what the provider was doing.
	operationWord = regexp.MustCompile(`(?i)creat|updat|modif|renam|delet|destroy|read|refresh|import|tag|mov|wait`)
	requestID     = regexp.MustCompile(`(?i)request ?id`)
	mayExist      = regexp.MustCompile(`(?i)may (already )?exist|may have been created`)
	cliInterrupt  = regexp.MustCompile(`^Error: (execution halted|operation canceled)$`)
	sdkDebugLine  = regexp.MustCompile(`(?m)stdout="> (POST|GET) http`)
)

// faultCodes are the codes the matrix makes vpcsim answer.
var matrixCodes = []string{"InternalError", "ServiceUnavailable", "Throttling.User", "VpnGateway.Configuring"}

// checkCell checks the five invariants on what cell c observed.
func checkCell(v *violations, c Cell, run *cellRun, o cellOutcome) {
	l, f := c.Lifecycle, c.Fault
	interrupted := f.Moment == MomentSIGINT || f.Moment == MomentTimeout
	// A create the user interrupted (or whose timeout ran out) may leave a tainted gateway,
	// which the second apply replaces; never a subscription.
	taintAllowed := l.Creates && interrupted && !l.Prepay()

	// 3: the fault is ridden out, or the step says what happened.
	if o.code1 != 0 && !f.UserSees {
		v.add(3, "the step failed (exit %d) on a fault the provider could ride out within its timeout", o.code1)
	}
	if o.inState1 && o.g1.Tainted {
		switch {
		case !taintAllowed:
			v.add(3, "the step left %s tainted in state: the next apply replaces a gateway the fault did not harm", o.g1.ID)
		case !strings.Contains(o.out1, "terraform untaint"):
			v.add(3, "the step left %s tainted, and its error does not name `terraform untaint`", o.g1.ID)
		}
	}
	if o.err2 != nil {
		v.add(3, "the same step again, with no fault, failed: %v", o.err2)
	}

	// 1: one gateway per resource, never two; a subscription is bought once.
	wantCreates := 0
	if l.Creates {
		wantCreates = 1
		if taintAllowed && o.inState1 && o.g1.Tainted {
			wantCreates = 2
		}
	}
	if o.creates != wantCreates {
		v.add(1, "CreateVpnGateway took effect %d times, want %d", o.creates, wantCreates)
	}
	wantGateways := 1
	if l.Kind == StepDestroy {
		wantGateways = 0
	}
	if len(o.final.Gateways) != wantGateways {
		v.add(1, "vpcsim holds %d gateways after both runs, want %d: %v", len(o.final.Gateways), wantGateways, simIDs(o.final))
	}

	// 2: no orphan, and state equals vpcsim.
	for _, g := range o.final.Gateways {
		switch {
		case !o.inState2:
			v.add(2, "vpcsim holds %s, state holds no gateway: orphaned", g.VpnGatewayID)
		case o.g2.ID != g.VpnGatewayID:
			v.add(2, "vpcsim holds %s, state holds %s", g.VpnGatewayID, o.g2.ID)
		default:
			for _, d := range CompareState(o.g2, g) {
				v.add(2, "%s: %s", g.VpnGatewayID, d)
			}
		}
	}
	if l.Kind == StepDestroy && o.inState2 {
		v.add(2, "state still holds %s after the destroy", o.g2.ID)
	}

	// 3: no needless replacement.
	switch {
	case l.Kind == StepDestroy:
	case l.Replaces:
		if o.g2.ID == run.setupID {
			v.add(3, "the replacement kept %s", run.setupID)
		}
	case !l.Creates:
		if o.inState2 && o.g2.ID != run.setupID {
			v.add(3, "%s was replaced by %s", run.setupID, o.g2.ID)
		}
		if o.deletes != 0 {
			v.add(3, "DeleteVpnGateway took effect %d times in a step that deletes nothing", o.deletes)
		}
	}

	// 4: every error is true.
	if o.code1 != 0 && f.Moment != MomentKill {
		checkErrors(v, run, o)
	}
	for _, code := range matrixCodes {
		if strings.Contains(o.out1, code) && !requestID.MatchString(o.out1) {
			v.add(4, "the output names %s without the API's RequestId", code)
		}
	}
}

// checkErrors checks what a failed step told the user (invariant 4).
func checkErrors(v *violations, run *cellRun, o cellOutcome) {
	errs := errorBlock.FindAllString(o.out1, -1)
	if len(errs) == 0 {
		v.add(4, "the step failed (exit %d) with no error", o.code1)
	}
	// Interrupted between two of the provider's calls, Terraform stops with its own notice, and
	// there is nothing of the provider's to check.
	errs = slices.DeleteFunc(errs, cliInterrupt.MatchString)
	if len(errs) > 0 && !operationWord.MatchString(strings.Join(errs, "\n")) {
		v.add(4, "no error names the operation: %q", errs)
	}
	// A gateway vpcsim holds that state does not: the output must say so, with its ID when the
	// provider could know it (it had CreateVpnGateway's answer).
	for _, g := range o.afterStep.Gateways {
		id := g.VpnGatewayID
		if o.inState1 && o.g1.ID == id {
			continue
		}
		if !strings.Contains(o.out1, id) && !mayExist.MatchString(o.out1) {
			v.add(4, "vpcsim holds %s, which state does not; the output neither names it nor says a gateway may exist", id)
		}
	}
	if len(errs) > 0 && run.setupID != "" && o.inState1 && o.g1.ID == run.setupID && !strings.Contains(o.out1, run.setupID) {
		v.add(4, "the error does not name the gateway %s", run.setupID)
	}
}

func simIDs(v vpcsim.StateView) []string {
	ids := make([]string, len(v.Gateways))
	for i, g := range v.Gateways {
		ids[i] = g.VpnGatewayID
	}
	return ids
}

// report records the matrix's Result.
func (m *matrixRun) report(t *testing.T) {
	mode := "the sample `make test` runs (every lifecycle and every fault kind at least once)"
	if Soak() {
		mode = "the whole matrix"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	slices.Sort(m.recorded)
	slices.Sort(m.unlanded)
	Record(t, Result{
		Scenario: "Fault matrix: lifecycle × request × fault × moment",
		Runs:     m.cells,
		Unit:     "cells (" + mode + ")",
		Checked: []string{
			"1: one gateway per resource: CreateVpnGateway takes effect once (twice only where an interrupted create left a tainted POSTPAY gateway), vpcsim holds exactly the gateway the configuration asks for",
			"2: no orphan: every gateway vpcsim holds is in state, and every attribute of the state equals vpcsim's",
			"3: no needless replacement: the gateway's ID survives every fault of a step that does not replace it, no delete takes effect there; a fault the provider can ride out never fails the step; only an interrupted or timed-out POSTPAY create is left tainted, and its error names `terraform untaint`; the same step again with no fault succeeds",
			"4: a failed step's errors name the operation and the gateway, say when a gateway may exist that state lacks (with its ID when known), and carry the RequestId wherever they name the API's code (a killed provider prints nothing of its own)",
			"5: neither the STS key's secret nor its security token is in any output, TF_LOG=TRACE log (with the SDKs' own debug output, " + sdkDebug + ") or state file",
		},
		Figures: []Figure{
			{Name: "cells", Value: fmt.Sprint(m.cells)},
			{Name: "wall time", Value: time.Since(m.started).Round(time.Second).String()},
			{Name: "requests per action with cells of their own", Value: fmt.Sprintf("every write; the first %d of each read (the later polls of a wait are the same request again)", ReadCap)},
			{Name: "cells whose step's TF_LOG=TRACE log holds the SDK's own debug output (DEBUG=tea)", Value: fmt.Sprint(m.sdkDebug)},
			{Name: "cells whose request did not come in that run (no fault applied)", Value: fmt.Sprintf("%d %v", len(m.unlanded), m.unlanded)},
			{Name: "recorded steps", Value: strings.Join(m.recorded, "; ")},
		},
	})
}
