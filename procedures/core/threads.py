"""Run blocking work in a fresh thread.

Playwright's sync API and ``asyncio.run`` (Pagefind's Python API) both refuse to start
in a thread that already runs an event loop — a test session that holds a browser open,
or a notebook. Build steps that use them run through :func:`in_own_thread`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def in_own_thread(fn: Callable[[], T], name: str = "procedures-step") -> T:
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            result["error"] = exc

    worker = threading.Thread(target=target, name=name)
    worker.start()
    worker.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")  # type: ignore[return-value]


def in_threads(fns: list[Callable[[], Any]], name: str = "procedures-worker") -> None:
    """Run each of ``fns`` in a fresh thread of its own, all at once; wait for every one,
    then raise the first error any of them raised (in the order given)."""
    errors: list[BaseException | None] = [None] * len(fns)

    def target(i: int) -> None:
        try:
            fns[i]()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            errors[i] = exc

    workers = [threading.Thread(target=target, args=(i,), name=f"{name}-{i + 1}") for i in range(len(fns))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    for error in errors:
        if error is not None:
            raise error
