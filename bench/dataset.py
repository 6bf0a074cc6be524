#!/usr/bin/env python3
"""Writes the benchmark dataset: reproducible (seeded), about SCALE x 2 GB.

Random files from 1 KiB to 200 MiB, compressible text (logs) and JSON, 20,000 small files, and duplicated files.
Usage: bench/dataset.py DIR [SCALE]      `change` mode: bench/dataset.py --change DIR  (about 1% of the bytes)
"""
import json
import os
import random
import sys


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def random_bytes(rng, n):
    out = bytearray()
    while len(out) < n:
        take = min(n - len(out), 16 << 20)
        out += rng.randbytes(take)
    return bytes(out)


def generate(root, scale):
    rng = random.Random(20261127)
    # random (incompressible) files: 1 KiB .. 200 MiB, about 1 GB
    sizes = [200 << 20] + [100 << 20] * 2 + [50 << 20] * 5 + [10 << 20] * 20 + [1 << 20] * 100 + [64 << 10] * 400 \
        + [1 << 10] * 600
    for i, size in enumerate(sizes):
        size = max(1024, int(size * scale))
        write(f"{root}/random/r{i:04d}.bin", random_bytes(rng, size))
    # compressible text: application logs and JSON documents, about 600 MB
    words = [rng.randbytes(4).hex() for _ in range(2000)] + ["INFO", "WARN", "ERROR", "user", "request", "took", "ms"]
    for i in range(int(24 * scale) or 1):
        lines = []
        total = 0
        while total < 15 << 20:
            line = "2026-11-%02d %02d:%02d:%02d.%03d %s [%s] %s\n" % (
                rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999),
                rng.choice(["INFO", "WARN", "ERROR", "DEBUG"]), rng.choice(words),
                " ".join(rng.choice(words) for _ in range(rng.randint(5, 15))))
            lines.append(line)
            total += len(line)
        write(f"{root}/logs/app-{i:03d}.log", "".join(lines).encode())
    for i in range(int(16 * scale) or 1):
        docs = [{"id": rng.randint(0, 1 << 40), "name": rng.choice(words), "tags": rng.sample(words, 5),
                 "score": rng.random(), "nested": {"a": rng.randint(0, 100), "b": rng.choice(words)}}
                for _ in range(60000)]
        write(f"{root}/json/docs-{i:03d}.json", json.dumps(docs, indent=1).encode())
    # 20,000 small files (1 to 8 KiB, text), in 200 folders
    for i in range(int(20000 * scale) or 1):
        n = rng.randint(1024, 8192)
        text = (" ".join(rng.choice(words) for _ in range(n // 8)) + "\n").encode()[:n]
        write(f"{root}/small/d{i % 200:03d}/f{i:05d}.txt", text)
    # duplicates: copies of some random files (about 250 MB), which deduplication stores once
    for i in (1, 3, 4, 5):
        with open(f"{root}/random/r{i:04d}.bin", "rb") as f:
            write(f"{root}/copies/copy-of-r{i:04d}.bin", f.read())


def change(root):
    """Rewrites about 1% of the dataset's bytes: parts of some big files, a few small files, one new file."""
    rng = random.Random(7)
    total = 0
    for dirpath, _, files in os.walk(root):
        for name in files:
            total += os.path.getsize(os.path.join(dirpath, name))
    budget = total // 100
    big = sorted(os.path.join(root, "random", n) for n in os.listdir(os.path.join(root, "random")))[:40]
    changed = 0
    for path in big:
        if changed >= budget // 2:
            break
        size = os.path.getsize(path)
        n = min(size // 4, 2 << 20)
        with open(path, "r+b") as f:
            f.seek(rng.randint(0, size - n))
            f.write(rng.randbytes(n))
        changed += n
    write(f"{root}/new/added.bin", rng.randbytes(budget - changed))
    for i in range(0, 20000, 97):
        path = f"{root}/small/d{i % 200:03d}/f{i:05d}.txt"
        if os.path.exists(path):
            with open(path, "ab") as f:
                f.write(b" changed\n")
    print(f"changed about {budget} of {total} bytes")


if __name__ == "__main__":
    if sys.argv[1] == "--change":
        change(sys.argv[2])
    else:
        generate(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 1.0)
