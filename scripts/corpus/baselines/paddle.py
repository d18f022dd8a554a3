#!/usr/bin/python3
"""Whole-page PaddleOCR PP-OCRv4 baseline.

    paddle.py PAGE.png [PAGE.png ...] [--threads N] > result.json

Runs paddle/ocr.mjs (PP-OCRv4 through the npm package @gutenye/ocr-node,
offline, on the CPU) once over all pages, so the models load once, and
prints the JSON described in common.py, numbers pulled out exactly as for
the Tesseract baseline.  Page times are measured inside node around each
page; model loading and node's start-up are in the totals only.

Needs `npm install --ignore-scripts` once in scripts/corpus/baselines/paddle.
"""

import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from common import children_usage, numbers_in, print_result  # noqa: E402

SCRIPT = os.path.join(HERE, "paddle", "ocr.mjs")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("images", nargs="+")
    # One thread by default, as for Tesseract: onnxruntime's default pool
    # (a thread per core) spins while idle; on 2 cores it cost 60 % more
    # CPU per page (hongze-2024 at 200 dpi: 7.5 s against 4.6 s) and gave
    # no gain on the wall clock.
    ap.add_argument("--threads", type=int, default=1,
                    help="onnxruntime intra-op threads; 0 keeps its default "
                    "(one per physical core)")
    ap.add_argument("--node", default="node")
    args = ap.parse_args()
    if not os.path.isdir(os.path.join(HERE, "paddle", "node_modules")):
        sys.exit("paddle.py: run `npm install --ignore-scripts` in %s first"
                 % os.path.join(HERE, "paddle"))
    cpu0, _ = children_usage()
    t0 = time.perf_counter()
    # Absolute paths: node runs in the paddle folder to find node_modules.
    images = [os.path.abspath(i) for i in args.images]
    run = subprocess.run([args.node, SCRIPT, "--threads", str(args.threads)]
                         + images, cwd=os.path.join(HERE, "paddle"),
                         capture_output=True, text=True)
    wall = time.perf_counter() - t0
    cpu1, _ = children_usage()
    if not run.stdout.strip():
        sys.stderr.write(run.stderr)
        return 1
    raw = json.loads(run.stdout)
    pages = []
    for given, page in zip(args.images, raw["pages"]):
        out = {"image": given, "text": page["text"],
               "numbers": numbers_in(page["text"]),
               "cpu_seconds": page["cpu_seconds"],
               "wall_seconds": page["wall_seconds"],
               "lines": page["lines"]}
        if "error" in page:
            out["error"] = page["error"]
        pages.append(out)
    print_result(raw["engine"], {"models": raw["models"],
                                 "threads": raw["threads"],
                                 "load": raw["load"]},
                 pages, cpu1 - cpu0, wall)
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
