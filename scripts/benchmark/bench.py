"""scripts/bench: accuracy and speed of `nianbao extract` on a generated
corpus, beside two whole-page OCR baselines.  See scripts/benchmark/README.md.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

import corpus  # noqa: E402
import measure  # noqa: E402
import report  # noqa: E402
import score  # noqa: E402

REPO = corpus.REPO
DEFAULT_CORPUS = "/tmp/nianbao-corpus/bench"
BASELINE_NAMES = ("tesseract", "paddle")


def log(*parts):
    sys.stderr.write(" ".join(str(p) for p in parts) + "\n")
    sys.stderr.flush()


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="scripts/bench",
        description="Score `nianbao extract` on generated born-digital reports and simulated "
                    "scans of them against their truth, beside whole-page Tesseract and "
                    "PaddleOCR baselines.")
    ap.add_argument("--quick", action="store_true",
                    help="3 reports per level, baselines on the table pages of 1 report per "
                    "level (a few minutes on 2 cores)")
    ap.add_argument("--reports", type=int, help="reports per level (default 30, --quick 3)")
    ap.add_argument("--baseline-reports", type=int,
                    help="reports per level whose table pages go to the baselines "
                    "(default 10, --quick 1; 0 skips the baselines)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--broken-share", type=float, default=0.2,
                    help="share of reports with one number deliberately broken (default 0.2)")
    ap.add_argument("--levels", help="comma-separated levels (default: digital and every "
                    "level of scripts/corpus/degrade.py)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS,
                    help="corpus folder, outside git (default %s)" % DEFAULT_CORPUS)
    ap.add_argument("--nianbao", default=os.environ.get("NIANBAO", os.path.join(REPO, "build", "nianbao")),
                    help="the nianbao binary (default $NIANBAO or build/nianbao)")
    ap.add_argument("--jobs", type=int, default=2,
                    help="parallel jobs for generating the corpus (measuring is sequential)")
    ap.add_argument("--outputs", help="keep each document's nianbao JSON as OUTPUTS/LEVEL/rNNN.json")
    ap.add_argument("--generate-only", action="store_true",
                    help="make the corpus (and the baselines' page images) and stop")
    ap.add_argument("--json", help="summary file (default CORPUS/seed-S/results/bench-TIME.json)")
    ap.add_argument("--note", help="a line of text for the record (e.g. what the binary was "
                    "built from)")
    ap.add_argument("--record", action="store_true",
                    help="append a dated section with the command and the tables to "
                    "docs/benchmarks.md")
    args = ap.parse_args(argv)
    if args.reports is None:
        args.reports = 3 if args.quick else 30
    if args.baseline_reports is None:
        args.baseline_reports = 1 if args.quick else 10
    args.baseline_reports = min(args.baseline_reports, args.reports)
    if args.reports < 1:
        ap.error("--reports must be at least 1")
    return args


# --- corpus ----------------------------------------------------------------------

def build_corpus(args, root, levels):
    """Make (or reuse) every file the run needs; returns the truths by report name."""
    fixtures_fp = corpus.fingerprint(corpus.REPORT_SCRIPTS)
    degrade_fp = corpus.fingerprint(corpus.SCAN_SCRIPTS)
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        truths = list(pool.map(
            lambda i: corpus.make_report(root, args.seed, i, args.broken_share, fixtures_fp),
            range(args.reports)))
        truths = {"r%03d" % i: t for i, t in enumerate(truths)}
        log("corpus: %d reports ready (%.0f s)" % (len(truths), time.perf_counter() - t0))
        jobs = []
        for level in levels:
            for name, truth in truths.items():
                if level == corpus.DIGITAL:
                    if int(name[1:]) < args.baseline_reports:
                        jobs.append(pool.submit(corpus.rasterise_digital, root, name,
                                                truth["render"]["pages"]))
                else:
                    jobs.append(pool.submit(corpus.degrade, root, name, level,
                                            truth["bench"]["report_seed"], degrade_fp))
        for done, job in enumerate(jobs, 1):
            job.result()
            if done % 10 == 0 or done == len(jobs):
                log("corpus: %d/%d page sets ready (%.0f s)" % (done, len(jobs),
                                                              time.perf_counter() - t0))
    return truths


def document_pdf(root, level, name):
    if level == corpus.DIGITAL:
        return os.path.join(root, "reports", name + ".pdf")
    return os.path.join(root, level, name + ".pdf")


def table_page_images(root, level, name, truth):
    """The page images of the pages holding the tables, in page order."""
    spans = truth["render"]["table_pages"].values()
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    return [os.path.join(root, level, "%s-p%02d.png" % (name, p)) for p in range(first, last + 1)]


# --- measuring -------------------------------------------------------------------

def run_nianbao(args, root, levels, truths):
    docs = []
    for level in levels:
        for name, truth in truths.items():
            pdf = document_pdf(root, level, name)
            run = measure.extract(args.nianbao, pdf)
            if args.outputs and run["result"] is not None:
                os.makedirs(os.path.join(args.outputs, level), exist_ok=True)
                with open(os.path.join(args.outputs, level, name + ".json"), "w", encoding="utf-8") as f:
                    json.dump(run["result"], f, ensure_ascii=False, indent=1)
            doc = score.score_document(truth, run["result"])
            doc.update({"level": level, "report": name, "pages": truth["render"]["pages"],
                        "exit": run["exit"], "error": run["error"],
                        "cpu_seconds": round(run["cpu_seconds"], 4),
                        "wall_seconds": round(run["wall_seconds"], 4),
                        "peak_rss_mb": round(run["peak_rss_mb"], 1)})
            truth_values = list(truth["cells"].values())
            doc["in_order"] = score.in_order(truth_values, score.our_reading(truth, run["result"]))
            docs.append(doc)
        level_docs = [d for d in docs if d["level"] == level]
        log("nianbao: %-13s %d docs, exits %s, %d/%d cells right" % (
            level, len(level_docs), dict(Counter(d["exit"] for d in level_docs)),
            sum(d["correct"] for d in level_docs), sum(d["cells"] for d in level_docs)))
    return docs


def run_baselines(args, root, levels, truths):
    """{baseline: {"available": reason or None, "runs": {level: run}, "pages": [...]}}"""
    subset = ["r%03d" % i for i in range(args.baseline_reports)]
    out = {}
    for engine in BASELINE_NAMES:
        why = measure.baseline_available(engine) if subset else "--baseline-reports 0"
        out[engine] = {"unavailable": why, "levels": {}, "documents": []}
        if why:
            log("baseline %s skipped: %s" % (engine, why))
            continue
        for level in levels:
            chunks, owner = [], []
            for name in subset:
                pages = table_page_images(root, level, name, truths[name])
                chunks.append(pages)
                owner += [name] * len(pages)
            t0 = time.perf_counter()
            run = measure.baseline_in_chunks(engine, chunks)
            if "error" in run:
                log("baseline %s %s failed: %s" % (engine, level, run["error"]))
                out[engine]["levels"][level] = {"error": run["error"]}
                continue
            pages = run["pages"]
            for name in subset:
                numbers = [n for p, o in zip(pages, owner) if o == name for n in p["numbers"]]
                doc = score.in_order(list(truths[name]["cells"].values()), numbers)
                doc.update({"level": level, "report": name,
                            "pages": sum(1 for o in owner if o == name)})
                out[engine]["documents"].append(doc)
            out[engine]["levels"][level] = {
                "engine": run.get("engine"), "settings": run.get("settings"),
                "exit": run["exit"], "pages": len(pages), "calls": run["calls"],
                "page_errors": sum(1 for p in pages if "error" in p),
                "page_cpu_seconds": round(sum(p["cpu_seconds"] for p in pages), 3),
                "page_wall_seconds": round(sum(p["wall_seconds"] for p in pages), 3),
                "total_cpu_seconds": run["total_cpu_seconds"],
                "total_wall_seconds": run["total_wall_seconds"],
                "peak_rss_mb": run["peak_rss_mb"],
                "measured": run["measured"],
                "page_details": [{"image": os.path.relpath(p["image"], root),
                                  "numbers": len(p["numbers"]),
                                  "cpu_seconds": p["cpu_seconds"],
                                  "wall_seconds": p["wall_seconds"]} for p in pages],
            }
            log("baseline %s: %-13s %d pages, %.0f s" % (engine, level, len(pages),
                                                          time.perf_counter() - t0))
    return out, subset


# --- context -------------------------------------------------------------------------

def git(*cmd):
    run = subprocess.run(["git", "-C", REPO] + list(cmd), capture_output=True, text=True)
    return run.stdout.strip() if run.returncode == 0 else None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def binary_info(path):
    version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()
    built = datetime.datetime.fromtimestamp(os.path.getmtime(path), datetime.timezone.utc)
    return "%s, version %s, sha256 %s…, built %s" % (
        path, version or "?", corpus.sha256(path)[:12], built.strftime("%Y-%m-%d %H:%M UTC"))


def context(args, argv):
    commit = git("rev-parse", "--short", "HEAD")
    dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join(["scripts/bench"] + [shlex.quote(a) for a in argv]),
        "commit": (commit or "unknown") + (" (with uncommitted changes)" if dirty else ""),
        "nianbao": binary_info(args.nianbao),
        "note": args.note,
        "machine": "%s, %d cores, %s" % (cpu_model(), os.cpu_count() or 0, platform.platform()),
        "python": platform.python_version(),
    }


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    started = time.perf_counter()
    if not os.access(args.nianbao, os.X_OK):
        sys.exit("bench: %s is not an executable nianbao (build it, or pass --nianbao)"
                 % args.nianbao)
    all_levels = [corpus.DIGITAL] + corpus.scan_levels()
    levels = args.levels.split(",") if args.levels else all_levels
    unknown = [lv for lv in levels if lv not in all_levels]
    if unknown:
        sys.exit("bench: unknown level %s (have %s)" % (",".join(unknown), ",".join(all_levels)))
    meta = context(args, argv)      # before the run: the work tree may move during it
    root = os.path.join(os.path.abspath(args.corpus), "seed-%d" % args.seed)
    os.makedirs(root, exist_ok=True)
    log("bench: corpus %s, %d reports x %d levels" % (root, args.reports, len(levels)))

    truths = build_corpus(args, root, levels)
    t_corpus = time.perf_counter() - started
    if args.generate_only:
        print("corpus: %s (%d reports, levels %s)" % (root, len(truths), ",".join(levels)))
        return 0
    docs = run_nianbao(args, root, levels, truths)
    baselines, subset = run_baselines(args, root, levels, truths)

    meta.update({"corpus": root, "reports_per_level": args.reports, "seed": args.seed,
                 "broken_share": args.broken_share, "levels": levels,
                 "baseline_reports": subset,
                 "seconds": {"corpus": round(t_corpus, 1),
                             "total": round(time.perf_counter() - started, 1)}})
    summary = report.summarise(meta, levels, docs, baselines, subset)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = args.json or os.path.join(root, "results", "bench-%s.json" % stamp)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    corpus.save_json(out, summary)

    text = report.markdown(summary)
    sys.stdout.write(text + "\n")
    print("summary: %s" % out)
    if args.record:
        path = report.record(summary, text, os.path.join(REPO, "docs", "benchmarks.md"))
        print("recorded: %s" % path)
    return 0
