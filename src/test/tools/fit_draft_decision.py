"""Fits when a draft search-terms match answers (knowledge/DraftDecision.java).

Input: target/draft-cv-candidates.tsv, written by DraftFeatureDump: each draft example
question searched in its language's index built without it (three folds). No evaluation
set is read. For each question the best article (highest word-match confidence, BM25
order on ties, as KnowledgeSearch ranks) is described by its confidence, its lead in
confidence over the next article, and its lead in raw BM25 relative to its own score;
a logistic regression (Newton's method, small ridge) on "the best article is the
question's own" gives the chance. The threshold printed is the lowest at which the held
out questions are answered wrongly no more often than under the old rule (confidence
0.5 and a lead of 0.11), so the fit buys right answers, not risk. The example
questions are all about some article, so nothing here teaches the model to refuse an
off-topic message (one word matched, nothing close behind): the old floor on the
confidence itself (0.5, the word-match floor of every index searched by words alone)
stays in front of the chance.
"""
import csv
import math
import sys
from collections import defaultdict

import numpy as np

import logistic

SCALE = 6.0
FLOOR = 0.5
FEATURES = ["confidence", "confidence_lead", "bm25_lead"]


def load(path):
    by_question = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            by_question[row["line"]].append(row)
    return by_question


def best_of(rows):
    hits = [(r["article"], float(r["bm25"]), round(float(r["coverage"]) * (1 - math.exp(-float(r["bm25"]) / SCALE)), 3))
            for r in rows if r["article"] != "-"]
    if not hits:
        return None
    order = sorted(range(len(hits)), key=lambda i: -hits[i][2])
    article, bm25, confidence = hits[order[0]]
    rest = [hits[i] for i in order[1:]]
    next_confidence = max((h[2] for h in rest), default=0.0)
    next_bm25 = max((h[1] for h in rest), default=0.0)
    features = {"confidence": confidence, "confidence_lead": confidence - next_confidence,
                "bm25_lead": (bm25 - next_bm25) / bm25 if bm25 > 0 else 0.0}
    return article, features


def fit(examples, ridge=0.1, steps=60):
    x = np.array([[1.0] + [f[k] for k in FEATURES] for f, _ in examples])
    y = np.array([label for _, label in examples])
    return logistic.fit(x, y, ridge, steps)


def outcome(examples, total, answers):
    right = sum(1 for (f, label) in examples if answers(f) and label)
    wrong = sum(1 for (f, label) in examples if answers(f) and not label)
    return right / total, wrong / total


if __name__ == "__main__":
    by_question = load(sys.argv[1] if len(sys.argv) > 1 else "target/draft-cv-candidates.tsv")
    examples = []
    for rows in by_question.values():
        found = best_of(rows)
        if found:
            examples.append((found[1], 1.0 if found[0] == rows[0]["expected"] else 0.0))
    total = len(by_question)
    old = outcome(examples, total, lambda f: f["confidence"] >= 0.5 and f["confidence_lead"] >= 0.11 - 1e-9)
    print("held-out example questions: %d; old rule: right %.1f%%, wrong %.1f%%" % (total, 100 * old[0], 100 * old[1]))
    w = fit(examples)
    print("weights (intercept, %s): %s" % (", ".join(FEATURES), ", ".join("%.3f" % v for v in w)))

    def chance(f):
        return 1 / (1 + math.exp(-(w[0] + sum(w[i + 1] * f[k] for i, k in enumerate(FEATURES)))))

    chosen = None
    for step in range(30, 91):
        threshold = step / 100
        right, wrong = outcome(examples, total, lambda f: f["confidence"] >= FLOOR and chance(f) >= threshold)
        print("threshold %.2f: right %.1f%%, wrong %.1f%%" % (threshold, 100 * right, 100 * wrong))
        if chosen is None and wrong <= old[1]:
            chosen = threshold
    print("lowest threshold no riskier than the old rule: %.2f" % chosen)
