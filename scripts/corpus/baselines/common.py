"""What both OCR baselines share: pulling numbers out of OCR text, timing
child processes, and the JSON they print.

Output of every baseline CLI:
  {"engine": "...", "settings": {...},
   "pages": [{"image", "text", "numbers", "cpu_seconds", "wall_seconds"}],
   "total_cpu_seconds", "total_wall_seconds", "peak_rss_mb"}
Totals include what is not per page (starting the engine, loading models).
"""

import json
import re
import resource
import sys
import unicodedata

# Digits with optional thousands separators and an optional decimal part,
# negative when a minus sign sits right before them (the 2019 template's
# 本年增/减 column) but not after a digit ("1-2" is two numbers).  A
# separator must be followed by exactly three digits, so "1,2" stays two
# numbers (cells read as one line), while "1,234" is one.
NUMBER = re.compile(r"(?<![\d.])[-\u2212]?\d+(?:,\d{3})*(?:\.\d+)?")


def numbers_in(text):
    """The numbers in `text`, in reading order, as ints or floats.

    NFKC folds full-width digits and points (０-９, ．), which Chinese
    text often uses, to ASCII.  No letter-to-digit guessing (O for 0, l for
    1): the baseline is the engine's raw reading.
    """
    found = []
    for m in NUMBER.finditer(unicodedata.normalize("NFKC", text)):
        s = m.group().replace(",", "").replace("\u2212", "-")
        found.append(float(s) if "." in s else int(s))
    return found


def children_usage():
    """(cpu seconds, peak RSS in MB) of all waited-for child processes."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


def print_result(engine, settings, pages, total_cpu, total_wall):
    _, peak = children_usage()
    json.dump({"engine": engine, "settings": settings, "pages": pages,
               "total_cpu_seconds": round(total_cpu, 3),
               "total_wall_seconds": round(total_wall, 3),
               "peak_rss_mb": round(peak, 1)},
              sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
