# Copyright 2026 Partner Program Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every benchmark script prints and computes the same way."""


def bench_line(scenario, **figures):
    """Print the one line a scenario ends with."""
    print(f"BENCH {scenario} " + " ".join(f"{k}={v}" for k, v in figures.items()))


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
