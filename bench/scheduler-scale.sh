#!/usr/bin/env bash
# The scheduler and garbage collection at scale, on a platform of its own: 100,000 policies of 10,000 tenants in one
# scheduler (fire lag p50/p99 at 12 fires a second, policy list p99, RSS), and garbage collection of tenants with
# 100,000 and 1,000,000 chunks (time, ingest's RSS). bench/SchedulerScale.java says how; docs/benchmarks.md has the
# figures.
#
# Usage: bench/scheduler-scale.sh [WINDOW_SECONDS] [POLICIES]     (default 300 and 100000; about 10 minutes)
# The project must be built (./cairn up once, or ./mvnw install -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/cairn-scheduler-scale}"
rm -rf "$work"
mkdir -p "$work"
# java_major and select_jdk, as ./cairn defines them (one range: java_major is one line, select_jdk follows)
source <(sed -n '/^java_major()/,/^}/p' "$root/cairn")
select_jdk
classpath="$root/testing/servers/target/classes:$(cat "$root/testing/servers/target/launcher.classpath")"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$classpath" "$root/bench/SchedulerScale.java" \
  "$work/home" "$root" "${1:-300}" "${2:-100000}"
