"""Where MkDocs gets the text of every generated file (pages, API JSON, feeds): made here when first
read, or made ahead, in order, by forked processes while MkDocs works on the pages before them.

MkDocs reads the generated pages one after the other and then lays each into the theme; the pages'
HTML comes from the templates, which cost more than MkDocs' own reading of them. So the texts are shared
among forked processes that make them ahead, each sending its texts through a pipe in order. The texts
of one folder (a carrier's guide, its page of sources and its topics before cancelling, which number
their citations together) are made by the same process. The forked processes only make text and send
it; checking, navigation and everything else stay in the build's own process.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection


class RenderError(Exception):
    """Making a file's text failed (a fault in ``macros/`` or the generator, not in the facts)."""


def shares(uris: list[str], processes: int) -> dict[str, int]:
    """Which process makes each text: folders (the part of the path before the first ``/``) in turn, in
    the order they first appear, so that every process starts at once and a folder stays in one process."""
    turn: dict[str, int] = {}
    for uri in uris:
        turn.setdefault(uri.split("/", 1)[0], len(turn) % processes)
    return {uri: turn[uri.split("/", 1)[0]] for uri in uris}


class PageSource:
    """The text of each generated file by ``src_uri``, from the functions in ``makers`` (in their order).

    With ``ahead`` forked processes (0: none) the functions are called ahead, each process taking its share
    (:func:`shares`) in order; :meth:`text` waits for the one asked for. Without, a text is made when first
    asked for. Call :meth:`close` when the build ends, whether it succeeded or not.
    """

    def __init__(self, makers: dict[str, Callable[[], str]], *, ahead: int) -> None:
        self.makers = makers
        self.ready: dict[str, str] = {}
        self.share = shares(list(makers), max(ahead, 1))
        self.receivers: list[Connection] = []
        self.processes: list[multiprocessing.process.BaseProcess] = []
        if ahead and makers:
            context = multiprocessing.get_context("fork")
            for k in range(ahead):
                receiver, sender = context.Pipe(duplex=False)
                mine = [uri for uri, share in self.share.items() if share == k]
                process = context.Process(target=self._make_all, args=(mine, sender), name=f"kaiyaku-render-{k}", daemon=True)
                process.start()
                sender.close()
                self.receivers.append(receiver)
                self.processes.append(process)

    def _make_all(self, uris: list[str], sender: Connection) -> None:
        """In a forked process: its texts in order; a failure is sent as its traceback."""
        for src_uri in uris:
            try:
                sender.send((src_uri, self.makers[src_uri](), None))
            except Exception:  # noqa: BLE001 - any failure is reported by the build's own process
                sender.send((src_uri, None, traceback.format_exc()))
                break
        sender.close()

    def text(self, src_uri: str) -> str:
        """The text of a generated file (``KeyError`` for a file that is not generated)."""
        if src_uri in self.ready:
            return self.ready[src_uri]
        make = self.makers[src_uri]
        if not self.receivers:
            try:
                text = self.ready[src_uri] = make()
            except Exception as error:
                raise RenderError(f"{src_uri} を作れませんでした: {error!r}") from error
            return text
        receiver = self.receivers[self.share[src_uri]]
        while src_uri not in self.ready:
            try:
                uri, text, failure = receiver.recv()
            except EOFError:
                raise RenderError(f"{src_uri} を作る前に、ページを作るプロセスが止まりました") from None
            if failure is not None:
                raise RenderError(f"{uri} を作れませんでした:\n{failure}")
            self.ready[uri] = text
        return self.ready[src_uri]

    def close(self) -> None:
        """Stop the forked processes, if any, and let go of the pipes."""
        for process in self.processes:
            if process.is_alive():
                process.terminate()
            process.join()
        for receiver in self.receivers:
            receiver.close()
        self.processes, self.receivers = [], []
