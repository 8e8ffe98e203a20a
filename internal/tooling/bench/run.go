// Package bench is the benchmark harness behind `make bench` (the command is cmd/vpnbench). It
// builds the provider and vpcsim, installs the provider into a local filesystem mirror, starts
// vpcsim with a provisioning delay and a per-action rate limit, and for N = 1, 20 and 100 gateways
// runs real `terraform apply`, `terraform plan` (the refresh) and `terraform destroy`. For each
// phase it records the wall time, vpcsim's request counts and throttled answers, how late
// Terraform reported each gateway created after vpcsim made it active, and the provider
// processes' peak RSS and CPU time from /proc; then `terraform plan` of an empty configuration.
// It prints one table with the floors and the targets beside the figures, and writes the same as
// JSON (-json-out). With -peer-provider and -peer-config it runs the same scenarios with another
// provider and prints ours / peer. The steps it shares with other end-to-end runs (build, mirror,
// vpcsim, the CLI's environment) are internal/tooling/e2e's. See README.md.
package bench

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/e2e"
)

// options are the command line.
type options struct {
	settings
	terraform    string
	jsonOut      string
	work         string
	keep         bool
	peerProvider string
	peerConfig   string
	peerSource   string
	peerVersion  string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	ns := fs.String("n", "1,20,100", "comma-separated numbers of gateways, one scenario each")
	fs.DurationVar(&o.ProvisionDelay, "provision-delay", 5*time.Second, "vpcsim's provisioning delay D")
	fs.DurationVar(&o.DeleteDelay, "delete-delay", 5*time.Second, "vpcsim's deletion delay (the destroy floor's unit)")
	fs.Float64Var(&o.QPS, "qps", 20, "vpcsim's rate limit, requests per second per action; 0: none")
	fs.IntVar(&o.Parallelism, "parallelism", 10, "terraform -parallelism (P in the floors)")
	fs.IntVar(&o.EmptyRuns, "empty-runs", 3, "runs of the empty-configuration plan (the median is reported)")
	fs.DurationVar(&o.SampleInterval, "sample-interval", 20*time.Millisecond, "how often the provider processes are sampled in /proc")
	fs.StringVar(&o.terraform, "terraform", "terraform", "the Terraform CLI")
	fs.StringVar(&o.jsonOut, "json-out", "", "also write the results as JSON to this file")
	fs.StringVar(&o.work, "work", "", "working directory (default: a temporary one, removed afterwards unless -keep)")
	fs.BoolVar(&o.keep, "keep", false, "keep the working directory (configurations, -json streams, vpcsim logs)")
	fs.StringVar(&o.peerProvider, "peer-provider", "", "another provider binary to run the same scenarios with")
	fs.StringVar(&o.peerConfig, "peer-config", "", "directory of HCL templates for the peer (see README.md)")
	fs.StringVar(&o.peerSource, "peer-source", "", "the peer's source address (default: the one its templates name)")
	fs.StringVar(&o.peerVersion, "peer-version", "", "the version to install the peer as (default: from its file name, _vX.Y.Z, else "+e2e.ProviderVersion+")")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	for _, f := range strings.Split(*ns, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return o, fmt.Errorf("-n %q: want positive numbers separated by commas", *ns)
		}
		o.Ns = append(o.Ns, n)
	}
	switch {
	case o.Parallelism < 1:
		return o, fmt.Errorf("-parallelism must be at least 1")
	case o.ProvisionDelay < 0 || o.DeleteDelay < 0 || o.QPS < 0:
		return o, fmt.Errorf("delays and -qps must not be negative")
	case o.EmptyRuns < 1:
		return o, fmt.Errorf("-empty-runs must be at least 1")
	case o.SampleInterval <= 0:
		return o, fmt.Errorf("-sample-interval must be positive")
	case (o.peerProvider == "") != (o.peerConfig == ""):
		return o, fmt.Errorf("-peer-provider and -peer-config go together")
	}
	return o, nil
}

// Main is the command: Run until it ends or SIGINT/SIGTERM cancels it, and the exit status (0 for
// -h too, which printed every flag).
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	switch err := Run(ctx, args, stdout, stderr); {
	case errors.Is(err, flag.ErrHelp):
		return 0
	case err != nil:
		fmt.Fprintln(stderr, "vpnbench:", err)
		return 1
	}
	return 0
}

