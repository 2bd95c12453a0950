"""Work shared with forked processes (Linux): each starts from this process's memory, so nothing but the
work's inputs' indexes and its results cross between them."""

from __future__ import annotations

import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

Result = TypeVar("Result")

#: below this many items a process costs more to start than it saves
MIN_SHARE = 8


def can_fork() -> bool:
    """Whether a second process can start from this one's memory and run beside it: Linux with two or
    more cores (macOS offers fork but Python stopped using it by default there, as system libraries
    can crash in the child; Windows has none). Elsewhere everything runs in one process."""
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def worker_count() -> int:
    """How many processes to share work among: the cores, up to four."""
    return max(1, min(os.cpu_count() or 1, 4))


class ForkedFailure(Exception):
    """Work in a forked process raised; the message carries its traceback."""


def balanced_shares(weights: Sequence[float], processes: int, own_pace: float = 1.0) -> list[list[int]]:
    """The indexes of the items each process takes (this one's first): each item in turn goes to the process
    with the least work so far (by every n-th item instead, two sizes of file alternating would all go one
    way). This process works at ``own_pace`` of the others' beside its other work: its items count more."""
    shares: list[list[int]] = [[] for _ in range(processes)]
    loads = [0.0] * processes
    for index, weight in enumerate(weights):
        k = min(range(processes), key=loads.__getitem__)
        shares[k].append(index)
        loads[k] += weight / own_pace if k == 0 else weight
    return shares


def read_in_processes(work: Callable[..., Result], items: Sequence[tuple], processes: int, weights: Sequence[float] | None = None) -> list[Result]:
    """``[work(*item) for item in items]``, shared among ``processes`` processes (this one included),
    in the order of ``items``. ``weights`` says how much work each item is (the same for all if not given):
    the shares are balanced by it. Each forked process sends its results once."""
    processes = max(1, min(processes, len(items) // MIN_SHARE))
    if processes == 1:
        return [work(*item) for item in items]
    shares = balanced_shares(weights if weights is not None else [1.0] * len(items), processes)
    context = multiprocessing.get_context("fork")
    children = []
    for share in shares[1:]:
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_work_share, args=(work, [items[i] for i in share], sender), daemon=True)
        child.start()
        sender.close()
        children.append((child, receiver))
    made: list[list[Result]] = [[work(*items[i]) for i in shares[0]]]
    try:
        for child, receiver in children:
            try:
                ok, payload = receiver.recv()
            except EOFError:
                raise ForkedFailure("a forked process stopped before sending its results") from None
            if not ok:
                raise ForkedFailure(payload)
            made.append(payload)
    finally:
        for child, receiver in children:
            receiver.close()
            if child.is_alive():
                child.terminate()
            child.join()
    results: list[Result] = [None] * len(items)  # type: ignore[list-item]
    for share, share_results in zip(shares, made):
        for index, result in zip(share, share_results):
            results[index] = result
    return results


def _work_share(work: Callable[..., Result], items: Sequence[tuple], sender) -> None:  # noqa: ANN001
    try:
        sender.send((True, [work(*item) for item in items]))
    except Exception:  # noqa: BLE001 - reported by the process that forked this one
        sender.send((False, traceback.format_exc()))
    sender.close()
