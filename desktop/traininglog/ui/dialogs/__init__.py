"""The dialogs: import with its preview and name mapping, export, check, errors, settings and
the sessions kept in trash.

May import `ui.common`, the controller and the layers below; not the pages.
"""
