#!/usr/bin/env bash
# `make examples-check`: every example is formatted, and every folder of *.tf files under examples/
# passes `terraform init` + `terraform validate` with the provider installed from the local
# filesystem mirror, offline. So does every ```terraform snippet written into templates/ (each one
# on its own), since those reach the registry page too. Everything is validated in temporary
# copies so the work tree gets no .terraform/ or lock files.
#
# Expects TERRAFORM, BIN and MIRROR_RC from the GNUmakefile.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh
use_mirror

echo "==> terraform fmt -check -recursive examples/"
"$TERRAFORM" fmt -check -recursive -diff examples/

# The template snippets, one folder each, named after their template and position.
snippets="$work/tree/snippets"
for tmpl in $(find templates -name '*.tmpl' 2>/dev/null | sort); do
	awk -v out="$snippets/$(echo "${tmpl%.md.tmpl}" | tr '/' '_')" '
		/^```terraform$/ { n++; dir = out "_" n; system("mkdir -p " dir); file = dir "/main.tf"; next }
		/^```$/ { file = ""; next }
		file != "" { print > file }
	' "$tmpl"
done
if [ -d "$snippets" ]; then
	echo "==> terraform fmt -check of the snippets in templates/"
	"$TERRAFORM" fmt -check -recursive -diff "$snippets"
fi

failed=0
n=0
copy_config examples "$work/tree/examples"
while IFS= read -r dir; do
	n=$((n + 1))
	# Validate inside a copy of the whole examples/ tree, so relative module sources (the
	# quickstart's ../modules/vpn-gateway) resolve as they do in the repository.
	tmp="$work/tree/$dir"
	# tfplugindocs' snippets (examples/resources/*, examples/provider) leave out the terraform block
	# the way the registry shows them; without it Terraform would look for hashicorp/alicloud.
	if ! grep -qs 'required_providers' "$tmp"/*.tf; then
		cat >"$tmp/zz_examples_check_provider.tf" <<'EOF'
terraform {
  required_providers {
    alicloud = {
      source = "vpngw/alicloud"
    }
  }
}
EOF
	fi
	if out=$("$TERRAFORM" -chdir="$tmp" init -backend=false -input=false -no-color 2>&1) &&
		out=$("$TERRAFORM" -chdir="$tmp" validate -no-color 2>&1); then
		echo "ok    $dir"
	else
		echo "FAIL  $dir"
		echo "$out" | sed 's/^/      /'
		failed=1
	fi
done < <(
	find examples -name '*.tf' -not -path '*/.terraform/*' -exec dirname {} \; | sort -u
	[ -d "$snippets" ] && (cd "$work/tree" && find snippets -mindepth 1 -maxdepth 1 -type d | sort)
)

[ "$n" -gt 0 ] || { echo "no example folders found under examples/"; exit 1; }
echo "==> ${n} example folders and template snippets validated with $(cli_name "$TERRAFORM")"
exit "$failed"
