"""Where MkDocs gets the text of every generated file (pages, API JSON, feeds): made here when first
read, or made ahead, in order, by a forked process while MkDocs converts the pages before them.

Rendering a guide costs a few milliseconds and MkDocs' own Markdown conversion of it several times
that, so on two cores a forked process keeps well ahead of MkDocs and the generated pages cost almost
nothing over hand-written ones. The forked process only makes text and sends it; checking, navigation
and everything else stay in the build's own process.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection


class RenderError(Exception):
    """Making a file's text failed (a fault in ``macros/`` or the generator, not in the facts)."""


class PageSource:
    """The text of each generated file by ``src_uri``, from the functions in ``makers`` (in their order).

    With ``ahead=True`` a forked process calls every function in order and sends each text through a
    pipe; :meth:`text` waits for the one asked for. Otherwise a text is made when first asked for.
    Call :meth:`close` when the build ends, whether it succeeded or not.
    """

    def __init__(self, makers: dict[str, Callable[[], str]], *, ahead: bool) -> None:
        self.makers = makers
        self.ready: dict[str, str] = {}
        self.receiver: Connection | None = None
        self.process: multiprocessing.process.BaseProcess | None = None
        if ahead and makers:
            context = multiprocessing.get_context("fork")
            self.receiver, sender = context.Pipe(duplex=False)
            self.process = context.Process(target=self._make_all, args=(sender,), name="kaiyaku-render", daemon=True)
            self.process.start()
            sender.close()

    def _make_all(self, sender: Connection) -> None:
        """In the forked process: every text in order; a failure is sent as its traceback."""
        for src_uri, make in self.makers.items():
            try:
                sender.send((src_uri, make(), None))
            except Exception:  # noqa: BLE001 - any failure is reported by the build's own process
                sender.send((src_uri, None, traceback.format_exc()))
                break
        sender.close()

    def text(self, src_uri: str) -> str:
        """The text of a generated file (``KeyError`` for a file that is not generated)."""
        if src_uri in self.ready:
            return self.ready[src_uri]
        make = self.makers[src_uri]
        if self.receiver is None:
            try:
                text = self.ready[src_uri] = make()
            except Exception as error:
                raise RenderError(f"{src_uri} を作れませんでした: {error!r}") from error
            return text
        while src_uri not in self.ready:
            try:
                uri, text, failure = self.receiver.recv()
            except EOFError:
                raise RenderError(f"{src_uri} を作る前に、ページを作るプロセスが止まりました") from None
            if failure is not None:
                raise RenderError(f"{uri} を作れませんでした:\n{failure}")
            self.ready[uri] = text
        return self.ready[src_uri]

    def close(self) -> None:
        """Stop the forked process, if any, and let go of the pipe."""
        if self.process is not None:
            if self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.process = None
        if self.receiver is not None:
            self.receiver.close()
            self.receiver = None
