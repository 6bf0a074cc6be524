#!/usr/bin/env python3
"""Cairn's data path against restic (local and S3 repositories) and borg, on the same data, in one run.

Two configurations, each on a platform of its own (a fresh data folder, so that the first backup is a full one):
  split   the platform pinned to core 0 and the agent to core 1 (taskset), as in production (the agent in the
          tenant's cluster with the chart's 1-CPU limit, the platform elsewhere); baselines on core 1: restic with
          a local repository, and restic with an S3 repository served by an s3proxy on core 0 (the platform's own
          eu-west-1 server, another bucket: the peer doing Cairn's job, client-side dedup and encryption into
          object storage)
  shared  everything on both cores; baselines restic and borg with local repositories
Steps per tool: full backup, no-op backup, backup after a 1% change, full restore (Cairn's compared byte for byte
with the data); then (split only) a full backup of 200,000 small files. For each Cairn step the CPU-seconds of every
hop (agent, Kafka, ingest, s3proxy, PostgreSQL, gateway, ...) from /proc/<pid>/stat before and after.

Before the first step each platform backs up 300 MB of its own and settles (its services' JIT compilers warm, as in
production); --cold skips that.

Usage: bench/data-path.sh [--scale 1.0] [--small 200000] [--configs split,shared] [--cold]   (docs/benchmarks.md)
"""
import argparse
import glob
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")


def sh(*args, **kw):
    return subprocess.run(args, check=True, **kw)


def hop_of(pid):
    """The hop a process belongs to, by its command line; None for processes that are not the platform's."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None
    if not cmd:
        return None
    m = re.search(r"/([a-z-]+)/target/quarkus-app/quarkus-run\.jar", cmd)
    if m:
        return m.group(1)
    if "kafka.Kafka" in cmd:
        return "kafka"
    if "org.gaul.s3proxy" in cmd:
        return "s3proxy " + ("eu-west-1" if "eu-west-1" in cmd else "us-east-1")
    if cmd.startswith("postgres") or "/bin/postgres" in cmd:
        return "postgresql"
    if "keycloak" in cmd.lower() and "java" in cmd:
        return "keycloak"
    if "CairnUp" in cmd:
        return "launcher"
    return None


def backend_of(ppid, home):
    """True for a PostgreSQL backend of the platform's server: its command line and environment are rewritten
    ("postgres: user db host state"), its parent's name the data folder."""
    try:
        with open(f"/proc/{ppid}/cmdline", "rb") as f:
            parent = f.read()
    except OSError:
        return False
    return b"/bin/postgres" in parent and home.encode() in parent


def cpu_by_hop(home):
    """CPU seconds (user + system, with reaped children) of every platform process, by hop."""
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/environ", "rb") as f:
                env = f.read()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if home.encode() not in cmd and home.encode() not in env and not backend_of(fields[1], home):
            continue
        hop = hop_of(pid)
        if hop is None:
            continue
        # fields after the command: state is [0]; utime [11], stime [12], cutime [13], cstime [14]
        ticks = sum(int(x) for x in fields[11:15])
        out[hop] = out.get(hop, 0.0) + ticks / TICK
    return out


