"""The degradation levels of the scan simulation, as data.

A level says at which resolution the page is scanned, whether the scan keeps
colour, which file format it is written in by default, and which effects
(effects.py) are applied with which parameters.

Parameter values:
  a number or string   used as is
  (lo, hi) tuple       drawn uniformly per page (per document for document
                       effects) from the seed
  {"choice": [...]}    one element drawn from the list

Effects run in the physical order of a scan, whatever the order here:
  ink stage    lines (faded/broken ruling), seal (red stamp), speckle
               (toner specks and dust), paper (grey or unevenly lit paper)
  scanner      rotate (page fed turned), skew + perspective (page not flat or
               not square on the glass), blur (optics), noise (sensor),
               bilevel (fax threshold), jpeg (compression)

Units: blur and dot sizes in pixels at the level's dpi, grey levels 0-255,
lengths on paper in mm, perspective as a share of the page size.
"""

LEVELS = {
    # The born-digital page, only rasterised.  The control group.
    "clean300": {
        "dpi": 300, "color": False, "format": "png",
        "effects": {},
    },
    # A good flatbed scan: nearly straight, nearly white, barely soft.
    "light300": {
        "dpi": 300, "color": False, "format": "png",
        "effects": {
            "paper": {"grey": (244, 252), "gradient": (0, 6)},
            "skew": {"degrees": (-0.5, 0.5)},
            "blur": {"sigma_px": (0.3, 0.6)},
            "noise": {"sigma": (2, 4)},
        },
    },
    # The typical office multifunction printer: 200 dpi greyscale, a page a
    # little askew, JPEG-compressed inside a PDF, some lines printed faint.
    "office200": {
        "dpi": 200, "color": False, "format": "pdf",
        "effects": {
            "lines": {"share": 0.3, "fade": (0.1, 0.35),
                      "gaps_per_100mm": (0, 0.5), "gap_mm": (0.3, 1.0)},
            "paper": {"grey": (232, 248), "gradient": (4, 16)},
            "skew": {"degrees": (-1.5, 1.5)},
            "perspective": {"shift": (0, 0.004)},
            "blur": {"sigma_px": (0.4, 0.8)},
            "noise": {"sigma": (3, 6)},
            "jpeg": {"quality": (55, 80)},
        },
    },
    # A photocopy of a copy, scanned at 150 dpi: grey paper lit unevenly,
    # soft strokes, toner specks, ruling lines faded and broken.
    "photocopy150": {
        "dpi": 150, "color": False, "format": "jpeg",
        "effects": {
            "lines": {"share": 0.6, "fade": (0.3, 0.6),
                      "gaps_per_100mm": (2, 6), "gap_mm": (0.5, 2.0)},
            "paper": {"grey": (195, 225), "gradient": (15, 40)},
            "skew": {"degrees": (-3, 3)},
            "perspective": {"shift": (0, 0.01)},
            "blur": {"sigma_px": (0.7, 1.1)},
            "noise": {"sigma": (6, 12)},
            "speckle": {"density": (0.0005, 0.002), "dot_px": 1},
            "jpeg": {"quality": (70, 85)},
        },
    },
    # A fax in fine mode: 200 dpi, black and white only.  Noise and blur
    # before the threshold give the ragged edges and stray dots of a fax.
    "fax200": {
        "dpi": 200, "color": False, "format": "tiff",
        "effects": {
            "lines": {"share": 0.3, "fade": (0.1, 0.3),
                      "gaps_per_100mm": (0.5, 2), "gap_mm": (0.3, 1.0)},
            "skew": {"degrees": (-2, 2)},
            "blur": {"sigma_px": (0.5, 0.8)},
            "noise": {"sigma": (8, 15)},
            "speckle": {"density": (0.0002, 0.0008), "dot_px": 0},
            "bilevel": {"threshold": (150, 185)},
        },
    },
    # An office scan in which one table page went through turned by 90,
    # 180 or 270 degrees (clockwise).
    "rotated": {
        "dpi": 200, "color": False, "format": "pdf",
        "effects": {
            "paper": {"grey": (236, 250), "gradient": (0, 10)},
            "rotate": {"clockwise": {"choice": [90, 180, 270]},
                       "page": "table"},
            "skew": {"degrees": (-1, 1)},
            "blur": {"sigma_px": (0.4, 0.7)},
            "noise": {"sigma": (2, 5)},
            "jpeg": {"quality": (65, 85)},
        },
    },
    # A colour scan with the agency's red seal: one over the signature on
    # the last page, one over the numbers of a table page.
    "seal": {
        "dpi": 200, "color": True, "format": "pdf",
        "effects": {
            "seal": {"where": ["signature", "table"],
                     "diameter_mm": (40, 45), "opacity": (0.6, 0.85),
                     "turn_degrees": (-20, 20)},
            "paper": {"grey": (238, 250), "gradient": (0, 8)},
            "skew": {"degrees": (-1, 1)},
            "blur": {"sigma_px": (0.4, 0.7)},
            "noise": {"sigma": (2, 5)},
            "jpeg": {"quality": (70, 88)},
        },
    },
}

FORMATS = ("pdf", "png", "tiff", "jpeg")
