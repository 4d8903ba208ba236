"""A rebuild parses in worker processes when there are many files, with the same outcome as
reading them one by one: every session indexed, every bad file named and quarantined."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool

import pytest
from test_reconcile import BAD_FILES, NEWER, agrees, make_session, stored

from traininglog.datafolder import reading, reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.sessionfiles import encode, file_name


@pytest.fixture
def on_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers for even a handful of files, three files a task, two cores whatever the
    machine has."""
    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    monkeypatch.setattr(reading, "CHUNK", 3)
    monkeypatch.setattr(reading, "CORES", 2)


def a_folder_with_bad_files(folders: DataDirectory) -> tuple[dict[str, bytes], bytes]:
    """Twelve sessions, the bad files of test_reconcile and one from a newer version."""
    sessions = [make_session(n, day=n) for n in range(1, 13)]
    for session in sessions:
        (folders.sessions / file_name(session)).write_bytes(encode(session))
    good = encode(make_session(99))
    for name, spoil in BAD_FILES.items():
        (folders.sessions / name).write_bytes(spoil(good))
    newer = good.replace(b'"dataModelVersion": "0.0.1"', NEWER)
    assert newer != good
    (folders.sessions / "from-a-newer-version.json").write_bytes(newer)
    return {s.id: encode(s) for s in sessions}, newer


def outcomes(folders: DataDirectory) -> list[object]:
    names = sorted(p.name for p in folders.sessions.iterdir())
    return list(reading.read_folder(folders.sessions, names))


def test_workers_read_what_this_process_reads(
    folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_folder_with_bad_files(folders)
    monkeypatch.setattr(reading, "CORES", 1)
    here = outcomes(folders)
    monkeypatch.setattr(reading, "PARALLEL_FROM", 2)
    monkeypatch.setattr(reading, "CHUNK", 3)
    monkeypatch.setattr(reading, "CORES", 2)
    assert reading.workers_for(len(here)) == 2
    assert outcomes(folders) == here
    kinds = [type(found).__name__ for found in here]
    assert kinds.count("ReadFile") == 12 and kinds.count("Invalid") == 4
    assert kinds.count("Newer") == 1


def test_a_few_files_are_read_here_and_one_core_never_starts_workers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert reading.workers_for(reading.PARALLEL_FROM - 1) == 0
    monkeypatch.setattr(reading, "CORES", 1)
    assert reading.workers_for(50_000) == 0
    monkeypatch.setattr(reading, "CORES", 64)
    assert reading.workers_for(50_000) == 8


def test_a_parallel_rebuild_names_and_quarantines_every_bad_file(
    logbook: Logbook, folders: DataDirectory, on_every_core: None
) -> None:
    sessions, newer = a_folder_with_bad_files(folders)
    told = reconcile.SyncReport()
    count, rejected = reconcile.rebuild(folders, told=told)
    assert count == 12 and stored() == sessions
    assert sorted(r.source for r in rejected) == sorted(BAD_FILES)
    reasons = {r.source: [str(p) for p in r.problems] for r in rejected}
    rpe = "exercises[0].workingSets[0].rpe: 11 is greater than the maximum 10"
    assert reasons["rpe-eleven.json"] == [rpe]
    assert rpe in (folders.quarantine / "rpe-eleven.json.reason.txt").read_text(encoding="utf-8")
    for name, spoil in BAD_FILES.items():
        assert (folders.quarantine / name).read_bytes() == spoil(make_session_bytes())
    assert told.newer == ["from-a-newer-version.json"]
    assert not (folders.quarantine / "from-a-newer-version.json").exists()
    assert (folders.sessions / "from-a-newer-version.json").read_bytes() == newer
    assert agrees(folders)


def make_session_bytes() -> bytes:
    return encode(make_session(99))


class _DiesAfterOneChunk:
    """A pool whose workers die after their first chunk: the rest must be read here."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def map(self, function, folders, chunks):
        yield function(folders[0], chunks[0])
        raise BrokenProcessPool("a worker was killed")

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


def test_a_worker_that_dies_leaves_the_rest_to_this_process(
    logbook: Logbook,
    folders: DataDirectory,
    on_every_core: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sessions, _ = a_folder_with_bad_files(folders)
    monkeypatch.setattr(reading, "ProcessPoolExecutor", _DiesAfterOneChunk)
    count, rejected = reconcile.rebuild(folders)
    assert count == 12 and stored() == sessions
    assert sorted(r.source for r in rejected) == sorted(BAD_FILES)
    assert agrees(folders)


def test_a_cancel_between_chunks_stops_the_rebuild_and_keeps_the_index(
    logbook: Logbook, folders: DataDirectory, on_every_core: None
) -> None:
    a_folder_with_bad_files(folders)
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) >= 2

    before = stored()
    assert reconcile.rebuild(folders, cancelled=cancelled)[0] == 0
    assert len(asked) == 2  # asked after each chunk, not after the whole folder
    assert stored() == before
