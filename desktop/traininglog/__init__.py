"""Training Log: a desktop training log for people who lift."""

from __future__ import annotations

import functools


@functools.cache
def version() -> str:
    """The installed package's version (importlib.metadata is slow to import: asked lazily)."""
    from importlib import metadata

    try:
        return metadata.version("training-log")
    except metadata.PackageNotFoundError:  # a source tree that is not installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'traininglog' has no attribute {name!r}")
