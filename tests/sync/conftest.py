"""Two data folders whose sessions folders two real Syncthing instances keep in sync.

`synced_pair` gives a test side `a` and side `b`: each a data folder (index, trash…) whose
sessions folder lives outside it, as a synced folder does, shared through Syncthing. The
store binds one database per process, so a side opens its Logbook only for the length of
one call (`save`, `delete`, `startup_scan`): never two at once.

A test that edits both sides while they are apart, say:

    def test_edits_on_both_sides(synced_pair):
        a, b = synced_pair.a, synced_pair.b
        a.save(session)
        synced_pair.wait_until_in_sync()
        synced_pair.pause()
        a.save(edit_on_a)
        b.save(edit_on_b)          # the later mtime wins in Syncthing
        synced_pair.resume()
        synced_pair.wait_until_in_sync()
        [copy] = synced_pair.conflict_copies(a)   # NAME.sync-conflict-…-ID.json
        report, held = a.startup_scan()

and raw bytes (a file a newer version wrote) go in with `synced_pair.write_file(a, name,
data)`, then `synced_pair.wait_for_file(b, name, data)` or `wait_until_in_sync()`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from syncthing_pair import NOT_INSTALLED, TIMINGS, SyncthingInstance, SyncthingPair

from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Session
from traininglog.domain.reports import SyncReport
from traininglog.sessionfiles import decode, encode
from traininglog.store import queries


@dataclass
class Side:
    """One computer: its data folder and the Syncthing instance syncing its sessions."""

    name: str
    folders: DataDirectory
    syncthing: SyncthingInstance

    def save(self, *sessions: Session) -> list[Path]:
        with Logbook(self.folders) as book:
            return [book.save(s).session_file for s in sessions]

    def delete(self, session_id: str) -> Path:
        """Delete a session as the app does (its file to trash/); the trash path."""
        with Logbook(self.folders) as book:
            return book.delete(session_id)

    def startup_scan(self) -> tuple[SyncReport, dict[str, Session]]:
        """Open the data folder as the app starts: the scan's report, and then the index
        (session id → session)."""
        with Logbook(self.folders) as book:
            report = reconcile.sync(book.folders)
            return report, {s.id: s for s in queries.load_sessions()}

    def indexed(self) -> dict[str, Session]:
        with Logbook(self.folders):
            return {s.id: s for s in queries.load_sessions()}

    def files(self, folder: Path | None = None) -> dict[str, bytes]:
        """name → bytes of every .json file in the sessions folder (or `folder`)."""
        folder = folder or self.folders.sessions
        return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}

    def trash_files(self) -> dict[str, bytes]:
        """name → bytes of every .json file anywhere under trash/."""
        trash = self.folders.trash
        return {str(p.relative_to(trash)): p.read_bytes() for p in sorted(trash.rglob("*.json"))}

    def sessions_kept(self) -> list[tuple[str, Session]]:
        """(where, session) for every session file in this side's sessions folder and
        trash, decoded (a file that doesn't decode fails the test: nothing there should be
        unreadable)."""
        kept = [(f"{self.name}/sessions/{n}", decode(b)) for n, b in self.files().items()]
        kept += [(f"{self.name}/trash/{n}", decode(b)) for n, b in self.trash_files().items()]
        return kept


class SyncedPair:
    """Sides `a` and `b`, and the Syncthing pair between their sessions folders."""

    def __init__(self, root: Path, syncthing_binary: str):
        self.root = root
        sessions_a, sessions_b = root / "a" / "Sync" / "sessions", root / "b" / "Sync" / "sessions"
        self.syncthing = SyncthingPair(
            root / "syncthing", sessions_a, sessions_b, binary=syncthing_binary
        )
        self.a = Side("A", DataDirectory(root / "a" / "data", sessions_a), self.syncthing.a)
        self.b = Side("B", DataDirectory(root / "b" / "data", sessions_b), self.syncthing.b)

    def start(self) -> SyncedPair:
        for side in (self.a, self.b):
            # The sessions folder first: a data folder never makes one kept elsewhere.
            side.folders.sessions.mkdir(parents=True)
            side.folders.create()
        self.syncthing.start()
        return self

    def stop(self) -> None:
        self.syncthing.stop()

    def wait_until_in_sync(self, timeout: float = 30) -> float:
        return self.syncthing.wait_until_in_sync(timeout)

    def scan(self) -> None:
        self.syncthing.scan()

    def pause(self) -> float:
        return self.syncthing.pause()

    def resume(self) -> float:
        return self.syncthing.resume()

    def write_file(self, side: Side, name: str, data: bytes) -> Path:
        """Raw bytes into one side's sessions folder (a newer format version, say)."""
        return self.syncthing.write_file(side.syncthing, name, data)

    def wait_for_file(
        self, side: Side, name: str, data: bytes | None = None, timeout: float = 30
    ) -> float:
        """Until `name` (holding `data`) is in `side`'s sessions folder; seconds taken."""
        return self.syncthing.wait_for_file(side.syncthing, name, data, timeout)

    def wait_for_absence(self, side: Side, name: str, timeout: float = 30) -> float:
        return self.syncthing.wait_for_absence(side.syncthing, name, timeout)

    def conflict_copies(self, side: Side) -> list[Path]:
        """Syncthing's `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.json` copies."""
        return self.syncthing.conflict_copies(side.syncthing)

    def sessions_kept(self) -> list[tuple[str, Session]]:
        return self.a.sessions_kept() + self.b.sessions_kept()

    def assert_nothing_lost(self, ever_saved: dict[str, Session]) -> None:
        """Every session in `ever_saved` (id → its last saved version) is, value-equal, in a
        sessions folder or a trash folder of either side."""
        kept: dict[str, dict[bytes, list[str]]] = {}
        for where, session in self.sessions_kept():
            kept.setdefault(session.id, {}).setdefault(encode(session), []).append(where)
        for session_id, session in ever_saved.items():
            versions = kept.get(session_id, {})
            assert encode(session) in versions, (
                f"session {session_id} is lost: its last saved version is in no sessions or "
                f"trash folder (versions kept: {sorted(w for v in versions.values() for w in v)})"
            )


@pytest.fixture
def synced_pair(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[SyncedPair]:
    """Two data folders, A and B, their sessions folders synced by two real Syncthings.

    Without a `syncthing` binary: skipped on a developer's machine, failed under CI (which
    installs it), so that a missing install step can't pass as green."""
    binary = shutil.which("syncthing")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail(NOT_INSTALLED, pytrace=False)
        pytest.skip(NOT_INSTALLED)
    pair = SyncedPair(tmp_path, binary)
    request.node.synced_pair = pair  # for a failure's report: both Syncthings' logs
    try:
        yield pair.start()
    finally:
        pair.stop()  # on a failure too (and after a start that failed half-way)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    pair = getattr(item, "synced_pair", None)
    if report.when == "call" and report.failed and pair is not None:
        report.sections.append(("syncthing logs", pair.syncthing.logs(60)))
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    if not TIMINGS:
        return
    terminalreporter.section("syncthing: how long it took")
    for what, seconds in TIMINGS.items():
        terminalreporter.write_line(f"{seconds:6.2f} s  {what}")
