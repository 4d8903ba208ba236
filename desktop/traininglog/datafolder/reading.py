"""Reading a whole sessions folder for the index, on every core.

A rebuild spends its time parsing: JSON, then every rule of the schema, then the index's
rows. Many files are parsed in worker processes, each sending back what the index needs as
plain rows (a Session sent back whole costs as much to unpickle as to parse again). Few
files are read here: starting the workers costs more than they would save. If a worker
fails (killed, out of memory, a bug), what is left is read here instead. A file that can't be
read or parsed comes back by name with its problems, and the caller reports and
quarantines it, as it does when it reads the folder itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path
from typing import NamedTuple, TypeVar

from ..domain import Problem
from ..sessionfiles import NewerFormatError, SessionFileError, decode, file_name
from ..sessionfiles.scan import FileStat, UnreadableFile, read_with_stat
from ..store.writes import IndexRows, StoredFile, index_rows
from .file_steps import stamp_from

# Below this many files the folder is read in this process: starting the workers (a fresh
# interpreter each, importing the reader) took 1.8 s of a 2.1 s rebuild of 500 files on a
# busy machine, where reading them here takes about 0.5 s.
PARALLEL_FROM = 2000
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
CHUNK = 50  # files a worker reads per task
CORES = os.cpu_count() or 1
T = TypeVar("T")
R = TypeVar("R")


class ReadFile(NamedTuple):
    """A session file read and parsed: what the index needs of it."""

    name: str
    session_id: str
    app_name: str  # the name the app gives this content
    stamp: StoredFile
    stat: FileStat
    rows: IndexRows


class Unreadable(NamedTuple):
    """Too large, or refused by the system: never parsed."""

    name: str
    stat: FileStat
    why: str
    problems: tuple[Problem, ...]


class Invalid(NamedTuple):
    """Read, but not a valid session: its bytes, for quarantine/, and every problem."""

    name: str
    data: bytes
    problems: tuple[Problem, ...]


class Newer(NamedTuple):
    """Written by a newer Training Log: left as it is."""

    name: str


Outcome = ReadFile | Unreadable | Invalid | Newer


def read_one(folder: Path, name: str) -> Outcome | None:
    """One file of the sessions folder; None when it has gone."""
    try:
        data, stat = read_with_stat(folder / name)
    except FileNotFoundError:
        return None
    except UnreadableFile as error:
        return Unreadable(name, error.stat, error.why, tuple(error.problems))
    try:
        session = decode(data)
    except NewerFormatError:
        return Newer(name)
    except SessionFileError as error:
        return Invalid(name, data, tuple(error.problems))
    stamp = stamp_from(stat, data)
    return ReadFile(name, session.id, file_name(session), stamp, stat, index_rows(session, stamp))


def _die_with(parent: int) -> None:
    """A worker's first step: it ends when the process that started it ends, even by
    SIGKILL mid-rebuild (a worker left behind would hold the parent's pipes open)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:  # where the kernel cannot be asked to do it (macOS)
        time.sleep(0.5)
    os._exit(1)


def workers_for(count: int) -> int:
    """How many worker processes read `count` files: none for a few, else one per core."""
    return 0 if count < PARALLEL_FROM or CORES < 2 else min(CORES, 8)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """`workers` processes that end with this one."""
    # spawn: a fresh interpreter, never a fork of a process that runs Qt's threads; it
    # also works in the frozen bundle (freeze_support in its launcher).
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_die_with,
        initargs=(os.getpid(),),
    )


def read_folder(
    folder: Path,
    names: Sequence[str],
    done: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[Outcome | None]:
    """Every file of `names` in `folder`, in that order (None for a file that has gone).

    `done(n)` is told how many files are read so far; `cancelled()` is asked between files
    (between chunks when parallel), and stops the reading when true.
    """
    return on_workers(partial(read_one, folder), names, done, cancelled)


def on_workers(
    one: Callable[[T], R],
    items: Sequence[T],
    done: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[R]:
    """`one(item)` for each of `items`, in their order: in worker processes, a chunk at a
    time, when there are many (`one` is then sent to them: a module's function, or a
    `partial` of one); here when there are few, and here for what is left when a worker fails.

    `done(n)` is told how many items are done so far, and `cancelled()` is asked at the same
    points (after each chunk in the workers, each item here); it stops the work when true.
    """
    workers = workers_for(len(items))
    finished = 0
    if workers:
        chunks = [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]
        pool = worker_pool(workers)
        try:
            for results in pool.map(_each, [one] * len(chunks), chunks):
                yield from results
                finished += len(results)
                if done:
                    done(finished)
                if cancelled and cancelled():
                    return
        except Exception:  # a worker died or could not start: the rest is done here
            pass
        finally:
            with contextlib.suppress(Exception):
                pool.shutdown(wait=True, cancel_futures=True)
    for item in items[finished:]:
        yield one(item)
        finished += 1
        if done:
            done(finished)
        if cancelled and cancelled():
            return


def _each(one: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    return [one(item) for item in chunk]
