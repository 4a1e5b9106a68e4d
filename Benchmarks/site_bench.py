#!/usr/bin/env python3
"""事例集 benchmark: the static site of 10 fiscal years x 200 projects.

Usage: site_bench.py --binary .build/release/summary-bench [--shape 10x200] [--work bench-out/site]

Runs `summary-bench --site SHAPE --output WORK` (synthetic projects with texts of realistic
length; prints the time to aggregate, render and write the site, and its size), then, when headless
Chromium is installed, opens WORK/事例集/index.html from file:// with queries in the URL and prints
what the page itself measured: `data-load-ms` (navigation start to the first list drawn, data.js
parsed included) and `data-ms` (the search and the list drawn). Fails (exit 1) when a load or a search
takes a second or more. Never used at run time.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

QUERIES = ["", "広報", "ボランティア 確保", "参加者", "会"]


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--shape", default="10x200")
    parser.add_argument("--work", default="bench-out/site")
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work, exist_ok=True)
    subprocess.run([args.binary, "--site", args.shape, "--output", args.work], check=True)
    browser = chromium()
    if not browser:
        print("chromium is not installed: load and search times not measured")
        return 0
    index = os.path.abspath(os.path.join(args.work, "事例集", "index.html"))
    slow = False
    for query in QUERIES:
        url = "file://" + urllib.parse.quote(index) + ("#q=" + urllib.parse.quote(query) if query else "")
        with tempfile.TemporaryDirectory() as profile:
            dom = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                                  "--dump-dom", url], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout.decode()
        status = re.search(r'<p id="status"[^>]*>', dom)
        facts = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', status.group(0))) if status else {}
        load, search = float(facts.get("load-ms", "inf")), float(facts.get("ms", "inf"))
        print(f"  {query or '(no query)':<16} {facts.get('count', '?'):>5} projects  load {load:7.1f} ms  search+draw {search:7.1f} ms")
        slow = slow or load >= 1000 or search >= 1000
    if slow:
        print("a load or a search took a second or more")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
