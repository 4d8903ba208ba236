"""One id form: every way of writing a session's UUID is stored lower-case and hyphenated, in
the file and in the index, so that import, rebuild, check and export agree on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from traininglog.formats.csv_columns import CSV_HEADER

CANONICAL = "3fcb25c2-5ca4-4c42-9530-f957959f633d"
FORMS = {
    "capitals": CANONICAL.upper(),
    "urn": f"urn:uuid:{CANONICAL}",
    "braces": "{" + CANONICAL + "}",
    "no hyphens": CANONICAL.replace("-", ""),
}
EXAMPLE = next((Path(__file__).resolve().parents[3] / "shared" / "examples").glob("*.json"))


def traininglog(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAININGLOG_")}
    return subprocess.run(
        [sys.executable, "-m", "traininglog", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def csv_with_id(path: Path, session_id: str) -> Path:
    row = dict.fromkeys(CSV_HEADER, "")
    row |= {
        "date": "2026-02-16T18:00:00",
        "session_id": session_id,
        "deload": "false",
        "exercise_order": "1",
        "exercise": "Barbell Back Squat",
        "set_type": "working",
        "set": "1",
        "weight_kg": "140",
        "reps_full": "3",
        "reps_partial": "0",
    }
    path.write_text(",".join(CSV_HEADER) + "\n" + ",".join(row.values()) + "\n")
    return path


def stored_ids(data: Path) -> list[str]:
    files = sorted((data / "sessions").glob("*.json"))
    return [json.loads(f.read_text())["_id"] for f in files]


@pytest.mark.parametrize("form", FORMS)
def test_an_odd_id_in_a_csv_is_stored_canonical_and_survives_rebuild(tmp_path, form) -> None:
    data = tmp_path / "log"
    source = csv_with_id(tmp_path / "export.csv", FORMS[form])
    imported = traininglog(data, "import", str(source))
    assert imported.returncode == 0, imported.stderr
    assert stored_ids(data) == [CANONICAL]
    assert traininglog(data, "rebuild").returncode == 0
    assert traininglog(data, "check").returncode == 0
    history = traininglog(data, "history", "--json")
    assert [s["_id"] for s in json.loads(history.stdout)] == [CANONICAL]
    # The same session written the canonical way is the same session: nothing added.
    again = traininglog(data, "import", str(csv_with_id(tmp_path / "again.csv", CANONICAL)))
    assert stored_ids(data) == [CANONICAL], again.stderr


def test_a_session_file_with_a_capitalised_id_is_the_same_session(tmp_path) -> None:
    data = tmp_path / "log"
    doc = json.loads(EXAMPLE.read_text())
    doc["_id"] = doc["_id"].upper()
    capitals = tmp_path / "capitals.json"
    capitals.write_text(json.dumps(doc, indent=2))
    assert traininglog(data, "import", str(capitals)).returncode == 0
    assert stored_ids(data) == [doc["_id"].lower()]
    plain = traininglog(data, "import", str(EXAMPLE))
    assert plain.returncode == 0, plain.stderr
    assert "already" in plain.stderr
    assert stored_ids(data) == [doc["_id"].lower()]
    assert traininglog(data, "rebuild").returncode == 0
    assert json.loads(traininglog(data, "history", "--json").stdout)[0]["_id"] == CANONICAL