class Run:
    def __init__(self, args):
        self.args = args
        self.work = os.environ.get("BENCH_DIR", "/tmp/cairn-data-path")
        self.rows = []  # (config, dataset, step, tool, wall, rss_kib, stored, cpu)
        self.hops = []  # (config, dataset, step, {hop: seconds})
        self.failures = []

    def measure(self, config, dataset, step, tool, cmd, cpu=None, stored=None, env=None):
        subprocess.run(["sync"])
        timing = os.path.join(self.work, "time")
        out = os.path.join(self.work, f"{config}-{dataset}-{tool}-{step}")
        with open(out + ".out", "wb") as o, open(out + ".err", "wb") as e:
            r = subprocess.run(
                ["/usr/bin/time", "-f", "%e %M %U %S", "-o", timing] + (["taskset", "-c", cpu] if cpu else []) + cmd,
                stdout=o, stderr=e, env=env)
        if r.returncode != 0:
            sys.stderr.write(open(out + ".err").read()[-3000:])
            raise SystemExit(f"{tool} {step} failed ({config}, {dataset})")
        wall, rss, user, system = open(timing).read().split()[-4:]
        size = stored() if stored else 0
        self.rows.append((config, dataset, step, tool, float(wall), int(rss), size, float(user) + float(system)))
        print(f"   {config:6} {dataset:6} {step:8} {tool:12} {float(wall):7.1f} s  {int(rss) // 1024:4d} MiB RSS"
              f"  {float(user) + float(system):6.1f} CPU-s", flush=True)
        return out + ".out"

    # ---- the platform

    def start_platform(self, config):
        home = os.path.join(self.work, f"{config}-home")
        env = dict(os.environ, CAIRN_HOME=home, CAIRN_PORT="18080", CAIRN_KEYCLOAK_PORT="18180",
                   CAIRN_KAFKA_PORT="19092", CAIRN_SKIP_BUILD="1")
        log = open(os.path.join(self.work, f"{config}-up.log"), "wb")
        cmd = (["taskset", "-c", "0"] if config == "split" else []) + ["./cairn", "up"]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        for _ in range(900):
            text = open(os.path.join(self.work, f"{config}-up.log"), errors="replace").read()
            if "Cairn is up" in text:
                break
            if proc.poll() is not None:
                raise SystemExit(text[-3000:])
            time.sleep(1)
        else:
            raise SystemExit("the platform did not start in 15 minutes")
        ready = re.search(r"ready in \d+ s", text).group(0)
        print(f"== platform up ({config}): {ready}", flush=True)
        self.platform, self.home, self.env = proc, home, env
        self.aot_cache()
        if not self.args.cold:
            self.warm_platform()

    def warm_platform(self):
        """Backs up 300 MB of random data of its own before anything is measured, then waits until the platform is
        idle (its DR copies made): the services in production run for weeks, so their JIT compilers have compiled the
        data path long before a user's backup; a fresh platform spends most of its first large backup compiling
        (session 12: ingest 20 CPU-s for its first 585 MB, 7 for the next 500). `--cold` measures without it."""
        warm = os.path.join(self.work, "warm")
        os.makedirs(warm, exist_ok=True)
        for i in range(3):
            with open(os.path.join(warm, f"w{i}.bin"), "wb") as f:
                f.write(os.urandom(100_000_000))
        started = time.time()
        subprocess.run([os.path.join(ROOT, "cairn"), "backup", "local", warm], env=self.env, check=True,
                       stdout=subprocess.DEVNULL)
        shutil.rmtree(warm)
        before = sum(cpu_by_hop(self.home).values())
        for _ in range(120):
            time.sleep(2)
            now = sum(cpu_by_hop(self.home).values())
            if now - before < 0.2:
                break
            before = now
        print(f"   platform warmed: 300 MB backed up and replicated in {time.time() - started:.0f} s", flush=True)

    def aot_cache(self):
        """Makes ./cairn's ahead-of-time cache before anything is measured (a backup of a tiny folder records what
        the CLI uses; the cache is assembled in the background), so that it is not assembled beside a baseline."""
        aot = os.path.join(ROOT, ".cairn", "aot")
        before = set(glob.glob(os.path.join(aot, "cli-*.aot")))
        tiny = os.path.join(self.work, "tiny")
        os.makedirs(tiny, exist_ok=True)
        with open(os.path.join(tiny, "a.txt"), "w") as f:
            f.write("warm\n")
        subprocess.run([os.path.join(ROOT, "cairn"), "backup", "local", tiny], env=self.env, check=True,
                       stdout=subprocess.DEVNULL)
        for _ in range(120):
            if not glob.glob(os.path.join(aot, "*.lock")):
                break
            time.sleep(1)
        made = set(glob.glob(os.path.join(aot, "cli-*.aot"))) - before
        print("   AOT cache: " + (", ".join(os.path.basename(m) for m in made) or "kept"), flush=True)

    def stop_platform(self):
        os.killpg(self.platform.pid, signal.SIGTERM)
        self.platform.wait(timeout=120)

    def s3(self, region="eu-west-1"):
        conf = open(os.path.join(self.home, f"s3-{region}", "s3proxy.conf")).read()
        return re.search(r"s3proxy.endpoint=(\S+)", conf).group(1)

    # ---- one dataset through every tool of a configuration

    def dataset(self, config, name, data, steps):
        self.args.logical[name] = int(subprocess.run(["du", "-sb", "--apparent-size", data], capture_output=True,
                                                     text=True).stdout.split()[0])
        cairn = ["env", "CAIRN_SKIP_BUILD=1", os.path.join(ROOT, "cairn")]
        cairn_env = dict(self.env)
        bucket = os.path.join(self.home, "s3-eu-west-1", "objects", "cairn-eu-west-1")
        held = du(bucket)  # what earlier datasets left in the tenant's bucket: not this dataset's
        repos = os.path.join(self.work, f"{config}-{name}-repos")
        os.makedirs(repos)
        pw = dict(os.environ, RESTIC_PASSWORD="bench-password", BORG_PASSPHRASE="bench-password",
                  BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK="yes", BORG_RELOCATED_REPO_ACCESS_IS_OK="yes")
        local = dict(pw, RESTIC_REPOSITORY=os.path.join(repos, "restic"))
        s3 = dict(pw, RESTIC_REPOSITORY=f"s3:{self.s3()}/restic-{config}-{name.lower()}",
                  AWS_ACCESS_KEY_ID="cairn-eu-west-1", AWS_SECRET_ACCESS_KEY="cairn-local-secret-eu-west-1")
        borg = dict(pw, BORG_REPO=os.path.join(repos, "borg"))
        agent_core = "1" if config == "split" else None
        tools = {
            "cairn": dict(backup=lambda: cairn + ["backup", "local", data, "-o", "json"], env=cairn_env,
                          stored=lambda: du(bucket) - held),
            "restic": dict(backup=lambda: ["restic", "backup", "-q", data], env=local,
                           stored=lambda: du(local["RESTIC_REPOSITORY"])),
        }
        if config == "split":
            tools["restic→s3"] = dict(
                backup=lambda: ["restic", "backup", "-q", data], env=s3,
                stored=lambda: du(os.path.join(self.home, "s3-eu-west-1", "objects", f"restic-{config}-{name.lower()}")))
        else:
            tools["borg"] = dict(
                backup=lambda: ["borg", "create", "--compression", "zstd,3", f"::b{len(self.rows)}", data], env=borg,
                stored=lambda: du(borg["BORG_REPO"]))
        subprocess.run(["restic", "init", "-q"], env=local, check=True, stdout=subprocess.DEVNULL)
        if "restic→s3" in tools:
            subprocess.run(["restic", "init", "-q"], env=s3, check=True, stdout=subprocess.DEVNULL)
        if "borg" in tools:
            subprocess.run(["borg", "init", "-e", "repokey-blake2"], env=borg, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        last = None
        for step in steps:
            if step == "change":
                sh("python3", os.path.join(ROOT, "bench", "dataset.py"), "--change", data)
            if step == "restore":
                break
            for tool, t in tools.items():
                before = cpu_by_hop(self.home) if tool == "cairn" else None
                out = self.measure(config, name, step, tool, t["backup"](), agent_core, t["stored"], t["env"])
                if tool == "cairn":
                    after = cpu_by_hop(self.home)
                    self.hops.append((config, name, step, {h: after.get(h, 0) - before.get(h, 0) for h in after}))
                    last = json.load(open(out))["id"]
        if "restore" in steps:
            for tool, t in tools.items():
                target = os.path.join(self.work, f"{config}-{name}-restore-{tool}")
                if tool == "cairn":
                    cmd = cairn + ["restore", "local", last, target, "-o", "json"]
                elif tool == "borg":
                    os.makedirs(target)
                    cmd = ["bash", "-c", f"cd '{target}' && borg extract ::{last_borg(t['env'])}"]
                else:
                    cmd = ["restic", "restore", "-q", "latest", "--target", target]
                before = cpu_by_hop(self.home) if tool == "cairn" else None
                self.measure(config, name, "restore", tool, cmd, agent_core, None, t["env"])
                if tool == "cairn":
                    after = cpu_by_hop(self.home)
                    self.hops.append((config, name, "restore", {h: after.get(h, 0) - before.get(h, 0) for h in after}))
                    same = subprocess.run(["diff", "-r", "--no-dereference", data, target],
                                          stdout=subprocess.DEVNULL).returncode == 0
                    print("   Cairn's restore is " + ("byte-identical" if same else "DIFFERENT"), flush=True)
                    if not same:
                        raise SystemExit("the restore differs from the data")
                shutil.rmtree(target, ignore_errors=True)

    def attempt(self, config, name, data, steps):
        """A dataset's steps; a failure is reported and the run goes on (the tables show what was measured)."""
        try:
            self.dataset(config, name, data, steps)
        except (SystemExit, subprocess.CalledProcessError) as e:
            self.failures.append(f"{config} {name}: {e}")
            print(f"   FAILED: {e}", flush=True)

    def run(self):
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.work)
        for config in self.args.configs.split(","):
            data = os.path.join(self.work, f"{config}-data")
            print(f"== {config}: generating the dataset (scale {self.args.scale})", flush=True)
            sh("python3", os.path.join(ROOT, "bench", "dataset.py"), data, str(self.args.scale))
            sh("sync")  # the dataset's writeback does not compete with the platform's start
            self.start_platform(config)
            try:
                self.attempt(config, "2GB", data, ["full", "noop", "change", "restore"])
                if config == "split" and self.args.small:
                    small = os.path.join(self.work, "small")
                    small_files(small, self.args.small)
                    self.attempt(config, "small", small, ["full", "noop"])
                    shutil.rmtree(small)
            finally:
                self.stop_platform()
            shutil.rmtree(data)
        self.report()

    def report(self):
        logical = {}
        print()
        print(f"Machine: {os.cpu_count()} cores. Wall s, MB/s of the dataset's logical size, stored bytes, peak RSS,"
              " CPU-s of the tool's own process.")
        print()
        print("| config | dataset | step | tool | wall s | MB/s | stored bytes | peak RSS MiB | CPU-s |")
        print("|---|---|---|---|---:|---:|---:|---:|---:|")
        for config, dataset, step, tool, wall, rss, stored, cpu in self.rows:
            size = self.args.logical.get(dataset, 0)
            rate = f"{size / wall / 1e6:.0f}" if size and wall else ""
            print(f"| {config} | {dataset} | {step} | {tool} | {wall:.1f} | {rate} | {stored:,} | {rss // 1024} |"
                  f" {cpu:.1f} |")
        print()
        print("| config | dataset | step | baseline | Cairn/baseline wall | Cairn/baseline throughput |"
              " Cairn/baseline stored |")
        print("|---|---|---|---|---:|---:|---:|")
        by = {(c, d, s, t): (w, st) for c, d, s, t, w, rss, st, cpu in self.rows}
        for (c, d, s, t), (w, st) in by.items():
            if t == "cairn" or (c, d, s, "cairn") not in by:
                continue
            cw, cst = by[(c, d, s, "cairn")]
            stored = f"{cst / st:.2f}" if st else ""
            print(f"| {c} | {d} | {s} | {t} | {cw / w:.2f} | {w / cw:.2f} | {stored} |")
        print()
        hops = sorted({h for _, _, _, m in self.hops for h in m})
        print("CPU-seconds per hop during each Cairn step (agent: the CLI's JVM; platform processes from /proc):")
        print()
        print("| config | dataset | step | agent | " + " | ".join(hops) + " |")
        print("|---|---|---|---:|" + "---:|" * len(hops))
        agent = {(c, d, s): cpu for c, d, s, t, w, rss, st, cpu in self.rows if t == "cairn"}
        for c, d, s, m in self.hops:
            print(f"| {c} | {d} | {s} | {agent[(c, d, s)]:.1f} | " + " | ".join(f"{m.get(h, 0):.1f}" for h in hops)
                  + " |")
        for failure in self.failures:
            print(f"FAILED: {failure}")
        if self.failures:
            sys.exit(1)


def du(path):
    if not os.path.exists(path):
        return 0
    return int(subprocess.run(["du", "-sb", path], capture_output=True, text=True).stdout.split()[0])


def last_borg(env):
    names = subprocess.run(["borg", "list", "--short"], env=env, capture_output=True, text=True).stdout.split()
    return names[-1]


def small_files(root, count):
    """COUNT files of about 30 bytes in folders of 200 (seeded)."""
    import random
    rng = random.Random(20261203)
    for i in range(count):
        folder = os.path.join(root, f"d{i // 200:04d}")
        if i % 200 == 0:
            os.makedirs(folder)
        with open(os.path.join(folder, f"f{i:06d}.txt"), "w") as f:
            f.write(f"{i} {rng.getrandbits(64):016x}\n")


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--scale", default="1.0")
    p.add_argument("--small", type=int, default=200_000)
    p.add_argument("--configs", default="split,shared")
    p.add_argument("--cold", action="store_true", help="measure on a platform that has not backed anything up yet")
    a = p.parse_args()
    a.logical = {}
    Run(a).run()
