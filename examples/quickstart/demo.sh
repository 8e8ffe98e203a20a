#!/usr/bin/env bash
# `make demo`: start vpcsim on loopback, install the freshly built provider into a local filesystem
# mirror, apply this quickstart with a real Terraform CLI, show the gateways, destroy them, stop vpcsim.
# Expects TERRAFORM, BIN, DEV_VERSION and GOOS_ARCH from the GNUmakefile.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work="$root/.demo"
rm -rf "$work"
mkdir -p "$work/tf"

export ALIBABA_CLOUD_ECS_METADATA_DISABLED=true
export CHECKPOINT_DISABLE=1
# vpcsim's default key pair (see internal/vpcsim/README.md); never a real credential.
export ALIBABA_CLOUD_ACCESS_KEY_ID=vpcsim-access-key-id
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=vpcsim-access-key-secret

echo "==> starting vpcsim"
"$BIN/vpcsim" -listen 127.0.0.1:0 -provision-delay 3s -delete-delay 1s >"$work/vpcsim.out" 2>"$work/vpcsim.log" &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
	grep -q '^vpcsim listening on ' "$work/vpcsim.out" 2>/dev/null && break
	kill -0 "$sim_pid" 2>/dev/null || { cat "$work/vpcsim.log" >&2; exit 1; }
	sleep 0.1
done
url=$(sed -n 's/^vpcsim listening on //p' "$work/vpcsim.out")
[ -n "$url" ] || { echo "vpcsim did not start" >&2; cat "$work/vpcsim.log" >&2; exit 1; }
endpoint=${url#http://}
echo "    $url"

# The provider comes from a filesystem mirror, so `terraform init` needs no network.
mirror="$work/mirror/registry.terraform.io/vpngw/alicloud/$DEV_VERSION/$GOOS_ARCH"
mkdir -p "$mirror"
cp "$BIN/terraform-provider-alicloud" "$mirror/terraform-provider-alicloud_v$DEV_VERSION"
cat >"$work/terraformrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/vpngw/*"]
  }
}
EOF
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1

# The quickstart refers to the module by a relative path: copy both, side by side.
mkdir -p "$work/tf/quickstart" "$work/tf/modules"
cp "$here"/*.tf "$work/tf/quickstart/"
cp -R "$here/../modules/vpn-gateway" "$work/tf/modules/"
tf() { "$TERRAFORM" -chdir="$work/tf/quickstart" "$@"; }

echo "==> terraform init"
tf init -input=false -no-color >/dev/null
echo "==> terraform apply"
tf apply -input=false -auto-approve -no-color -var "vpc_endpoint=$endpoint"
echo "==> one of the gateways, as Terraform has it"
tf state show -no-color 'module.vpn.alicloud_vpn_gateway.this["edge-vpn"]'
echo "==> the gateways, as vpcsim has them"
curl -fsS "$url/_sim/state"
echo
echo "==> terraform plan (expect no changes)"
tf plan -input=false -no-color -detailed-exitcode -var "vpc_endpoint=$endpoint" | tail -n 3
echo "==> terraform destroy"
tf destroy -input=false -auto-approve -no-color -var "vpc_endpoint=$endpoint" | tail -n 3
left=$(curl -fsS "$url/_sim/state")
echo "==> vpcsim after destroy: $left"
case "$left" in
*'"gateways":[]'*) ;;
*) echo "vpcsim still has gateways after the destroy" >&2; exit 1 ;;
esac
echo "==> stopping vpcsim"
