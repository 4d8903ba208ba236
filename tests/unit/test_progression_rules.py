"""The progression rules file: read strictly with every problem named by its JSON path,
written back byte for byte, and kept in the data folder."""

from __future__ import annotations

import json
import os
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from traininglog.datafolder.progression_rules_file import (
    RulesFileError,
    export_progression_rules,
    import_progression_rules,
    read_progression_rules,
    rules_file,
    write_progression_rules,
)
from traininglog.domain.names import name_key
from traininglog.domain.progression import (
    DeloadWeeks,
    DoubleProgression,
    FixedIncrement,
    TrainingMaxWeeks,
    WeekSet,
)
from traininglog.domain.progression_rules import (
    RULES_FILE_NAME,
    InvalidRules,
    parse_rules,
    rule_for,
    rules_text,
)

F = Fraction

CANONICAL = """\
{
  "rules": {
    "Barbell Bench Press": {
      "every": 4,
      "of": {
        "increment": 1.25,
        "repsHigh": 12,
        "repsLow": 8,
        "rule": "double-progression",
        "sets": 3,
        "unit": "kg"
      },
      "percent": 60,
      "rule": "deload-weeks"
    },
    "Barbell Squat": {
      "deloadPercent": 10,
      "failuresBeforeDeload": 3,
      "increment": 2.5,
      "reps": 5,
      "rule": "fixed-increment",
      "sets": 3,
      "startWeight": 102.5,
      "unit": "kg"
    },
    "Deadlift": {
      "cycleIncrement": 10,
      "rounding": "down",
      "rule": "training-max-weeks",
      "since": "2026-03-02",
      "trainingMax": 405,
      "unit": "lb",
      "weeks": [
        [
          {
            "percent": 65,
            "reps": 5
          },
          {
            "percent": 72.5,
            "reps": 5
          }
        ]
      ]
    },
    "Weighted Pull-Up": {
      "deloadPercent": 0.1,
      "failuresBeforeDeload": 2,
      "increment": 0.1,
      "reps": 8,
      "rule": "fixed-increment",
      "sets": 4,
      "unit": "kg"
    }
  },
  "rulesVersion": 1
}
"""


def test_the_canonical_file_reads_into_rules() -> None:
    rules = parse_rules(CANONICAL)
    assert rules == {
        "Barbell Bench Press": DeloadWeeks(DoubleProgression(8, 12, F(5, 4)), 4, 60),
        "Barbell Squat": FixedIncrement(F(5, 2), 5, start_weight=F(205, 2)),
        "Deadlift": TrainingMaxWeeks(
            405,
            ((WeekSet(65, 5), WeekSet(F(145, 2), 5)),),
            cycle_increment=10,
            rounding="down",
            since=date(2026, 3, 2),
            unit="lb",
        ),
        "Weighted Pull-Up": FixedIncrement(
            F(1, 10), 8, sets=4, failures_before_deload=2, deload_percent=F(1, 10)
        ),
    }


def test_the_canonical_file_is_written_back_byte_for_byte() -> None:
    assert rules_text(parse_rules(CANONICAL)) == CANONICAL
    assert rules_text(parse_rules(CANONICAL.encode("utf-8"))).encode() == CANONICAL.encode()


def test_any_layout_is_written_back_in_the_canonical_one() -> None:
    squeezed = json.dumps(json.loads(CANONICAL), separators=(",", ":"))
    assert rules_text(parse_rules(squeezed.replace("2.5", "2.50"))) == CANONICAL


def test_a_name_with_quotes_and_accents_round_trips() -> None:
    rules = {'Développé "militaire"': DoubleProgression(6, 10, 2.5)}
    text = rules_text(rules)
    assert "Développé" in text  # written as is, not \\u-escaped
    assert parse_rules(text) == rules


def test_no_rules_is_a_file_too() -> None:
    assert rules_text({}) == '{\n  "rules": {},\n  "rulesVersion": 1\n}\n'
    assert parse_rules(rules_text({})) == {}


def test_a_weight_without_a_decimal_form_is_not_written() -> None:
    with pytest.raises(ValueError, match="no exact decimal form"):
        rules_text({"Squat": FixedIncrement(F(1, 3), 5)})


