#!/usr/bin/env bash
# Throughput of the agent's chunk pipeline (FastCDC + HMAC id + zstd + AES-GCM) on one core, with a SHA-256
# baseline in the same process. Usage: bench/chunk-pipeline.sh [MiB] [warm-up]   Results go into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -n "${JAVA_HOME:-}" ]] || export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
./mvnw -q -B install -DskipTests -pl api/data-format -am
./mvnw -q -B test-compile dependency:build-classpath -pl api/data-format -Dmdep.outputFile=target/bench.classpath
cp="api/data-format/target/classes:api/data-format/target/test-classes:$(cat api/data-format/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xmx2g -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED -cp "$cp" dev.cairn.data.bench.ChunkPipelineBench "${1:-256}" "${2:-}"
