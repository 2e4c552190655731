"""One run at a time per output folder and per store: the platform's file lock.

Two runs writing one folder would publish one run's briefing beside the other's history, and one
run's clean-up could remove the other's half-written files. So a run holds an exclusive lock on
`OUT/.briefgen.lock` and on `.STORE.lock` (a file beside the store: SQLite's own locks on the
database are its business) for as long as it works. A second run waits for them a bounded time,
then gives up with `Busy`, naming the process that holds them. The lock belongs to the process:
when it ends, however it ends (killed included), the system lets go of it. The lock files stay
(removing one another run waits on would let a third run in beside it); they hold only a process id.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - the project's machines are POSIX
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False


class Busy(RuntimeError):
    """Another run held a lock for longer than this run would wait."""


def lock_file_of_folder(folder: Path) -> Path:
    return folder / ".briefgen.lock"


def lock_file_of_store(store: Path) -> Path:
    return store.with_name(f".{store.name}.lock")


@contextmanager
def holding(lock_files: list[Path], wait_seconds: float) -> Iterator[None]:
    """Hold every one of these locks (taken in the order given, so two runs never wait on each
    other crosswise), waiting at most `wait_seconds` in all."""
    deadline = time.monotonic() + wait_seconds
    with ExitStack() as held:
        for path in dict.fromkeys(p.resolve() for p in lock_files):  # one file named twice is locked once
            held.enter_context(_holding(path, deadline))
        yield


@contextmanager
def _holding(path: Path, deadline: float) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        pause = 0.05
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise Busy(f"another briefgen run (process {_holder(fd)}) is using {path.parent}; it still was when this run stopped waiting")
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
            pause = min(pause * 2, 0.5)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # says who holds it, for the next run's message
        yield
    finally:
        os.close(fd)  # lets go of the lock


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii").strip() or "unknown"
    except (OSError, UnicodeDecodeError):
        return "unknown"
