"""The History page's parts: the sessions table's filters, one exercise's sets and records,
the progress charts, and exporting what is shown.

May import `ui.common`, the controller and the layers below; not the other pages.
"""
