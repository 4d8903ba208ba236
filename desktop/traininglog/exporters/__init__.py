"""Writing the history out: session files, CSV. Qt-free."""
