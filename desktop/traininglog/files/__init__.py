"""Files on disk, whatever they hold: the crash-safe write, the named points where a test may
kill a save, and where the files that ship with the app are found.

The bottom of the package beside `domain`: imports nothing of the application.
"""