// Run runs the benchmarks the command line args ask for (every flag: -h), printing the table
// to stdout and progress to stderr. It fails when a phase failed or a gateway was left behind,
// after the table is out.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	tfPath, err := exec.LookPath(o.terraform)
	if err != nil {
		return fmt.Errorf("terraform CLI: %w", err)
	}
	root, err := e2e.ModuleRoot(ctx)
	if err != nil {
		return err
	}
	work := o.work
	if work == "" {
		if work, err = os.MkdirTemp("", "bench-"); err != nil {
			return err
		}
		if !o.keep {
			defer os.RemoveAll(work)
		}
	} else if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	if work, err = filepath.Abs(work); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "==> working in %s\n", work)

	bins, err := e2e.Build(ctx, root, filepath.Join(work, "bin"), stderr)
	if err != nil {
		return err
	}
	mirror := filepath.Join(work, "mirror")
	ours := side{Name: "ours", Addr: e2e.Provider, Version: e2e.ProviderVersion, Binary: bins.Provider, Templates: oursTemplates()}
	sides := []*side{&ours}
	if o.peerProvider != "" {
		peer, err := peerSide(o)
		if err != nil {
			return err
		}
		if peer.Addr == ours.Addr {
			return fmt.Errorf("the peer's source address %s is ours: give it another one (-peer-source, and the same in its templates)", peer.Addr)
		}
		sides = append(sides, &peer)
	}
	var addrs []e2e.ProviderAddr
	for _, sd := range sides {
		if err := e2e.InstallInMirror(mirror, sd.Addr, sd.Version, sd.Binary); err != nil {
			return fmt.Errorf("installing %s: %w", sd.Name, err)
		}
		addrs = append(addrs, sd.Addr)
	}
	rc := filepath.Join(work, "terraformrc")
	if err := os.WriteFile(rc, []byte(e2e.CLIConfig(mirror, addrs...)), 0o644); err != nil {
		return err
	}
	tf := terraformCLI{CLI: e2e.CLI{Binary: tfPath, Env: benchEnv(rc)}, SampleInterval: o.SampleInterval}
	for _, sd := range sides {
		sd.TF = tf
	}

	results := make([]*sideResult, len(sides))
	for i, sd := range sides {
		info, err := os.Stat(sd.Binary)
		if err != nil {
			return err
		}
		results[i] = &sideResult{Name: sd.Name, Source: sd.Addr.String(), Version: sd.Version, BinaryBytes: info.Size()}
	}
	// Scenario by scenario, ours then the peer's, so that a change in the machine's load between
	// scenarios falls on both alike.
	for _, n := range o.Ns {
		for i, sd := range sides {
			fmt.Fprintf(stderr, "==> %s, N = %d (D = %s, delete %s, %g rps per action, parallelism %d)\n",
				sd.Name, n, o.ProvisionDelay, o.DeleteDelay, o.QPS, o.Parallelism)
			res, err := runScenario(ctx, o.settings, *sd, bins.Vpcsim, work, n, stderr)
			if err != nil {
				return fmt.Errorf("%s, N = %d: %w", sd.Name, n, err)
			}
			results[i].Scenarios = append(results[i].Scenarios, res)
		}
	}
	for i, sd := range sides {
		fmt.Fprintf(stderr, "==> %s, empty configuration: terraform plan × %d\n", sd.Name, o.EmptyRuns)
		walls, err := runEmptyPlan(ctx, *sd, bins.Vpcsim, work, o.EmptyRuns)
		results[i].EmptyPlan = walls
		if err != nil {
			results[i].EmptyFailed = err.Error()
		}
	}
	fmt.Fprintf(stderr, "==> no provider at all: terraform plan × %d\n", o.EmptyRuns)
	bare, err := runBarePlan(ctx, tf, work, o.EmptyRuns)
	if err != nil {
		return fmt.Errorf("the floor of the empty plan: %w", err)
	}

	rep := report{Settings: o.settings, Machine: machineInfo(ctx, tfPath), Ours: results[0], BarePlan: bare}
	if len(results) > 1 {
		rep.Peer = results[1]
	}
	rep.Targets = evaluateTargets(o.settings, rep.Ours, rep.Peer)
	rep.Rows = buildRows(o.settings, rep.Ours, rep.Peer, bare, rep.Targets)

	fmt.Fprintf(stdout, "\nbench: N = %v, D = %s, delete delay %s, vpcsim rate limit %g rps per action, parallelism %d; %d CPUs, %s, %s\n",
		o.Ns, o.ProvisionDelay, o.DeleteDelay, o.QPS, o.Parallelism, rep.Machine.CPUs, rep.Machine.Terraform, rep.Machine.GoVersion)
	fmt.Fprintf(stdout, "ours: %s %s", rep.Ours.Source, rep.Ours.Version)
	if rep.Peer != nil {
		fmt.Fprintf(stdout, "; peer: %s %s (%s, templates %s)", rep.Peer.Source, rep.Peer.Version, o.peerProvider, o.peerConfig)
	}
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout)
	if err := printTable(stdout, rep.Rows, rep.Peer != nil); err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	printTargets(stdout, rep.Targets, rep.Peer != nil)
	if o.jsonOut != "" {
		if err := writeJSON(o.jsonOut, rep); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "==> wrote %s\n", o.jsonOut)
	}
	return sanity(rep, stderr)
}

