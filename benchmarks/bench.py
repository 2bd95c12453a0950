"""Benchmark: generated site vs the same Markdown built plainly, the build in one process, `check` alone,
memory, page weight.

Run from the project root:  .venv/bin/python benchmarks/bench.py [--n 10 100 1000] [--runs 3]
Prints one JSON object per line per N, then a summary line with the goals' ratios.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TEMPLATES = ["iijmio", "au"]


def synthesise(project: Path, n: int) -> None:
    """A project with N varied full guides made from the real ones, each switching to three others."""
    for folder in ("content", "macros", "overrides"):
        shutil.copytree(ROOT / folder, project / folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("stale_after_days: 365", "stale_after_days: 365\n      search_index: false")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copy(ROOT / "rules.yaml", project / "rules.yaml")
    (project / "carriers").mkdir()
    texts = {t: (ROOT / "carriers" / f"{t}.yaml").read_text(encoding="utf-8") for t in TEMPLATES}
    for i in range(n):
        base = TEMPLATES[i % len(TEMPLATES)]
        cid = f"synth-{i:04d}"
        targets = sorted({f"synth-{(i + k) % n:04d}" for k in (1, 7, 31)} - {cid}) or [cid]
        text = texts[base].replace(f"id: {base}\n", f"id: {cid}\n", 1)
        text = re.sub(r"^name: .*$", f"name: 合成キャリア{i:04d}", text, count=1, flags=re.M)
        text = re.sub(r"^switch_to: .*$", f"switch_to: [{', '.join(targets)}]", text, count=1, flags=re.M)
        first = f"[{targets[0]}]"
        text = re.sub(r"(applies:\n      keep_number: true\n      to: )\[.*\]", lambda m, first=first: m.group(1) + first, text)
        text = re.sub(r"(  exceptions:\n    - to: )\[.*\]", lambda m, first=first: m.group(1) + first, text)
        text = text.replace("amount: 1100", f"amount: {1000 + i % 100}")  # at most 1,099 円 (税込): under the penalty cap of rules.yaml
        (project / "carriers" / f"{cid}.yaml").write_text(text, encoding="utf-8")


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system, with the forked helpers it waited for)
    of one command in its own process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def page_weight(site: Path, page: str) -> int:
    """Gzip bytes of the first view of a page: its HTML and the CSS and JS it references on this host."""
    html = (site / page).read_text(encoding="utf-8")
    total = len(gzip.compress(html.encode(), mtime=0))
    for ref in re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html):
        path = (site / page).parent / ref.split("?")[0]
        if path.exists():
            total += len(gzip.compress(path.read_bytes(), mtime=0))
    return total


def live_edit_seconds(edits: int = 5, timeout: float = 60.0) -> list[float]:
    """In `mkdocs serve` on a copy of the real site: seconds from saving a carrier file to the page
    showing the change, for each of ``edits`` edits in one serve session."""
    import socket
    import urllib.request

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "real"
        for folder in ("content", "macros", "overrides", "carriers"):
            shutil.copytree(ROOT / folder, project / folder)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copy(ROOT / "rules.yaml", project / "rules.yaml")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/iijmio/"

        def page() -> str:
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    return r.read().decode()
            except OSError:
                return ""

        def wait_for(text: str, since: float) -> float:
            while text not in page():
                if time.perf_counter() - since > timeout:
                    raise SystemExit(f"mkdocs serve never showed {text}")
                time.sleep(0.01)
            return time.perf_counter() - since

        try:
            wait_for("0570-09-4400", time.perf_counter())
            path = project / "carriers/iijmio.yaml"
            shown, seconds = "0570-09-4400", []
            for i in range(edits):
                time.sleep(1.0)  # an editor does not save twice within a rebuild
                new = f"0570-09-44{10 + i}"
                path.write_text(path.read_text(encoding="utf-8").replace(shown, new), encoding="utf-8")
                seconds.append(wait_for(new, time.perf_counter()))
                shown = new
            return seconds
        finally:
            server.terminate()
            server.wait(10)


def machine() -> dict:
    """Where the figures come from: cores, CPU, Python and the versions of the packages that do the work."""
    import yaml

    packages = {name: version(dist) for name, dist in (("mkdocs", "mkdocs"), ("material", "mkdocs-material"), ("markdown", "markdown"),
                                                     ("jinja2", "jinja2"), ("pydantic", "pydantic"), ("pyyaml", "pyyaml"))}
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(encoding="utf-8", errors="replace"), flags=re.M)
        cpu = names[0].strip() if names else cpu
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cores": os.cpu_count(), "cores_usable": usable, "load_avg_1min": round(os.getloadavg()[0], 2), "cpu": cpu,
            "python": platform.python_version(), **packages, "libyaml": bool(getattr(yaml, "__with_libyaml__", False))}


def bench(n: int, runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "gen"
        project.mkdir()
        synthesise(project, n)
        subprocess.run([str(BIN / "kaiyaku"), "--root", str(project), "export", str(Path(tmp) / "plain")], check=True, env=ENV, capture_output=True)
        # the same build with the plugin's `parallel: false`: what the forked processes buy on this machine now
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        serial_config = config.replace("      search_index: false", "      search_index: false\n      parallel: false", 1)
        if serial_config == config:
            raise SystemExit("bench.py: no `search_index: false` under the plugin to add `parallel: false` after")
        (project / "mkdocs-serial.yml").write_text(serial_config, encoding="utf-8")
        generated, plain, serial, check, rss, cpu_gen, cpu_plain = [], [], [], [], [], [], []
        for run in range(runs):
            # alternate which build goes first, so a machine slowing down or speeding up favours neither
            if run % 2 == 0:
                g, r, gc = timed([str(BIN / "mkdocs"), "build", "-q", "-d", str(Path(tmp) / "site-gen")], project)
            p, _, pc = timed([str(BIN / "mkdocs"), "build", "-q", "-d", str(Path(tmp) / "site-plain")], Path(tmp) / "plain")
            if run % 2 == 1:
                g, r, gc = timed([str(BIN / "mkdocs"), "build", "-q", "-d", str(Path(tmp) / "site-gen")], project)
            s, _, _ = timed([str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs-serial.yml", "-d", str(Path(tmp) / "site-serial")], project)
            c, _, _ = timed([str(BIN / "kaiyaku"), "--root", str(project), "check"], project)
            generated.append(g), plain.append(p), serial.append(s), check.append(c), rss.append(r), cpu_gen.append(gc), cpu_plain.append(pc)
        site = Path(tmp) / "site-gen"
        pages = list(site.glob("synth-*/index.html"))
        html_bytes = sum(p.stat().st_size for p in pages) / max(len(pages), 1)
        weight = page_weight(site, "synth-0000/index.html")
    g, p = statistics.median(generated), statistics.median(plain)
    # each run's own ratio (the two builds ran back to back): their spread says how far to trust the median
    ratios = sorted(a / b for a, b in zip(generated, plain))
    return {"n": n, "generated_s": round(g, 3), "plain_s": round(p, 3), "ratio": round(g / p, 3),
            "ratio_runs": [round(r, 3) for r in ratios], "generated_range_s": [round(min(generated), 3), round(max(generated), 3)],
            "plain_range_s": [round(min(plain), 3), round(max(plain), 3)],
            # the build in one process, and each run's gain from the forked processes (serial / generated)
            "serial_s": round(statistics.median(serial), 3), "parallel_gain_runs": sorted(round(a / b, 2) for a, b in zip(serial, generated)),
            # CPU seconds, forked helpers included: above the wall time when the second core did work
            "generated_cpu_s": round(statistics.median(cpu_gen), 3), "plain_cpu_s": round(statistics.median(cpu_plain), 3),
            "check_s": round(statistics.median(check), 3),
            "peak_rss_mb": round(max(rss), 1), "html_bytes_per_page": int(html_bytes), "first_view_gzip_bytes": weight, "runs": runs, "machine": machine()}


def routes_ratio(n: int) -> dict:
    """One build of the synthetic project with its route pages (three per guide) and one without (the plugin's
    ``routes: false``), back to back: what the route pages cost."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "gen"
        project.mkdir()
        synthesise(project, n)
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        (project / "mkdocs-noroutes.yml").write_text(config.replace("      search_index: false", "      search_index: false\n      routes: false", 1), encoding="utf-8")
        with_routes, _, _ = timed([str(BIN / "mkdocs"), "build", "-q", "-d", str(Path(tmp) / "site-routes")], project)
        without, _, _ = timed([str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs-noroutes.yml", "-d", str(Path(tmp) / "site-plain")], project)
        routes = len(list((Path(tmp) / "site-routes").glob("synth-*/to/*/index.html")))
    return {"n": n, "routes": routes, "with_routes_s": round(with_routes, 3), "without_routes_s": round(without, 3),
            "routes_ratio": round(with_routes / without, 3), "machine": machine()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-live", action="store_true", help="skip the mkdocs serve live-edit measurement")
    parser.add_argument("--edits", type=int, default=5, help="edits timed in one mkdocs serve session")
    parser.add_argument("--routes-ratio", action="store_true", help="only: one build with and one without the route pages, for each N")
    args = parser.parse_args(argv)
    if args.routes_ratio:
        for n in args.n:
            print(json.dumps(routes_ratio(n), ensure_ascii=False), flush=True)
        return 0
    if not args.no_live:
        seconds = live_edit_seconds(args.edits)
        print(json.dumps({"live_edit_s": round(statistics.median(seconds), 3), "live_edit_max_s": round(max(seconds), 3),
                          "edits": len(seconds), "machine": machine()}), flush=True)
    results = {}
    for n in args.n:
        results[n] = bench(n, args.runs)
        print(json.dumps(results[n], ensure_ascii=False), flush=True)
    if 100 in results and 1000 in results:
        r100, r1000 = results[100], results[1000]
        print(json.dumps({"goal": "summary", "ratio_at_100": r100["ratio"], "build_1000_over_100": round(r1000["generated_s"] / r100["generated_s"], 2),
                          "check_1000_over_100": round(r1000["check_s"] / r100["check_s"], 2), "check_share_at_1000": round(r1000["check_s"] / r1000["generated_s"], 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
