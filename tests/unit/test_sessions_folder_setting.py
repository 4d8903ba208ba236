"""One sessions folder for both doors: `--sessions-dir`, `TRAININGLOG_SESSIONS_DIR` and the
data folder's settings file, which the window's Settings writes and the command line reads."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from traininglog import cli
from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.folder_settings import (
    SESSIONS_DIR_VARIABLE,
    resolve_folders,
    settings_file,
    write_sessions_folder,
)
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.sessionfiles import encode, file_name


@pytest.fixture(autouse=True)
def no_folder_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SESSIONS_DIR_VARIABLE, raising=False)
    monkeypatch.delenv("TRAININGLOG_DATA_DIR", raising=False)


def a_session(n: int = 1) -> Session:
    return Session(
        id=f"{n:08x}-1111-4222-8333-444455556666",
        date=datetime(2026, 3, n, 18, 0),
        exercises=(Exercise(1, "Barbell Back Squat", ("quads",), (), (WorkingSet(1, 100, 5),)),),
        user_id="u",
        user_name="U",
    )


def history_ids(capsys, *args: str) -> list[str]:
    capsys.readouterr()
    assert cli.main([*args, "history", "--json"]) == 0
    return [s["_id"] for s in json.loads(capsys.readouterr().out)]


def synced_folder_with_one_session(tmp_path: Path) -> tuple[Path, Session]:
    synced = tmp_path / "Sync" / "training"
    synced.mkdir(parents=True)
    s = a_session()
    (synced / file_name(s)).write_bytes(encode(s))
    return synced, s


def test_sessions_dir_on_the_command_line(tmp_path: Path, capsys) -> None:
    synced, s = synced_folder_with_one_session(tmp_path)
    data = tmp_path / "data"
    ids = history_ids(capsys, "--data-dir", str(data), "--sessions-dir", str(synced))
    assert ids == [s.id]
    # The index and the rest stay in the data folder; nothing of them in the synced one.
    assert (data / "traininglogs.db").is_file() and (data / "trash").is_dir()
    assert sorted(p.name for p in synced.iterdir()) == [file_name(s)]


def test_sessions_dir_from_the_environment(tmp_path: Path, capsys, monkeypatch) -> None:
    synced, s = synced_folder_with_one_session(tmp_path)
    monkeypatch.setenv(SESSIONS_DIR_VARIABLE, str(synced))
    assert history_ids(capsys, "--data-dir", str(tmp_path / "data")) == [s.id]


def test_the_settings_file_is_read_by_the_command_line(tmp_path: Path, capsys) -> None:
    synced, s = synced_folder_with_one_session(tmp_path)
    data = tmp_path / "data"
    write_sessions_folder(data, synced)
    assert json.loads(settings_file(data).read_text()) == {
        "settingsVersion": 1,
        "sessionsFolder": str(synced),
    }
    assert history_ids(capsys, "--data-dir", str(data)) == [s.id]
    # A save from the command line's import lands in the synced folder too.
    other = a_session(2)
    incoming = tmp_path / "incoming.json"
    incoming.write_bytes(encode(other))
    assert cli.main(["--data-dir", str(data), "import", str(incoming)]) == 0
    assert (synced / file_name(other)).read_bytes() == encode(other)


def test_the_command_line_wins_over_the_variable_and_the_file(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "data"
    write_sessions_folder(data, tmp_path / "from-file")
    assert resolve_folders(data).sessions == tmp_path / "from-file"
    monkeypatch.setenv(SESSIONS_DIR_VARIABLE, str(tmp_path / "from-env"))
    assert resolve_folders(data).sessions == tmp_path / "from-env"
    assert resolve_folders(data, tmp_path / "given").sessions == tmp_path / "given"
    write_sessions_folder(data, None)  # back to DIR/sessions
    monkeypatch.delenv(SESSIONS_DIR_VARIABLE)
    assert resolve_folders(data) == DataDirectory(data)


def test_a_synced_folder_that_is_not_there_is_never_made(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "Sync" / "not-synced-yet"
    code = cli.main(["--data-dir", str(tmp_path / "d"), "--sessions-dir", str(missing), "check"])
    err = capsys.readouterr().err
    assert code == 1
    assert str(missing) in err and "not there" in err
    assert not missing.exists()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"sessionsFolder": 42}', "sessionsFolder must be a folder's path"),
        ('{"sessionsFolder": "/x",', "line 1"),
        ("[]", "must be a JSON object"),
    ],
)
def test_a_broken_settings_file_is_named_with_what_is_wrong(
    tmp_path: Path, capsys, text: str, said: str
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    settings_file(data).write_text(text, encoding="utf-8")
    assert cli.main(["--data-dir", str(data), "history"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"traininglog: {settings_file(data)}: ") and said in err
    assert settings_file(data).read_text(encoding="utf-8") == text  # left as the lifter wrote it


def test_a_logbook_on_a_synced_folder_keeps_its_own_files_local(tmp_path: Path) -> None:
    synced, s = synced_folder_with_one_session(tmp_path)
    folders = DataDirectory(tmp_path / "data", synced)
    with Logbook(folders) as book:
        assert reconcile.sync(folders).imported == [file_name(s)]
        book.delete(s.id)
    assert list(synced.iterdir()) == []
    assert [p.name for p in folders.trash.iterdir()] == [file_name(s)]
