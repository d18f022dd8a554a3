"""Aggregating the per-document figures, printing them as Markdown tables and
recording them in docs/benchmarks.md."""

import os
from collections import Counter

ENGINE_TITLES = {"tesseract": "Tesseract", "paddle": "PaddleOCR"}


def ratio(a, b):
    return a / b if b else None


def add_in_order(total, part):
    for k in ("printed", "matched", "nonzero", "nonzero_matched"):
        total[k] = total.get(k, 0) + part[k]
    return total


def nianbao_figures(docs):
    """Sums and shares over nianbao's documents."""
    f = {"docs": len(docs), "pages": sum(d["pages"] for d in docs),
         "exits": dict(sorted(Counter(str(d["exit"]) for d in docs).items()))}
    f["read"] = sum(1 for d in docs if d["exit"] == 0)
    for k in ("cells", "correct", "silent_errors", "flagged_wrong", "not_read", "missing_keys"):
        f[k] = sum(d[k] for d in docs)
    f["accuracy"] = ratio(f["correct"], f["cells"])
    f["silent_error_rate"] = ratio(f["silent_errors"], f["cells"])
    f["not_read_rate"] = ratio(f["not_read"], f["cells"])
    f["schema_right"] = sum(1 for d in docs if d.get("schema_ok"))
    broken = [d for d in docs if d["broken"]]
    clean = [d for d in docs if not d["broken"]]
    f["broken_docs"], f["broken_detected"] = len(broken), sum(1 for d in broken if d["detected"])
    f["expected_instances"] = sum(len(d["expected_failures"]) for d in broken)
    f["instances_found"] = sum(d["instances_found"] for d in broken)
    f["clean_docs"], f["false_alarms"] = len(clean), sum(1 for d in clean if d["false_alarm"])
    cpu, wall = sum(d["cpu_seconds"] for d in docs), sum(d["wall_seconds"] for d in docs)
    f["cpu_seconds"], f["wall_seconds"] = round(cpu, 3), round(wall, 3)
    f["cpu_per_page"], f["wall_per_page"] = ratio(cpu, f["pages"]), ratio(wall, f["pages"])
    read = [d for d in docs if d["exit"] == 0]
    f["cpu_per_page_read"] = ratio(sum(d["cpu_seconds"] for d in read),
                                   sum(d["pages"] for d in read))
    f["wall_per_page_read"] = ratio(sum(d["wall_seconds"] for d in read),
                                    sum(d["pages"] for d in read))
    f["peak_rss_mb"] = max((d["peak_rss_mb"] for d in docs), default=None)
    f["in_order"] = {}
    for d in docs:
        add_in_order(f["in_order"], d["in_order"])
    return f


def baseline_figures(engine_data, levels):
    """Per level and overall figures of one baseline."""
    out = {}
    for level in levels + [None]:
        runs = [r for lv, r in engine_data["levels"].items()
                if (level is None or lv == level) and "error" not in r]
        docs = [d for d in engine_data["documents"] if level is None or d["level"] == level]
        if not runs:
            if level in engine_data["levels"]:
                out[level] = {"error": engine_data["levels"][level]["error"]}
            continue
        pages = sum(r["pages"] for r in runs)
        cpu = sum(r["page_cpu_seconds"] for r in runs)
        wall = sum(r["page_wall_seconds"] for r in runs)
        f = {"pages": pages, "page_errors": sum(r["page_errors"] for r in runs),
             "cpu_per_page": ratio(cpu, pages), "wall_per_page": ratio(wall, pages),
             "total_cpu_seconds": round(sum(r["total_cpu_seconds"] for r in runs), 3),
             "total_wall_seconds": round(sum(r["total_wall_seconds"] for r in runs), 3),
             "peak_rss_mb": max(r["peak_rss_mb"] for r in runs), "in_order": {}}
        for d in docs:
            add_in_order(f["in_order"], d)
        out[level or "overall"] = f
    return out


def summarise(meta, levels, docs, baselines, subset):
    summary = {"meta": meta, "levels": {}, "overall": {}, "baselines": {},
               "documents": docs, "baseline_documents": {}}
    for level in levels:
        level_docs = [d for d in docs if d["level"] == level]
        f = nianbao_figures(level_docs)
        f["in_order_subset"] = nianbao_figures(
            [d for d in level_docs if d["report"] in subset])["in_order"]
        summary["levels"][level] = f
    summary["overall"] = nianbao_figures(docs)
    summary["overall"]["in_order_subset"] = nianbao_figures(
        [d for d in docs if d["report"] in subset])["in_order"]
    for engine, data in baselines.items():
        figures = {"unavailable": data["unavailable"]}
        if not data["unavailable"]:
            figures.update(baseline_figures(data, levels))
            figures["runs"] = data["levels"]
        summary["baselines"][engine] = figures
        summary["baseline_documents"][engine] = data["documents"]
    return summary


# --- Markdown -------------------------------------------------------------------

def pct(a, b):
    return "—" if not b else "%.1f %%" % (100.0 * a / b)


def secs(x):
    if x is None:
        return "—"
    return "%.3f" % x if x < 10 else "%.1f" % x


def times(a, b):
    """How many times a is of b, e.g. 250×."""
    if a is None or not b:
        return "—"
    r = a / b
    return "%.0f×" % r if r >= 10 else "%.1f×" % r


