"""The Log page: the session header, the set grids, the last-time panel, the draft editor and
the label with the paths the last save wrote.

May import `ui.common`, the controller and the layers below; not the other pages.
"""
