#!/usr/bin/env bash
# `make generate-config-check`: config generation from an `import {}` block gives a configuration
# that applies with no changes. For each CLI given as an argument, against a fresh vpcsim:
#   1. apply two gateways, then `state rm` them and drop their resource blocks (they now exist
#      unmanaged);
#   2. an `import {}` block + `plan -generate-config-out=generated.tf` must succeed;
#   3. `apply` imports it, and `plan -detailed-exitcode` must then answer 0 (nothing to change);
#   4. `destroy` must leave vpcsim empty.
#
# Expects BIN and MIRROR_RC from the GNUmakefile.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh
use_mirror

# check_cli CLI DIR: the four steps above on one CLI in DIR; returns non-zero at the first broken
# step (it runs left of `||`, where set -e does not apply, so every step checks itself).
check_cli() {
	local cli=$1 dir=$2
	mkdir -p "$dir"
	tf() { "$cli" -chdir="$dir" "$@"; }

	cat >"$dir/providers.tf" <<EOF
terraform {
  required_providers {
    alicloud = {
      source = "vpngw/alicloud"
    }
  }
}

provider "alicloud" {
  region   = "cn-hangzhou"
  protocol = "HTTP"
  endpoints {
    vpc = "$SIM_ENDPOINT"
  }
  # The generated tags must leave the defaults out, or the plan after the import would not be empty.
  default_tags {
    tags = {
      env = "ci"
    }
  }
}
EOF
	# Two gateways: one with SSL-VPN, a name, a description, tags, a resource group and auto_propagate,
	# whose generated configuration has to carry them through, and one with only the required arguments, whose generated configuration
	# must not turn what the API reports for unset arguments (an ID-based name, 0 SSL connections)
	# into values the provider's own validation refuses.
	cat >"$dir/gateways.tf" <<'EOF'
resource "alicloud_vpn_gateway" "ssl" {
  vpc_id          = "vpc-bp1simdefault00000001"
  bandwidth       = 10
  name            = "imported-edge"
  description     = "made outside Terraform, then imported"
  enable_ssl      = true
  ssl_connections = 10
  tags = {
    app  = "vpn"
    team = "net"
  }
  resource_group_id = "rg-acfmvpcsimsecond"
  auto_propagate    = false
}

resource "alicloud_vpn_gateway" "plain" {
  vpc_id    = "vpc-bp1simdefault00000001"
  bandwidth = 5
}
EOF
	echo "--- apply the original gateways"
	tf init -backend=false -input=false -no-color >"$dir/init.log" 2>&1 || { cat "$dir/init.log"; return 1; }
	tf apply -input=false -auto-approve -no-color >"$dir/apply.log" 2>&1 || { cat "$dir/apply.log"; return 1; }
	local name id
	: >"$dir/import.tf.next"
	for name in ssl plain; do
		id=$(tf state show -no-color "alicloud_vpn_gateway.$name" | sed -n 's/^ *id *= *"\(vpn-[^"]*\)".*/\1/p')
		[ -n "$id" ] || { echo "no id for alicloud_vpn_gateway.$name in state"; return 1; }
		echo "    $name: $id"
		printf 'import {\n  to = alicloud_vpn_gateway.imported_%s\n  id = "%s"\n}\n\n' "$name" "$id" >>"$dir/import.tf.next"
	done

	echo "--- forget them: state rm, resource blocks removed"
	tf state rm -no-color alicloud_vpn_gateway.ssl alicloud_vpn_gateway.plain >/dev/null || return 1
	rm "$dir/gateways.tf"

	echo "--- import {} + plan -generate-config-out"
	mv "$dir/import.tf.next" "$dir/import.tf"
	tf plan -input=false -no-color -generate-config-out=generated.tf >"$dir/plan.log" 2>&1 ||
		{ cat "$dir/plan.log"; cat "$dir/generated.tf" 2>/dev/null; return 1; }
	sed 's/^/    /' "$dir/generated.tf"

	echo "--- apply the import, then plan must be empty"
	tf apply -input=false -auto-approve -no-color >"$dir/apply2.log" 2>&1 || { cat "$dir/apply2.log"; return 1; }
	local rc=0
	tf plan -input=false -no-color -detailed-exitcode >"$dir/plan2.log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "plan after importing the generated configuration exited ${rc} (want 0: no changes):"
		cat "$dir/plan2.log"
		return 1
	fi

	echo "--- destroy"
	tf destroy -input=false -auto-approve -no-color >"$dir/destroy.log" 2>&1 || { cat "$dir/destroy.log"; return 1; }
	local left
	left=$(sim_gateway_count)
	[ "$left" = 0 ] || { echo "vpcsim still holds ${left} gateway(s)"; return 1; }
}

start_vpcsim "$work"
echo "==> vpcsim at $SIM_URL"
for cli in "$@"; do
	name=$(cli_name "$cli")
	start=$SECONDS
	echo "==> ${name}"
	result=ok
	check_cli "$cli" "$work/$name" || result=FAIL
	record "$result" "$name" "$start"
	curl -fsS -X POST "$SIM_URL/_sim/reset" >/dev/null
done

report "==> generate-config-check"
