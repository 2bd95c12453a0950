"""`make serve` on a broken edit, in a real `mkdocs serve`: the last good site keeps being served with the
error (file, line, message) at the top of every page, no request hangs, and the next good save recovers."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import ROOT


def test_a_broken_edit_keeps_the_last_good_site_with_the_error_in_the_page(tmp_path):
    project = tmp_path / "real"
    for folder in ("content", "macros", "overrides", "carriers"):
        shutil.copytree(ROOT / folder, project / folder)
    for name in ("mkdocs.yml", "rules.yaml"):
        shutil.copy(ROOT / name, project / name)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    mkdocs = Path(sys.executable).parent / "mkdocs"
    server = subprocess.Popen([str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={"NO_MKDOCS_2_WARNING": "1", "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"})
    url = f"http://127.0.0.1:{port}/iijmio/"

    def page() -> str:
        with urllib.request.urlopen(url, timeout=10) as response:  # a request that hangs fails the test
            return response.read().decode()

    def wait_for(check, what: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                text = page()
            except OSError:
                text = ""
            if text and check(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"mkdocs serve never showed {what}")

    path = project / "carriers/iijmio.yaml"
    good = path.read_text(encoding="utf-8")
    try:
        wait_for(lambda t: "0570-09-4400" in t, "the first build")
        time.sleep(1.0)
        # a broken edit: a yen amount with a comma, and the number the editor meant to change changed too
        broken = good.replace("0570-09-4400", "0570-09-4499").replace("amount: 660", "amount: 6,600", 1)
        assert broken.count("amount: 6,600") == 1
        path.write_text(broken, encoding="utf-8")
        line = next(i for i, text in enumerate(broken.splitlines(), 1) if "amount: 6,600" in text)
        shown = wait_for(lambda t: "kg-serve-error" in t, "the error")
        assert f"carriers/iijmio.yaml:{line}:" in shown and "&#39;6,600&#39; は円の金額として読めません" in shown
        assert "0570-09-4400" in shown and "0570-09-4499" not in shown  # the last good facts
        assert "kg-serve-error" in urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10).read().decode()  # every page
        time.sleep(1.0)
        # the next good save recovers
        path.write_text(good.replace("0570-09-4400", "0570-09-4401"), encoding="utf-8")
        fixed = wait_for(lambda t: "0570-09-4401" in t and "kg-serve-error" not in t, "the fixed edit")
        time.sleep(1.0)
        # an edit that makes the generator crash (a template that fails while rendering) is shown the same way
        template = project / "macros/guide.html.j2"
        template.write_text(template.read_text(encoding="utf-8") + "{{ carrier.no_such_field.x }}\n", encoding="utf-8")
        crashed = wait_for(lambda t: "kg-serve-error" in t, "the template's error")
        assert "no_such_field" in crashed and "0570-09-4401" in crashed
        assert server.poll() is None, "mkdocs serve stopped"
    finally:
        server.terminate()
        server.wait(10)
