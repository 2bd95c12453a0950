"""Where a build's time goes: one build of N synthetic guides (as bench.py makes them), timed by phase.

Run from the project root:  .venv/bin/python benchmarks/phases.py [--n 1000]
Prints one JSON object: seconds from the start of the build to the end of each phase, and each phase's
length. The phases are MkDocs' own steps (its functions wrapped for timing, nothing else changed):
loading and checking the facts; MkDocs reading every page (a generated page kept by this process is
rendered then; the forked processes make theirs whole meanwhile); copying the other files (the API JSON
and feeds are made then); laying every page into the theme's templates (a page made ahead is printed as
made, waiting for it if need be). The gaps between the spans are the rest of the set-up (the plugin's
pages and files, MkDocs' navigation) and the theme's own pages (404, sitemap).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["NO_MKDOCS_2_WARNING"] = "1"

from bench import machine, synthesise


def timed_build(project: Path, site: Path) -> dict[str, list[float]]:
    """Build ``project`` into ``site`` in this process: for each phase, seconds since the start of the build
    at which its first call began and its last call ended."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from kaiyaku.mkdocs_plugin import plugin

    start = time.perf_counter()
    spans: dict[str, list[float]] = {}

    def wrap(owner, name: str, phase: str) -> None:
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            spans.setdefault(phase, [time.perf_counter() - start, 0.0])
            result = original(*args, **kwargs)
            spans[phase][1] = time.perf_counter() - start
            return result

        setattr(owner, name, timed)

    wrap(plugin, "load_catalog", "load and check the facts")
    wrap(build, "_populate_page", "read the pages")
    wrap(Files, "copy_static_files", "copy the other files")
    wrap(build, "_build_page", "theme templates")
    logging.basicConfig(level=logging.ERROR)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
    build.build(config)
    spans["whole build"] = [0.0, time.perf_counter() - start]
    return spans


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "gen"
        project.mkdir()
        synthesise(project, args.n)
        spans = timed_build(project, Path(tmp) / "site")
    seconds = {phase: round(end - begin, 2) for phase, (begin, end) in spans.items()}
    print(json.dumps({"n": args.n, "phase_s": seconds, "span_s": {k: [round(a, 2), round(b, 2)] for k, (a, b) in spans.items()},
                      "machine": machine()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
