"""Logistic regression by Newton's method with a small ridge, shared by the fitting tools."""
import numpy as np


def fit(x, y, ridge, steps):
    """Weights (intercept first when x has a column of ones) for rows x and labels y (0/1)."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + ridge * w
        hess = (x.T * (p * (1 - p))) @ x + ridge * np.eye(len(w))
        w -= np.linalg.solve(hess, grad)
    return w
