"""The SQLite index: models, migrations, queries and writes. Models never leave this package."""
