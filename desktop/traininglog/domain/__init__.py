"""The lifter's world as plain values and rules: no Qt, no database, no files."""

from .session import (
    BODY_WEIGHT_LOAD_VERSION,
    BODY_WEIGHT_VERSION,
    DATA_MODEL_TYPE,
    DATA_MODEL_VERSION,
    GROUPS_VERSION,
    NEWEST_VERSION,
    Exercise,
    Session,
    WarmupSet,
    WorkingSet,
    new_session_id,
)
from .validation import InvalidSession, Problem, ensure_valid, problems

__all__ = [
    "BODY_WEIGHT_LOAD_VERSION",
    "BODY_WEIGHT_VERSION",
    "DATA_MODEL_TYPE",
    "DATA_MODEL_VERSION",
    "GROUPS_VERSION",
    "NEWEST_VERSION",
    "Exercise",
    "InvalidSession",
    "Problem",
    "Session",
    "WarmupSet",
    "WorkingSet",
    "ensure_valid",
    "new_session_id",
    "problems",
]
