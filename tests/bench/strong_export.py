"""A Strong CSV export of any size, for the `import_strong_10k_s` figure and its tests."""

from __future__ import annotations

from pathlib import Path


def write_strong_export(path: Path, rows: int) -> None:
    """`rows` rows of Strong's classic export: 20 rows a workout, warm-ups, rest timers."""
    header = (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE\n"
    )
    exercises = ("Bench Press (Barbell)", "Squat (Barbell)", "Deadlift (Barbell)", "Curl")
    lines = [header]
    for n in range(rows):
        workout, within = divmod(n, 20)
        day = f"20{10 + workout // 365:02d}-{1 + workout % 12:02d}-{1 + workout % 28:02d}"
        exercise = exercises[within // 5]
        order = "W" if within % 5 == 0 else ("Rest Timer" if within % 5 == 2 else within % 5)
        lines.append(
            f'{day} 18:{workout % 60:02d}:00,"Workout {workout}",1h 3m,"{exercise}",{order},'
            f'{60 + within * 2.5},5,0,90,"","",8.5\n'
        )
    path.write_text("".join(lines), encoding="utf-8")
