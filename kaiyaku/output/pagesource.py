"""Where MkDocs gets the text of every generated file (pages, API JSON, feeds): made here when first
read, or made ahead, in order, by forked processes while this process works on other things.

A forked process sends its texts through a pipe, in order; a thread of this process takes each as it
arrives, so a forked process never waits for this one to ask, and the pipe holds a dozen pages, so it
does not wait for the thread either (a pipe holds 64 KB at first, less than one guide). The
texts of one folder (a carrier's guide, its page of sources and its topics before cancelling, which
number their citations together) are made by the same process.
"""

from __future__ import annotations

try:
    import fcntl
except ImportError:  # Windows: no forked processes there anyway
    fcntl = None
import multiprocessing
import threading
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


#: what a pipe may hold at most for a process that is not privileged (Linux's /proc/sys/fs/pipe-max-size)
PIPE_BYTES = 1 << 20


def widen(connection: Connection) -> None:
    """Let the pipe hold a dozen pages (Linux; elsewhere it stays as it is): it holds 64 KB, less than one
    guide, so a forked process waited at each page until this process's thread, sharing the interpreter
    with MkDocs' work, took it."""
    if fcntl is not None and hasattr(fcntl, "F_SETPIPE_SZ"):
        try:
            fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except OSError:
            pass


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
        self.processes: list[multiprocessing.process.BaseProcess] = []
        self.receivers: list[Connection] = []
        self.threads: list[threading.Thread] = []
        #: by process: it sends no more, with the failure that stopped it ("" for the end of its pipe)
        self.ended: dict[int, str] = {}
        self.arrived = threading.Condition()
        if ahead and makers:
            context = multiprocessing.get_context("fork")
            for k in range(ahead):
                receiver, sender = context.Pipe(duplex=False)
                widen(receiver)
                mine = [uri for uri, share in self.share.items() if share == k]
                process = context.Process(target=self._make_all, args=(mine, sender), name=f"kaiyaku-render-{k}", daemon=True)
                process.start()
                sender.close()
                self.processes.append(process)
                self.receivers.append(receiver)
            # threads only after forking: a forked process starts with none of them
            for k, receiver in enumerate(self.receivers):
                thread = threading.Thread(target=self._receive, args=(k, receiver), name=f"kaiyaku-receive-{k}", daemon=True)
                thread.start()
                self.threads.append(thread)

    def _make_all(self, uris: list[str], sender: Connection) -> None:
        """In a forked process: its texts in order; a failure is sent as its traceback."""
        for src_uri in uris:
            try:
                sender.send((src_uri, self.makers[src_uri](), None))
            except Exception:  # noqa: BLE001 - any failure is reported by the build's own process
                sender.send((src_uri, None, traceback.format_exc()))
                break
        sender.close()

    def _receive(self, k: int, receiver: Connection) -> None:
        """In a thread: the texts of forked process ``k`` as they arrive, until it fails or its pipe ends."""
        while True:
            try:
                uri, text, failure = receiver.recv()
            except (EOFError, OSError):
                failure = ""
                break
            if failure is not None:
                failure = f"{uri} を作れませんでした:\n{failure}"
                break
            with self.arrived:
                self.ready[uri] = text
                self.arrived.notify_all()
        with self.arrived:
            self.ended[k] = failure
            self.arrived.notify_all()

    def text(self, src_uri: str) -> str:
        """The text of a generated file (``KeyError`` for a file that is not generated)."""
        if src_uri in self.ready:
            return self.ready[src_uri]
        make = self.makers[src_uri]
        if not self.processes:
            try:
                text = self.ready[src_uri] = make()
            except Exception as error:
                raise RenderError(f"{src_uri} を作れませんでした: {error!r}") from error
            return text
        k = self.share[src_uri]
        with self.arrived:
            while src_uri not in self.ready:
                if k in self.ended:
                    raise RenderError(self.ended[k] or f"{src_uri} を作る前に、ページを作るプロセスが止まりました")
                self.arrived.wait()
            return self.ready[src_uri]

    def close(self) -> None:
        """Stop the forked processes, if any, and let go of the pipes."""
        for process in self.processes:
            if process.is_alive():
                process.terminate()
            process.join()
        for thread in self.threads:
            thread.join()  # the pipe ended with its process
        for receiver in self.receivers:
            receiver.close()
        self.processes, self.receivers, self.threads = [], [], []
