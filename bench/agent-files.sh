#!/usr/bin/env bash
# The agent's per-file work on one core, without a platform (bench/AgentFiles.java: walk, read, FastCDC, keyed id,
# zstd, AES-GCM; chunks dropped), in a fresh JVM with the chart's JVM settings, against `restic backup` of the same
# files into a local repository on the same core (the peer's whole job, as a yardstick). Every run is a fresh JVM,
# as `./cairn backup` is; round 2 shows the same JVM warm.
# Usage: bench/agent-files.sh [FILES=200000] [EXTRA_JVM_OPTIONS...]   Results go into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -n "${JAVA_HOME:-}" ]] || export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
files=${1:-200000}
shift || true
./mvnw -q -B install -DskipTests -Dimage.skip=true -pl api/data-format,agent -am
cp="$(ls agent/target/cairn-agent-*.jar | head -1):$(cat agent/target/agent.classpath)"
work=$(mktemp -d "${TMPDIR:-/tmp}/cairn-agent-files.XXXXXX")
trap 'rm -rf "$work"' EXIT
# the files of bench/data-path.sh's small-file step
python3 - "$work/data" "$files" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("data_path", "bench/data-path.py")
data_path = importlib.util.module_from_spec(spec)
spec.loader.exec_module(data_path)
data_path.small_files(sys.argv[1], int(sys.argv[2]))
PY
sync
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp "$cp" bench/AgentFiles.java
values=k8s/charts/cairn-agent/values.yaml
heap=$(sed -n 's/^  maxHeap: *//p' "$values")
read -r -a options <<< "$(sed -n 's/^  options: *"\(.*\)"/\1/p' "$values")"
echo "== $files files; the chart's JVM settings: -Xmx$heap ${options[*]} $*"
/usr/bin/time -f "  process: %e s wall, %U s user, %S s system, %M KiB peak RSS" taskset -c 1 \
  "$JAVA_HOME/bin/java" "-Xmx$heap" "${options[@]}" "$@" --add-opens java.base/sun.nio.fs=ALL-UNNAMED \
  --enable-native-access=ALL-UNNAMED -Xlog:disable -cp "$work/classes:$cp" AgentFiles "$work/data" 2
echo "== restic backup of the same files (local repository, same core)"
export RESTIC_PASSWORD=bench-password RESTIC_REPOSITORY="$work/restic"
restic init -q
/usr/bin/time -f "  process: %e s wall, %U s user, %S s system, %M KiB peak RSS" taskset -c 1 \
  restic backup -q "$work/data"
