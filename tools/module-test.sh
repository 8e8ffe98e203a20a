#!/usr/bin/env bash
# `make module-test`: `test` of examples/modules/vpn-gateway (its tests/*.tftest.hcl apply the
# module for real) against one vpcsim, once per CLI given as an argument. Each must have `test`
# (Terraform >= 1.6 or OpenTofu): the GNUmakefile passes every CLI of its matrix but 1.5.7. The
# provider comes from the local filesystem mirror; the test files point it at vpcsim through
# ALIBABA_CLOUD_ENDPOINT_VPC.
#
# Expects BIN and MIRROR_RC from the GNUmakefile.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh
use_mirror

module=examples/modules/vpn-gateway

start_vpcsim "$work"
export ALIBABA_CLOUD_ENDPOINT_VPC=$SIM_ENDPOINT
echo "==> vpcsim at $SIM_URL"

for cli in "$@"; do
	name=$(cli_name "$cli")
	start=$SECONDS
	dir="$work/$name"
	copy_config "$module" "$dir"
	echo "==> ${name} test ${module}"
	result=ok
	if ! "$cli" -chdir="$dir" init -backend=false -input=false -no-color >"$work/$name.init" 2>&1; then
		cat "$work/$name.init"
		result=FAIL
	elif ! "$cli" -chdir="$dir" test -no-color; then
		result=FAIL
	fi
	# `test` destroys what each file applied; anything left over is a leak worth failing on.
	left=$(sim_gateway_count)
	if [ "$left" != 0 ]; then
		echo "vpcsim still holds ${left} gateway(s) after ${name} test"
		result=FAIL
		curl -fsS -X POST "$SIM_URL/_sim/reset" >/dev/null
	fi
	record "$result" "$name" "$start"
done

report "==> module tests"
