#!/usr/bin/env bash
# A restore's file-system calls without a platform (bench/RestoreWrites.java): files made and written through the
# target's directory descriptor (AnchoredFiles, issue 17) against the former by-path FileChannel calls in the same
# JVM, three rounds (the first a fresh JVM's). Usage: bench/restore-writes.sh [FILES=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -n "${JAVA_HOME:-}" ]] || export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
./mvnw -q -B install -DskipTests -Dimage.skip=true -pl api/data-format,agent -am
work=$(mktemp -d "${TMPDIR:-/tmp}/cairn-restore-writes.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$JAVA_HOME/bin/javac" -d "$work/classes" -cp agent/target/classes bench/RestoreWrites.java
TMPDIR="$work" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "agent/target/classes:$work/classes" \
  RestoreWrites "${1:-20000}"
