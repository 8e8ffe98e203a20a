#!/usr/bin/env bash
# `make demo`: start vpcsim on loopback, apply this quickstart with a real Terraform CLI and the
# provider from the local filesystem mirror (`make mirror`), show the gateways, destroy them, stop
# vpcsim. Expects TERRAFORM, BIN and MIRROR_RC from the GNUmakefile.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# start_vpcsim, stop_vpcsim, copy_config, and the sim's key pair in the environment.
. "$root/tools/lib.sh"
export TF_CLI_CONFIG_FILE=$MIRROR_RC

work="$root/.demo"
rm -rf "$work"
mkdir -p "$work"

echo "==> starting vpcsim (${DIALECT:-china} dialect)"
trap stop_vpcsim EXIT
start_vpcsim "$work" -provision-delay 3s -delete-delay 1s -dialect "${DIALECT:-china}"
echo "    $SIM_URL"

# The quickstart refers to the module by a relative path: copy both, side by side.
copy_config "$here" "$work/tf/quickstart"
copy_config "$here/../modules/vpn-gateway" "$work/tf/modules/vpn-gateway"
tf() { "$TERRAFORM" -chdir="$work/tf/quickstart" "$@"; }

echo "==> terraform init"
tf init -input=false -no-color >/dev/null
echo "==> terraform apply"
tf apply -input=false -auto-approve -no-color -var "vpc_endpoint=$SIM_ENDPOINT"
echo "==> one of the gateways, as Terraform has it"
tf state show -no-color 'module.vpn.alicloud_vpn_gateway.this["edge-vpn"]'
echo "==> the gateways, as vpcsim has them"
curl -fsS "$SIM_URL/_sim/state"
echo
echo "==> terraform plan (expect no changes)"
tf plan -input=false -no-color -detailed-exitcode -var "vpc_endpoint=$SIM_ENDPOINT" | tail -n 3
echo "==> terraform destroy"
tf destroy -input=false -auto-approve -no-color -var "vpc_endpoint=$SIM_ENDPOINT" | tail -n 3
echo "==> vpcsim after destroy: $(curl -fsS "$SIM_URL/_sim/state")"
left=$(sim_gateway_count)
[ "$left" = 0 ] || { echo "vpcsim still has $left gateways after the destroy" >&2; exit 1; }
echo "==> stopping vpcsim"
