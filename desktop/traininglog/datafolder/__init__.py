"""The data folder and its keepers. `logbook.Logbook` is the save service, the only writer of
the index and the session files; `reconcile` is the startup scan, check and rebuild; beside
them the data directory's layout, the writer lock, backups, health, repair, quarantine, the
error descriptions a lifter reads and the error log.

May import `domain`, `files`, `sessionfiles`, `exercises`, `drafts`, `store` and `importers`
(the session files an import reads); never Qt.
"""
