"""Lighthouse (mobile preset) on the built site served over loopback with gzip: median of three runs per page.

Run from the project root after `make build` and `npm --prefix benchmarks install`:
    .venv/bin/python benchmarks/lighthouse.py [--pages / iijmio/ au/ ...] [--runs 3]
Prints one JSON object per page with the four category scores (0-100) and the performance metrics
behind them (milliseconds; layout shift unitless).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gzip_server import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks/node_modules/.bin/lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
#: the measurements behind the performance score, printed so a low score can be explained
METRICS = {"first-contentful-paint": "fcp_ms", "largest-contentful-paint": "lcp_ms", "speed-index": "si_ms",
           "total-blocking-time": "tbt_ms", "cumulative-layout-shift": "cls"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"


def run_once(url: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as profile:
        cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout", f"--only-categories={','.join(CATEGORIES)}",
               f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}"]
        env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=180)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    report = json.loads(out.stdout)
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    return scores | {name: round(report["audits"][audit]["numericValue"], 3) for audit, name in METRICS.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", default=str(ROOT / "site"))
    parser.add_argument("--pages", nargs="+", default=["", "iijmio/", "au/", "compare/", "calculator/", "uq-mobile/"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    server, base = serve(Path(args.site))
    try:
        for page in args.pages:
            runs = [run_once(base + page) for _ in range(args.runs)]
            medians = {c: statistics.median(r[c] for r in runs) for c in [*CATEGORIES, *METRICS.values()]}
            print(json.dumps({"page": "/" + page, **medians, "runs": args.runs}), flush=True)
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
