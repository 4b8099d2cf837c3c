# Shared helpers of the benchmarks. Source it; it sets ROOT and builds what is missing.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PW="$ROOT/pipewright"
SPARK_HOME_DIR="$ROOT/spark-runtime/target/spark-home"
OUT="$(mktemp -d "${TMPDIR:-/tmp}/pipewright-bench.XXXXXX")"
trap '[ -n "${KEEP:-}" ] || rm -rf "$OUT"' EXIT

# Builds on first use (the launcher does), quietly.
"$PW" --version >/dev/null

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
# The seconds of the last line `run RUN_ID STATUS in SECONDSs` of a pipewright run.
engine_seconds() { tail -n 1 "$1" | sed -n 's/^run [^ ]* Completed in \([0-9.]*\)s$/\1/p'; }
