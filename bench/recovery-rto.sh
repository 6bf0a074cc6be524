#!/usr/bin/env bash
# Recovery's RTO on the benchmark dataset, on a platform of its own: the dataset as a pod's volume in a mock cluster
# (agent and node agent in the JVM), backed up and replicated; recovered into another cluster from the home region,
# then with the home region's object store stopped (from the DR region); each recovery's RTO and the time of each
# state, the restored data compared file for file. Baseline in the same run: the same volume backup restored by the
# local agent into a directory. bench/RecoveryRto.java says how; docs/benchmarks.md ("Recovery") has the figures.
#
# Usage: bench/recovery-rto.sh [SCALE]     (SCALE 1.0 = about 2 GB; about 10 minutes)
# The project must be built (./mvnw install -DskipTests, which compiles the integration tests' fixtures too).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scale="${1:-1.0}"
work="${BENCH_DIR:-/tmp/cairn-rto}"
rm -rf "$work"
mkdir -p "$work"
# java_major and select_jdk, as ./cairn defines them (one range: java_major is one line, select_jdk follows)
source <(sed -n '/^java_major()/,/^}/p' "$root/cairn")
select_jdk
echo "== generating the dataset (scale $scale)"
python3 "$root/bench/dataset.py" "$work/dataset" "$scale"
(cd "$root" && ./mvnw -q -B dependency:build-classpath -pl testing/platform-it -Dmdep.includeScope=test \
  -Dmdep.outputFile="$work/classpath" > /dev/null)
classpath="$root/testing/platform-it/target/test-classes:$root/testing/servers/target/classes:$(cat "$work/classpath")"
exec "$JAVA_HOME/bin/java" -Xmx768m -cp "$classpath" "$root/bench/RecoveryRto.java" \
  "$work/home" "$root" "$work/dataset"
