#!/usr/bin/env bash
# Replication's RPO on the benchmark dataset: the demo tenant (home eu-west-1, DR us-east-1) backs the dataset up
# while its replication is sampled every half second (GET /api/v1/replication); prints the backup's time, the lag and
# bytes behind at its completion and at their worst, and the time until the backup is protected in the DR region.
# Baseline in the same run: the same objects copied home -> DR by a plain sequential S3 client (boto3: GET, PUT with
# Content-MD5, HEAD), the replicator's work without its queue and catalog.
#
# Usage: bench/replication-rpo.sh [SCALE]     (SCALE 1.0 = about 2 GB; needs python3 with boto3; about 6 minutes)
# Method and results: docs/benchmarks.md ("Replication").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scale="${1:-1.0}"
work="${BENCH_DIR:-/tmp/cairn-rpo}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
python3 -c 'import boto3' 2>/dev/null || { echo "needs python3 with boto3 (pip install boto3)" >&2; exit 2; }

rm -rf "$work"
mkdir -p "$work"
data="$work/data"
echo "== generating the dataset (scale $scale) in $data"
python3 "$root/bench/dataset.py" "$data" "$scale"
logical=$(du -sb --apparent-size "$data" | cut -f1)

echo "== starting the platform"
export CAIRN_HOME="$work/cairn-home" CAIRN_PORT=18080 CAIRN_KEYCLOAK_PORT=18180 CAIRN_KAFKA_PORT=19092
export CAIRN_CONFIG="$work/cli-config" CAIRN_URL=http://127.0.0.1:18080
(cd "$root" && setsid ./cairn up > "$work/up.log" 2>&1 &)
for _ in $(seq 1 300); do grep -q "Cairn is up" "$work/up.log" 2>/dev/null && break; sleep 1; done
grep -q "Cairn is up" "$work/up.log" || { cat "$work/up.log"; exit 1; }
trap 'kill "${sampler:-0}" 2>/dev/null || true; pkill -TERM -f "CairnUp" || true' EXIT
cairn=(env CAIRN_SKIP_BUILD=1 "$root/cairn")
password=$(grep -o 'demo@cairn.local / [^ ;]*' "$work/up.log" | head -1 | awk '{print $3}')
echo "$password" | "${cairn[@]}" login --email demo@cairn.local --password-stdin > /dev/null
api=http://127.0.0.1:18080/api/v1

# the sampler: epoch ms, objects behind, bytes behind, lag seconds (a fresh token every minute)
(
  while true; do
    token=$("${cairn[@]}" token)
    for _ in $(seq 1 120); do
      curl -s -H "Authorization: Bearer $token" "$api/replication" \
        | python3 -c 'import json,sys,time; s=json.load(sys.stdin); print(int(time.time()*1000), s["objectsBehind"], s["bytesBehind"], s["lagSeconds"])' \
        >> "$work/samples" 2>/dev/null || true
      sleep 0.5
    done
  done
) &
sampler=$!

echo "== backup of the dataset ($logical bytes)"
start=$(date +%s%3N)
"${cairn[@]}" backup local "$data" -o json > "$work/backup.json"
completed=$(date +%s%3N)
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/backup.json")
while true; do
  protected=$(curl -s -H "Authorization: Bearer $("${cairn[@]}" token)" "$api/backups/$id/replication" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["protectedInDr"])')
  [ "$protected" = "True" ] && break
  sleep 0.2
done
protected_at=$(date +%s%3N)
sleep 1
kill "$sampler" 2>/dev/null || true

tenant=$(curl -s -H "Authorization: Bearer $("${cairn[@]}" token)" "$api/tenant" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
secrets="$CAIRN_HOME/secrets.properties"
echo "== baseline: the same objects copied home -> DR by a sequential boto3 client"
python3 - "$CAIRN_HOME" "$tenant" > "$work/baseline" <<'PY'
import base64, hashlib, sys, time, boto3, re, glob, os
home, tenant = sys.argv[1], sys.argv[2]
def client(region):
    conf = open(os.path.join(home, "data", "s3-" + region, "s3proxy.conf")).read() if os.path.exists(os.path.join(home, "data", "s3-" + region, "s3proxy.conf")) else None
    if conf is None:
        conf = open(glob.glob(os.path.join(home, "**", "s3-" + region, "s3proxy.conf"), recursive=True)[0]).read()
    endpoint = re.search(r"s3proxy.endpoint=(\S+)", conf).group(1)
    secret = re.search(r"s3proxy.credential=(\S+)", conf).group(1)
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="cairn-" + region, aws_secret_access_key=secret)
src, dst = client("eu-west-1"), client("us-east-1")
keys = []
for page in src.get_paginator("list_objects_v2").paginate(Bucket="cairn-eu-west-1", Prefix="tenants/" + tenant + "/"):
    keys += [(o["Key"], o["Size"]) for o in page.get("Contents", [])]
t = time.time(); total = 0
for key, size in keys:
    body = src.get_object(Bucket="cairn-eu-west-1", Key=key)["Body"].read()
    md5 = hashlib.md5(body)
    dst.put_object(Bucket="cairn-us-east-1", Key="bench-baseline/" + key, Body=body,
                   ContentMD5=base64.b64encode(md5.digest()).decode())
    head = dst.head_object(Bucket="cairn-us-east-1", Key="bench-baseline/" + key)
    assert head["ContentLength"] == size and head["ETag"].strip('"') == md5.hexdigest()
    total += size
print(len(keys), total, time.time() - t)
PY
read -r bobjects bbytes bseconds < "$work/baseline"

python3 - "$work/samples" "$start" "$completed" "$protected_at" "$logical" "$bobjects" "$bbytes" "$bseconds" <<'PY'
import sys
samples = [l.split() for l in open(sys.argv[1]) if len(l.split()) == 4]
start, completed, protected = (int(x) for x in sys.argv[2:5])
logical = int(sys.argv[5]); bobjects, bbytes, bseconds = int(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
during = [s for s in samples if start <= int(s[0]) <= protected]
at_completion = min(samples, key=lambda s: abs(int(s[0]) - completed))
worst_lag = max(float(s[3]) for s in during)
worst_bytes = max(int(s[2]) for s in during)
first_copy = next((int(s[0]) for s in during if int(s[1]) > 0), start)
print(f"| backup of {logical / 1e9:.2f} GB | {(completed - start) / 1000:.1f} s |")
print(f"| at its completion: objects, bytes behind; lag | {at_completion[1]}, {int(at_completion[2]) / 1e6:.0f} MB; {float(at_completion[3]):.1f} s |")
print(f"| worst while it ran: lag; bytes behind | {worst_lag:.1f} s; {worst_bytes / 1e6:.0f} MB |")
print(f"| completion to protected in the DR region | {(protected - completed) / 1000:.1f} s |")
print(f"| baseline: {bobjects} objects, {bbytes / 1e6:.0f} MB copied by a sequential boto3 client | {bseconds:.1f} s, {bbytes / bseconds / 1e6:.0f} MB/s |")
PY
