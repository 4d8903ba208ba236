"""The progression rules file in the data folder, `DIR/progression_rules.json`: read strictly,
written atomically in its canonical form, imported from and exported to a file the lifter
picks. The text itself is `domain.progression_rules`'s."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..domain.progression import Rule
from ..domain.progression_rules import (
    RULES_FILE_NAME,
    InvalidRules,
    parse_rules,
    rules_text,
)
from ..files.atomic import write_atomically

_MAX_BYTES = 1024 * 1024


class RulesFileError(ValueError):
    """A rules file that can't be read; the message names the file, then each problem by its
    JSON path. `problems` lists them."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = path
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def rules_file(root: Path) -> Path:
    return root / RULES_FILE_NAME


def read_rules_from(path: Path) -> dict[str, Rule]:
    """The rules in `path`; RulesFileError when it can't be read or breaks a rule."""
    try:
        with open(path, "rb") as file:
            data = file.read(_MAX_BYTES + 1)
    except OSError as error:
        raise RulesFileError(path, [f"can't be read ({error.strerror or error})"]) from None
    if len(data) > _MAX_BYTES:
        raise RulesFileError(path, [f"larger than {_MAX_BYTES // 1024} KB; not a rules file"])
    try:
        return parse_rules(data)
    except InvalidRules as invalid:
        raise RulesFileError(path, [str(p) for p in invalid.problems]) from None


def read_progression_rules(root: Path) -> dict[str, Rule]:
    """The data folder's rules; none when it has no rules file yet."""
    path = rules_file(root)
    if not path.exists():
        return {}
    return read_rules_from(path)


def write_progression_rules(root: Path, rules: Mapping[str, Rule]) -> Path:
    """Write the rules to the data folder (atomically, canonical text); returns the file."""
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = rules_file(root)
    write_atomically(path, rules_text(rules).encode("utf-8"))
    return path


def import_progression_rules(root: Path, source: Path) -> dict[str, Rule]:
    """Take the rules of `source` as the data folder's, replacing them, once every one of them
    reads; a file with any problem changes nothing."""
    rules = read_rules_from(source)
    write_progression_rules(root, rules)
    return rules


def export_progression_rules(root: Path, target: Path) -> Path:
    """Write the data folder's rules to `target` (canonical text, atomically)."""
    write_atomically(target, rules_text(read_progression_rules(root)).encode("utf-8"))
    return target
