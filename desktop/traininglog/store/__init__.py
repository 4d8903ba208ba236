"""The SQLite index: models, migrations, queries and writes. Models never leave this package:
queries return domain values, and the only code that imports Peewee is here.

May import `domain`, `files` and `sessionfiles`.
"""
