package bench

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim"
	"github.com/vpngw/terraform-provider-alicloud/internal/vpcsim/gateway"
)

// settings are the scenarios' parameters, the same for every provider.
type settings struct {
	Ns             []int         `json:"n"`
	ProvisionDelay time.Duration `json:"provision_delay_ns"`
	DeleteDelay    time.Duration `json:"delete_delay_ns"`
	QPS            float64       `json:"qps"`
	Parallelism    int           `json:"parallelism"`
	EmptyRuns      int           `json:"empty_runs"`
	SampleInterval time.Duration `json:"sample_interval_ns"`
}

// side is one provider under test, with everything needed to run its scenarios.
type side struct {
	Name      string // "ours" or "peer"
	Addr      e2e.ProviderAddr
	Version   string
	Binary    string
	Templates fs.FS
	TF        terraformCLI
}

// phaseResult is one measured Terraform command of a scenario.
type phaseResult struct {
	Command          string          `json:"command"`
	Wall             time.Duration   `json:"wall_ns"`
	Requests         requestCounts   `json:"requests"`
	Usage            usage           `json:"provider"`
	Lags             []time.Duration `json:"create_lags_ns,omitempty"`
	UnmatchedCreates int             `json:"unmatched_creates,omitempty"`
	Errors           []string        `json:"errors,omitempty"`
	ThrottlingErrors int             `json:"throttling_errors"`
	Changes          *changeSummary  `json:"changes,omitempty"`
	Failed           string          `json:"failed,omitempty"`
}

// scenarioResult is one scenario (N gateways) on one provider.
type scenarioResult struct {
	N       int         `json:"n"`
	Apply   phaseResult `json:"apply"`
	Refresh phaseResult `json:"refresh"`
	Destroy phaseResult `json:"destroy"`
	// Left is how many gateways vpcsim still held after the destroy: anything but 0 is a bug.
	Left int `json:"left"`
}

// sideResult is everything measured for one provider.
type sideResult struct {
	Name        string           `json:"name"`
	Source      string           `json:"source"`
	Version     string           `json:"version"`
	BinaryBytes int64            `json:"binary_bytes"`
	Scenarios   []scenarioResult `json:"scenarios"`
	EmptyPlan   []time.Duration  `json:"empty_plan_ns"`
	EmptyFailed string           `json:"empty_failed,omitempty"`
}

// scenario returns the result for n gateways, if that scenario ran.
func (r *sideResult) scenario(n int) (scenarioResult, bool) {
	for _, s := range r.Scenarios {
		if s.N == n {
			return s, true
		}
	}
	return scenarioResult{}, false
}

// runScenario starts a fresh vpcsim, applies, plans and destroys n gateways with sd's provider.
func runScenario(ctx context.Context, st settings, sd side, simBinary, work string, n int, log io.Writer) (res scenarioResult, err error) {
	res.N = n
	dir := filepath.Join(work, sd.Name, "n"+strconv.Itoa(n))
	sim, err := e2e.StartSim(simBinary, dir+".vpcsim.log",
		"-provision-delay", st.ProvisionDelay.String(), "-delete-delay", st.DeleteDelay.String(),
		"-qps", strconv.FormatFloat(st.QPS, 'g', -1, 64), "-quota", strconv.Itoa(max(n, vpcsim.DefaultQuota)))
	if err != nil {
		return res, err
	}
	defer stopSim(sim, &err)
	if err := renderConfig(sd.Templates, dir, templateFor(sim, n)); err != nil {
		return res, err
	}
	if err := sd.TF.init(ctx, dir); err != nil {
		return res, fmt.Errorf("%s: terraform init: %w", sd.Name, err)
	}
	p := "-parallelism=" + strconv.Itoa(st.Parallelism)

	// Destroy skips its refresh: the plan just before measured the refresh, so the destroy phase
	// measures deleting alone, which is what its floor describes.
	var created []completion
	res.Apply, created = runPhase(ctx, sd, sim, dir, "apply", log, "apply", "-auto-approve", "-input=false", "-json", p)
	if state, err := sim.State(ctx); err == nil {
		res.Apply.Lags, res.Apply.UnmatchedCreates = createLags(created, state.Gateways)
	} else if res.Apply.Failed == "" {
		res.Apply.Failed = "reading /_sim/state: " + err.Error()
	}
	res.Refresh, _ = runPhase(ctx, sd, sim, dir, "refresh", log, "plan", "-input=false", "-json", p)
	res.Destroy, _ = runPhase(ctx, sd, sim, dir, "destroy", log, "destroy", "-auto-approve", "-input=false", "-json", p, "-refresh=false")
	state, err := sim.State(ctx)
	if err != nil {
		return res, err
	}
	res.Left = len(state.Gateways)
	return res, nil
}

