"""Running the programs under test and measuring them.

Every child is waited for with os.wait4, so its CPU seconds (user + system)
and peak RSS are its own, not a running total of all children.
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BASELINES = os.path.join(REPO, "scripts", "corpus", "baselines")


def run_measured(cmd, cwd=None, env=None, timeout=None):
    """Run cmd; returns (exit status, stdout bytes, stderr text, cpu s, wall s,
    peak RSS MB).  After `timeout` seconds the child is killed (status -9)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd, env=env)
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (proc.returncode, out.read(), err.read().decode("utf-8", "replace"),
                usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def extract(nianbao, pdf, timeout=600):
    """nianbao extract PDF -q: a dict with exit, result (parsed JSON or None),
    error (its stderr line), cpu_seconds, wall_seconds, peak_rss_mb.
    A run killed after `timeout` seconds has exit -9."""
    code, out, err, cpu, wall, rss = run_measured([nianbao, "extract", pdf, "-q"], cwd=REPO,
                                                  timeout=timeout)
    if code == -9:
        err += "\nkilled after %d s" % timeout
    result = None
    if code == 0:
        try:
            result = json.loads(out)
        except ValueError:
            code, err = -1, "stdout is not JSON"
    return {"exit": code, "result": result, "error": err.strip().splitlines()[-1:] or [],
            "cpu_seconds": cpu, "wall_seconds": wall, "peak_rss_mb": rss}


def baseline(name, images):
    """Run scripts/corpus/baselines/NAME.py on page images (one process for
    all of them, so PaddleOCR loads its models once).  Returns its JSON
    (see baselines/common.py) plus the wrapper's own measurement, or a
    dict with "error"."""
    script = os.path.join(BASELINES, name + ".py")
    code, out, err, cpu, wall, rss = run_measured([sys.executable, script] + images, cwd=REPO)
    try:
        data = json.loads(out)
    except ValueError:
        return {"error": "%s exited %d: %s" % (name, code, err.strip()[-800:])}
    data["exit"] = code
    data["measured"] = {"cpu_seconds": cpu, "wall_seconds": wall, "peak_rss_mb": rss}
    if code != 0:
        data["stderr"] = err.strip()[-800:]
    return data


def baseline_in_chunks(name, chunks):
    """Run a baseline once per chunk of page images (a report's table pages),
    and page by page for a chunk whose output does not parse: PaddleOCR's
    node script can lose the end of a large output (more than a pipe's
    64 KB).  Returns one run in the shape of baseline(), with the totals
    summed over the calls; "calls" says how many there were."""
    merged = None
    for images in chunks:
        runs = [baseline(name, images)]
        if "error" in runs[0] and len(images) > 1:
            runs = [baseline(name, [image]) for image in images]
        for run in runs:
            if "error" in run:
                return run
            if merged is None:
                merged = dict(run, pages=[], total_cpu_seconds=0.0, total_wall_seconds=0.0,
                              peak_rss_mb=0.0, exit=0, calls=0,
                              measured={"cpu_seconds": 0.0, "wall_seconds": 0.0,
                                        "peak_rss_mb": 0.0})
            merged["pages"] += run["pages"]
            merged["calls"] += 1
            merged["exit"] = merged["exit"] or run["exit"]
            for k in ("total_cpu_seconds", "total_wall_seconds"):
                merged[k] = round(merged[k] + run[k], 3)
            merged["peak_rss_mb"] = max(merged["peak_rss_mb"], run["peak_rss_mb"])
            m = merged["measured"]
            m["cpu_seconds"] += run["measured"]["cpu_seconds"]
            m["wall_seconds"] += run["measured"]["wall_seconds"]
            m["peak_rss_mb"] = max(m["peak_rss_mb"], run["measured"]["peak_rss_mb"])
    return merged or {"error": "no pages"}


def baseline_available(name):
    """None if the baseline can run here, else why not."""
    script = os.path.join(BASELINES, name + ".py")
    if not os.path.exists(script):
        return "%s is missing" % os.path.relpath(script, REPO)
    if name == "paddle" and not os.path.isdir(os.path.join(BASELINES, "paddle", "node_modules")):
        return "run `npm ci --ignore-scripts` in scripts/corpus/baselines/paddle"
    if name == "tesseract":
        from shutil import which
        if not which("tesseract"):
            return "tesseract is not installed"
    return None
