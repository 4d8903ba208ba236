"""Peewee models of the index database. They never leave `store/`.

The tables mirror the session document: one row per session (with the file it came from and
summary figures for the history table), per exercise, and per set. Exercises and sets are
keyed by their position, so a whole history can be inserted with `executemany` and no id
bookkeeping. `migrations.py` owns the DDL; these models describe its latest schema.
"""

from __future__ import annotations

import peewee as pw

database = pw.DatabaseProxy()


class _Model(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False


class SessionRow(_Model):
    id = pw.TextField(primary_key=True)
    date = pw.TextField()  # exactly as the file has it
    started = pw.TextField()  # wall-clock ISO time, for ordering
    day = pw.TextField()  # YYYY-MM-DD
    user_id = pw.TextField()
    user_name = pw.TextField()
    phase = pw.IntegerField(null=True)
    week = pw.IntegerField(null=True)
    is_deload_week = pw.BooleanField()
    focus = pw.TextField(null=True)
    file_name = pw.TextField(unique=True)
    file_size = pw.IntegerField()
    file_mtime_ns = pw.IntegerField()
    file_sha256 = pw.TextField()
    exercise_count = pw.IntegerField()
    warmup_set_count = pw.IntegerField()
    working_set_count = pw.IntegerField()
    volume_kg = pw.FloatField()
    body_weight_kg = pw.FloatField(null=True)  # the lifter weighed that day, or NULL

    class Meta:
        table_name = "session"


class ExerciseRow(_Model):
    session = pw.ForeignKeyField(SessionRow, column_name="session_id", on_delete="CASCADE")
    position = pw.IntegerField()
    name = pw.TextField()
    name_key = pw.TextField()
    started = pw.TextField()
    muscle_groups = pw.TextField()  # comma-separated vocabulary words
    superset = pw.TextField(null=True)  # the group letter, or NULL

    class Meta:
        table_name = "exercise"
        primary_key = pw.CompositeKey("session", "position")


class SetRow(_Model):
    session = pw.ForeignKeyField(SessionRow, column_name="session_id", on_delete="CASCADE")
    exercise_position = pw.IntegerField()
    kind = pw.TextField()  # "warmup" or "working"
    number = pw.IntegerField()
    weight_kg = pw.FloatField()
    reps_full = pw.IntegerField()
    reps_partial = pw.IntegerField()
    rpe = pw.FloatField(null=True)
    rep_assessment = pw.TextField(null=True)
    rest_minutes = pw.FloatField(null=True)
    notes = pw.TextField(null=True)
    body_weight = pw.TextField(null=True)  # "plus", "minus", or NULL for a plain set
    load_kg = pw.FloatField(null=True)  # what figures count; NULL: no weigh-in to count yet

    class Meta:
        table_name = "set"
        primary_key = pw.CompositeKey("session", "exercise_position", "kind", "number")


ALL_MODELS = (SessionRow, ExerciseRow, SetRow)
