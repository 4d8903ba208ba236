"""Training Log: a desktop training log for people who lift."""

from importlib import metadata

try:
    __version__ = metadata.version("training-log")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
