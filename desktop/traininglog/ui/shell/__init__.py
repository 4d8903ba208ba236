"""The application around the pages: startup and the QApplication, the main window with its
menus and status bar, and the self-test the installed package runs.

The top of `ui`: may import every other `ui` package and everything below.
"""
