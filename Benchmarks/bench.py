#!/usr/bin/env python3
"""Benchmark: read N generated ふりかえりシート workbooks with furikaeri and with reference readers.

    python3 Benchmarks/bench.py --binary .build/release/furikaeri [--files 2000] [--repeat 3]

Generates N small workbooks in the seed's ふりかえりシート layout (XlsxWriter, cached under
bench-out/), then runs every row of ROWS as a child process over all of them, in the same run:
wall time (best of --repeat) and peak memory (the child's ru_maxrss from os.wait4). "wall × ours"
is against our reader (inspect); "wall × floor" and "cpu × floor" are against the C floor, whose
2× in wall time is the goal for inspect and validate (inspect runs before the floor, so its ratios are printed
in the summary lines below the table). The floor is a C program (floor.c, compiled here with cc -O2) that only
inflates each sheet and the shared strings and tokenizes them with libxml2 SAX.

To add a row (validate, summary, run ...), append a Row to ROWS: a name and a function from
(files, scratch_dir) to the argv to run. Rows whose tools are missing are skipped with a note.
"""
import argparse, os, random, resource, shutil, subprocess, sys, tempfile, time
from dataclasses import dataclass
from typing import Callable, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

VIEWPOINTS = ["①協働の有効性", "②目的の設定", "③目的の共有", "④目的の達成度",
              "⑤協力体制", "⑥受益者の満足度", "⑦団体の満足度"]
ORGS = ["NPO法人さくらネット", "子育て支援の会ひまわり", "西東京まちづくり協議会", "緑のボランティア", "地域食堂みんなの台所"]
PROJECTS = ["子ども食堂運営事業", "高齢者見守り事業", "環境学習講座", "多文化共生カフェ", "防災マップ作成事業"]
COMMENTS = ["参加者アンケートでは概ね好評だった。", "担当課と月1回の打合せを行い、情報共有ができた。",
            "次年度は周知方法を工夫したい。", "目標人数を上回る参加があった。", "役割分担をさらに明確にする必要がある。"]


def generate(folder: str, count: int) -> List[str]:
    """Writes `count` workbooks into `folder` (kept between runs) and returns their paths."""
    import xlsxwriter
    os.makedirs(folder, exist_ok=True)
    paths = [os.path.join(folder, f"sheet{i:05d}.xlsx") for i in range(count)]
    rng = random.Random(20240401)
    for i, path in enumerate(paths):
        if os.path.exists(path):
            continue
        wb = xlsxwriter.Workbook(path)
        ws = wb.add_worksheet("ふりかえりシート")
        head = wb.add_format({"bold": True, "border": 1, "align": "center", "bg_color": "#DDEBF7"})
        box = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
        date = wb.add_format({"num_format": "yyyy/m/d", "border": 1})
        ws.write(0, 0, "令和6年度 協働事業ふりかえりシート", head)
        ws.write(0, 3, "記入日", head)
        ws.write_datetime(0, 4, __import__("datetime").datetime(2025, 3, 1 + i % 28), date)
        for col, label in enumerate(["団体名", "事業名", "ふりかえりの視点(5段階評価)", "評価", "団体のコメント"]):
            ws.write(1, col, label, head)
        ws.merge_range(2, 0, 8, 0, ORGS[i % len(ORGS)] + f" {i}", box)
        ws.merge_range(2, 1, 8, 1, PROJECTS[i % len(PROJECTS)], box)
        for k, label in enumerate(VIEWPOINTS):
            ws.write(2 + k, 2, label, box)
            ws.write_number(2 + k, 3, rng.randint(1, 5), box)
            ws.write(2 + k, 4, rng.choice(COMMENTS), box)
        for r, label in enumerate(["*団体のコメント(今後に向けての課題・改善策・要望など)", "*市のコメント", "今後の展望"]):
            ws.write(9 + r, 0, label, head)
            ws.merge_range(9 + r, 1, 9 + r, 4, "".join(rng.choice(COMMENTS) for _ in range(3)), box)
        wb.close()
    return paths


