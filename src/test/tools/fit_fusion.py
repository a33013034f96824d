"""Fits the answer fusion (knowledge/Fusion.java) on the TUNING questions' candidates.

Input: target/questions-tune-candidates.tsv, written by AnswerFeatureDump
(./mvnw test -Dtest=AnswerFeatureDump -Dsurefire.excludedGroups= -Dgroups=tool).
Logistic regression by Newton's method (a small ridge keeps it stable) on every
candidate article, labelled 1 when it is the question's expected article; then, for
each answer threshold, the share of answerable questions answered rightly and
confidently and the share of all questions answered wrongly and confidently.
The frozen part is never read here.
"""
import csv
import sys
from collections import defaultdict

import numpy as np

import logistic

FEATURES = ["words", "meaning", "words_gap", "meaning_gap", "vote"]


def load(path):
    by_question = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            # the off-topic messages' passages are evidence against the articles, never
            # an answer themselves
            if row["article"].startswith("~"):
                row["article"] = "-"
            by_question[row["line"]].append(row)
    return by_question


def fit(rows, ridge=0.01, steps=50):
    x = np.array([[1.0] + [float(r[k]) for k in FEATURES] for r in rows])
    y = np.array([1.0 if r["article"] == r["expected"] else 0.0 for r in rows])
    return logistic.fit(x, y, ridge, steps)


def decide(by_question, w, threshold):
    right = wrong = answerable = 0
    for rows in by_question.values():
        expected = rows[0]["expected"]
        answerable += expected != "none"
        scored = [(1 / (1 + np.exp(-(w[0] + sum(w[i + 1] * float(r[k]) for i, k in enumerate(FEATURES))))),
                   r["article"]) for r in rows if r["article"] != "-"]
        if not scored:
            continue
        chance, article = max(scored)
        if chance >= threshold:
            if article == expected:
                right += 1
            else:
                wrong += 1
    return right / answerable, wrong / len(by_question)


if __name__ == "__main__":
    by_question = load(sys.argv[1] if len(sys.argv) > 1 else "target/questions-tune-candidates.tsv")
    rows = [r for rs in by_question.values() for r in rs if r["article"] != "-"]
    w = fit(rows)
    print("Fusion(" + ", ".join("%.3f" % v for v in w) + ")")
    for t in [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]:
        right, wrong = decide(by_question, w, t)
        print("threshold %.2f: right and confident %.1f%%, confidently wrong %.1f%%" % (t, 100 * right, 100 * wrong))
