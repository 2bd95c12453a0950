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
    assert {"ratio", "peak_rss_mb", "html_bytes_per_page", "first_view_gzip_bytes", "machine"} <= set(row)
    print(result.stdout)


def test_the_phase_timing_runs_and_names_every_phase():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks/phases.py"), "--n", "3"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    row = json.loads(result.stdout.splitlines()[-1])
    phases = row["phase_s"]
    assert list(phases) == ["load and check the facts", "read the pages", "copy the other files", "theme templates", "whole build"]
    assert all(phases[p] >= 0 for p in phases) and phases["whole build"] >= phases["theme templates"]
    print(result.stdout)
