"""Scan-degradation effects on page images.

Every effect is a plain function of a float32 image (0 = black ink,
255 = white paper; shape (h, w) for grey, (h, w, 3) RGB for colour), its
parameters already drawn, and, where it needs randomness, a numpy Generator.
It returns the new image and a dict of facts worth keeping in the sidecar
(what it found and did), so a page can be reproduced and explained.

The page-analysis helpers (ruling_masks, ruling_box, last_text_line) find
where the tables and the signature are, so that lines can be broken and
seals placed where they hurt.
"""

import math

import cv2
import numpy as np

WHITE = 255.0


def mm_to_px(mm, dpi):
    return mm * dpi / 25.4


def to_grey(img):
    """Luminance, as a greyscale scanner would record it (ITU-R 601)."""
    if img.ndim == 2:
        return img
    return (img @ np.array([0.299, 0.587, 0.114], np.float32)).astype(np.float32)


# ---------------------------------------------------------------- analysis

def ruling_masks(grey, dpi):
    """Masks (uint8 0/1) of long horizontal and vertical dark runs.

    A run must be 10 mm long: longer than any stroke of a character at
    8-12 pt, so the masks hold the table rules and not the text.
    """
    ink = (grey < 160).astype(np.uint8)
    n = max(3, int(round(mm_to_px(10, dpi))))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, n), np.uint8))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((n, 1), np.uint8))
    return horiz, vert


def ruling_box(grey, dpi):
    """(x0, y0, x1, y1, rule_length_mm) of the ruled area, or None.

    The length (horizontal rules' widths plus vertical rules' heights, in
    mm) says how much table a page holds; it picks the table pages for
    seals and rotation.
    """
    horiz, vert = ruling_masks(grey, dpi)
    ys, xs = np.nonzero(horiz | vert)
    if len(xs) == 0:
        return None
    length_px = 0
    for mask, extent in ((horiz, cv2.CC_STAT_WIDTH), (vert, cv2.CC_STAT_HEIGHT)):
        _, _, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
        length_px += int(stats[1:, extent].sum())
    return (int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max()),
            round(length_px * 25.4 / dpi, 1))


def last_text_line(grey, dpi):
    """(x0, y0, x1, y1) of the lowest line of text above the footer.

    Reports end with the agency's name and the date, right-aligned; the
    seal goes over them.  The bottom 8 % of the page (the page number)
    and the table rules are left out.
    """
    h, w = grey.shape
    ink = (grey < 160).astype(np.uint8)
    horiz, vert = ruling_masks(grey, dpi)
    ink[(horiz | vert) > 0] = 0
    ink[int(h * 0.92):, :] = 0
    rows = np.nonzero(ink.sum(axis=1) > 0)[0]
    if len(rows) == 0:
        return None
    # Walk up from the lowest inked row to the first blank gap of 1 mm.
    gap = max(2, int(mm_to_px(1, dpi)))
    y1 = y0 = rows[-1]
    for r in rows[::-1][1:]:
        if y0 - r > gap:
            break
        y0 = r
    cols = np.nonzero(ink[y0:y1 + 1].sum(axis=0) > 0)[0]
    return (int(cols.min()), int(y0), int(cols.max()), int(y1))


# ---------------------------------------------------------------- ink stage

def break_lines(img, dpi, rng, share, fade, gaps_per_100mm, gap_mm):
    """Fade some ruling lines and cut short gaps into them.

    Faint toner and worn copier drums leave rules lighter than the text and
    broken into dashes; a grid finder must bridge them.  `share` of the
    rules are lightened by `fade` (0 keeps them, 1 erases them); every rule
    gets gaps at a Poisson rate of `gaps_per_100mm`, each gap's length
    drawn from the range `gap_mm` (lo, hi).
    """
    grey = to_grey(img)
    horiz, vert = ruling_masks(grey, dpi)
    # The opening keeps only the dark core of a rule; widen it by a pixel
    # to take its anti-aliased edges too, but not the white around it.
    soft = grey < 245
    out = img.copy()
    found = faded = gaps = 0
    for mask, along_x in ((horiz, True), (vert, False)):
        wide = cv2.dilate(mask, np.ones((3, 3), np.uint8)) > 0
        wide &= soft
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
        for label in range(1, count):
            x, y, bw, bh, _ = stats[label]
            found += 1
            # Slices of the rule's box, one pixel larger all round.
            ys = slice(max(0, y - 1), y + bh + 1)
            xs = slice(max(0, x - 1), x + bw + 1)
            line = wide[ys, xs]
            if rng.random() < share:
                patch = out[ys, xs]
                patch[line] = WHITE - (WHITE - patch[line]) * (1 - fade)
                faded += 1
            length = bw if along_x else bh
            n = rng.poisson(gaps_per_100mm * length * 25.4 / dpi / 100)
            for _ in range(n):
                g = int(round(mm_to_px(rng.uniform(*gap_mm), dpi)))
                start = int(rng.integers(0, max(1, length - g)))
                cut = np.zeros_like(line)
                if along_x:
                    cut[:, start + 1:start + 1 + g] = True
                else:
                    cut[start + 1:start + 1 + g, :] = True
                out[ys, xs][cut & line] = WHITE
                gaps += 1
    return out, {"rules_found": found, "rules_faded": faded, "gaps_cut": gaps}


