"""The logging form's content as typed, before it is a valid session, and its file beside the
index, so an unsaved session survives a dead laptop.

May import `domain` and `files`.
"""
