"""The benchmark corpus: N random reports, rendered born-digital and degraded
at every scan level, each with its truth.  Deterministic from a seed and kept
on disk, so a second run (or a larger one with the same seed) reuses what is
there.

Layout of a corpus folder (CORPUS = --corpus, default /tmp/nianbao-corpus/bench):

    CORPUS/seed-S/reports/rNNN.pdf          born-digital PDF (headless Chromium)
    CORPUS/seed-S/reports/rNNN.truth.json   truth, format of fixtures/README.md
                                            plus "bench" (seed, style draw, broken cell)
    CORPUS/seed-S/digital/rNNN-pPP.png      200 dpi grey rasterisation (baselines)
    CORPUS/seed-S/LEVEL/rNNN.pdf            image-only PDF from degrade.py
    CORPUS/seed-S/LEVEL/rNNN-pPP.png        the same pixels as page images
    CORPUS/seed-S/LEVEL/rNNN.degrade.json   degrade.py's record of the draws
    CORPUS/seed-S/results/                  JSON summaries of runs

Report i of seed S is the same whatever N is, so `--quick` (3 reports) uses
the first three reports of the full run's corpus.

Each generated file records a fingerprint of the generator scripts it came
from; when scripts/fixtures or scripts/corpus change, the affected files are
made again.
"""

import hashlib
import json
import os
import random
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FIXTURE_SCRIPTS = os.path.join(REPO, "scripts", "fixtures")
CORPUS_SCRIPTS = os.path.join(REPO, "scripts", "corpus")
DEGRADE = os.path.join(CORPUS_SCRIPTS, "degrade.py")

sys.path.insert(0, FIXTURE_SCRIPTS)
sys.dont_write_bytecode = True

from randomreport import random_report  # noqa: E402
from render import DEFAULT_STYLE, FORCED_SPLITS, render_pdf, truth_value  # noqa: E402
from rules import expected_failures  # noqa: E402
from schema import PROACTIVE_SECTIONS, SINGLE_OTHER, all_keys  # noqa: E402

DIGITAL = "digital"
BASELINE_DPI = 200       # rasterisation of born-digital pages for the baselines

FONTS = ["Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei"]
# Table 3 kept on one page, broken where the page ends, forced across two
# pages with the header repeated or without it: a third of reports forced.
SPLITS = ["none", "natural", "repeat_header", "none", "natural", "no_header"]
# Rows a forced page break may go before; present in both （六） layouts.
SPLIT_ROWS = ["withheld_third_party", "unavailable_not_held",
              "unprocessed_complaint", "unprocessed_duplicate"]