def draw_seal(diameter_px, rng, turn_degrees):
    """Ink coverage (float 0..1, square) of a round official seal.

    A ring, a five-pointed star in the middle, a curve of character-like
    marks along the top of the ring (the agency's name) and a short row
    under the star.  The marks are random strokes, not real characters:
    what matters to a reader of the page is red ink of text-like texture
    over the black text.
    """
    size = int(diameter_px) + 8
    scale = 8  # draw at 8x and shrink, for smooth anti-aliased edges
    canvas = np.zeros((size * scale, size * scale), np.uint8)
    c = size * scale / 2
    r = diameter_px * scale / 2
    ring = max(1, int(r * 0.055))
    cv2.circle(canvas, (int(c), int(c)), int(r - ring / 2), 255, ring,
               cv2.LINE_AA)
    turn = math.radians(turn_degrees)
    star = [(c + r * (0.33 if k % 2 == 0 else 0.13)
             * math.sin(turn + k * math.pi / 5),
             c - r * (0.33 if k % 2 == 0 else 0.13)
             * math.cos(turn + k * math.pi / 5)) for k in range(10)]
    cv2.fillPoly(canvas, [np.array(star, np.int32)], 255, cv2.LINE_AA)
    # Agency name: characters along an arc of about 240 degrees.
    n = int(rng.integers(9, 16))
    span = math.radians(240)
    char = r * 0.26
    for i in range(n):
        a = turn - span / 2 + span * (i + 0.5) / n  # 0 = straight up
        cx = c + r * 0.70 * math.sin(a)
        cy = c - r * 0.70 * math.cos(a)
        draw_mark(canvas, rng, cx, cy, char, a, max(1, int(char * 0.12)))
    # A short row under the star (for example 公章 or 专用章).
    m = int(rng.integers(2, 5))
    for i in range(m):
        dx = (i - (m - 1) / 2) * char * 0.9
        cx = c + dx * math.cos(turn) - r * 0.55 * math.sin(turn)
        cy = c + dx * math.sin(turn) + r * 0.55 * math.cos(turn)
        draw_mark(canvas, rng, cx, cy, char * 0.75, turn,
                  max(1, int(char * 0.1)))
    ink = cv2.resize(canvas, (size, size), interpolation=cv2.INTER_AREA)
    ink = ink.astype(np.float32) / 255
    # Stamps never ink evenly: modulate by smooth random blotches.
    blotch = cv2.GaussianBlur(rng.random((size, size)).astype(np.float32),
                              (0, 0), size / 40)
    blotch = (blotch - blotch.min()) / max(1e-6, np.ptp(blotch))
    return ink * (0.55 + 0.45 * blotch)


def draw_mark(canvas, rng, cx, cy, size, angle, thickness):
    """A character-like cluster of 3-7 strokes in a square cell, turned by
    `angle` so that its top points away from the seal's centre."""
    cos, sin = math.cos(angle), math.sin(angle)
    for _ in range(int(rng.integers(3, 8))):
        # Strokes snap to a 4x4 grid in the cell, as character strokes
        # mostly run horizontally, vertically or diagonally.
        (u0, v0), (u1, v1) = rng.integers(0, 4, (2, 2)) / 3 - 0.5
        p = [(cx + size * (u * cos - v * sin), cy + size * (u * sin + v * cos))
             for u, v in ((u0, v0), (u1, v1))]
        cv2.line(canvas, tuple(int(t) for t in p[0]),
                 tuple(int(t) for t in p[1]), 255, thickness, cv2.LINE_AA)


