#!/usr/bin/python3
"""Whole-page Tesseract baseline.

    tesseract.py PAGE.png [PAGE.png ...] [--threads N] > result.json

Runs `tesseract PAGE - -l chi_sim --psm 6` on each page image (one page per
image; PNG, JPEG or single-page TIFF) and prints the JSON described in
common.py: the text, the numbers in reading order, and the CPU and wall
seconds of each page.

Threads: Tesseract parallelises with OpenMP, whose idle threads spin; on
a 2-core machine that costs four times the CPU and is slower on the wall
clock too (hongze-2024 at 200 dpi, mean of its 5 pages: 5.0 s CPU and
5.1 s wall per page with OpenMP's default, 1.2 s and 1.2 s with one
thread).  So the baseline sets OMP_THREAD_LIMIT=1 unless --threads says
otherwise, which is also how one runs Tesseract on many pages at once.
"""

import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import children_usage, numbers_in, print_result  # noqa: E402

LANG = "chi_sim"
PSM = "6"  # one uniform block of text: the whole page, read line by line


def tesseract_version():
    out = subprocess.run(["tesseract", "--version"], capture_output=True,
                         text=True).stdout
    return out.splitlines()[0] if out else "tesseract"


def ocr_page(image, env):
    """Text of one page, with the CPU and wall seconds it took."""
    cpu0, _ = children_usage()
    t0 = time.perf_counter()
    run = subprocess.run(["tesseract", image, "-", "-l", LANG, "--psm", PSM],
                         capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    cpu1, _ = children_usage()
    page = {"image": image, "text": run.stdout,
            "numbers": numbers_in(run.stdout),
            "cpu_seconds": round(cpu1 - cpu0, 3),
            "wall_seconds": round(wall, 3)}
    if run.returncode != 0:
        page["error"] = run.stderr.strip()
    return page


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("images", nargs="+")
    ap.add_argument("--threads", type=int, default=1,
                    help="OMP_THREAD_LIMIT for tesseract; 0 leaves "
                    "OpenMP's default (all cores)")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.threads > 0:
        env["OMP_THREAD_LIMIT"] = str(args.threads)
    else:
        env.pop("OMP_THREAD_LIMIT", None)
    cpu0, _ = children_usage()
    t0 = time.perf_counter()
    engine = tesseract_version()
    pages = [ocr_page(image, env) for image in args.images]
    cpu1, _ = children_usage()
    print_result(engine, {"lang": LANG, "psm": int(PSM),
                          "threads": args.threads or "openmp default"},
                 pages, cpu1 - cpu0, time.perf_counter() - t0)
    return 0 if all("error" not in p for p in pages) else 1


if __name__ == "__main__":
    sys.exit(main())
