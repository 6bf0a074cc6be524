#!/usr/bin/env bash
# Cairn's data path against restic (local and S3 repositories) and borg, split and shared cores, in one run:
# see bench/data-path.py for what it measures. Prints the tables that docs/benchmarks.md holds.
#
# Usage: bench/data-path.sh [--scale 1.0] [--small 200000] [--configs split,shared] [--cold]
# Needs restic, borg, taskset and python3 (apt-get install restic borgbackup util-linux); about 25 minutes at scale 1.
# The project must be built (`./cairn up` once, or ./mvnw install). Work folder: $BENCH_DIR (/tmp/cairn-data-path).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
for tool in restic borg taskset python3; do
  command -v "$tool" > /dev/null || { echo "needs $tool (apt-get install restic borgbackup util-linux python3)" >&2; exit 2; }
done
exec python3 "$root/bench/data-path.py" "$@"
