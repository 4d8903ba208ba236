"""Names for files moved out of the way: dated, and never over a file already there."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


def dated_free_path(folder: Path, stem: str, suffix: str) -> Path:
    """`folder/STEM-20260216-183000SUFFIX`, numbered `.1`, `.2`… when taken; makes `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target, n = folder / f"{stem}-{stamp}{suffix}", 0
    while target.exists():
        n += 1
        target = folder / f"{stem}-{stamp}.{n}{suffix}"
    return target
