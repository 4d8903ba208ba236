"""Correcting an import: `import --replace` reads a file again over the sessions it gave.

The lifter imported a Strong export with the wrong --weight-unit; importing it again with the
right one must say why nothing was added, and --replace must put the new reading in place,
keep the old one in trash/, and say how to bring it back.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from traininglog import cli

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "imports" / "strong_classic.csv"


class Cli:
    def __init__(self, data: Path, capsys: pytest.CaptureFixture[str]):
        self.data, self.capsys = data, capsys
        self.err = ""

    def __call__(self, *args: str) -> int:
        self.capsys.readouterr()
        code = cli.main(["--data-dir", str(self.data), *args])
        out, self.err = self.capsys.readouterr()
        self.out = out
        return code

    def bench_weights(self) -> list[float]:
        assert self("history", "--json", "--exercise", "Barbell Bench Press") == 0, self.err
        return [row["weightKg"] for row in json.loads(self.out)]


@pytest.fixture
def tl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "data", capsys)


def session_files(data: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data / "sessions").iterdir())}


def test_importing_again_with_another_unit_says_why_nothing_was_added(tl: Cli):
    assert tl("import", "--weight-unit", "lb", str(EXPORT)) == 0, tl.err
    before = session_files(tl.data)
    assert tl("import", "--weight-unit", "kg", str(EXPORT)) == 0, tl.err
    assert (
        "nothing added: all 3 sessions were imported before, and 3 read differently now; "
        "use --replace to replace them with this reading" in tl.err
    )
    assert session_files(tl.data) == before


def test_importing_the_same_reading_again_says_it_is_all_there(tl: Cli):
    assert tl("import", "--weight-unit", "kg", str(EXPORT)) == 0, tl.err
    assert tl("import", "--weight-unit", "kg", str(EXPORT)) == 0, tl.err
    assert "nothing added: all 3 sessions were imported before, unchanged" in tl.err
    assert "--replace" not in tl.err


def test_replace_reads_the_file_again_and_keeps_the_old_reading_in_trash(tl: Cli):
    assert tl("import", "--weight-unit", "lb", str(EXPORT)) == 0, tl.err
    in_pounds = tl.bench_weights()
    old_files = session_files(tl.data)

    assert tl("import", "--replace", "--weight-unit", "kg", str(EXPORT)) == 0, tl.err
    assert "replaced 3 session(s) with this reading" in tl.err
    said = tl.err
    in_kilos = tl.bench_weights()
    assert in_kilos[0] == 80 and in_pounds[0] == pytest.approx(80 * 0.45359237, abs=0.01)
    assert sorted(session_files(tl.data)) == sorted(old_files)  # same sessions, new reading

    # The old versions are in one folder of trash/, and the message says how to undo.
    undo = re.search(r"to undo: traininglog --data-dir (\S+) import --replace (\S+)", said)
    assert undo, said
    trash = Path(undo[2])
    assert trash.parent == tl.data / "trash"
    assert {p.name: p.read_bytes() for p in sorted(trash.iterdir())} == old_files

    # Both stores agree after the replace.
    assert tl("check", "--deep") == 0, tl.err

    # The printed command brings the old reading back.
    assert tl("import", "--replace", undo[2]) == 0, tl.err
    assert tl.bench_weights() == in_pounds
    assert session_files(tl.data) == old_files
    assert tl("check", "--deep") == 0, tl.err


def test_replace_with_nothing_changed_replaces_nothing(tl: Cli):
    assert tl("import", "--weight-unit", "kg", str(EXPORT)) == 0, tl.err
    before = session_files(tl.data)
    assert tl("import", "--replace", "--weight-unit", "kg", str(EXPORT)) == 0, tl.err
    assert "replaced" not in tl.err
    assert session_files(tl.data) == before
    assert not (tl.data / "trash").exists() or not any((tl.data / "trash").iterdir())


def test_replace_also_replaces_a_session_edited_since_import_and_trashes_the_edit(tl: Cli):
    from traininglog.datafolder.datadir import DataDirectory
    from traininglog.datafolder.logbook import Logbook
    from traininglog.store import queries

    assert tl("import", "--weight-unit", "lb", str(EXPORT)) == 0, tl.err
    with Logbook(DataDirectory(tl.data)) as logbook:
        session = next(iter(queries.load_sessions()))
        edited = dataclasses.replace(session, focus="edited in the app")
        logbook.save(edited)
    assert tl("import", "--replace", "--weight-unit", "kg", str(EXPORT)) == 0, tl.err
    assert "replaced 3 session(s) with this reading" in tl.err
    trash = Path(re.search(r"import --replace (\S+)", tl.err).group(1))
    kept = [json.loads(p.read_text(encoding="utf-8")) for p in trash.iterdir()]
    assert "edited in the app" in {doc.get("focus") for doc in kept}


def test_dry_run_with_replace_changes_nothing(tl: Cli):
    assert tl("import", "--weight-unit", "lb", str(EXPORT)) == 0, tl.err
    before = session_files(tl.data)
    assert tl("import", "--dry-run", "--replace", "--weight-unit", "kg", str(EXPORT)) == 0
    assert "would replace 3 session(s)" in tl.err
    assert session_files(tl.data) == before