// runPhase runs one Terraform command against sim and measures it. It also returns the resources
// Terraform reported done, for the create lags.
func runPhase(ctx context.Context, sd side, sim *e2e.Sim, dir, phase string, log io.Writer, args ...string) (phaseResult, []completion) {
	m := phaseResult{Command: "terraform " + strings.Join(args, " ")}
	before, err := sim.Stats(ctx)
	if err != nil {
		m.Failed = "reading /_sim/stats: " + err.Error()
		return m, nil
	}
	r := sd.TF.run(ctx, dir, filepath.Join(dir, phase+".json"), true, args...)
	after, err := sim.Stats(ctx)
	if err != nil {
		m.Failed = "reading /_sim/stats: " + err.Error()
		return m, nil
	}
	m.Wall, m.Usage, m.Requests = r.Wall, r.Usage, diffStats(before, after)
	m.Errors, m.ThrottlingErrors, m.Changes = r.UI.Errors, throttlingErrors(r.UI.Errors), r.UI.Changes
	if r.Err != nil {
		m.Failed = r.Err.Error()
	}
	fmt.Fprintf(log, "    %-7s %7.2f s  %4d requests (%d throttled)  provider peak RSS %.1f MiB, CPU %.2f s%s\n",
		phase, m.Wall.Seconds(), m.Requests.Total(), m.Requests.Throttled, mib(m.Usage.PeakRSS), m.Usage.CPU.Seconds(), failedNote(m.Failed))
	return m, r.UI.Completed
}

func failedNote(failed string) string {
	if failed == "" {
		return ""
	}
	return "  FAILED: " + failed
}

// createLags pairs each resource Terraform reported created with the gateway vpcsim made active,
// by ID, and returns how long after becoming active each was reported, in Terraform's order;
// unmatched counts creates whose ID vpcsim does not know or did not provision.
func createLags(done []completion, gateways []gateway.View) (lags []time.Duration, unmatched int) {
	provisioned := make(map[string]time.Time, len(gateways))
	for _, g := range gateways {
		if g.ProvisionedTime != 0 {
			provisioned[g.VpnGatewayID] = time.UnixMilli(g.ProvisionedTime)
		}
	}
	for _, c := range done {
		if c.Action != "create" {
			continue
		}
		at, ok := provisioned[c.ID]
		if !ok {
			unmatched++
			continue
		}
		lags = append(lags, c.At.Sub(at))
	}
	return lags, unmatched
}

// runEmptyPlan measures `terraform plan` of a configuration with sd's provider and no resource,
// runs times after one init, and returns every wall time.
func runEmptyPlan(ctx context.Context, sd side, simBinary, work string, runs int) (walls []time.Duration, err error) {
	dir := filepath.Join(work, sd.Name, "empty")
	sim, err := e2e.StartSim(simBinary, dir+".vpcsim.log")
	if err != nil {
		return nil, err
	}
	defer stopSim(sim, &err)
	if err := renderConfig(sd.Templates, dir, templateFor(sim, 0)); err != nil {
		return nil, err
	}
	if err := sd.TF.init(ctx, dir); err != nil {
		return nil, fmt.Errorf("%s: terraform init: %w", sd.Name, err)
	}
	return planRuns(ctx, sd.TF, dir, runs)
}

// runBarePlan measures `terraform plan` of a configuration without any provider: what Terraform
// itself costs, the floor of the empty-configuration figure.
func runBarePlan(ctx context.Context, tf terraformCLI, work string, runs int) ([]time.Duration, error) {
	dir := filepath.Join(work, "bare")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("terraform {}\n"), 0o644); err != nil {
		return nil, err
	}
	if err := tf.init(ctx, dir); err != nil {
		return nil, fmt.Errorf("terraform init: %w", err)
	}
	return planRuns(ctx, tf, dir, runs)
}

func planRuns(ctx context.Context, tf terraformCLI, dir string, runs int) ([]time.Duration, error) {
	var walls []time.Duration
	for i := range runs {
		r := tf.run(ctx, dir, filepath.Join(dir, fmt.Sprintf("plan-%d.log", i)), false, "plan", "-input=false", "-no-color")
		if r.Err != nil {
			return walls, r.Err
		}
		walls = append(walls, r.Wall)
	}
	return walls, nil
}

// stopSim stops vpcsim at the end of a run; a vpcsim that did not end well fails the run, unless
// it failed already.
func stopSim(sim *e2e.Sim, err *error) {
	if stopErr := sim.Stop(); stopErr != nil && *err == nil {
		*err = fmt.Errorf("vpcsim: %w", stopErr)
	}
}

func templateFor(sim *e2e.Sim, n int) templateData {
	return templateData{
		N: n, Endpoint: sim.Endpoint(), URL: sim.URL,
		Region: vpcsim.DefaultRegion, VpcID: vpcsim.DefaultVpcID, VSwitchID: vpcsim.DefaultVSwitchID,
		AccessKeyID: vpcsim.DefaultAccessKeyID, AccessKeySecret: vpcsim.DefaultAccessKeySecret,
	}
}

// median of a non-empty list.
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func mib(bytes int64) float64 { return float64(bytes) / (1 << 20) }
