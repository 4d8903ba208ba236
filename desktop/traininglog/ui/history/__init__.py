"""The History page's parts: the sessions table's filters, one exercise's sets and records,
the progress charts, and exporting what is shown."""