@dataclass
class Row:
    name: str
    argv: Callable[[List[str], str], List[str]]
    needs: Optional[Callable[[], Optional[str]]] = None  # returns why the row cannot run, or None


def python_has(module: str) -> Optional[str]:
    ok = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True).returncode == 0
    return None if ok else f"python module {module} is not installed"


OPENPYXL = """
import sys, openpyxl
n = 0
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += sum(v is not None for v in row)
    wb.close()
print(n, "cells")
"""

CALAMINE = """
import sys, python_calamine as pc
n = 0
for path in sys.argv[1:]:
    wb = pc.CalamineWorkbook.from_path(path)
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).to_python():
            n += sum(v != "" for v in row)
print(n, "cells")
"""


def list_file(files: List[str], tmp: str) -> str:
    """Writes the paths one per line, for --files-from (no process per file, no argv limit)."""
    path = os.path.join(tmp, "files.txt")
    with open(path, "w") as f:
        f.write("\n".join(files) + "\n")
    return path


def build_rows(binary: str, floor: Optional[str]) -> List[Row]:
    return [
        Row("furikaeri inspect --json", lambda files, tmp: [binary, "inspect", "--json", "--files-from", list_file(files, tmp)]),
        Row("C floor (libzip + libxml2 SAX)", lambda files, tmp: [floor] + files,
            lambda: None if floor else "cc, libzip or libxml2 headers are missing"),
        Row("python-calamine", lambda files, tmp: [sys.executable, "-c", CALAMINE] + files,
            lambda: python_has("python_calamine")),
        Row("openpyxl (read_only)", lambda files, tmp: [sys.executable, "-c", OPENPYXL] + files,
            lambda: python_has("openpyxl")),
        Row("furikaeri validate --json", lambda files, tmp: [binary, "validate", "--json", "--files-from", list_file(files, tmp)]),
        # More rows go here (summary, run ...).
    ]


def compile_c(out_dir: str, name: str, libraries: List[str]) -> Optional[str]:
    """Compiles Benchmarks/<name>.c with cc -O2 against `libraries` (pkg-config names)."""
    exe = os.path.join(out_dir, name)
    try:
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", *libraries],
                               capture_output=True, text=True, check=True).stdout.split() if libraries else []
        subprocess.run(["cc", "-O2", os.path.join(HERE, name + ".c"), *flags, "-o", exe], check=True)
        return exe
    except (OSError, subprocess.CalledProcessError) as e:
        print(f"note: cannot build {name}.c: {e}", file=sys.stderr)
        return None


PEAK: Optional[str] = None  # the peak.c wrapper, once compiled


