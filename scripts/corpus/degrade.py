#!/usr/bin/python3
"""Turn a born-digital PDF into a simulated scan.

    degrade.py IN.pdf --level office200 --seed 7 --out DIR [--format pdf,png]

Pages are rasterised with pdftoppm at the level's dpi, degraded by the
level's effects (levels.py, effects.py) and written to DIR as an image-only
PDF, PNG or JPEG page images or one multi-page TIFF, plus DIR/STEM.degrade.json
with every parameter drawn for every page.  The same input, level and seed
give the same pixels whatever the output format, so a benchmark can score
the PDF with nianbao and the PNGs with the OCR baselines.

Randomness: each effect on each page draws from its own generator, seeded
from (seed, page, effect), so adding an effect to a level does not change
what the others draw.  Page 0 stands for the document (which page is
turned, where the seals go).

    degrade.py --list-levels        prints the level table as Markdown
"""

import argparse
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import zlib

import cv2
import img2pdf
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import effects  # noqa: E402
from levels import FORMATS, LEVELS  # noqa: E402

EXTENSIONS = {"png": "png", "jpeg": "jpg"}
JPEG_QUALITY_ON_SAVE = 92  # for levels without JPEG artefacts saved as JPEG


# ------------------------------------------------------------------ drawing

def effect_rng(key, page, name):
    """The generator for one effect on one page (page 0: the document).

    `key` is (seed, level name): the level's name is part of it so that
    one seed does not give every level the same draws (the same skew
    direction, the same seal spot) for a page."""
    seed, level_name = key
    return np.random.default_rng([seed, zlib.crc32(level_name.encode()),
                                  page, zlib.crc32(name.encode())])


def draw(rng, value):
    """One value of a level parameter: (lo, hi) ranges and choices drawn,
    everything else as is."""
    if isinstance(value, tuple):
        return round(float(rng.uniform(*value)), 4)
    if isinstance(value, dict) and "choice" in value:
        return value["choice"][int(rng.integers(len(value["choice"])))]
    return value


def draw_all(rng, params, skip=(), keep=()):
    """Draw every parameter but those in `skip` (handled by the caller);
    those in `keep` stay ranges, for the effect to draw from repeatedly."""
    return {k: list(v) if k in keep else draw(rng, v)
            for k, v in params.items() if k not in skip}


# ------------------------------------------------------------ rasterising

def rasterise(pdf, dpi, workdir, first=None, last=None):
    """Page PNGs (RGB) of `pdf` at `dpi`, in page order, as file paths."""
    cmd = ["pdftoppm", "-r", str(dpi), "-png"]
    if first:
        cmd += ["-f", str(first)]
    if last:
        cmd += ["-l", str(last)]
    subprocess.run(cmd + [pdf, os.path.join(workdir, "p")], check=True)
    names = [n for n in os.listdir(workdir) if n.startswith("p-")]
    # pdftoppm pads page numbers to the width of the page count.
    names.sort(key=lambda n: int(n[2:].split(".")[0]))
    return [(int(n[2:].split(".")[0]), os.path.join(workdir, n))
            for n in names]


def load(path):
    """RGB float32 0..255."""
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB).astype(np.float32)


# --------------------------------------------------------------- planning

def plan_document(pages, level, key):
    """Decisions taken once per document: which page is turned and where
    the seals go.  Returns {page: {"rotate": deg, "seals": [(where, centre)]}}.
    """
    fx = level["effects"]
    plan = {number: {"seals": []} for number, _ in pages}
    if not ("rotate" in fx or "seal" in fx):
        return plan
    dpi = level["dpi"]
    info = {}
    for number, path in pages:
        grey = effects.to_grey(load(path))
        info[number] = {"box": effects.ruling_box(grey, dpi),
                        "last_line": effects.last_text_line(grey, dpi),
                        "size": grey.shape}
    # Pages with at least 30 cm of rules hold a table; failing that, any.
    tables = [n for n, _ in pages
              if info[n]["box"] and info[n]["box"][4] >= 300] or \
             [n for n, _ in pages]
    if "rotate" in fx:
        rng = effect_rng(key, 0, "rotate")
        p = draw_all(rng, fx["rotate"], skip=("page",))
        page = tables[int(rng.integers(len(tables)))] \
            if fx["rotate"].get("page") == "table" \
            else pages[int(rng.integers(len(pages)))][0]
        plan[page]["rotate"] = p["clockwise"]
    if "seal" in fx:
        rng = effect_rng(key, 0, "seal")
        for where in fx["seal"]["where"]:
            page, centre = seal_spot(where, pages, tables, info, rng, dpi)
            plan[page]["seals"].append((where, centre))
    return plan


