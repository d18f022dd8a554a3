"""Scoring: nianbao's JSON against a truth file, and a baseline's numbers in
reading order against the truth values in table order.

The definitions are spelled out in scripts/benchmark/README.md.
"""

# --- nianbao -------------------------------------------------------------------

def same_value(got, want):
    """Exact value: integers equal, money equal to the cent; None only equals None."""
    if want is None or got is None:
        return got is None and want is None
    if isinstance(want, float) or isinstance(got, float):
        return abs(float(got) - float(want)) < 0.005
    return got == want


def output_cells(result):
    """{table.row.col: cell} of nianbao's JSON."""
    cells = {}
    for table, body in (result.get("tables") or {}).items():
        for cell in body.get("cells") or []:
            cells["%s.%s.%s" % (table, cell["row"], cell["col"])] = cell
    return cells


def instance(check):
    """A rule instance: (rule, row or col or None)."""
    return (check["rule"], check.get("row") or check.get("col"))


def score_document(truth, result):
    """Cell and check figures of one document.  result is nianbao's parsed
    JSON, or None when it exited with an error (every cell "not read")."""
    want = truth["cells"]
    expected = {instance(f) for f in truth["expected_failures"]}
    doc = {"cells": len(want), "correct": 0, "silent_errors": 0, "flagged_wrong": 0,
           "not_read": 0, "missing_keys": 0, "wrong": [],
           "expected_failures": sorted("%s[%s]" % i for i in expected),
           "broken": bool(expected)}
    if result is None:
        doc.update({"not_read": len(want), "missing_keys": len(want), "schema_ok": False,
                    "reported_failures": [], "detected": False, "false_alarm": False,
                    "instances_found": 0, "spurious_failures": []})
        return doc
    got = output_cells(result)
    for key, value in want.items():
        cell = got.get(key)
        if cell is None:
            doc["missing_keys"] += 1
            doc["not_read"] += 1
            continue
        if same_value(cell.get("value"), value):
            doc["correct"] += 1
            continue
        if cell.get("value") is None:
            doc["not_read"] += 1
        elif cell.get("needs_review"):
            doc["flagged_wrong"] += 1
        else:
            doc["silent_errors"] += 1
        doc["wrong"].append({"cell": key, "truth": value, "got": cell.get("value"),
                             "needs_review": bool(cell.get("needs_review")),
                             "note": cell.get("note", "")})
    fails = {instance(c) for c in result.get("checks") or [] if c.get("status") == "fail"}
    doc["schema_ok"] = result.get("schema") == truth["schema"]
    doc["reported_failures"] = sorted("%s[%s]" % i for i in fails)
    doc["instances_found"] = len(expected & fails)
    doc["detected"] = bool(expected & fails)
    doc["false_alarm"] = not expected and bool(fails)
    doc["spurious_failures"] = sorted("%s[%s]" % i for i in fails - expected)
    return doc


# --- numbers in reading order ------------------------------------------------------

def cents(v):
    """A number as an integer count of hundredths, for exact comparison."""
    return int(round(float(v) * 100))


def lcs_length(a, b):
    """Length of the longest common subsequence of two sequences of numbers
    (equal to the hundredth), in O(len(a) * len(b)) time."""
    a, b = [cents(x) for x in a], [cents(y) for y in b]
    if not a or not b:
        return 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if x == y else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


def in_order(truth_values, read_values):
    """How many of the printed truth numbers a reading recovers in order.

    truth_values: the truth cells in table order (None for cells printed
    blank or as a dash, which print no number and are left out).
    read_values: the numbers a reader produced, in its reading order.
    Returns counts for all printed numbers and for the non-zero ones alone
    (zeros dominate reports, and a reading full of zeros matches many of them
    by chance)."""
    printed = [v for v in truth_values if v is not None]
    nonzero = [v for v in printed if v != 0]
    read_nonzero = [v for v in read_values if v != 0]
    return {"printed": len(printed), "matched": lcs_length(printed, read_values),
            "nonzero": len(nonzero), "nonzero_matched": lcs_length(nonzero, read_nonzero),
            "read": len(read_values)}


def our_reading(truth, result):
    """nianbao's values in table order (its own reading, for in_order)."""
    if result is None:
        return []
    got = output_cells(result)
    return [got[k]["value"] for k in truth["cells"]
            if k in got and got[k].get("value") is not None]
