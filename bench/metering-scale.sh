#!/usr/bin/env bash
# Metering at scale, on a platform of its own: usage events per second into the hourly aggregates (200,000 events of
# 10,000 tenants through the usage topic) against the database's own batch-insert rate of the same rows (the
# baseline); usage queries (hour, day, month) over 10,000 tenants x 1 year of hours (p50/p99 through the gateway);
# one statements run over the 10,000 tenants. bench/MeteringScale.java says how; docs/benchmarks.md has the figures.
#
# Usage: bench/metering-scale.sh [EVENTS] [TENANTS]     (default 200000 and 10000; about 10 minutes)
# The project must be built (./cairn up once, or ./mvnw install -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${BENCH_DIR:-/tmp/cairn-metering-scale}"
rm -rf "$work"
mkdir -p "$work"
# java_major and select_jdk, as ./cairn defines them (one range: java_major is one line, select_jdk follows)
source <(sed -n '/^java_major()/,/^}/p' "$root/cairn")
select_jdk
classpath="$root/testing/servers/target/classes:$(cat "$root/testing/servers/target/launcher.classpath")"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$classpath" "$root/bench/MeteringScale.java" \
  "$work/home" "$root" "${1:-200000}" "${2:-10000}"