def seal_spot(where, pages, tables, info, rng, dpi):
    """(page, (x, y)) for a seal: over the right end of the last line of
    text on the last page ("signature"), or anywhere over the table of a
    table page ("table")."""
    if where == "signature":
        page = pages[-1][0]
        h, w = info[page]["size"]
        line = info[page]["last_line"]
        if line is None:
            return page, (int(w * 0.7), int(h * 0.75))
        x0, y0, x1, y1 = line
        jitter = effects.mm_to_px(5, dpi)
        x = min(x1, w * 0.8) - effects.mm_to_px(12, dpi) \
            + rng.uniform(-jitter, jitter)
        y = (y0 + y1) / 2 + rng.uniform(-jitter, jitter)
        return page, (int(x), int(y))
    page = tables[int(rng.integers(len(tables)))]
    h, w = info[page]["size"]
    box = info[page]["box"] or (0, 0, w, h, 0)
    x = rng.uniform(box[0], box[2])
    y = rng.uniform(box[1], box[3])
    return page, (int(x), int(y))


# -------------------------------------------------------------- degrading

def degrade_page(rgb, number, level, key, plan):
    """Apply the level's effects to one page in scan order.

    Returns (pixels uint8, jpeg bytes or None, is_bilevel, records), where
    records lists every effect applied with its drawn parameters.
    """
    dpi, fx = level["dpi"], level["effects"]
    img, records = rgb, []

    def run(name, fn, params, **extra):
        nonlocal img
        img, facts = fn(img, **params, **extra)
        records.append({"effect": name, **params, **facts})

    def rng(name):
        return effect_rng(key, number, name)

    # Ink on paper.
    if "lines" in fx:
        p = draw_all(rng("lines"), fx["lines"], keep=("gap_mm",))
        run("lines", effects.break_lines, p,
            dpi=dpi, rng=rng("lines:apply"))
    for where, centre in plan["seals"]:
        r = rng("seal:" + where)
        p = draw_all(r, fx["seal"], skip=("where",))
        run("seal", effects.stamp_seal, p, dpi=dpi, rng=r, centre=centre)
        records[-1]["where"] = where
    if "speckle" in fx:
        r = rng("speckle")
        run("speckle", effects.speckle, draw_all(r, fx["speckle"]), rng=r)
    if not level["color"]:
        img = effects.to_grey(img)
    if "paper" in fx:
        r = rng("paper")
        run("paper", effects.paper, draw_all(r, fx["paper"]), rng=r)
    # The scanner.
    if "rotate" in plan:
        run("rotate", effects.rotate, {"clockwise": plan["rotate"]})
    if "skew" in fx or "perspective" in fx:
        r = rng("warp")
        p = {"degrees": draw(r, fx.get("skew", {}).get("degrees", 0.0)),
             "shift": draw(r, fx.get("perspective", {}).get("shift", 0.0))}
        run("warp", effects.warp, p, rng=r)
    if "blur" in fx:
        run("blur", effects.blur, draw_all(rng("blur"), fx["blur"]))
    if "noise" in fx:
        r = rng("noise")
        run("noise", effects.noise, draw_all(r, fx["noise"]), rng=r)
    bilevel = "bilevel" in fx
    if bilevel:
        run("bilevel", effects.bilevel, draw_all(rng("bilevel"), fx["bilevel"]))
    pixels = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    jpeg = None
    if "jpeg" in fx:
        p = draw_all(rng("jpeg"), fx["jpeg"])
        p["quality"] = int(round(p["quality"]))
        jpeg = encode(pixels, "JPEG", quality=p["quality"])
        # Keep the decoded pixels: PNG and TIFF outputs then show exactly
        # the artefacts that the JPEG and PDF outputs carry.
        pixels = np.asarray(Image.open(io.BytesIO(jpeg)))
        records.append({"effect": "jpeg", **p})
    return pixels, jpeg, bilevel, records


def encode(pixels, fmt, **options):
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, fmt, **options)
    return buf.getvalue()


def degrade_document(pdf, level_name, level, seed, first=None, last=None):
    """All pages of `pdf` degraded: a list of dicts with page, pixels,
    jpeg, bilevel and records.  `level` is usually LEVELS[level_name]."""
    key = (seed, level_name)
    with tempfile.TemporaryDirectory(prefix="degrade-") as tmp:
        pages = rasterise(pdf, level["dpi"], tmp, first, last)
        plan = plan_document(pages, level, key)
        out = []
        for number, path in pages:
            pixels, jpeg, bilevel, records = degrade_page(
                load(path), number, level, key, plan[number])
            out.append({"page": number, "pixels": pixels, "jpeg": jpeg,
                        "bilevel": bilevel, "effects": records})
        return out


# ---------------------------------------------------------------- writing

def as_pil(page):
    im = Image.fromarray(page["pixels"])
    return im.convert("1") if page["bilevel"] else im


