"""Writing the history out: session files, a CSV table, markdown notes. Qt-free.

May import `domain`, `files`, `formats`, `sessionfiles` and `exercises`; never `importers`.
"""
