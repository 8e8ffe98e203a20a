# shellcheck shell=bash
# Sourced by the release-check scripts in tools/. Everything here talks to 127.0.0.1 only.
#
# Expects from the GNUmakefile: BIN (vpcsim is $BIN/vpcsim) and MIRROR_RC (a CLI configuration
# that installs vpngw/alicloud from the local filesystem mirror; see `make mirror`).

export ALIBABA_CLOUD_ECS_METADATA_DISABLED=true
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
# vpcsim's default key pair (internal/vpcsim); never a real credential.
export ALIBABA_CLOUD_ACCESS_KEY_ID=vpcsim-access-key-id
export ALIBABA_CLOUD_ACCESS_KEY_SECRET=vpcsim-access-key-secret

# start_vpcsim DIR [FLAG...]: start vpcsim on a free loopback port, logging into DIR, and set
# SIM_URL (http://127.0.0.1:PORT) and SIM_ENDPOINT (127.0.0.1:PORT). The caller's EXIT trap must
# call stop_vpcsim.
start_vpcsim() {
	local dir=$1
	shift
	"$BIN/vpcsim" -listen 127.0.0.1:0 "$@" >"$dir/vpcsim.out" 2>"$dir/vpcsim.log" &
	SIM_PID=$!
	local _
	for _ in $(seq 100); do
		grep -q '^vpcsim listening on ' "$dir/vpcsim.out" 2>/dev/null && break
		kill -0 "$SIM_PID" 2>/dev/null || break
		sleep 0.1
	done
	SIM_URL=$(sed -n 's/^vpcsim listening on //p' "$dir/vpcsim.out")
	if [ -z "$SIM_URL" ]; then
		echo "vpcsim did not start:" >&2
		cat "$dir/vpcsim.log" >&2
		return 1
	fi
	# shellcheck disable=SC2034 # read by the scripts that source this file
	SIM_ENDPOINT=${SIM_URL#http://}
}

stop_vpcsim() {
	if [ -n "${SIM_PID:-}" ]; then
		kill "$SIM_PID" 2>/dev/null || true
		wait "$SIM_PID" 2>/dev/null || true
		SIM_PID=
	fi
}

# sim_gateway_count: how many gateways vpcsim holds right now. /_sim/state lists "gateways" before
# "orders", and only entries of the first carry a "Status": no jq needed on a fresh machine.
sim_gateway_count() {
	curl -fsS "$SIM_URL/_sim/state" | { grep -o '"Status":' || true; } | wc -l | tr -d ' '
}

# cli_name CLI: "terraform-1.11.4" or "tofu-1.12.6", for messages.
cli_name() {
	"$1" version | sed -n 1p | sed -e 's/^Terraform v/terraform-/' -e 's/^OpenTofu v/tofu-/'
}

# copy_config SRC DST: copy a configuration folder without any state a local run left behind.
copy_config() {
	mkdir -p "$2"
	cp -R "$1/." "$2/"
	rm -rf "$2/.terraform" "$2/.terraform.lock.hcl" "$2"/terraform.tfstate*
}
