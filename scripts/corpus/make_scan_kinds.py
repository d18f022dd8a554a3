#!/usr/bin/python3
"""Draw docs/scan-kinds/: one PNG per degradation level and per effect,
and the README that lists them.

    make_scan_kinds.py [IN.pdf] [--page 3] [--seed 1] [--out docs/scan-kinds]

Each PNG shows one table page of IN.pdf (default: the real Hongze 2024
report, page 3) degraded: on the left the whole page shrunk to 400 px
wide, on the right a 400 px wide piece of the table at the scan's own
resolution, where blur, noise and JPEG blocks can actually be seen.  The
effect images apply one effect alone, stronger than any level does, so
that each is easy to tell apart.
"""

import argparse
import os
import sys

import cv2
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import degrade  # noqa: E402
import effects  # noqa: E402
from levels import LEVELS  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_PDF = os.path.join(ROOT, "fixtures", "real", "hongze-2024.pdf")
PANEL_W = 400
HEADER = 22

# One effect each, at 200 dpi greyscale unless said otherwise.
EFFECT_KINDS = {
    "skew": {"skew": {"degrees": 3.0}},
    "perspective": {"perspective": {"shift": 0.015}},
    "blur": {"blur": {"sigma_px": 1.2}},
    "jpeg": {"jpeg": {"quality": 15}},
    "noise": {"noise": {"sigma": 20}},
    "speckle": {"speckle": {"density": 0.003, "dot_px": 1}},
    "paper": {"paper": {"grey": 215, "gradient": 40}},
    "lines": {"lines": {"share": 1.0, "fade": 0.6, "gaps_per_100mm": 6,
                        "gap_mm": (0.5, 2.0)}},
    "bilevel": {"bilevel": {"threshold": 170}},
    "rotate": {"rotate": {"clockwise": 90, "page": "table"}},
    "seal": {"seal": {"where": ["table"], "diameter_mm": 42,
                      "opacity": 0.8, "turn_degrees": 10}},
}

EFFECT_TEXT = {
    "skew": "page turned on the glass by up to ±3°",
    "perspective": "page not flat: each corner moved by up to a share of "
                   "the page size",
    "blur": "optics and paper off the glass: Gaussian blur",
    "jpeg": "JPEG compression blocks and ringing",
    "noise": "sensor noise, Gaussian",
    "speckle": "salt and pepper: toner specks, dust, holes in the toner",
    "paper": "grey paper, lit unevenly (a gradient across the page)",
    "lines": "ruling lines faded and broken into dashes",
    "bilevel": "fax-like black and white: a fixed threshold",
    "rotate": "page fed turned by 90°, 180° or 270°",
    "seal": "a translucent red seal (ring, star, text-like marks) over the "
            "table",
}


def effect_level(name):
    fx = EFFECT_KINDS[name]
    return {"dpi": 200, "color": name == "seal", "format": "png",
            "effects": fx}


def detail_centre(page, pixels, dpi):
    """Where the 1:1 piece is cut: on the seal if there is one, else in the
    middle of the ruled area (the table), else the middle of the page."""
    for e in page["effects"]:
        if e["effect"] == "seal":
            return e["centre_px"]
    box = effects.ruling_box(effects.to_grey(pixels.astype(np.float32)), dpi)
    h, w = pixels.shape[:2]
    if box is None:
        return w // 2, h // 2
    return (box[0] + box[2]) // 2, (box[1] + box[3]) // 2


