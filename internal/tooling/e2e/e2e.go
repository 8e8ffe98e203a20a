// Package e2e runs the provider the way a user does: built from this tree, installed from a local
// filesystem mirror by a real Terraform or OpenTofu CLI, against the vpcsim command on a loopback
// port. It is the one harness the benchmarks (internal/tooling/bench), the process-level reliability
// tests (internal/tooling/reliability) and any other end-to-end test share:
//
//	h, err := e2e.Prepare(ctx, dir, log)                  // go build both, mirror, CLI configuration
//	sim, err := e2e.StartSim(h.Vpcsim, logFile, flags...) // vpcsim on 127.0.0.1:0
//	cli := e2e.CLI{Binary: terraformPath, Env: e2e.Env(h.CLIConfig)}
//	out, err := cli.Command(ctx, workDir, "apply", "-auto-approve").CombinedOutput()
//	state, err := sim.State(ctx)                          // /_sim/state; sim.Stats: /_sim/stats
//
// Nothing here reaches beyond 127.0.0.1: the CLI configuration allows no registry, and the
// environment the CLI gets is rebuilt from a short allow-list (see Env).
package e2e

// ProviderVersion is the version the mirror serves the built provider under: the GNUmakefile's
// DEV_VERSION, so that configurations written for `make mirror` work here too.
const ProviderVersion = "0.1.0"

// DefaultRegistry is the host of a source address that names none, as Terraform reads it.
const DefaultRegistry = "registry.terraform.io"

// Provider is our provider's source address. OpenTofu resolves the same "vpngw/alicloud" to
// registry.opentofu.org, so Prepare installs it under both hosts.
var Provider = ProviderAddr{Host: DefaultRegistry, Namespace: "vpngw", Type: "alicloud"}

// openTofuRegistry is the host OpenTofu gives a source address that names none.
const openTofuRegistry = "registry.opentofu.org"
