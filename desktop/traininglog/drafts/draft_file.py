"""The unsaved form on disk, so a dead laptop loses nothing that was typed."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from ..files.atomic import write_atomically
from .draft import Draft

DRAFT_FILE_NAME = "draft.json"


def draft_path(root: Path) -> Path:
    return root / DRAFT_FILE_NAME


def write_draft(root: Path, draft: Draft) -> None:
    """Write the draft atomically (a crash leaves the previous draft, never half of one)."""
    data = json.dumps({"draftVersion": 1, "draft": draft.to_json()}, ensure_ascii=False, indent=1)
    write_atomically(draft_path(root), data.encode("utf-8"))


def read_draft(root: Path) -> Draft | None:
    """The leftover draft, or None. An unreadable one is set aside as draft.json.unreadable."""
    path = draft_path(root)
    if not path.exists():
        return None
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return Draft.from_json(document["draft"])
    except (ValueError, KeyError, TypeError):
        with contextlib.suppress(OSError):
            path.replace(path.with_name(path.name + ".unreadable"))
        return None


def discard_draft(root: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        draft_path(root).unlink()