def test_the_rule_of_an_exercise_is_found_in_any_spelling() -> None:
    rules = parse_rules(CANONICAL)
    assert rule_for(rules, "weighted pullup") is rules["Weighted Pull-Up"]
    assert rule_for(rules, "BARBELL SQUAT") is rules["Barbell Squat"]
    assert rule_for(rules, "Front Squat") is None


# -- generated rules round-trip ------------------------------------------------------------------

decimals = st.integers(0, 4000).map(lambda n: F(n, 4)) | st.integers(0, 1000).map(
    lambda n: F(n, 10)
)
doubles = st.builds(
    lambda low, span, inc, sets, start, unit: DoubleProgression(
        low, low + span, inc, sets, start, unit
    ),
    st.integers(1, 20),
    st.integers(0, 10),
    decimals.filter(lambda x: x <= 100),
    st.integers(1, 10),
    st.none() | decimals,
    st.sampled_from(["kg", "lb"]),
)
linears = st.builds(
    FixedIncrement,
    decimals.filter(lambda x: x <= 100),
    st.integers(1, 20),
    st.integers(1, 10),
    st.integers(1, 5),
    st.integers(0, 900).map(lambda n: F(n, 10)),
    st.none() | decimals,
    st.sampled_from(["kg", "lb"]),
)
week_lists = st.lists(
    st.lists(
        st.builds(WeekSet, st.integers(10, 2000).map(lambda n: F(n, 10)), st.integers(1, 20)),
        min_size=1,
        max_size=5,
    ).map(tuple),
    min_size=1,
    max_size=6,
).map(tuple)
maxes = st.builds(
    TrainingMaxWeeks,
    decimals.filter(lambda x: x >= 1),
    week_lists,
    decimals.filter(lambda x: x <= 100),
    st.sampled_from(["nearest", "down", "up"]),
    st.none() | st.dates(date(2000, 1, 1), date(2100, 1, 1)),
    st.sampled_from(["kg", "lb"]),
)
base_rules = doubles | linears | maxes
any_rules = base_rules | st.builds(
    DeloadWeeks, base_rules, st.integers(2, 52), st.integers(10, 1000).map(lambda n: F(n, 10))
)
exercise_names = st.text(min_size=1, max_size=30).filter(lambda s: s.strip())


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(exercise_names, any_rules, max_size=4))
def test_any_rules_written_read_and_written_again_are_the_same(rules) -> None:
    keys = [name_key(name) for name in rules]
    assume(len(set(keys)) == len(keys))  # two spellings of one exercise are refused
    text = rules_text(rules)
    assert parse_rules(text) == rules
    assert rules_text(parse_rules(text)) == text


# -- every error names its path and the rule broken ------------------------------------------------


def broken(change) -> str:
    doc = json.loads(CANONICAL)
    change(doc)
    return json.dumps(doc)


def squat(doc) -> dict:
    return doc["rules"]["Barbell Squat"]


def problems_of(text: str | bytes) -> list[str]:
    with pytest.raises(InvalidRules) as caught:
        parse_rules(text)
    return [str(p) for p in caught.value.problems]