def measure(argv: List[str]):
    """Runs argv once under peak.c; returns wall seconds, CPU seconds, peak RSS in bytes and the
    exit status. CPU time is the children's user + system time (all threads, all cores)."""
    fd, report_path = tempfile.mkstemp(prefix="peak-")
    os.close(fd)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([PEAK, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PEAK_OUT": report_path})
    err = proc.stderr.read().decode(errors="replace")
    proc.wait()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(report_path) as f:
        report = f.read()
    os.remove(report_path)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = int(report.split()[1]) * 1024 if report.startswith("peak-kib") else 0
    if proc.returncode != 0:
        print(f"  exit {proc.returncode}: {err[:300]}", file=sys.stderr)
    return wall, cpu, peak, proc.returncode


def run_row(row: Row, files: List[str], repeat: int):
    """Best wall time, the CPU time of that run, and the highest peak memory over `repeat` runs."""
    best, best_cpu, peak = float("inf"), 0.0, 0
    for _ in range(repeat):
        tmp = tempfile.mkdtemp(prefix="bench-")
        try:
            wall, cpu, rss, code = measure(row.argv(files, tmp))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if code != 0:
            return None
        if wall < best:
            best, best_cpu = wall, cpu
        peak = max(peak, rss)
    return best, best_cpu, peak


def floor_ratios(got, floor_result) -> str:
    """The row's wall and CPU time as multiples of the C floor's (goal for our rows: ≤ 2.00 each);
    blank until the floor row has run, so rows that run before it are summarised at the end."""
    if not floor_result or floor_result[0] <= 0 or floor_result[1] <= 0:
        return f"{'':>13} {'':>12}"
    return f"{got[0] / floor_result[0]:13.2f} {got[1] / floor_result[1]:12.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/furikaeri"))
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench-out"))
    args = ap.parse_args()

    os.makedirs(args.out, exist_ok=True)
    started = time.perf_counter()
    files = generate(os.path.join(args.out, "reflection-sheets"), args.files)
    print(f"{len(files)} workbooks ready in {time.perf_counter() - started:.1f} s "
          f"({sum(os.path.getsize(f) for f in files) / 1e6:.1f} MB)")
    global PEAK
    PEAK = compile_c(args.out, "peak", [])
    if PEAK is None:
        sys.exit("bench: cannot compile Benchmarks/peak.c (is cc installed?)")
    floor = compile_c(args.out, "floor", ["libzip", "libxml-2.0"])
    rows = build_rows(os.path.abspath(args.binary), floor)

    results = {}
    print(f"CPUs: {os.cpu_count()}, load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"\n{'reader':34} {'wall s':>8} {'cpu s':>7} {'peak MiB':>9} {'wall × ours':>12} {'files/s':>8}"
          f" {'wall × floor':>13} {'cpu × floor':>12}")
    for row in rows:
        why = row.needs() if row.needs else None
        if why:
            print(f"{row.name:34} skipped: {why}")
            continue
        got = run_row(row, files, args.repeat)
        if got is None:
            print(f"{row.name:34} failed")
            continue
        results[row.name] = got
        ours = results.get(rows[0].name, got)[0]
        print(f"{row.name:34} {got[0]:8.3f} {got[1]:7.3f} {got[2] / 2**20:9.1f} {got[0] / ours:12.2f} {len(files) / got[0]:8.0f}"
              f" {floor_ratios(got, results.get(rows[1].name))}")

    ours = results.get(rows[0].name)
    floor_result = results.get(rows[1].name)
    calamine = results.get("python-calamine")
    print()
    if ours and floor_result:
        ratio = ours[0] / floor_result[0]
        print(f"ours / floor, wall:    {ratio:.2f}  (goal ≤ 2.00)  {'ok' if ratio <= 2 else 'OVER'}"
              f"   cpu: {ours[1] / floor_result[1]:.2f}")
    validate = results.get("furikaeri validate --json")
    if validate and floor_result:
        # The validator's criterion is time taken (wall), with files read on every core; the floor
        # runs on one. CPU is printed beside it because it shows the cost per sheet on a busy machine.
        wall, cpu = validate[0] / floor_result[0], validate[1] / floor_result[1]
        print(f"validate / floor, wall: {wall:.2f}  (goal ≤ 2.00)  {'ok' if wall <= 2 else 'OVER'}"
              f"   cpu: {cpu:.2f} (for information)")
    if ours and calamine:
        ratio = ours[0] / calamine[0]
        print(f"ours / calamine, wall: {ratio:.2f}  (goal ≤ 0.50)  {'ok' if ratio <= 0.5 else 'OVER'}"
              f"   cpu: {ours[1] / calamine[1]:.2f}")
    if ours and len(files) >= 8:
        quarter = run_row(rows[0], files[: len(files) // 4], args.repeat)
        if quarter:
            growth = ours[2] / quarter[2]
            print(f"peak memory, {len(files) // 4} → {len(files)} files: {quarter[2] / 2**20:.1f} → "
                  f"{ours[2] / 2**20:.1f} MiB (×{growth:.2f}; goal: does not grow)  {'ok' if growth < 1.25 else 'GROWS'}")


if __name__ == "__main__":
    main()
