#!/usr/bin/env bash
# Cairn against restic and borg on the same data, in one run: full backup, no-op backup, backup after a 1% change,
# full restore. Prints one table (wall time, MB/s, stored bytes, peak RSS) and the ratios Cairn/restic.
#
# Usage: bench/backup-vs-restic-borg.sh [SCALE]      (SCALE 1.0 = about 2 GB; needs restic, borg, python3)
# It starts its own platform (data in $BENCH_DIR/cairn-home, ports 18080/18180/19092) and stops it at the end.
# Method and results: docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scale="${1:-1.0}"
work="${BENCH_DIR:-/tmp/cairn-bench}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
command -v restic >/dev/null && command -v borg >/dev/null || { echo "needs restic and borg (apt-get install restic borgbackup)" >&2; exit 2; }

rm -rf "$work"
mkdir -p "$work"
data="$work/data"
echo "== generating the dataset (scale $scale) in $data"
python3 "$root/bench/dataset.py" "$data" "$scale"
logical=$(du -sb --apparent-size "$data" | cut -f1)
files=$(find "$data" -type f | wc -l)
echo "   $files files, $logical bytes"

echo "== starting the platform"
export CAIRN_HOME="$work/cairn-home" CAIRN_PORT=18080 CAIRN_KEYCLOAK_PORT=18180 CAIRN_KAFKA_PORT=19092
(cd "$root" && setsid ./cairn up > "$work/up.log" 2>&1 &)
for _ in $(seq 1 300); do grep -q "Cairn is up" "$work/up.log" 2>/dev/null && break; sleep 1; done
grep -q "Cairn is up" "$work/up.log" || { cat "$work/up.log"; exit 1; }
trap 'pkill -TERM -f "CairnUp" || true' EXIT

export RESTIC_PASSWORD=bench-password RESTIC_REPOSITORY="$work/restic-repo" BORG_PASSPHRASE=bench-password
export BORG_REPO="$work/borg-repo" BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK=yes BORG_RELOCATED_REPO_ACCESS_IS_OK=yes
restic init -q
borg init -e repokey-blake2

results="$work/results.tsv"
: > "$results"
# measure TOOL STEP COMMAND...: wall seconds and peak RSS (KiB) of the command
measure() {
  local tool="$1" step="$2"; shift 2
  sync
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/$tool-$step.out" 2> "$work/$tool-$step.err" || {
    echo "$tool $step failed:"; tail -20 "$work/$tool-$step.err"; exit 1; }
  read -r wall rss < "$work/time"
  local stored
  case "$tool" in
    cairn) stored=$(du -sb "$CAIRN_HOME/s3-eu-west-1/objects" | cut -f1) ;;
    restic) stored=$(du -sb "$RESTIC_REPOSITORY" | cut -f1) ;;
    borg) stored=$(du -sb "$BORG_REPO" | cut -f1) ;;
  esac
  printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$step" "$wall" "$rss" "$stored" >> "$results"
  printf '   %-7s %-8s %8.1f s  %6d MiB RSS\n' "$tool" "$step" "$wall" $((rss / 1024))
}
cairn=(env CAIRN_SKIP_BUILD=1 "$root/cairn")
n=0
backup_all() {
  local step="$1"
  n=$((n + 1))
  measure cairn "$step" "${cairn[@]}" backup local "$data" -o json
  measure restic "$step" restic backup -q "$data"
  measure borg "$step" borg create --compression zstd,3 "::b$n" "$data"
}

echo "== full backup"; backup_all full
echo "== no-op backup"; backup_all noop
echo "== 1% change"; python3 "$root/bench/dataset.py" --change "$data"; backup_all change

echo "== full restore (of the last backup)"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/cairn-change.out")
measure cairn restore "${cairn[@]}" restore local "$id" "$work/restore-cairn" -o json
measure restic restore restic restore -q latest --target "$work/restore-restic"
mkdir -p "$work/restore-borg"
measure borg restore bash -c "cd '$work/restore-borg' && borg extract ::b$n"
echo "== checking the Cairn restore against the data"
diff -r --no-dereference "$data" "$work/restore-cairn" > /dev/null && echo "   byte-identical" || { echo "   DIFFERENT"; exit 1; }

echo
echo "Dataset: $files files, $logical bytes (logical). Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB."
python3 - "$results" "$logical" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
logical = int(sys.argv[2])
r = {(t, s): (float(w), int(rss), int(st)) for t, s, w, rss, st in rows}
print("| step | tool | wall s | MB/s | stored bytes | peak RSS MiB |")
print("|---|---|---:|---:|---:|---:|")
for step in ["full", "noop", "change", "restore"]:
    for tool in ["cairn", "restic", "borg"]:
        w, rss, st = r[(tool, step)]
        print(f"| {step} | {tool} | {w:.1f} | {logical / w / 1e6:.0f} | {st} | {rss // 1024} |")
print()
print("| step | Cairn/restic wall | Cairn/restic MB/s | Cairn/restic stored | Cairn/restic RSS |")
print("|---|---:|---:|---:|---:|")
for step in ["full", "noop", "change", "restore"]:
    c, x = r[("cairn", step)], r[("restic", step)]
    print(f"| {step} | {c[0] / x[0]:.2f} | {x[0] / c[0]:.2f} | {c[2] / x[2]:.2f} | {c[1] / x[1]:.2f} |")
PY