ERRORS = [
    (
        lambda d: squat(d).update(increment=-2.5),
        'rules["Barbell Squat"].increment: -2.5 is less than the minimum 0',
    ),
    (
        lambda d: squat(d).update(sets=60),
        'rules["Barbell Squat"].sets: 60 is greater than the maximum 50',
    ),
    (lambda d: squat(d).update(reps=5.5), 'rules["Barbell Squat"].reps: 5.5 is not a whole number'),
    (
        lambda d: squat(d).update(increment="2.5"),
        "rules[\"Barbell Squat\"].increment: '2.5' is not a number",
    ),
    (
        lambda d: squat(d).update(increment=True),
        'rules["Barbell Squat"].increment: true is not a number',
    ),
    (
        lambda d: squat(d).update(unit="stone"),
        "rules[\"Barbell Squat\"].unit: 'stone' is not one of: kg, lb",
    ),
    (lambda d: squat(d).pop("reps"), 'rules["Barbell Squat"].reps: is missing'),
    (
        lambda d: squat(d).update(step=2.5),
        'rules["Barbell Squat"].step: is not a field of a fixed-increment rule',
    ),
    (
        lambda d: squat(d).update(rule="wave"),
        "rules[\"Barbell Squat\"].rule: 'wave' is not one of: double-progression, "
        "fixed-increment, training-max-weeks, deload-weeks",
    ),
    (
        lambda d: squat(d).pop("rule"),
        'rules["Barbell Squat"].rule: is missing; one of: double-progression, '
        "fixed-increment, training-max-weeks, deload-weeks",
    ),
    (
        lambda d: d["rules"].update({"Barbell Squat": 5}),
        'rules["Barbell Squat"]: is a number, expected a rule (an object)',
    ),
    (
        lambda d: d["rules"]["Barbell Bench Press"]["of"].update(repsLow=15),
        'rules["Barbell Bench Press"].of.repsHigh: 12 is less than repsLow 15',
    ),
    (
        lambda d: d["rules"]["Barbell Bench Press"].update(
            of={"rule": "deload-weeks", "every": 4, "percent": 60, "of": squat(d)}
        ),
        "rules[\"Barbell Bench Press\"].of.rule: 'deload-weeks' is not one of: "
        "double-progression, fixed-increment, training-max-weeks",
    ),
    (
        lambda d: d["rules"]["Barbell Bench Press"].update(every=1),
        'rules["Barbell Bench Press"].every: 1 is less than the minimum 2',
    ),
    (
        lambda d: d["rules"]["Barbell Bench Press"].update(percent=0),
        'rules["Barbell Bench Press"].percent: 0 is less than the minimum 1',
    ),
    (
        lambda d: d["rules"]["Deadlift"].update(since="2026-02-30"),
        "rules[\"Deadlift\"].since: '2026-02-30' is not a day written YYYY-MM-DD",
    ),
    (
        lambda d: d["rules"]["Deadlift"].update(since="20260302"),
        "rules[\"Deadlift\"].since: '20260302' is not a day written YYYY-MM-DD",
    ),
    (
        lambda d: d["rules"]["Deadlift"].update(rounding="random"),
        "rules[\"Deadlift\"].rounding: 'random' is not one of: nearest, down, up",
    ),
    (
        lambda d: d["rules"]["Deadlift"].update(weeks=[]),
        'rules["Deadlift"].weeks: has 0 items; 1 to 52',
    ),
    (
        lambda d: d["rules"]["Deadlift"].update(weeks=[{"percent": 65, "reps": 5}]),
        'rules["Deadlift"].weeks[0]: is an object, expected an array',
    ),
    (
        lambda d: d["rules"]["Deadlift"]["weeks"][0][1].update(percent=250),
        'rules["Deadlift"].weeks[0][1].percent: 250 is greater than the maximum 200',
    ),
    (
        lambda d: d["rules"]["Deadlift"]["weeks"][0][1].pop("reps"),
        'rules["Deadlift"].weeks[0][1].reps: is missing',
    ),
    (
        lambda d: d["rules"].update({"barbell squat": d["rules"]["Barbell Squat"]}),
        'rules["barbell squat"]: is the same exercise as rules["Barbell Squat"]',
    ),
    (
        lambda d: d["rules"].update({"  ": d["rules"]["Barbell Squat"]}),
        'rules["  "]: is not an exercise name (1 to 100 characters)',
    ),
    (lambda d: d.update(rulesVersion=2), "rulesVersion: 2 is newer than this app reads (1)"),
    (lambda d: d.update(rulesVersion="1"), "rulesVersion: '1' is not a whole number"),
    (lambda d: d.pop("rulesVersion"), "rulesVersion: is missing"),
    (lambda d: d.update(extra=1), "extra: is not a field of the rules file"),
    (lambda d: d.update(rules=[]), "rules: is an array, expected an object of exercise names"),
]


@pytest.mark.parametrize(("change", "message"), ERRORS)
def test_each_error_names_its_path_and_rule(change, message: str) -> None:
    assert problems_of(broken(change)) == [message]


def test_every_problem_is_named_at_once() -> None:
    def three(doc) -> None:
        squat(doc).update(increment=-1, reps=0)
        doc["rules"]["Deadlift"].update(unit="st")

    assert problems_of(broken(three)) == [
        'rules["Barbell Squat"].increment: -1 is less than the minimum 0',
        'rules["Barbell Squat"].reps: 0 is less than the minimum 1',
        "rules[\"Deadlift\"].unit: 'st' is not one of: kg, lb",
    ]


