#!/usr/bin/env bash
# `make docs-check`, run after `make docs`:
#   1. docs/ is exactly what was generated: no diff against git, no file git does not track;
#   2. the resource page's hand-written lists of what replaces the gateway and what changes in place
#      agree with the schema: an argument is "replacing" when its MarkdownDescription carries the
#      sentence below (the provider appends it to every RequiresReplace argument), and every
#      argument is in exactly one list or is one of those that only matter at creation.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! git diff --exit-code --stat -- docs/; then
	echo "docs/ is stale: run make docs and commit the result"
	exit 1
fi
untracked=$(git ls-files --others --exclude-standard -- docs/)
if [ -n "$untracked" ]; then
	echo "make docs wrote files git does not track (commit them):"
	echo "$untracked"
	exit 1
fi

page=docs/resources/vpn_gateway.md
marker="Changing it replaces the gateway."
# Arguments that never replace and never update: they only shape the create call, and timeouts.
create_only="auto_pay period timeouts"

# Top-level arguments (Required and Optional sections, not the nested timeouts schema) and whether
# their description carries the marker. A description can span lines until the next bullet.
arguments=$(awk -v marker="$marker" '
	/^### Required$|^### Optional$/ { in_args = 1; next }
	/^#/ { flush(); in_args = 0; next }
	function flush() { if (name != "") print name, (index(desc, marker) ? "replaces" : "keeps"); name = "" }
	in_args && /^- `/ { flush(); name = $2; gsub(/`/, "", name); desc = $0; next }
	in_args && name != "" { desc = desc " " $0 }
	END { flush() }
' "$page")
[ -n "$arguments" ] || { echo "found no arguments in ${page}"; exit 1; }

listed() { # listed "LEAD SENTENCE": the backquoted names on the line after it, sorted
	sed -n "/^$1\$/{n;p;}" "$page" | grep -o '`[a-z_]*`' | tr -d '`' | sort
}
doc_replaces=$(listed "These arguments replace the gateway when they change:")
doc_in_place=$(sed -n 's/^These change in place: //p' "$page" | grep -o '`[a-z_]*`' | tr -d '`' | sort)
schema_replaces=$(echo "$arguments" | awk '$2 == "replaces" { print $1 }' | sort)
schema_keeps=$(echo "$arguments" | awk '$2 == "keeps" { print $1 }' | sort)
expected_in_place=$(comm -23 <(echo "$schema_keeps") <(tr ' ' '\n' <<<"$create_only" | sort))

failed=0
if [ "$doc_replaces" != "$schema_replaces" ]; then
	echo "${page}: the list of replacing arguments (templates/resources/vpn_gateway.md.tmpl) disagrees with the schema"
	diff <(echo "$doc_replaces") <(echo "$schema_replaces") | sed 's/^/    /' || true
	echo "    (< listed in the template, > marked \"${marker}\" in the schema)"
	failed=1
fi
if [ "$doc_in_place" != "$expected_in_place" ]; then
	echo "${page}: the list of arguments that change in place disagrees with the schema"
	diff <(echo "$doc_in_place") <(echo "$expected_in_place") | sed 's/^/    /' || true
	echo "    (< listed in the template, > neither replacing nor one of: ${create_only})"
	failed=1
fi
[ "$failed" = 0 ] && echo "docs/ is up to date; the replace and in-place lists match the schema"
exit "$failed"
