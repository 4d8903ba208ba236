"""The ranges a session may hold. The schema states the same numbers; a test keeps them equal."""

MAX_WEIGHT_KG = 1000
MAX_REPS = 1000
MIN_RPE = 1
MAX_RPE = 10
RPE_STEP = 0.5
MAX_REST_MINUTES = 180
MAX_NOTES_CHARS = 2000
MAX_NAME_CHARS = 100
MAX_FOCUS_CHARS = 100
MAX_USER_CHARS = 100
MAX_PHASE = 100
MAX_WEEK = 520
MIN_BODY_WEIGHT_KG = 20
MAX_BODY_WEIGHT_KG = 400
MAX_EXERCISES = 200  # a circuit day in FitNotes can hold well over 50
MAX_SETS = 200