def scan_levels():
    """The scan levels of degrade.py, in its order (asked through its CLI)."""
    out = subprocess.run([sys.executable, DEGRADE, "--list-levels"],
                         capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\| `([^`]+)` \|", out, re.M)


# The scripts whose output the corpus holds; a change to one of them makes
# the files that came from it again.
REPORT_SCRIPTS = [os.path.join(FIXTURE_SCRIPTS, n) for n in
                  ("randomreport.py", "render.py", "rules.py", "schema.py")] \
    + [os.path.abspath(__file__)]       # this file draws the styles
SCAN_SCRIPTS = [os.path.join(CORPUS_SCRIPTS, n) for n in
                ("degrade.py", "effects.py", "levels.py")]


def fingerprint(paths):
    """Short hash of the contents of some scripts."""
    h = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as f:
            h.update(os.path.basename(path).encode() + b"\0" + f.read())
    return h.hexdigest()[:12]


# --- drawing a report --------------------------------------------------------

def draw_report(corpus_seed, index, broken_share, attempt=0):
    """(report data, style, bench info) of report `index`; deterministic.
    `attempt` > 0 redraws the style (a render that failed its checks)."""
    rng = random.Random("nianbao-bench:%d:%d" % (corpus_seed, index))
    report_seed = rng.randrange(1, 2 ** 31)
    year = rng.randint(2019, 2024)
    layout = SINGLE_OTHER if year >= 2021 and rng.random() < 0.25 else None
    broken = rng.random() < broken_share
    break_table = rng.choice(["requests", "requests", "appeals"]) if broken else None
    report = random_report(report_seed, year=year, layout=layout,
                           break_table=break_table, short_prose=rng.random() < 0.5)
    style_rng = random.Random("nianbao-bench-style:%d:%d:%d" % (corpus_seed, index, attempt))
    style = draw_style(style_rng, index, attempt)
    if broken:
        # Zeros printed blank or as a dash are empty cells, and a rule that
        # reads an empty cell is skipped: the broken number would go unseen.
        style["empty_cells"] = "zero"
    bench = {"corpus_seed": corpus_seed, "index": index, "report_seed": report_seed,
             "style_attempt": attempt, "break_table": break_table,
             "broken": report.get("broken")}
    return report, style, bench


def draw_style(rng, index, attempt=0):
    """Knobs of render.py within what it supports (see its docstring).  The
    font and the way table 3 is laid over pages go round by report index,
    so that even a small corpus has each of them; the rest is random."""
    font = FONTS[index % len(FONTS)]
    size = rng.choice([8, 9, 10, 10.5, 11, 12])
    double = rng.random() < 0.15
    style = {
        "font": font,
        "font_size_pt": size,
        "bold": rng.choice([False, "headings", "all"]) if font.startswith("Noto") else False,
        "border_px": rng.choice([0.5, 1, 1, 1.5, 2]),
        "border_style": "double" if double else "solid",
        "columns": "narrow" if rng.random() < 0.2 else "normal",
        "label_align": rng.choice(["left", "center"]),
        "results_label": "vertical" if rng.random() < 0.25 else "horizontal",
        "shaded_sections": rng.random() < 0.2,
        "empty_cells": rng.choices(["zero", "blank", "dash"], [6, 2, 2])[0],
    }
    # Table 3's page breaks go round too (shifted by index // 4 so as not to
    # go round in step with the font).  Forced breaks and "none" need
    # <= 11 pt, forced breaks solid lines; a render that failed three times
    # falls back to a natural break.
    split = SPLITS[(index // len(FONTS) + index) % len(SPLITS)] if attempt < 3 else "natural"
    if split in FORCED_SPLITS and (size > 11 or double):
        size, double = rng.choice([9, 10, 10.5, 11]), False
        style.update(font_size_pt=size, border_style="solid")
    if split == "none" and size > 11:
        split = "natural"
    style["requests_split"] = split
    if split in FORCED_SPLITS:
        style["split_before"] = rng.choice(SPLIT_ROWS)
    return style


# --- rendering and checking ----------------------------------------------------

def pdftotext_pages(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    return [re.sub(r"\s+", "", page) for page in out.split("\f")[:-1]]


def find_page(pages, marker, start=1):
    for number in range(start, len(pages) + 1):
        if marker in pages[number - 1]:
            return number
    raise ValueError("%r not in the text layer" % marker)


def table_pages(pages, schema):
    """First and last page of each table, as make_fixtures.py finds them."""
    last_proactive = PROACTIVE_SECTIONS[schema][-1][2][-1][1]
    spans = {}
    for table, first, last in (("proactive", "第二十条第（一）项", last_proactive),
                               ("requests", "本年新收", "结转下年度"),
                               ("appeals", "未经复议直接起诉", "复议后起诉")):
        start = find_page(pages, first)
        spans[table] = [start, find_page(pages, last, start)]
    return spans


def check_render(pdf, report, style):
    """(pages, table spans) of a rendered PDF, or ValueError when the render
    went wrong (a blank page, a table split where it should not be)."""
    pages = pdftotext_pages(pdf)
    for number, text in enumerate(pages, 1):
        if re.fullmatch(r"(-\d+-)?", text):
            raise ValueError("page %d is blank" % number)
    spans = table_pages(pages, report["schema"])
    first, last = spans["requests"]
    split = style.get("requests_split", "none")
    if split in FORCED_SPLITS and last != first + 1:
        raise ValueError("forced split did not give two pages")
    if split == "none" and first != last:
        raise ValueError("requests table does not fit on one page")
    return len(pages), spans


def make_report(root, corpus_seed, index, broken_share, fixtures_fp):
    """Render report `index` and write its truth; returns the truth."""
    name = "r%03d" % index
    pdf = os.path.join(root, "reports", name + ".pdf")
    truth_path = os.path.join(root, "reports", name + ".truth.json")
    truth = load_json(truth_path)
    if truth and truth.get("bench", {}).get("generator") == fixtures_fp \
            and truth["bench"].get("broken_share") == broken_share and os.path.exists(pdf):
        return truth
    os.makedirs(os.path.dirname(pdf), exist_ok=True)
    errors = []
    for attempt in range(6):
        report, style, bench = draw_report(corpus_seed, index, broken_share, attempt)
        printed = render_pdf(report, style, pdf)
        try:
            page_count, spans = check_render(pdf, report, style)
        except ValueError as e:
            errors.append(str(e))
            continue
        break
    else:
        raise RuntimeError("%s: no usable render: %s" % (name, "; ".join(errors)))
    keys = all_keys(report["schema"], report["layout"])
    cells = {k: truth_value(k, printed[k]) for k in keys}
    failures = expected_failures(cells, report["layout"], report["claims"])
    for failure in failures:
        if "why" not in failure and report.get("broken"):
            b = report["broken"]
            failure["why"] = "%s printed %s instead of %s" % (b["cell"], b["printed"], b["consistent"])
    render_info = dict(DEFAULT_STYLE, **style)
    render_info.update({"pdf_structure": "chromium", "pages": page_count,
                        "table_pages": spans, "layout": report["layout"]})
    bench.update({"generator": fixtures_fp, "broken_share": broken_share,
                  "render_retries": errors})
    truth = {
        "file": name + ".pdf",
        "report": {"agency": report["agency"], "year": report["year"]},
        "schema": report["schema"],
        "cells": cells,
        "expected_failures": failures,
        "render": render_info,
        "source": "randomreport.random_report(%d, year=%d, layout=%r, break_table=%r)" % (
            bench["report_seed"], report["year"], report["layout"], bench["break_table"]),
        "bench": bench,
    }
    save_json(truth_path, truth)
    return truth


# --- page images and scans -----------------------------------------------------

def rasterise_digital(root, name, pages):
    """200 dpi grey PNGs of a born-digital report, named like degrade.py's."""
    out_dir = os.path.join(root, DIGITAL)
    os.makedirs(out_dir, exist_ok=True)
    pdf = os.path.join(root, "reports", name + ".pdf")
    images = [os.path.join(out_dir, "%s-p%02d.png" % (name, p)) for p in range(1, pages + 1)]
    if all(os.path.exists(i) and os.path.getmtime(i) >= os.path.getmtime(pdf) for i in images):
        return images
    prefix = os.path.join(out_dir, name + "-tmp")
    subprocess.run(["pdftoppm", "-r", str(BASELINE_DPI), "-gray", "-png", pdf, prefix],
                   check=True)
    made = sorted(n for n in os.listdir(out_dir) if n.startswith(name + "-tmp-"))
    for n in made:
        page = int(n[len(name) + 5:].split(".")[0])
        os.replace(os.path.join(out_dir, n), os.path.join(out_dir, "%s-p%02d.png" % (name, page)))
    return images


def degrade(root, name, level, seed, degrade_fp):
    """Image-only PDF and page PNGs of report `name` at `level`, through
    degrade.py's command line; reused when made by the same scripts from
    the same PDF."""
    out_dir = os.path.join(root, level)
    pdf = os.path.join(root, "reports", name + ".pdf")
    meta_path = os.path.join(out_dir, name + ".degrade.json")
    meta = load_json(meta_path)
    if meta and meta.get("bench_generator") == degrade_fp \
            and meta.get("input_sha256") == sha256(pdf) and meta.get("seed") == seed \
            and all(os.path.exists(os.path.join(out_dir, f))
                    for f in [meta["outputs"]["pdf"]] + meta["outputs"]["png"]):
        return meta
    os.makedirs(out_dir, exist_ok=True)
    run = subprocess.run([sys.executable, DEGRADE, pdf, "--level", level, "--seed", str(seed),
                          "--out", out_dir, "--format", "pdf,png", "--stem", name],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError("degrade.py %s %s failed: %s" % (name, level, run.stderr[-1500:]))
    meta = load_json(meta_path)
    meta["bench_generator"] = degrade_fp
    save_json(meta_path, meta)
    return meta


# --- helpers ---------------------------------------------------------------------

def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def save_json(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
        f.write("\n")
    os.replace(tmp, path)

