#!/usr/bin/env bash
# Fresh starts in a row, as new users would make them: each `./cairn up` on a new, deep data folder (a new Kafka
# cluster id, a new PostgreSQL, new Keycloak realm), until its ready line, then SIGTERM and a check that nothing it
# started is left. Prints one line per start and a summary; exits non-zero if any start failed.
#
# Usage: bench/fresh-starts.sh [COUNT]        (default 20; about a minute per start on 2 cores)
# The project must be built (`./cairn up` once, or ./mvnw install). Method and results: docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${1:-20}"
work="${BENCH_DIR:-/tmp/cairn-fresh-starts}"
rm -rf "$work"
mkdir -p "$work"

failed=0
times=()
for i in $(seq 1 "$count"); do
  # deeper than a Unix-domain socket path may be (107 bytes)
  home="$work/start-$i/a-data-folder-as-deep-as-a-users-home-or-a-ci-workspace/that-keeps-going-down/.cairn"
  mkdir -p "$home"
  log="$work/start-$i/up.log"
  begin=$(date +%s.%N)
  (cd "$root" && CAIRN_HOME="$home" CAIRN_SKIP_BUILD=1 setsid ./cairn up > "$log" 2>&1 &)
  outcome="timeout"
  for _ in $(seq 1 600); do
    if grep -q "^Cairn is up" "$log"; then outcome="up"; break; fi
    if grep -q "^cairn:" "$log"; then outcome="failed"; break; fi
    sleep 0.5
  done
  seconds=$(echo "$(date +%s.%N) - $begin" | bc)
  pkill -TERM -f "CairnUp" || true
  for _ in $(seq 1 60); do pgrep -f "$home" > /dev/null || break; sleep 0.5; done
  left=$(pgrep -f "$home" | wc -l || true)
  if [[ "$outcome" != "up" || "$left" != "0" ]]; then
    failed=$((failed + 1))
    echo "start $i: $outcome after ${seconds%.*} s, $left processes left; log: $log"
    sed 's/^/    /' "$log" | tail -5
  else
    times+=("$seconds")
    echo "start $i: ready in $(grep -o 'ready in [0-9]* s' "$log" | grep -o '[0-9]*') s (ready line after ${seconds%.*} s)"
    rm -rf "$work/start-$i"
  fi
done

if [[ ${#times[@]} -gt 0 ]]; then
  printf '%s\n' "${times[@]}" | sort -n | awk -v n="$count" -v f="$failed" '
    { t[NR] = $1; s += $1 }
    END { printf "%d of %d fresh starts up, %d failed; ready line after min %.0f s, median %.0f s, max %.0f s\n",
          NR, n, f, t[1], t[int((NR + 1) / 2)], t[NR] }'
fi
exit $((failed > 0))