def test_a_key_written_twice_is_named() -> None:
    text = CANONICAL.replace(
        '"reps": 5,\n      "rule"', '"reps": 5,\n      "reps": 6,\n      "rule"'
    )
    assert problems_of(text) == [
        'rules["Barbell Squat"].reps: is written twice in one object; which one is meant '
        "can't be told"
    ]
    twice = '{"rules": {"Squat": %s, "Squat": %s}, "rulesVersion": 1}' % (
        (json.dumps(json.loads(CANONICAL)["rules"]["Barbell Squat"]),) * 2
    )
    assert problems_of(twice)[0].startswith('rules["Squat"]: is written twice')


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is not valid JSON: Expecting value at line 1, column 1"),
        (b"\xff{}", "is not UTF-8 text (byte 1 cannot be read)"),
        ("[]", "is an array, expected the rules file (an object)"),
    ],
)
def test_what_is_not_a_rules_document_says_why(text, message: str) -> None:
    assert problems_of(text)[0].startswith(message)


def test_a_json_error_says_where() -> None:
    problem = problems_of('{"rules": {},\n "rulesVersion": 1,}')[0]
    assert problem.startswith("is not valid JSON: ")
    assert problem.endswith("at line 2, column 20")


def test_nan_is_not_a_number() -> None:
    text = CANONICAL.replace('"increment": 2.5', '"increment": NaN')
    assert problems_of(text) == ['rules["Barbell Squat"].increment: NaN is not a finite number']


# -- the file in the data folder -----------------------------------------------------------------


def test_no_rules_file_means_no_rules(tmp_path: Path) -> None:
    assert read_progression_rules(tmp_path) == {}


def test_the_rules_file_is_written_and_read_back(tmp_path: Path) -> None:
    rules = parse_rules(CANONICAL)
    path = write_progression_rules(tmp_path / "data", rules)
    assert path == tmp_path / "data" / RULES_FILE_NAME == rules_file(tmp_path / "data")
    assert path.read_bytes() == CANONICAL.encode()
    assert read_progression_rules(tmp_path / "data") == rules
    if os.name != "nt":
        assert path.stat().st_mode & 0o777 == 0o600
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_broken_rules_file_names_the_file_and_each_problem(tmp_path: Path) -> None:
    rules_file(tmp_path).write_text(CANONICAL.replace('"reps": 8', '"reps": 0'), "utf-8")
    with pytest.raises(RulesFileError) as caught:
        read_progression_rules(tmp_path)
    assert caught.value.problems == ['rules["Weighted Pull-Up"].reps: 0 is less than the minimum 1']
    assert str(caught.value) == (
        f'{rules_file(tmp_path)}: rules["Weighted Pull-Up"].reps: 0 is less than the minimum 1'
    )


def test_a_huge_file_is_not_read(tmp_path: Path) -> None:
    rules_file(tmp_path).write_bytes(b" " * (1024 * 1024 + 1))
    with pytest.raises(RulesFileError, match="larger than 1024 KB"):
        read_progression_rules(tmp_path)


def test_import_takes_a_valid_file_and_refuses_a_broken_one_whole(tmp_path: Path) -> None:
    data = tmp_path / "data"
    good = tmp_path / "mine.json"
    good.write_text(json.dumps(json.loads(CANONICAL)), "utf-8")
    assert import_progression_rules(data, good) == parse_rules(CANONICAL)
    assert rules_file(data).read_text("utf-8") == CANONICAL
    bad = tmp_path / "bad.json"
    bad.write_text(CANONICAL.replace('"sets": 4', '"sets": -4'), "utf-8")
    with pytest.raises(RulesFileError, match="sets: -4 is less than the minimum 1"):
        import_progression_rules(data, bad)
    assert rules_file(data).read_text("utf-8") == CANONICAL  # unchanged


def test_export_writes_the_canonical_text(tmp_path: Path) -> None:
    write_progression_rules(tmp_path, parse_rules(CANONICAL))
    out = export_progression_rules(tmp_path, tmp_path / "shared.json")
    assert out.read_text("utf-8") == CANONICAL
