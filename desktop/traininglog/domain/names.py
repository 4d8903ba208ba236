"""How exercise names are compared: case, spaces and punctuation do not matter."""


def name_key(name: str) -> str:
    """ "barbellbenchpress" for "Barbell Bench-Press"; the key every name lookup uses."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())
