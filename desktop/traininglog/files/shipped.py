"""Where the files that ship with the app live: in the wheel, in a bundle, or in a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

# traininglog/files/shipped.py → traininglog/
_PACKAGE = Path(__file__).resolve().parent.parent


def _candidates() -> list[Path]:
    bases = [_PACKAGE]  # wheel: traininglog/data, traininglog/resources
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        bases.append(Path(bundle) / "traininglog")
    bases.append(_PACKAGE.parent.parent)  # source checkout: desktop/traininglog → repo root
    return bases


def shipped_file(*parts: str) -> Path:
    """The path of a shipped file such as `shipped_file("data", "exercises.json")`."""
    for base in _candidates():
        path = base.joinpath(*parts)
        if path.exists():
            return path
    raise FileNotFoundError(f"{'/'.join(parts)} is missing from this installation")


def schema_path() -> Path:
    """The published session schema."""
    return shipped_file("data", "schemas", "training_session_log.schema.json")
