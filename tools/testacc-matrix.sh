#!/usr/bin/env bash
# `make testacc-matrix`: the acceptance suite (TF_ACC=1 go test of the packages with acceptance tests) once per
# CLI given as an argument (the GNUmakefile's CLI_MATRIX: Terraform 1.5.7 and 1.8.5, OpenTofu, and a
# newer terraform on PATH when there is one). Every CLI runs even when an earlier one failed; the
# summary names each result and how long it took.
#
# GO_TEST_FLAGS is passed to go test, TESTACC_PACKAGES (default the provider's, the resource's and
# the data sources' packages and acctest) picks the packages.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh
# OpenTofu prints CLI-configuration warnings (such as a TF_CLI_CONFIG_FILE naming a missing file)
# on stdout, even for `version -json`, which the testing framework parses: give it an empty one.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then
	export TF_CLI_CONFIG_FILE=/dev/null
fi

packages=${TESTACC_PACKAGES:-./internal/provider/ ./internal/vpngateway/... ./internal/acctest/}

# run_suite LABEL CLI [VAR=VALUE...]: the suite on one CLI, with extra environment.
run_suite() {
	local label=$1 cli=$2
	shift 2
	local start=$SECONDS result=ok
	echo "=== ${label} (${cli})"
	# shellcheck disable=SC2086 # GO_TEST_FLAGS and packages hold several words each
	env "$@" TF_ACC=1 TF_ACC_TERRAFORM_PATH="$cli" \
		go test -count=1 -timeout 30m ${GO_TEST_FLAGS:-} $packages || result=FAIL
	record "$result" "$label" "$start"
}

[ "$#" -gt 0 ] || { echo "usage: $0 CLI..."; exit 2; }
for cli in "$@"; do
	version=$("$cli" version | sed -n 1p)
	case "$version" in
	OpenTofu*)
		# OpenTofu resolves the suite's unqualified "alicloud" provider to its own registry host; the
		# testing framework has to write the same address into the configurations it generates.
		run_suite "${version}" "$cli" TF_ACC_PROVIDER_HOST=registry.opentofu.org TF_ACC_PROVIDER_NAMESPACE=hashicorp
		;;
	*) run_suite "${version}" "$cli" ;;
	esac
done

report "=== CLI matrix"
