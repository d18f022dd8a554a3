#!/usr/bin/python3
"""Smoke tests of the scan simulation and the baselines' number reading.

    /usr/bin/python3 scripts/corpus/test_corpus.py      (about 20 s of CPU)

Degrades one table page of a committed fixture at every level and checks
what the benchmark relies on: every format is written and readable, the
sidecar describes every page, one seed gives identical bytes twice, and
the effects that must show (seal, rotation, bilevel) do.  For ctest:
  add_test(NAME corpus_smoke COMMAND /usr/bin/python3
           ${CMAKE_SOURCE_DIR}/scripts/corpus/test_corpus.py)
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "baselines"))

from common import numbers_in  # noqa: E402
from levels import LEVELS  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
PDF = os.path.join(ROOT, "fixtures", "real", "hongze-2024.pdf")
PAGE = 3  # the page with table 3


def pixels(path):
    """Grey or RGB pixels of an image file (bilevel read as 0/255)."""
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB" if im.mode == "RGB" else "L"))


def degrade(out, level, seed=5, formats="pdf,png,tiff,jpeg"):
    subprocess.run([sys.executable, os.path.join(HERE, "degrade.py"), PDF,
                    "--level", level, "--seed", str(seed), "--out", out,
                    "--format", formats, "--first", str(PAGE),
                    "--last", str(PAGE)], check=True)
    with open(os.path.join(out, "hongze-2024.degrade.json")) as f:
        return json.load(f)


class DegradeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="corpus-test-")
        cls.meta = {level: degrade(os.path.join(cls.tmp.name, level), level)
                    for level in LEVELS}

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def out(self, level, name):
        return os.path.join(self.tmp.name, level, name)

    def test_every_format_is_written_and_readable(self):
        for level, meta in self.meta.items():
            with self.subTest(level=level):
                self.assertEqual(len(meta["pages"]), 1)
                page = meta["pages"][0]
                shape = (page["height"], page["width"])
                for name in (meta["outputs"]["png"][0],
                             meta["outputs"]["jpeg"][0],
                             meta["outputs"]["tiff"]):
                    self.assertEqual(pixels(self.out(level, name)).shape[:2],
                                     shape, name)
                info = subprocess.run(
                    ["pdfimages", "-list", self.out(level, "hongze-2024.pdf")],
                    capture_output=True, text=True, check=True).stdout
                self.assertEqual(len(info.strip().splitlines()), 3)  # 1 image

    def test_dpi_and_effects_follow_the_level(self):
        for level, meta in self.meta.items():
            with self.subTest(level=level):
                self.assertEqual(meta["dpi"], LEVELS[level]["dpi"])
                applied = {e["effect"] for e in meta["pages"][0]["effects"]}
                wanted = set(LEVELS[level]["effects"])
                # skew and perspective are applied together as "warp"
                if wanted & {"skew", "perspective"}:
                    wanted = (wanted - {"skew", "perspective"}) | {"warp"}
                self.assertEqual(applied, wanted)

    def test_visible_effects(self):
        def png(level):
            return pixels(self.out(level,
                                   self.meta[level]["outputs"]["png"][0]))

        clean = png("clean300")
        self.assertTrue(clean.min() < 50 and clean.max() == 255)
        fax = png("fax200")
        self.assertEqual(set(np.unique(fax)), {0, 255})
        seal = png("seal").astype(int)
        reddish = (seal[..., 0] - seal[..., 1] > 60).sum()
        self.assertGreater(reddish, 1000)
        rotated = self.meta["rotated"]["pages"][0]
        turn = [e for e in rotated["effects"] if e["effect"] == "rotate"]
        self.assertEqual(len(turn), 1)
        if turn[0]["clockwise"] in (90, 270):
            self.assertGreater(rotated["width"], rotated["height"])

    def test_same_seed_same_bytes(self):
        again = os.path.join(self.tmp.name, "again")
        degrade(again, "office200")
        for name in ("hongze-2024.pdf", "hongze-2024.tiff",
                     "hongze-2024.degrade.json"):
            with open(self.out("office200", name), "rb") as a, \
                    open(os.path.join(again, name), "rb") as b:
                self.assertEqual(a.read(), b.read(), name)

    def test_other_seed_other_pixels(self):
        other = os.path.join(self.tmp.name, "other")
        meta = degrade(other, "office200", seed=6, formats="png")
        a = pixels(self.out("office200",
                            self.meta["office200"]["outputs"]["png"][0]))
        b = pixels(os.path.join(other, meta["outputs"]["png"][0]))
        self.assertFalse(np.array_equal(a, b))


class NumbersTest(unittest.TestCase):
    def test_reading_order_and_forms(self):
        self.assertEqual(
            numbers_in("95 0 0\n１２３ 1,234 12.5 −3 1-2 1.属于"),
            [95, 0, 0, 123, 1234, 12.5, -3, 1, 2, 1])

    def test_no_letter_guessing(self):
        self.assertEqual(numbers_in("Tolololo O l"), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
