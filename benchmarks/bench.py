"""Benchmark: the generated site against the same pages built by Zensical (0.1.x, what a user would pick
instead) and by plain MkDocs, the build in one process, `check` alone, memory, page weight.

Like with like: the timed builds of this project, of plain MkDocs and of Zensical make no search index; each
generator with its own search index (Pagefind here, Zensical's search.json there) is timed apart. When
Zensical refuses to build, the figure is the reason it gave. Method and figures: benchmarks/README.md.

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


def attempted(cmd: list[str], cwd: Path) -> tuple[float, float, float] | str:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system, with the forked helpers it waited for)
    of one command in its own process; or, when it fails, the reason it gave (its last lines of output)."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if status != 0:
            output.seek(0)
            lines = [line.strip() for line in output.read().decode(errors="replace").splitlines() if line.strip()]
            return " ".join(lines[-3:]) or f"exit status {os.waitstatus_to_exitcode(status)}"
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """`attempted`, stopping the benchmark when the command fails."""
    result = attempted(cmd, cwd)
    if isinstance(result, str):
        raise SystemExit(f"failed: {' '.join(cmd)}\n{result}")
    return result


def zensical_configs(export: Path) -> tuple[str, str]:
    """Config files for Zensical in the export: without a search index (like the timed builds) and with its own."""
    config = (export / "mkdocs.yml").read_text(encoding="utf-8")
    if "\nplugins: []\n" not in config:
        raise SystemExit("bench.py: the exported mkdocs.yml has no `plugins: []` to switch Zensical's search in")
    for name, enabled in (("zensical-no-search.yml", "false"), ("zensical-search.yml", "true")):
        (export / name).write_text(config.replace("\nplugins: []\n", f"\nplugins:\n- search:\n    enabled: {enabled}\n"), encoding="utf-8")
    return "zensical-no-search.yml", "zensical-search.yml"


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
                                                     ("jinja2", "jinja2"), ("pydantic", "pydantic"), ("pyyaml", "pyyaml"),
                                                     ("zensical", "zensical"), ("zensical_ui", "zensical-ui"))}
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
        export = Path(tmp) / "plain"
        subprocess.run([str(BIN / "kaiyaku"), "--root", str(project), "export", str(export)], check=True, env=ENV, capture_output=True)
        zensical_plain, zensical_search = zensical_configs(export)
        # the same build with the plugin's `parallel: false` (what the forked processes buy on this machine now),
        # and with the Pagefind index it makes by default (to set beside Zensical with its own index)
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        serial_config = config.replace("      search_index: false", "      search_index: false\n      parallel: false", 1)
        if serial_config == config:
            raise SystemExit("bench.py: no `search_index: false` under the plugin to add `parallel: false` after")
        (project / "mkdocs-serial.yml").write_text(serial_config, encoding="utf-8")
        (project / "mkdocs-search.yml").write_text(config.replace("      search_index: false\n", "", 1), encoding="utf-8")
        builds = {
            "generated": ([str(BIN / "mkdocs"), "build", "-q", "-d", str(Path(tmp) / "site-gen")], project),
            "plain": ([str(BIN / "mkdocs"), "build", "-q", "-d", str(Path(tmp) / "site-plain")], export),
            # --clean: Zensical keeps a cache between builds; every run starts without it, as MkDocs does
            "zensical": ([str(BIN / "zensical"), "build", "--clean", "-f", zensical_plain], export),
        }
        times: dict[str, list[float]] = {name: [] for name in (*builds, "serial", "check", "generated_search", "rss", "cpu_generated", "cpu_plain", "cpu_zensical")}
        zensical_search_times: list[float] = []
        zensical_refused = ""
        for run in range(runs):
            # the order of the three builds turns each run, so a machine slowing down or speeding up favours none
            for name in (list(builds) if run % 2 == 0 else list(builds)[::-1]):
                seconds, rss, cpu = timed(*builds[name])
                times[name].append(seconds)
                times[f"cpu_{name}"].append(cpu)
                if name == "generated":
                    times["rss"].append(rss)
            times["serial"].append(timed([str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs-serial.yml", "-d", str(Path(tmp) / "site-serial")], project)[0])
            times["check"].append(timed([str(BIN / "kaiyaku"), "--root", str(project), "check"], project)[0])
            times["generated_search"].append(timed([str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs-search.yml", "-d", str(Path(tmp) / "site-search")], project)[0])
            if not zensical_refused:
                result = attempted([str(BIN / "zensical"), "build", "--clean", "-f", zensical_search], export)
                if isinstance(result, str):
                    zensical_refused = result
                else:
                    zensical_search_times.append(result[0])
        site = Path(tmp) / "site-gen"
        pages = list(site.glob("synth-*/index.html"))
        html_bytes = sum(p.stat().st_size for p in pages) / max(len(pages), 1)
        weight = page_weight(site, "synth-0000/index.html")
        zensical_pages = len(list((export / "site").rglob("index.html")))
    generated, plain, zensical = (times[name] for name in builds)
    g, p, z = statistics.median(generated), statistics.median(plain), statistics.median(zensical)
    # each run's own ratio (the builds ran back to back): their spread says how far to trust the median
    ratios = sorted(a / b for a, b in zip(generated, plain))
    zensical_ratios = sorted(a / b for a, b in zip(generated, zensical))
    return {"n": n, "generated_s": round(g, 3), "plain_s": round(p, 3), "ratio": round(g / p, 3),
            "ratio_runs": [round(r, 3) for r in ratios], "generated_range_s": [round(min(generated), 3), round(max(generated), 3)],
            "plain_range_s": [round(min(plain), 3), round(max(plain), 3)],
            # Zensical building the same exported pages, like with like (no search index on either side)
            "zensical_s": round(z, 3), "zensical_range_s": [round(min(zensical), 3), round(max(zensical), 3)],
            "ratio_to_zensical": round(g / z, 3), "ratio_to_zensical_runs": [round(r, 3) for r in zensical_ratios],
            "zensical_pages": zensical_pages,
            # each generator with its own search index: Pagefind after the build here, search.json in Zensical
            "generated_with_search_s": round(statistics.median(times["generated_search"]), 3),
            "zensical_with_search_s": round(statistics.median(zensical_search_times), 3) if zensical_search_times else None,
            "zensical_with_search_refused": zensical_refused or None,
            "search_index": {"generated_s": "none (search_index: false)", "plain_s": "none (no search plugin)",
                             "zensical_s": "none (search: enabled: false)", "generated_with_search_s": "Pagefind (pagefind/)",
                             "zensical_with_search_s": "Zensical's own (search.json)"},
            # the build in one process, and each run's gain from the forked processes (serial / generated)
            "serial_s": round(statistics.median(times["serial"]), 3), "parallel_gain_runs": sorted(round(a / b, 2) for a, b in zip(times["serial"], generated)),
            # CPU seconds, forked helpers (and Zensical's threads) included: above the wall time when a second core did work
            "generated_cpu_s": round(statistics.median(times["cpu_generated"]), 3), "plain_cpu_s": round(statistics.median(times["cpu_plain"]), 3),
            "zensical_cpu_s": round(statistics.median(times["cpu_zensical"]), 3),
            "check_s": round(statistics.median(times["check"]), 3),
            "peak_rss_mb": round(max(times["rss"]), 1), "html_bytes_per_page": int(html_bytes), "first_view_gzip_bytes": weight, "runs": runs, "machine": machine()}


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
        print(json.dumps({"goal": "summary", "ratio_at_100": r100["ratio"], "ratio_to_zensical_at_100": r100["ratio_to_zensical"], "build_1000_over_100": round(r1000["generated_s"] / r100["generated_s"], 2),
                          "check_1000_over_100": round(r1000["check_s"] / r100["check_s"], 2), "check_share_at_1000": round(r1000["check_s"] / r1000["generated_s"], 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
