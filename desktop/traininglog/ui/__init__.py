"""The Qt windows, forms and views: the only code that imports QtWidgets.

`common` is shared by the pages (`logging_form`, `history`) and `dialogs`, which do not import
each other; `shell` builds the window from them all.
"""
