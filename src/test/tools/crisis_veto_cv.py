"""Asks whether the examples' crisis replies could be vetoed without losing crises.

Input: target/safeguarding-tuning-decisions.tsv, written by SafeguardingFeatureDump
(./mvnw test -Dtest=SafeguardingFeatureDump#writeTuningDecisions
 -Dsurefire.excludedGroups= -Dgroups=tool); only tuning parts are in it.
Among the messages the examples alone gave the crisis reply, a logistic model (nearness
to each level by meaning and by spelling, what decided, the kind of language, length)
is fitted on all tuning parts but one; its veto threshold is the chance of the least
likely true crisis there, so that no training crisis would be lost; then it is applied
to the part left out. The totals say how many non-crises a veto would have spared on
sets it never saw, and how many crises it would have cost.
"""
import csv
import sys

import numpy as np

import logistic

LATIN_OTHER = {"ar-latn", "fa-latn", "sq", "vi", "kmr", "fr"}


def features(row):
    m = [float(row[k]) for k in ("m_none", "m_concern", "m_crisis", "m_ordinary")]
    s = [float(row[k]) for k in ("s_none", "s_concern", "s_crisis", "s_ordinary")]
    return [1, m[2], m[2] - m[0], m[2] - m[1], m[2] - m[3], s[2], s[2] - s[0], s[2] - s[1],
            1 if row["by"] == "spelling" else 0, 1 if row["by"] == "meaning-of-gloss" else 0,
            1 if row["language"] in LATIN_OTHER else 0, 1 if row["language"] in ("en", "mixed") else 0,
            min(int(row["words"]), 40) / 40]


def main(path):
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t")
                if r["final"] == "CRISIS" and r["detected_by"] == "examples"]
    x = np.array([features(r) for r in rows])
    y = np.array([1 if r["level"] == "CRISIS" else 0 for r in rows])
    parts = [r["part"] for r in rows]
    x[:, 1:] = (x[:, 1:] - x[:, 1:].mean(0)) / (x[:, 1:].std(0) + 1e-9)
    print(f"crisis replies by the examples alone: {len(y)} ({y.sum()} crises, {len(y) - y.sum()} not)")
    spared = lost = 0
    for part in sorted(set(parts)):
        train = np.array([p != part for p in parts])
        w = logistic.fit(x[train], y[train], 1.0, 30)
        chance = 1 / (1 + np.exp(-x @ w))
        threshold = chance[train & (y == 1)].min()
        vetoed = ~train & (chance < threshold)
        spared += int((vetoed & (y == 0)).sum())
        lost += int((vetoed & (y == 1)).sum())
        print(f"{part}: non-crises spared {int((vetoed & (y == 0)).sum())}, crises lost {int((vetoed & (y == 1)).sum())}")
    print(f"each part left out in turn: non-crises spared {spared}, crises lost {lost}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/safeguarding-tuning-decisions.tsv")
