"""Two computers, one sessions folder kept in sync by real Syncthing: saves, edits and
deletes arrive on the other side, and the startup scan there takes them in, losing nothing.

Each test starts its own pair (conftest.py); the tests wait on what Syncthing reports
(`wait_until_in_sync` asks both sides to scan, then polls), never on fixed sleeps.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from datetime import datetime

from syncthing_pair import TIMINGS

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.sessionfiles import decode, encode, file_name

# After Syncthing says both sides are in sync, B's startup scan has the session within this.
ARRIVAL_S = 10


def make_session(n: int = 1, day: int = 16, weight: float = 80, **changes: object) -> Session:
    s = Session(
        id=f"{n:08x}-1111-4222-8333-444455556666",
        date=datetime(2026, 2, day, 7, 15, 0),
        exercises=(
            Exercise(
                order=1,
                name="Barbell Back Squat",
                target_muscle_groups=("quads", "glutes"),
                warmup_sets=(WarmupSet(1, 60, 5),),
                working_sets=(
                    WorkingSet(1, weight, 5, 0, 7.5, "good", 3, None),
                    WorkingSet(2, weight, 5, 0, 8.5, "hard", 3.5, "belt"),
                ),
            ),
        ),
        user_id="u",
        user_name="U",
        focus="lower",
    )
    return dataclasses.replace(s, **changes)


def same(x: Session, y: Session) -> bool:
    return encode(x) == encode(y)


def test_a_session_saved_on_a_is_in_bs_index(synced_pair):
    a, b = synced_pair.a, synced_pair.b
    session = make_session(1)
    saved_at = time.monotonic()
    [path] = a.save(session)

    on_b = synced_pair.wait_for_file(b, path.name, path.read_bytes())  # the watcher alone
    synced_pair.wait_until_in_sync()
    in_sync_at = time.monotonic()
    imported: list[str] = []
    while True:
        report, held = b.startup_scan()
        imported += report.imported
        if session.id in held or time.monotonic() - in_sync_at > ARRIVAL_S:
            break
        time.sleep(0.2)
    took = time.monotonic() - saved_at

    assert session.id in held, f"not in B's index {ARRIVAL_S} s after Syncthing was in sync"
    assert same(held[session.id], session)
    assert imported == [path.name]
    assert b.files() == a.files()
    TIMINGS["save on A → file on B (watcher only, no scan asked)"] = on_b
    TIMINGS["save on A → in B's index (with B's startup scan)"] = took
    print(f"save on A → file on B: {on_b:.2f} s; → in B's index: {took:.2f} s")
    synced_pair.assert_nothing_lost({session.id: session})


def test_an_edit_saved_on_b_replaces_as_copy(synced_pair):
    a, b = synced_pair.a, synced_pair.b
    session = make_session(2)
    [path] = a.save(session)
    synced_pair.wait_until_in_sync()
    report, held = b.startup_scan()
    assert report.imported == [path.name] and same(held[session.id], session)

    edited = make_session(2, weight=82.5, focus="lower, heavier", week=3)
    assert file_name(edited) == path.name  # same date: the edit keeps its file name
    b.save(edited)
    synced_pair.wait_until_in_sync()

    report, held = a.startup_scan()
    assert report.updated == [path.name]
    assert not report.trashed and not report.duplicates
    assert same(held[session.id], edited)
    assert decode(path.read_bytes()) == edited
    assert a.files() == b.files()
    assert synced_pair.conflict_copies(a) == synced_pair.conflict_copies(b) == []
    synced_pair.assert_nothing_lost({session.id: edited})


def test_a_delete_on_a_leaves_the_session_in_bs_trash_with_a_notice(synced_pair):
    a, b = synced_pair.a, synced_pair.b
    doomed, kept = make_session(3), make_session(4, day=17)
    a.save(doomed, kept)
    synced_pair.wait_until_in_sync()
    report, held = b.startup_scan()
    assert sorted(report.imported) == sorted([file_name(doomed), file_name(kept)])

    trashed_on_a = a.delete(doomed.id)
    synced_pair.wait_until_in_sync()
    assert not (b.folders.sessions / file_name(doomed)).exists()  # Syncthing deleted it on B

    report, held = b.startup_scan()
    [notice] = report.trashed
    assert notice.file_name == file_name(doomed)
    assert "gone from the folder" in notice.why
    assert notice.trash_path.parent == b.folders.trash
    assert same(decode(notice.trash_path.read_bytes()), doomed)
    assert same(decode(trashed_on_a.read_bytes()), doomed)
    assert doomed.id not in held and same(held[kept.id], kept)
    synced_pair.assert_nothing_lost({doomed.id: doomed, kept.id: kept})


def test_nothing_is_lost_after_saves_edits_and_deletes_on_both_sides(synced_pair):
    a, b = synced_pair.a, synced_pair.b
    on_a = [make_session(n, day=10 + n) for n in range(1, 5)]
    from_b = make_session(5, day=20, focus="upper")
    a.save(*on_a)
    b.save(from_b)
    synced_pair.wait_until_in_sync()
    for side in (a, b):
        report, held = side.startup_scan()
        assert len(held) == 5, f"{side.name} holds {sorted(held)}"

    edited = make_session(2, day=12, weight=90, week=4)
    b.save(edited)
    synced_pair.wait_until_in_sync()
    report, _ = a.startup_scan()
    assert report.updated == [file_name(edited)]
    a.delete(on_a[2].id)
    b.delete(from_b.id)
    synced_pair.wait_until_in_sync()

    live = {s.id: s for s in (on_a[0], edited, on_a[3])}
    for side, gone_elsewhere in ((a, from_b), (b, on_a[2])):
        report, held = side.startup_scan()
        assert [t.file_name for t in report.trashed] == [file_name(gone_elsewhere)]
        assert held.keys() == live.keys(), side.name
        assert all(same(held[i], live[i]) for i in live), side.name
    assert a.files() == b.files()
    assert synced_pair.conflict_copies(a) == synced_pair.conflict_copies(b) == []

    ever_saved = {s.id: s for s in (*on_a, from_b)} | {edited.id: edited}
    synced_pair.assert_nothing_lost(ever_saved)
    # And every copy of a session that is kept is one of its saved versions, readable.
    versions = {encode(s) for s in (*on_a, from_b, edited)}
    for where, session in synced_pair.sessions_kept():
        assert encode(session) in versions, where


def test_the_harness_keeps_paused_sides_apart_until_resumed(synced_pair):
    """pause() really disconnects (what the conflict tests will rely on): a file written on
    A while paused is not on B, and arrives once resumed."""
    a, b = synced_pair.a, synced_pair.b
    synced_pair.pause()
    synced_pair.write_file(a, "while-paused.txt", b"written on A while apart")
    synced_pair.scan()
    time.sleep(1.5)  # longer than the watcher's delay: it would have arrived by now
    assert not (b.folders.sessions / "while-paused.txt").exists()
    assert b.syncthing.status()["globalFiles"] == 0  # B has not even heard of it
    assert a.syncthing.status()["localFiles"] == 1

    synced_pair.resume()
    synced_pair.wait_until_in_sync()
    assert (b.folders.sessions / "while-paused.txt").read_bytes() == b"written on A while apart"


def cli(side, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command on one side's data folder and synced sessions folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAININGLOG_")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "traininglog",
            "--data-dir",
            str(side.folders.root),
            "--sessions-dir",
            str(side.folders.sessions),
            *args,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_bs_command_line_history_shows_a_session_saved_on_a(synced_pair):
    a, b = synced_pair.a, synced_pair.b
    session = make_session(5)
    [path] = a.save(session)
    synced_pair.wait_for_file(b, path.name, path.read_bytes())
    result = cli(b, "history", "--json")
    assert result.returncode == 0, result.stderr
    assert [s["_id"] for s in json.loads(result.stdout)] == [session.id]


def test_edits_on_both_sides_while_apart_end_as_one_conflict_to_resolve(synced_pair):
    a, b = synced_pair.a, synced_pair.b
    session = make_session(6)
    [path] = a.save(session)
    synced_pair.wait_until_in_sync()
    b.startup_scan()
    synced_pair.pause()
    on_a, on_b = make_session(6, weight=90), make_session(6, weight=95)
    a.save(on_a)
    time.sleep(0.05)
    b.save(on_b)  # the later edit: Syncthing keeps it under the name
    synced_pair.resume()
    synced_pair.wait_until_in_sync()
    [copy_on_a] = synced_pair.conflict_copies(a)
    [copy_on_b] = synced_pair.conflict_copies(b)
    assert copy_on_a.name == copy_on_b.name
    # One conflict, on both sides; the copy is not read, both versions are kept.
    for side in (a, b):
        report, held = side.startup_scan()
        assert report.conflicts == [(copy_on_a.name, path.name)]
        assert list(held) == [session.id]
    versions = {encode(s) for _, s in synced_pair.sessions_kept() if s.id == session.id}
    assert {encode(on_a), encode(on_b)} <= versions
    check = cli(a, "check")
    assert check.returncode == 1 and "conflict copy of" in check.stderr
    # The lifter chooses on A: the copy's version (A's own edit) is the one file.
    kept_in_copy = decode(copy_on_a.read_bytes())
    resolved = cli(a, "resolve", copy_on_a.name, "--keep", "copy")
    assert resolved.returncode == 0, resolved.stderr
    synced_pair.wait_until_in_sync()
    assert synced_pair.conflict_copies(a) == synced_pair.conflict_copies(b) == []
    report, held = b.startup_scan()
    assert report.conflicts == [] and same(held[session.id], kept_in_copy)
    synced_pair.assert_nothing_lost({session.id: kept_in_copy})
    other = on_a if same(kept_in_copy, on_b) else on_b
    assert encode(other) in {encode(s) for _, s in synced_pair.sessions_kept()}  # in a trash


def test_a_file_a_newer_version_wrote_on_a_is_left_untouched_on_b(synced_pair):
    a, b = synced_pair.a, synced_pair.b
    session = make_session(7)
    [path] = a.save(session)
    synced_pair.wait_until_in_sync()
    b.startup_scan()
    newer = encode(make_session(7, weight=150)).replace(
        b'"dataModelVersion": "0.0.1"', b'"dataModelVersion": "2.0.0"'
    )
    synced_pair.write_file(a, path.name, newer)
    synced_pair.wait_for_file(b, path.name, newer)
    report, held = b.startup_scan()
    assert report.newer == [path.name] and held == {}
    assert report.quarantined == [] and report.trashed == []
    synced_pair.wait_until_in_sync()
    assert b.files()[path.name] == newer == a.files()[path.name]
    assert list(b.folders.quarantine.iterdir()) == []
    result = cli(b, "check")
    assert "written by a newer Training Log" in result.stderr
