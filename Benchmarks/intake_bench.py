#!/usr/bin/env python3
"""Intake benchmark: `furikaeri run` over N sheets against `furikaeri validate` over the same sheets.

Usage: intake_bench.py --binary .build/release/furikaeri [--count 10000] [--work bench-out/intake]

Makes N distinct valid ふりかえりシート with openpyxl once (kept in --work for the next time), then
times `validate --json` over them and `run` on a fresh workspace whose inbox holds copies of them, each
in its own child process so that its peak memory (max RSS) is its own. Each is timed --repeat times,
alternating, and the best time of each is compared (as bench.py does: the machine is noisy, and the
best run is the one least disturbed). Each command starts with its files in memory and the disk
quiet, and each run at least a minute after the previous one (see INODE_REUSE_SECONDS). Fails (exit 1) when `run` takes more than 3x `validate` or more
than 200 MiB. Never used at run time.
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAKER = os.path.join(HERE, "..", "Tests", "oracles", "make_reflection_sheets.py")


def measure(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd in a fresh child of a fresh interpreter: (seconds, peak RSS in MiB, exit status)."""
    probe = subprocess.run([sys.executable, __file__, "--measure-child", "--"] + cmd,
                           stdout=subprocess.PIPE, check=True)
    result = json.loads(probe.stdout.decode().strip().splitlines()[-1])
    return result["seconds"], result["maxrss_kib"] / 1024.0, result["status"]


def measure_child(cmd):
    start = time.monotonic()
    status = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    seconds = time.monotonic() - start
    maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": seconds, "maxrss_kib": maxrss, "status": status}))


def warm(folder):
    """Reads every file under `folder`, so that the command timed next finds its input in memory. This
    machine hands memory that has not been touched for a few seconds back to its host (DAMON pageout),
    files cached included: without this, whichever command came after the settling pause read its
    10,000 files from disk. Staff run furikaeri on files they have just dropped, still in memory."""
    for directory, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(directory, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def settle():
    """Lets the writes of what came before reach the disk before the next command is timed."""
    os.sync()
    time.sleep(2)


# ext4 without a journal (this machine's root) will not reuse an inode freed less than a minute ago
# (six once the inode table is dirty): creating a file then searches the inode table past every such
# inode. Each run removes its 10,000 inbox files at its end, so a run timed within a minute of
# another one created its own 10,000 files up to twice as slowly (9.4 s instead of 5.5, with 5.6 s of
# system time instead of 1.9). Staff do not take in 10,000 sheets a minute after 10,000 others.
INODE_REUSE_SECONDS = 65


def prepare(binary, sheets, workspace):
    """A fresh workspace whose inbox holds copies of the sheets; returns its inbox."""
    subprocess.run([binary, "init", workspace], check=True, stdout=subprocess.DEVNULL)
    settings = os.path.join(workspace, "furikaeri.yml")
    with open(settings, encoding="utf-8") as f:
        text = f.read().replace("settle_seconds: 2.0", "settle_seconds: 0")
    with open(settings, "w", encoding="utf-8") as f:
        f.write(text)
    inbox = os.path.join(workspace, "inbox")
    for name in os.listdir(sheets):
        shutil.copy2(os.path.join(sheets, name), os.path.join(inbox, name))
    return inbox


def run_once(binary, workspace):
    """`run` on a prepared workspace: (seconds, peak MiB, exit status, files archived)."""
    # Dropped files are on disk before staff run furikaeri (run takes only settled files); without
    # this, run's first syncfs would also write back the 10,000 copies the bench made.
    settle()
    warm(os.path.join(workspace, "inbox"))
    seconds, mib, status = measure([binary, "run", "--workspace", workspace])
    archived = sum(len(files) for _, _, files in os.walk(os.path.join(workspace, "archive")))
    return seconds, mib, status, archived


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--measure-child":
        measure_child(sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=".build/release/furikaeri")
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--work", default="bench-out/intake")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    sheets = os.path.join(args.work, f"sheets-{args.count}")
    if not os.path.isdir(sheets) or len(os.listdir(sheets)) != args.count:
        shutil.rmtree(sheets, ignore_errors=True)
        os.makedirs(sheets)
        spec = os.path.join(args.work, "bulk.json")
        with open(spec, "w", encoding="utf-8") as f:
            json.dump({"bulk": {"dir": sheets, "count": args.count, "year": "令和6年度"}}, f)
        print(f"making {args.count} sheets with openpyxl…", file=sys.stderr)
        subprocess.run([sys.executable, MAKER, spec], check=True)

    # Each attempt gets its own workspace, all made before the first is timed and removed after the
    # last: removing or creating tens of thousands of files just before a run slows the files it makes.
    workspaces = [os.path.join(args.work, f"workspace-{n + 1}") for n in range(max(1, args.repeat))]
    leftovers = [old for old in workspaces + [os.path.join(args.work, "workspace")] if os.path.exists(old)]
    for old in leftovers:
        shutil.rmtree(old, ignore_errors=True)
    for workspace in workspaces:
        prepare(binary, sheets, workspace)
    validates, runs = [], []
    # Files removed just now (a previous bench cut short) count as a run's removals.
    last_run_end = time.monotonic() - (0 if leftovers else INODE_REUSE_SECONDS)
    for attempt, workspace in enumerate(workspaces):
        settle()
        warm(sheets)
        validates.append(measure([binary, "validate", "--json", sheets]))
        time.sleep(max(0.0, last_run_end + INODE_REUSE_SECONDS - time.monotonic()))
        runs.append(run_once(binary, workspace))
        last_run_end = time.monotonic()
        v, r = validates[-1], runs[-1]
        print(f"  attempt {attempt + 1}: validate {v[0]:.2f} s, run {r[0]:.2f} s", file=sys.stderr)
    v_seconds = min(v[0] for v in validates)
    v_mib = max(v[1] for v in validates)
    v_status = next((v[2] for v in validates if v[2] != 0), 0)
    r_seconds = min(r[0] for r in runs)
    r_mib = max(r[1] for r in runs)
    r_status = next((r[2] for r in runs if r[2] != 0), 0)
    archived = min(r[3] for r in runs)

    for workspace in workspaces:
        shutil.rmtree(workspace, ignore_errors=True)

    ratio = r_seconds / v_seconds if v_seconds > 0 else float("inf")
    print(f"best of {max(1, args.repeat)}:")
    print(f"validate: {v_seconds:.2f} s, peak {v_mib:.0f} MiB, exit {v_status}")
    print(f"run:      {r_seconds:.2f} s, peak {r_mib:.0f} MiB, exit {r_status}, archived {archived}/{args.count}")
    print(f"run / validate = {ratio:.2f} (limit 3.0); run peak memory limit 200 MiB")
    ok = v_status == 0 and r_status == 0 and archived == args.count and ratio <= 3.0 and r_mib < 200
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