// peerSide describes the peer from the flags: its templates, its source address (the flag, else
// the one the templates name) and its version (the flag, else the binary's name, else ours).
func peerSide(o options) (side, error) {
	bin, err := filepath.Abs(o.peerProvider)
	if err != nil {
		return side{}, err
	}
	if info, err := os.Stat(bin); err != nil || info.IsDir() {
		return side{}, fmt.Errorf("-peer-provider %s: not a file", o.peerProvider)
	}
	info, err := os.Stat(o.peerConfig)
	if err != nil || !info.IsDir() {
		return side{}, fmt.Errorf("-peer-config %s: not a directory", o.peerConfig)
	}
	templates := os.DirFS(o.peerConfig)
	var addr e2e.ProviderAddr
	if o.peerSource != "" {
		addr, err = e2e.ParseProviderAddr(o.peerSource)
	} else {
		addr, err = templateSource(templates)
	}
	if err != nil {
		return side{}, fmt.Errorf("peer: %w", err)
	}
	version := o.peerVersion
	if version == "" {
		version = versionFromBinary(bin)
	}
	if version == "" {
		version = e2e.ProviderVersion
	}
	return side{Name: "peer", Addr: addr, Version: version, Binary: bin, Templates: templates}, nil
}

func machineInfo(ctx context.Context, tf string) machine {
	m := machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version()}
	if out, err := exec.CommandContext(ctx, tf, "version").Output(); err == nil {
		m.Terraform, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	}
	return m
}

// sanity fails the run, after the table is out, when a phase of ours failed or gateways were left
// behind: figures from a broken run are not figures. The peer's failures are figures of the peer
// (the official provider's refresh of 100 gateways gives up on Throttling.User at vpcsim's rate
// limit), so they are listed on stderr and the table's targets, and the run goes on.
func sanity(r report, stderr io.Writer) error {
	if peer := failures(r.Peer); len(peer) > 0 {
		fmt.Fprintf(stderr, "vpnbench: the peer failed, which its figures show; the run goes on:\n  %s\n", strings.Join(peer, "\n  "))
	}
	if ours := failures(r.Ours); len(ours) > 0 {
		return fmt.Errorf("the run had failures:\n  %s", strings.Join(ours, "\n  "))
	}
	return nil
}

// failures lists the failed phases, leftover gateways and failed empty plans of one side.
func failures(sr *sideResult) []string {
	if sr == nil {
		return nil
	}
	var problems []string
	for _, s := range sr.Scenarios {
		for _, phase := range phases {
			if p := s.phase(phase); p.Failed != "" {
				problems = append(problems, fmt.Sprintf("%s, N = %d, %s: %s", sr.Name, s.N, phase, p.Failed))
			}
		}
		if s.Left != 0 {
			problems = append(problems, fmt.Sprintf("%s, N = %d: %d gateways left after destroy", sr.Name, s.N, s.Left))
		}
	}
	if sr.EmptyFailed != "" {
		problems = append(problems, fmt.Sprintf("%s, empty configuration: %s", sr.Name, sr.EmptyFailed))
	}
	return problems
}
