"""The words a session file may use for muscle groups and for how the reps felt.

These lists are the schema's enums too (`data/schemas/training_session_log.schema.json`);
a unit test keeps the two in step.
"""

MUSCLE_GROUPS: tuple[str, ...] = (
    "chest",
    "lats",
    "upper-back",
    "traps",
    "front-delts",
    "side-delts",
    "rear-delts",
    "biceps",
    "triceps",
    "forearms",
    "abs",
    "obliques",
    "lower-back",
    "glutes",
    "quads",
    "hamstrings",
    "adductors",
    "abductors",
    "calves",
    "neck",
)

# How a working set's reps felt, from "had plenty left" to "did not get them all".
REP_ASSESSMENTS: tuple[str, ...] = (
    "easy",
    "good",
    "perfect",
    "hard",
    "grinder",
    "failed",
)

REP_ASSESSMENT_MEANINGS: dict[str, str] = {
    "easy": "moved fast, clearly more in the tank",
    "good": "solid reps, a little more in the tank",
    "perfect": "the planned effort, exactly",
    "hard": "slow but clean, little left",
    "grinder": "the last rep was a fight",
    "failed": "missed a rep or needed help",
}
