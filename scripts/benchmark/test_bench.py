#!/usr/bin/python3
"""Smoke test of scripts/bench: one report, born-digital and light300, no
baselines.  It must exit 0, write its JSON summary where --json says, with
both levels scored, and leave docs/ alone (no --record).

    /usr/bin/python3 scripts/benchmark/test_bench.py --nianbao build/nianbao --corpus DIR

The corpus folder is kept between runs (the bench reuses what is there), so
a second run only measures.
"""

import argparse
import hashlib
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
BENCH = os.path.join(REPO, "scripts", "bench")
DOCS = os.path.join(REPO, "docs")

ARGS = None  # set by main()


def tree_digest(folder):
    """Hash of every file's name and bytes below folder."""
    h = hashlib.sha256()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                h.update(os.path.relpath(path, folder).encode() + b"\0" + f.read())
    return h.hexdigest()


class Bench(unittest.TestCase):
    def test_one_report_two_levels(self):
        summary = os.path.join(ARGS.corpus, "summary.json")
        if os.path.exists(summary):
            os.remove(summary)
        docs_before = tree_digest(DOCS)
        run = subprocess.run([sys.executable, BENCH, "--reports", "1", "--levels", "digital,light300",
                              "--baseline-reports", "0", "--corpus", ARGS.corpus,
                              "--nianbao", ARGS.nianbao, "--json", summary, "--jobs", "1"],
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr[-3000:])
        self.assertIn("summary: %s" % summary, run.stdout)
        with open(summary, encoding="utf-8") as f:
            result = json.load(f)
        self.assertEqual(result["meta"]["levels"], ["digital", "light300"])
        self.assertEqual(sorted(d["level"] for d in result["documents"]), ["digital", "light300"])
        for doc in result["documents"]:
            self.assertEqual(doc["exit"], 0, doc)
            self.assertGreater(doc["cells"], 0)
        self.assertEqual(tree_digest(DOCS), docs_before, "scripts/bench wrote to docs/ without --record")


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nianbao", required=True, help="the nianbao binary")
    ap.add_argument("--corpus", required=True, help="corpus folder, kept between runs")
    ARGS, rest = ap.parse_known_args()
    ARGS.corpus = os.path.abspath(ARGS.corpus)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
