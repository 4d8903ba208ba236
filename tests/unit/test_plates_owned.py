"""The plates owned as a lifter writes them in Settings: "25×8, 20×2, 1.25×2"."""

from __future__ import annotations

from fractions import Fraction

import pytest

from traininglog.domain.plates import STANDARD_KG, STANDARD_LB
from traininglog.domain.plates_owned import parse_plates_owned, plates_owned_text

F = Fraction


def test_the_standard_sets_read_back_from_their_text() -> None:
    assert plates_owned_text(STANDARD_KG) == "25×8, 20×2, 15×2, 10×2, 5×2, 2.5×2, 1.25×2"
    assert parse_plates_owned(plates_owned_text(STANDARD_KG)) == STANDARD_KG.plates
    assert parse_plates_owned(plates_owned_text(STANDARD_LB)) == STANDARD_LB.plates


@pytest.mark.parametrize(
    "text",
    ["25x8, 2.5x2", "25 × 8 ; 2,5 × 2", "25*8\n2.5X2", " 25x8 , 2.5x2 , "],
)
def test_x_star_comma_decimal_and_semicolons_all_read(text: str) -> None:
    assert parse_plates_owned(text) == ((F(25), 8), (F(5, 2), 2))


def test_one_weight_written_twice_is_counted_together() -> None:
    assert parse_plates_owned("20×2, 20×4") == ((F(20), 6),)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "no plates"),
        ("25", "“25” is not weight×count"),
        ("25×two", "“25×two” is not weight×count"),
        ("0×2", "“0×2”: a plate weighs more than 0"),
        ("25×0", "“25×0”: a count of at least 1"),
        ("25×2.5", "“25×2.5” is not weight×count"),
        ("25×100000", "“25×100000”: at most 1000 plates"),
    ],
)
def test_bad_text_says_which_part_and_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_plates_owned(text)
    assert words in str(raised.value)
