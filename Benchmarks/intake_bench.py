#!/usr/bin/env python3
"""Intake benchmark: `furikaeri run` over N sheets against `furikaeri validate` over the same sheets.

Usage: intake_bench.py --binary .build/release/furikaeri [--count 10000] [--work bench-out/intake]

Makes N distinct valid ふりかえりシート with openpyxl once (kept in --work for the next time), then
times `validate --json` over them and `run` on a fresh workspace whose inbox holds copies of them, each
in its own child process so that its peak memory (max RSS) is its own. Each is timed --repeat times,
alternating, and the best time of each is compared (as bench.py does: the machine is noisy, and the
best run is the one least disturbed). Fails (exit 1) when `run` takes more than 3x `validate` or more
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


def settle():
    """Lets the file system finish with what came before the timed command: its writes flushed, and
    the inodes of files deleted just before (the previous attempt's inbox, 10,000 files) no longer
    "recently deleted". ext4 skips such inodes for 5 s once written when it creates files, searching
    the inode table for each new file; a run started within that window took up to twice as long
    (9.4 s instead of 5.5, with 5.6 s of system time instead of 1.9), whoever deleted the files."""
    os.sync()
    time.sleep(6)


def run_once(binary, sheets, workspace):
    """`run` on a fresh workspace whose inbox holds copies of the sheets: (seconds, peak MiB, exit
    status, files archived)."""
    subprocess.run([binary, "init", workspace], check=True, stdout=subprocess.DEVNULL)
    settings = os.path.join(workspace, "furikaeri.yml")
    with open(settings, encoding="utf-8") as f:
        text = f.read().replace("settle_seconds: 2.0", "settle_seconds: 0")
    with open(settings, "w", encoding="utf-8") as f:
        f.write(text)
    inbox = os.path.join(workspace, "inbox")
    for name in os.listdir(sheets):
        shutil.copy2(os.path.join(sheets, name), os.path.join(inbox, name))
    # Dropped files are on disk before staff run furikaeri (run takes only settled files); without
    # this, run's first syncfs would also write back the 10,000 copies the bench just made.
    settle()
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

    # Each attempt gets its own workspace, and all are removed only after the last one: deleting
    # 20,000 files just before a run slows the file creations it makes (discard, inode reuse).
    workspaces = [os.path.join(args.work, f"workspace-{n + 1}") for n in range(max(1, args.repeat))]
    for old in workspaces + [os.path.join(args.work, "workspace")]:
        shutil.rmtree(old, ignore_errors=True)
    os.sync()
    validates, runs = [], []
    for attempt, workspace in enumerate(workspaces):
        # The previous attempt's run leaves writes for the kernel to flush: flushed before validate is
        # timed too, or validate would pay for run's writes.
        settle()
        validates.append(measure([binary, "validate", "--json", sheets]))
        runs.append(run_once(binary, sheets, workspace))
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