def page_bytes_for_pdf(page):
    """What goes into the PDF for a page, as a scanner would store it:
    the JPEG itself, CCITT G4 for black and white, PNG (Flate) otherwise."""
    if page["jpeg"] is not None:
        return page["jpeg"]
    buf = io.BytesIO()
    if page["bilevel"]:
        # PDF takes a G4 image only as one strip; a page-sized strip lets
        # img2pdf embed it without re-encoding.
        h, w = page["pixels"].shape[:2]
        as_pil(page).save(buf, "TIFF", compression="group4",
                          strip_size=(w + 7) // 8 * h)
    else:
        as_pil(page).save(buf, "PNG")
    return buf.getvalue()


def write_outputs(pages, formats, out_dir, stem, dpi):
    """Write the pages in each format; returns {format: file or files}."""
    os.makedirs(out_dir, exist_ok=True)
    written = {}
    for fmt in formats:
        if fmt == "pdf":
            path = os.path.join(out_dir, stem + ".pdf")
            layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
            with open(path, "wb") as f:
                # No dates and no random file ID (the internal engine writes
                # none), so that one seed gives one file.
                f.write(img2pdf.convert([page_bytes_for_pdf(p) for p in pages],
                                        layout_fun=layout, nodate=True,
                                        engine=img2pdf.Engine.internal))
            written["pdf"] = os.path.basename(path)
        elif fmt == "tiff":
            path = os.path.join(out_dir, stem + ".tiff")
            write_tiff(pages, path, dpi)
            written["tiff"] = os.path.basename(path)
        else:
            names = []
            for p in pages:
                name = "%s-p%02d.%s" % (stem, p["page"], EXTENSIONS[fmt])
                write_page_image(p, os.path.join(out_dir, name), fmt, dpi)
                names.append(name)
            written[fmt] = names
    return written


def write_page_image(page, path, fmt, dpi):
    if fmt == "jpeg" and page["jpeg"] is not None:
        # The compressed scan as it is; re-encoding would add artefacts.
        with open(path, "wb") as f:
            f.write(page["jpeg"])
        return
    options = {"quality": JPEG_QUALITY_ON_SAVE} if fmt == "jpeg" else {}
    as_pil(page).save(path, fmt.upper(), dpi=(dpi, dpi), **options)


def write_tiff(pages, path, dpi):
    """One multi-page TIFF: G4 for black and white pages, LZW otherwise
    (lossless, so JPEG artefacts already in the pixels are kept exactly)."""
    images = [as_pil(p) for p in pages]
    compression = "group4" if pages[0]["bilevel"] else "tiff_lzw"
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:],
                   compression=compression, dpi=(dpi, dpi))


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def sidecar(pdf, level_name, level, seed, pages, written, formats):
    return {
        "tool": "scripts/corpus/degrade.py",
        "input": os.path.abspath(pdf),
        "input_sha256": sha256(pdf),
        "level": level_name,
        "seed": seed,
        "dpi": level["dpi"],
        "color": level["color"],
        "formats": formats,
        "level_spec": level["effects"],
        "outputs": written,
        "pages": [{"page": p["page"],
                   "width": int(p["pixels"].shape[1]),
                   "height": int(p["pixels"].shape[0]),
                   "bilevel": p["bilevel"],
                   "effects": p["effects"]} for p in pages],
    }


# -------------------------------------------------------------------- CLI

def levels_markdown():
    """The level table in Markdown, for docs/scan-kinds/README.md."""
    rows = ["| level | dpi | colour | default format | effects |",
            "|---|---|---|---|---|"]
    for name, lv in LEVELS.items():
        fx = "; ".join("%s %s" % (e, ", ".join(
            "%s %s" % (k, fmt_value(v)) for k, v in p.items()))
            for e, p in lv["effects"].items()) or "none"
        rows.append("| `%s` | %d | %s | %s | %s |" % (
            name, lv["dpi"], "yes" if lv["color"] else "grey",
            lv["format"], fx))
    return "\n".join(rows) + "\n"


def fmt_value(v):
    if isinstance(v, tuple):
        return "%s to %s" % v
    if isinstance(v, dict) and "choice" in v:
        return "/".join(str(c) for c in v["choice"])
    if isinstance(v, list):
        return "+".join(str(c) for c in v)
    return str(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf", nargs="?", help="born-digital PDF")
    ap.add_argument("--level", choices=sorted(LEVELS))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", help="output directory")
    ap.add_argument("--format",
                    help="comma-separated, of %s; default: the level's"
                    % "|".join(FORMATS))
    ap.add_argument("--stem", help="output file name stem; default: the "
                    "input's name")
    ap.add_argument("--first", type=int, help="first page to use")
    ap.add_argument("--last", type=int, help="last page to use")
    ap.add_argument("--list-levels", action="store_true",
                    help="print the level table as Markdown and exit")
    args = ap.parse_args()
    if args.list_levels:
        sys.stdout.write(levels_markdown())
        return 0
    if not (args.pdf and args.level and args.out):
        ap.error("IN.pdf, --level and --out are required")
    level = LEVELS[args.level]
    formats = (args.format or level["format"]).split(",")
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        ap.error("unknown format %s" % ",".join(bad))
    stem = args.stem or os.path.splitext(os.path.basename(args.pdf))[0]
    pages = degrade_document(args.pdf, args.level, level, args.seed,
                             args.first, args.last)
    written = write_outputs(pages, formats, args.out, stem, level["dpi"])
    meta = sidecar(args.pdf, args.level, level, args.seed, pages, written,
                   formats)
    with open(os.path.join(args.out, stem + ".degrade.json"), "w") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