def stamp_seal(img, dpi, rng, centre, diameter_mm, opacity, turn_degrees):
    """Press a red seal, centred at `centre` (x, y px), onto the page.

    Seal ink is translucent: it multiplies the page, so black text under it
    stays black and white paper turns red.  On a greyscale scan the red
    comes out as a mid grey, which is what such scans look like.
    """
    color = np.array([rng.uniform(190, 225), rng.uniform(20, 60),
                      rng.uniform(30, 70)], np.float32)
    ink = draw_seal(mm_to_px(diameter_mm, dpi), rng, turn_degrees) * opacity
    h, w = img.shape[:2]
    size = ink.shape[0]
    x0 = int(centre[0] - size / 2)
    y0 = int(centre[1] - size / 2)
    # Clip the seal's square to the page.
    sx0, sy0 = max(0, -x0), max(0, -y0)
    sx1, sy1 = min(size, w - x0), min(size, h - y0)
    if sx0 >= sx1 or sy0 >= sy1:
        return img, {"centre_px": list(centre), "visible": False}
    out = img.copy()
    patch = out[y0 + sy0:y0 + sy1, x0 + sx0:x0 + sx1]
    a = ink[sy0:sy1, sx0:sx1, None]
    if out.ndim == 2:
        patch *= (1 - a * (1 - color.mean() / WHITE))[..., 0]
    else:
        patch *= 1 - a * (1 - color / WHITE)
    return out, {"centre_px": [int(centre[0]), int(centre[1])],
                 "rgb": [round(float(v)) for v in color], "visible": True}


def paper(img, rng, grey, gradient):
    """Grey, unevenly lit paper: the page is multiplied by a paper tone that
    falls by `gradient` grey levels from one side to the other, in a
    random direction (light falling off across a copier's glass)."""
    h, w = img.shape[:2]
    direction = rng.uniform(0, 2 * math.pi)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = xx / w * math.cos(direction) + yy / h * math.sin(direction)
    t = (t - t.min()) / max(1e-6, np.ptp(t))
    tone = (grey - gradient * t) / WHITE
    out = img * (tone if img.ndim == 2 else tone[..., None])
    return out, {"direction_degrees": round(math.degrees(direction), 2)}


# ------------------------------------------------------------ scanner stage

def rotate(img, clockwise):
    """The page went through the scanner turned by 90, 180 or 270 degrees."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
             270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return cv2.rotate(img, codes[clockwise]), {}


def warp(img, rng, degrees, shift):
    """Skew by `degrees` (counter-clockwise positive) about the page centre
    and move each corner by up to `shift` of the page size (a page not
    lying flat).  One homography does both; it goes into the sidecar."""
    h, w = img.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    a = math.radians(degrees)
    cx, cy = w / 2, h / 2
    dst = []
    for x, y in src:
        # Image y grows downwards, so a counter-clockwise turn is -a here.
        rx = cx + (x - cx) * math.cos(a) + (y - cy) * math.sin(a)
        ry = cy - (x - cx) * math.sin(a) + (y - cy) * math.cos(a)
        jx, jy = rng.uniform(-shift, shift, 2) * (w, h)
        dst.append([rx + jx, ry + jy])
    m = cv2.getPerspectiveTransform(src, np.array(dst, np.float32))
    # Outside the page is the scanner's white lid.
    border = (WHITE,) * (3 if img.ndim == 3 else 1)
    out = cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT,
                              borderValue=border)
    return out, {"homography": [[round(float(v), 6) for v in row]
                                for row in m]}


def blur(img, sigma_px):
    """Optics and paper not pressed flat: a Gaussian blur."""
    return cv2.GaussianBlur(img, (0, 0), sigma_px), {}


def noise(img, rng, sigma):
    """Sensor noise: Gaussian, independent per pixel and channel."""
    return img + rng.normal(0, sigma, img.shape).astype(np.float32), {}


def speckle(img, rng, density, dot_px):
    """Salt and pepper: toner specks and dust of radius `dot_px`.

    `density` is the share of pixels that are the centre of a speck; half
    are black (stray toner, dust) and half white (holes in the toner, seen
    only where there is ink).  Applied on the printed page, before paper
    tone and blur, so the specks are tinted and softened like the text.
    """
    h, w = img.shape[:2]
    count = int(density * h * w)
    out = img.copy()
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE,
                                       (2 * dot_px + 1, 2 * dot_px + 1))
    for value in (0.0, WHITE):
        mask = np.zeros((h, w), np.uint8)
        mask[rng.integers(0, h, count // 2), rng.integers(0, w, count // 2)] = 1
        if dot_px > 0:
            mask = cv2.dilate(mask, kernel)
        out[mask > 0] = value
    return out, {"specks": count}


def bilevel(img, threshold):
    """Fax: every pixel black or white.  Lighter threshold, thinner and
    more broken strokes."""
    return np.where(to_grey(img) > threshold, WHITE, 0.0).astype(np.float32), {}