def panel(page, dpi, title):
    """The 800 px wide picture: whole page | 1:1 detail, with a title."""
    pixels = page["pixels"]
    h, w = pixels.shape[:2]
    ph = int(round(h * PANEL_W / w))
    left = cv2.resize(pixels, (PANEL_W, ph), interpolation=cv2.INTER_AREA)
    cx, cy = detail_centre(page, pixels, dpi)
    x0 = int(min(max(0, cx - PANEL_W // 2), w - PANEL_W))
    y0 = int(min(max(0, cy - ph // 2), max(0, h - ph)))
    right = pixels[y0:y0 + ph, x0:x0 + PANEL_W]
    if right.shape[0] < ph:  # a landscape (turned) page is less tall
        pad = np.full((ph - right.shape[0],) + right.shape[1:], 255,
                      np.uint8)
        right = np.concatenate([right, pad])
    if left.ndim == 3 or right.ndim == 3:
        left, right = as_rgb(left), as_rgb(right)
    body = np.concatenate([left, right], axis=1)
    header = np.full((HEADER,) + body.shape[1:], 255, np.uint8)
    cv2.putText(header, title, (6, 16), cv2.FONT_HERSHEY_SIMPLEX, 0.45,
                (0, 0, 0) if body.ndim == 3 else 0, 1, cv2.LINE_AA)
    cv2.putText(header, "detail at 1:1 (%d dpi)" % dpi, (PANEL_W + 6, 16),
                cv2.FONT_HERSHEY_SIMPLEX, 0.45,
                (0, 0, 0) if body.ndim == 3 else 0, 1, cv2.LINE_AA)
    return np.concatenate([header, body])


def as_rgb(img):
    return img if img.ndim == 3 else np.stack([img] * 3, axis=-1)


MAX_BYTES = 280 * 1024


def save(img, path):
    """Save as PNG, under MAX_BYTES to keep the repository small.

    Noise barely compresses, so a noisy or colour picture that comes out
    too big is saved again with fewer tones (32 grey levels, or a 64-colour
    palette), which still shows the noise and the seal's red.
    """
    Image.fromarray(img).save(path, optimize=True)
    if os.path.getsize(path) > MAX_BYTES:
        if img.ndim == 2:
            fewer = Image.fromarray((img // 8 * 8 + 4).astype(np.uint8))
        else:
            fewer = Image.fromarray(img).quantize(colors=64)
        fewer.save(path, optimize=True)
    return os.path.getsize(path)


def render(pdf, page_no, seed, name, level, title, path):
    pages = degrade.degrade_document(pdf, name, level, seed, page_no, page_no)
    size = save(panel(pages[0], level["dpi"], title), path)
    print("%-40s %4d KB" % (os.path.relpath(path, ROOT), size // 1024))
    return pages[0]["effects"]


def readme(pdf, page_no, seed):
    lines = [
        "# Scan kinds",
        "",
        "What `scripts/corpus/degrade.py` does to a born-digital report to make "
        "it look scanned.  Each picture shows page %d of `%s`: the whole "
        "page shrunk on the left, a piece of the table at the scan's own "
        "resolution on the right." % (page_no, os.path.relpath(pdf, ROOT)),
        "",
        "Regenerate (seed %d):" % seed,
        "",
        "    scripts/corpus/make_scan_kinds.py",
        "",
        "Degrade a report:",
        "",
        "    scripts/corpus/degrade.py IN.pdf --level office200 --seed 7 "
        "--out DIR [--format pdf,png,tiff,jpeg]",
        "",
        "Every page's drawn parameters go to `DIR/STEM.degrade.json`.",
        "",
        "## Levels",
        "",
        "Defined in `scripts/corpus/levels.py`.  `lo to hi` is drawn uniformly "
        "per page from the seed; `a/b/c` is one of the values.  Blur and dot "
        "sizes are in pixels at the level's dpi, grey levels 0–255, "
        "perspective `shift` a share of the page size.",
        "",
        degrade.levels_markdown().rstrip("\n"),
        "",
    ]
    for name in LEVELS:
        lines.append("![%s](level-%s.png)" % (name, name))
        lines.append("")
    lines += [
        "## Effects, one at a time",
        "",
        "Each alone and stronger than in any level, at 200 dpi.",
        "",
        "| effect | what it imitates | shown with |",
        "|---|---|---|",
    ]
    for name, fx in EFFECT_KINDS.items():
        params = "; ".join(", ".join("%s %s" % (k, degrade.fmt_value(v))
                                     for k, v in p.items())
                           for p in fx.values())
        lines.append("| [%s](effect-%s.png) | %s | %s |"
                     % (name, name, EFFECT_TEXT[name], params))
    lines.append("")
    for name in EFFECT_KINDS:
        lines.append("![%s](effect-%s.png)" % (name, name))
        lines.append("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf", nargs="?", default=DEFAULT_PDF)
    ap.add_argument("--page", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "scan-kinds"))
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, level in LEVELS.items():
        render(args.pdf, args.page, args.seed, name, level,
               "level %s" % name,
               os.path.join(args.out, "level-%s.png" % name))
    for name in EFFECT_KINDS:
        render(args.pdf, args.page, args.seed, "effect-" + name,
               effect_level(name), "effect %s" % name,
               os.path.join(args.out, "effect-%s.png" % name))
    with open(os.path.join(args.out, "README.md"), "w") as f:
        f.write(readme(args.pdf, args.page, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
