// Command vpnbench is `make bench`: the provider through a real Terraform CLI against vpcsim, next
// to the floors the API sets, with every target judged met or not (internal/tooling/bench/README.md).
//
// Run it from the repository: go run ./cmd/vpnbench [flags].
package main

import (
	"os"

	"github.com/vpngw/terraform-provider-alicloud/internal/tooling/bench"
)

func main() { os.Exit(bench.Main(os.Args[1:], os.Stdout, os.Stderr)) }