def in_order_cell(f):
    if not f or not f.get("printed"):
        return "—"
    return "%s / %s" % (pct(f["matched"], f["printed"]), pct(f["nonzero_matched"], f["nonzero"]))


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def markdown(summary):
    meta, levels = summary["meta"], summary["meta"]["levels"]
    names = levels + ["overall"]
    figs = dict(summary["levels"], overall=summary["overall"])
    out = []

    rows = []
    for name in names:
        f = figs[name]
        rows.append([
            "**%s**" % name if name == "overall" else name, f["docs"], f["pages"],
            "%d/%d" % (f["read"], f["docs"]),
            "%s (%d/%d)" % (pct(f["correct"], f["cells"]), f["correct"], f["cells"]),
            "%s (%d)" % (pct(f["silent_errors"], f["cells"]), f["silent_errors"]),
            "%d" % f["flagged_wrong"],
            pct(f["not_read"], f["cells"]),
            "%d/%d" % (f["broken_detected"], f["broken_docs"]),
            "%d/%d" % (f["false_alarms"], f["clean_docs"]),
            secs(f["cpu_per_page"]), secs(f["wall_per_page"]),
            "%.0f" % f["peak_rss_mb"] if f["peak_rss_mb"] is not None else "—"])
    out.append("`nianbao extract`, every document of every level:\n")
    out.append(table(["level", "docs", "pages", "read (exit 0)", "cells right",
                      "silent errors", "wrong, flagged", "not read", "broken caught",
                      "false alarms", "CPU s/page", "wall s/page", "peak RSS MB"], rows))

    base = summary["baselines"]
    subset = meta["baseline_reports"]
    engines = [e for e in ("tesseract", "paddle") if e in base]
    if subset and any(not base[e]["unavailable"] for e in engines):
        rows = []
        for name in names:
            row = ["**%s**" % name if name == "overall" else name]
            pages = next((base[e][name]["pages"] for e in engines
                          if name in base[e] and "pages" in base[e][name]), 0)
            row.append(pages)
            row.append(in_order_cell(figs[name]["in_order_subset"]))
            for e in engines:
                row.append(in_order_cell(base[e].get(name, {}).get("in_order")))
            rows.append(row)
        out.append("\nNumbers in reading order, on the table pages of %s at each level "
                   "(share of the printed truth numbers matched in order: all / non-zero):\n"
                   % ", ".join(subset))
        out.append(table(["level", "pages", "nianbao"] + [ENGINE_TITLES[e] for e in engines],
                         rows))

        rows = []
        for name in names:
            f = figs[name]
            row = ["**%s**" % name if name == "overall" else name,
                   secs(f["cpu_per_page_read"]), secs(f["wall_per_page_read"])]
            for e in engines:
                b = base[e].get(name, {})
                row += [secs(b.get("cpu_per_page")), secs(b.get("wall_per_page")),
                        "%.0f" % b["peak_rss_mb"] if b.get("peak_rss_mb") else "—",
                        times(b.get("cpu_per_page"), f["cpu_per_page_read"])]
            rows.append(row)
        header = ["level", "nianbao CPU s/page", "nianbao wall s/page"]
        for e in engines:
            t = ENGINE_TITLES[e]
            header += ["%s CPU s/page" % t, "%s wall s/page" % t, "%s peak RSS MB" % t,
                       "%s CPU ÷ nianbao CPU" % t]
        out.append("\nSpeed per page (nianbao: documents it read, all their pages; "
                   "baselines: the table pages above, model loading excluded):\n")
        out.append(table(header, rows))
    for e in engines:
        if base[e]["unavailable"]:
            out.append("\n%s baseline not run: %s" % (ENGINE_TITLES[e], base[e]["unavailable"]))
        else:
            runs = base[e]["runs"]
            errors = ["%s: %s" % (lv, r["error"]) for lv, r in runs.items() if "error" in r]
            if errors:
                out.append("\n%s baseline failed on %s" % (ENGINE_TITLES[e], "; ".join(errors)))
    return "\n".join(out)


RECORD_HEAD = """# Benchmarks

Dated results, newest last.  Each section says how it was produced; append
new sections, do not rewrite old ones.
"""


def record(summary, text, path):
    """Append a dated section to docs/benchmarks.md (created if missing)."""
    meta = summary["meta"]
    engines = {e: b["runs"] for e, b in summary["baselines"].items() if not b["unavailable"]}
    versions = []
    for e, runs in engines.items():
        run = next((r for r in runs.values() if "engine" in r), None)
        if run:
            versions.append("%s: %s, %s" % (ENGINE_TITLES[e], run["engine"],
                                            ", ".join("%s %s" % kv for kv in
                                                      sorted(run["settings"].items())
                                                      if kv[0] in ("lang", "psm", "threads"))))
    section = [
        "",
        "## %s — `scripts/bench`: nianbao and whole-page OCR on generated reports and scans"
        % meta["date"],
        "",
        "```",
        meta["command"],
        "```",
        "",
        "- nianbao: `%s`" % meta["nianbao"],
        "- scripts (bench, generators, baselines) from the work tree at commit %s" % meta["commit"],
        "- machine: %s" % meta["machine"],
        "- corpus: seed %d, %d reports per level (%d%% with one number broken), levels %s; "
        "generated in %.0f s, whole run %.0f s" % (
            meta["seed"], meta["reports_per_level"], round(100 * meta["broken_share"]),
            ", ".join(meta["levels"]), meta["seconds"]["corpus"], meta["seconds"]["total"]),
    ]
    section += ["- %s" % v for v in versions]
    if meta.get("note"):
        section.append("- note: %s" % meta["note"])
    section += ["- definitions of every column: `scripts/benchmark/README.md`", "", text, ""]
    new = not os.path.exists(path)
    with open(path, "a", encoding="utf-8") as f:
        if new:
            f.write(RECORD_HEAD)
        f.write("\n".join(section))
    return path
