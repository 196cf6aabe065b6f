"""The benchmark scripts: they share one harness, stay small, and start."""

import ast
import re
import subprocess
import sys

import pytest

from conftest import ROOT

BENCHMARKS = ROOT / "tests" / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
import bench_common  # noqa: E402 - the benchmarks' directory is importable from here

SCRIPTS = sorted(
    path
    for path in BENCHMARKS.glob("bench_*.py")
    if 'if __name__ == "__main__":' in path.read_text()
)
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 60


def test_every_benchmark_is_found():
    assert {path.stem for path in SCRIPTS} >= {
        "bench_commission",
        "bench_directory",
        "bench_portal",
        "bench_registration",
    }


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.stem)
def test_benchmark_uses_the_harness(script):
    imported = {
        node.module
        for node in ast.walk(ast.parse(script.read_text()))
        if isinstance(node, ast.ImportFrom)
    }
    assert "bench_common" in imported


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda path: path.stem)
def test_benchmark_starts(script):
    """Its command line answers --help without Odoo: every module it
    imports is there."""
    result = subprocess.run(
        [sys.executable, str(script), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage:")


@pytest.mark.parametrize(
    "path", sorted(BENCHMARKS.glob("*.py")), ids=lambda path: path.stem
)
def test_benchmark_module_size(path):
    source = path.read_text()
    assert len(source.splitlines()) <= MAX_FILE_LINES
    long_functions = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long_functions


def test_bench_line(capsys):
    bench_common.bench_line("directory", partners=10, ours_p95_ms="12.5")
    assert capsys.readouterr().out == "BENCH directory partners=10 ours_p95_ms=12.5\n"


def test_percentiles():
    values = list(range(1, 101))
    assert bench_common.percentile(values, 0.95) == 95
    assert bench_common.percentile([7.0], 0.95) == 7.0
    assert bench_common.milliseconds([3.0, 1.0, 2.0]) == ("2.0", "3.0")


def test_request_log_line():
    """The werkzeug line Odoo logs for a request gives its queries and
    server time; another path, or a query string, is another page."""
    line = (
        '127.0.0.1 - - [01/Dec/2026 20:06:42] "GET /partners HTTP/1.1" '
        "200 - 31 0.012 0.041"
    )
    pattern = re.compile(bench_common.REQUEST_LOG.format(path=re.escape("/partners")))
    assert pattern.findall(line) == [("31", "0.012", "0.041")]
    assert not pattern.findall(line.replace("/partners ", "/partners?page=2 "))
    assert not pattern.findall(line.replace("/partners", "/partners/grade"))
