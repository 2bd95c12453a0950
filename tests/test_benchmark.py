"""The benchmark keeps working: run once at a tiny N; figures are printed, never asserted as timings."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_the_benchmark_runs_and_prints_its_figures():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks/bench.py"), "--n", "3", "--runs", "1", "--edits", "2"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    live, row = lines[0], lines[1]
    assert live["edits"] == 2 and 0 < live["live_edit_s"] <= live["live_edit_max_s"]
    assert row["n"] == 3 and row["generated_s"] > 0 and row["plain_s"] > 0 and row["serial_s"] > 0 and row["check_s"] > 0
    assert len(row["parallel_gain_runs"]) == 1
    # Zensical built the same exported pages in the same run, and the row says which build made a search index
    assert row["zensical_s"] > 0 and row["zensical_pages"] >= 3 * 3 and row["machine"]["zensical"].startswith("0.1.")
    assert row["generated_with_search_s"] > 0 and (row["zensical_with_search_s"] or row["zensical_with_search_refused"])
    assert set(row["search_index"]) == {"generated_s", "plain_s", "zensical_s", "generated_with_search_s", "zensical_with_search_s"}
    assert {"ratio", "peak_rss_mb", "html_bytes_per_page", "first_view_gzip_bytes", "machine"} <= set(row)
    print(result.stdout)


def test_a_build_that_refuses_is_reported_with_the_reason_it_gave():
    """Zensical refused 1,000 guides (its search index limit): the benchmark prints why instead of stopping."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench import attempted

    refusal = "Search field 'text' at 'compare/' exceeds the search index limit (28503 token positions; maximum 16384)"
    result = attempted([sys.executable, "-c", f"import sys; print('Build started'); sys.exit({refusal!r})"], ROOT)
    assert isinstance(result, str) and refusal in result
    seconds, rss, cpu = attempted([sys.executable, "-c", "print('ok')"], ROOT)
    assert seconds > 0 and rss > 0 and cpu >= 0


def test_the_phase_timing_runs_and_names_every_phase():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks/phases.py"), "--n", "3"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    row = json.loads(result.stdout.splitlines()[-1])
    phases = row["phase_s"]
    assert list(phases) == ["load and check the facts", "read the pages", "copy the other files", "theme templates", "whole build"]
    assert all(phases[p] >= 0 for p in phases) and phases["whole build"] >= phases["theme templates"]
    print(result.stdout)
