# shellcheck shell=bash
# Sourced by the release-check scripts in tools/ and by the quickstart's demo. Everything here
# talks to 127.0.0.1 only.
#
# Expects from the GNUmakefile: BIN (vpcsim is $BIN/vpcsim) and MIRROR_RC (a CLI configuration
# that installs vpngw/alicloud from the local filesystem mirror; see `make mirror`).

export ALIBABA_CLOUD_ECS_METADATA_DISABLED=true
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1

# use_mirror: the CLI installs the provider from the local filesystem mirror, and $work is a
# temporary folder, removed on exit together with any vpcsim start_vpcsim started.
use_mirror() {
	export TF_CLI_CONFIG_FILE=$MIRROR_RC
	work=$(mktemp -d)
	trap 'stop_vpcsim; rm -rf "$work"' EXIT
}

# start_vpcsim DIR [FLAG...]: start vpcsim on a free loopback port, logging into DIR, set SIM_URL
# (http://127.0.0.1:PORT) and SIM_ENDPOINT (127.0.0.1:PORT), and export vpcsim's key pair for the
# provider. The caller's EXIT trap must call stop_vpcsim.
start_vpcsim() {
	local dir=$1
	shift
	# vpcsim's default key pair (internal/vpcsim); never a real credential. Only the scripts that
	# start vpcsim get it, so the acceptance suite runs with the caller's environment.
	export ALIBABA_CLOUD_ACCESS_KEY_ID=vpcsim-access-key-id
	export ALIBABA_CLOUD_ACCESS_KEY_SECRET=vpcsim-access-key-secret
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

# record RESULT LABEL START: one line of the summary ("ok" or "FAIL", the label, the seconds since
# START), and failed=1 when RESULT is not ok.
summary=()
failed=0
record() {
	summary+=("$(printf '%-5s %s %ss' "$1" "$2" $((SECONDS - $3)))")
	[ "$1" = ok ] || failed=1
}

# report TITLE: print TITLE and the summary, and exit 1 when any run failed, 0 otherwise.
report() {
	echo "$1"
	printf '%s\n' "${summary[@]}"
	exit "$failed"
}
