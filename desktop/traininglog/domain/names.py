"""How exercise names are compared: case, spaces and punctuation do not matter."""

from functools import lru_cache


# A lifter uses a few hundred names; every lookup of last time, of a history or of a record
# makes the key of one, which cost a third of a last-time lookup.
@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """ "barbellbenchpress" for "Barbell Bench-Press"; the key every name lookup uses."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())
