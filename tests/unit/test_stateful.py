"""A model of the logbook, driven by hypothesis: saves, edits, deletes, imports, changes made
outside the app and crashes, in any order. After every step the index and the files both hold
exactly what the model holds, and `check --deep` finds nothing to report."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook, SaveError
from traininglog.domain import Session
from traininglog.files import faults
from traininglog.importers.json_files import read_session_files
from traininglog.sessionfiles import decode, encode, file_name, to_document
from traininglog.sessionfiles.naming import is_temp_file
from traininglog.store import queries

from strategies import sessions

small_sessions = sessions(max_exercises=2)
# Memory-backed when there is such a folder: this test is about what the two stores hold, not
# about durability (tests/faults/ covers that), and fsync there costs nothing.
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
CRASH_POINTS = ("none", "temp-written", "json-written", "db-written", "file-trashed")


class Killed(BaseException):
    """Stands for SIGKILL: nothing after the checkpoint runs."""


def dying_at(point: str, sessions_folder: Path):
    def checkpoint(name: str) -> None:
        if name != point:
            return
        if name == "temp-written":
            # A real kill leaves the temp file behind; this exception's clean-up would not.
            for temp in sessions_folder.iterdir():
                if is_temp_file(temp.name):
                    os.link(temp, temp.with_name(temp.name + ".killed.tmp"))
        raise Killed

    return checkpoint


class LogbookMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="traininglog-stateful-", dir=SCRATCH))
        self.folders = DataDirectory(self.root / "data").create()
        self.book = Logbook(self.folders)
        self.model: dict[str, Session] = {}  # session id → what it must hold
        self.names: dict[str, str] = {}  # session id → its file in sessions/
        self.deleted: dict[str, Session] = {}
        self.unreadable: set[str] = set()  # files the scan could not read, left in sessions/
        self.batches = 0

    def teardown(self) -> None:
        self.book.close()
        shutil.rmtree(self.root, ignore_errors=True)

    # -- the model's rules -------------------------------------------------------------------

    def saves(self, s: Session) -> bool:
        """A save succeeds unless another session's file has the name this one needs."""
        return all(n != file_name(s) for sid, n in self.names.items() if sid != s.id)

    def saved(self, s: Session) -> None:
        self.model[s.id] = s
        self.names[s.id] = file_name(s)
        self.deleted.pop(s.id, None)
        self.unreadable.discard(file_name(s))  # quarantine/ keeps a copy: it may be replaced

    def pick(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from(sorted(self.model)), label="session")

    def edited(self, data: st.DataObject, sid: str, change_date: bool) -> Session:
        new = data.draw(small_sessions, label="new content")
        date = new.date if change_date else self.model[sid].date
        return dataclasses.replace(new, id=sid, date=date)

    def save(self, s: Session) -> None:
        if self.saves(s):
            paths = self.book.save(s)
            assert paths.session_file == self.folders.sessions / file_name(s)
            self.saved(s)
        else:
            with pytest.raises(SaveError):
                self.book.save(s)

    # -- rules -------------------------------------------------------------------------------

    @rule(s=small_sessions)
    def save_a_session(self, s: Session) -> None:
        self.save(s)

    @precondition(lambda self: self.model)
    @rule(data=st.data(), change_date=st.booleans())
    def edit_a_session(self, data: st.DataObject, change_date: bool) -> None:
        sid = self.pick(data)
        self.save(self.edited(data, sid, change_date))

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def delete_a_session(self, data: st.DataObject) -> None:
        sid = self.pick(data)
        trashed = self.book.delete(sid)
        assert trashed.parent == self.folders.trash
        assert encode(decode(trashed.read_bytes())) == encode(self.model[sid])
        self.deleted[sid] = self.model.pop(sid)
        del self.names[sid]

    @rule(data=st.data(), new=st.lists(small_sessions, max_size=3))
    def import_session_files(self, data: st.DataObject, new: list[Session]) -> None:
        items = list(new)
        if self.model:
            stored = data.draw(st.lists(st.sampled_from(sorted(self.model)), max_size=3))
            items += [self.model[sid] for sid in stored]
            if data.draw(st.booleans(), label="a changed copy"):
                sid = self.pick(data)
                items.append(dataclasses.replace(self.model[sid], focus="changed elsewhere"))
        if self.deleted:
            again = data.draw(st.lists(st.sampled_from(sorted(self.deleted)), max_size=2))
            items += [self.deleted[sid] for sid in again]
        items = data.draw(st.permutations(items), label="order")
        self.batches += 1
        incoming = self.root / f"incoming{self.batches}"
        incoming.mkdir()
        for n, s in enumerate(items):
            (incoming / f"{n:02d}.json").write_bytes(encode(s))
        read, rejected = read_session_files([incoming])
        assert rejected == []

        report = self.book.import_sessions(read)

        imported, already, conflicts, refused = [], [], [], []
        seen: set[str] = set()
        taken = set(self.names.values())
        for source, s in read:
            if s.id in seen or (s.id in self.model and encode(self.model[s.id]) == encode(s)):
                already.append(source)
            elif s.id in self.model:
                conflicts.append(source)
            elif file_name(s) in taken:
                refused.append(source)
            else:
                seen.add(s.id)
                taken.add(file_name(s))
                imported.append(source)
                self.saved(s)
        assert [source for source, _ in report.imported] == imported
        assert report.already_stored == already
        assert [c.split(": ")[0] for c in report.conflicts] == conflicts
        assert [r.source for r in report.rejected] == refused

    @precondition(lambda self: self.model)
    @rule(
        data=st.data(),
        change_date=st.booleans(),
        how=st.sampled_from(["as the app writes", "reformatted", "truncated"]),
    )
    def edit_a_file_outside_the_app(self, data: st.DataObject, change_date: bool, how: str) -> None:
        sid = self.pick(data)
        path = self.folders.sessions / self.names[sid]
        recorded = path.stat().st_mtime_ns
        s = self.edited(data, sid, change_date)
        if how == "as the app writes":
            content = encode(s)
        elif how == "reformatted":
            content = json.dumps(to_document(s), indent=4, ensure_ascii=True).encode()
        else:
            content = encode(s)[: len(encode(s)) // 2]
        unchanged = content == path.read_bytes()
        path.write_bytes(content)
        st_ = path.stat()
        if st_.st_mtime_ns <= recorded:  # a clock too coarse to tell the two writes apart
            os.utime(path, ns=(st_.st_atime_ns, recorded + 1))

        report = reconcile.sync(self.folders)  # the next start's scan
        if how == "truncated":
            # Left in place and copied to quarantine/; the session it held is kept in trash/.
            assert [r.source for r in report.quarantined] == [path.name]
            (trashed,) = report.trashed
            assert encode(decode(trashed.trash_path.read_bytes())) == encode(self.model[sid])
            self.deleted[sid] = self.model.pop(sid)
            del self.names[sid]
            self.unreadable.add(path.name)
        elif unchanged:
            # Touched, not changed: the scan only records the new stamp.
            assert report.updated == []
        else:
            assert report.updated == [path.name]
            self.model[sid] = s

    @precondition(lambda self: self.model)
    @rule(data=st.data(), then_delete_in_the_app=st.booleans())
    def delete_a_file_outside_the_app(
        self, data: st.DataObject, then_delete_in_the_app: bool
    ) -> None:
        sid = self.pick(data)
        name = self.names[sid]
        (self.folders.sessions / name).unlink()
        if then_delete_in_the_app:  # before any scan: the index holds the only copy
            trashed = self.book.delete(sid)
            assert encode(decode(trashed.read_bytes())) == encode(self.model[sid])
            self.deleted[sid] = self.model.pop(sid)
            del self.names[sid]
        else:
            # A deletion made elsewhere: the index's copy is kept in trash/, never lost.
            report = reconcile.sync(self.folders)
            (trashed,) = report.trashed
            assert report.dropped == [] and trashed.file_name == name
            assert encode(decode(trashed.trash_path.read_bytes())) == encode(self.model[sid])
            self.deleted[sid] = self.model.pop(sid)
            del self.names[sid]

    @rule(data=st.data(), point=st.sampled_from(CRASH_POINTS), change_date=st.booleans())
    def crash(self, data: st.DataObject, point: str, change_date: bool) -> None:
        """Die at a checkpoint of a save or a delete; then start again and scan."""
        action = None
        if point == "file-trashed" and self.model:
            sid = self.pick(data)
            action = lambda: self.book.delete(sid)  # noqa: E731
        elif point in ("temp-written", "json-written", "db-written"):
            if self.model and data.draw(st.booleans(), label="edit rather than new"):
                s = self.edited(data, self.pick(data), change_date)
            else:
                s = data.draw(small_sessions, label="new session")
            if self.saves(s):
                action = lambda: self.book.save(s)  # noqa: E731
        if action is not None:
            original = faults.checkpoint
            faults.checkpoint = dying_at(point, self.folders.sessions)
            try:
                with pytest.raises(Killed):
                    action()
            finally:
                faults.checkpoint = original
        # The process is gone: the OS closes its database and lets go of its lock.
        self.book.close()
        self.book = Logbook(self.folders)
        report = reconcile.sync(self.folders)

        if action is None:
            assert not report.changed_anything
        elif point == "temp-written":
            assert report.temp_files_removed == 1
        elif point == "file-trashed":
            assert report.dropped == [self.names[sid]]
            self.deleted[sid] = self.model.pop(sid)
            del self.names[sid]
        else:
            old = self.names.get(s.id)
            if old is not None and old != file_name(s):
                assert report.superseded == [old]  # the file under the old name
            self.saved(s)

    # -- after every step ----------------------------------------------------------------------

    @invariant()
    def index_and_files_hold_the_model(self) -> None:
        expected = {sid: encode(s) for sid, s in self.model.items()}
        assert {s.id: encode(s) for s in queries.load_sessions()} == expected
        on_disk: dict[str, bytes] = {}
        for name in sorted(set(os.listdir(self.folders.sessions)) - self.unreadable):
            s = decode((self.folders.sessions / name).read_bytes())
            assert s.id not in on_disk
            assert self.names.get(s.id) == name
            on_disk[s.id] = encode(s)
        assert on_disk == expected
        report = reconcile.check(self.folders, deep=True)
        assert report.agrees, report.lines()
        assert report.leftover_temp_files == []


LogbookMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestLogbook = LogbookMachine.TestCase
