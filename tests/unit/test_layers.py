"""The package's layers, read from its imports: every arrow points down.

Each package has a rank; a module may import its own package and any package ranked below
its own, never one beside or above it. Qt's widgets are for `ui/` alone, the domain knows
neither Qt nor the database library, and Peewee stays inside `store/`. The checker runs on
the real package, and on a small tree with wrong imports to show that it would catch them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "traininglog"

# Bottom to top. Packages on one line are siblings: neither may import the other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("domain",),
    ("files", "formats"),
    ("sessionfiles", "exercises", "drafts"),
    ("store", "importers", "exporters"),
    ("datafolder",),
    ("controller",),
    ("ui.common",),
    ("ui.logging_form", "ui.history", "ui.dialogs"),
    ("ui.shell",),
    ("cli",),
    ("__main__",),
)
# The only modules that are not in a package.
LOOSE_MODULES = {"__init__", "__main__", "cli", "controller"}
# Third-party packages and the units allowed to import them.
ONLY_IN = {
    "PySide6.QtWidgets": ("ui",),
    "PySide6.QtCharts": ("ui",),
    "PySide6": ("ui", "controller", "cli"),
    "peewee": ("store",),
}


@dataclass(frozen=True)
class Arrow:
    source: str  # the importing module, as a path inside the package
    line: int
    target: str  # the module imported, dotted, without the package's name


def unit_of(parts: list[str]) -> str:
    """The unit a dotted module belongs to: `ui.history` for `ui.history.page`, `store` for
    `store.db`, `cli` for `cli`; "" for the package's own `__init__`."""
    if not parts:
        return ""
    if parts[0] == "ui" and len(parts) > 1:
        return f"ui.{parts[1]}"
    return parts[0]


def arrows(package: Path) -> list[Arrow]:
    """Every import in the package's modules, relative ones resolved."""
    found = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        parts = list(relative.with_suffix("").parts)
        here = parts[:-1]  # the package the module is in
        if parts[-1] == "__init__":
            parts = here
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here[: len(here) - node.level + 1]
                    module = ".".join([package.name, *base, *filter(None, [node.module])])
                else:
                    module = node.module or ""
                # `from . import faults` imports a module; `from .x import name` imports x.
                targets = (
                    [f"{module}.{alias.name}" for alias in node.names]
                    if not node.module
                    else [module]
                )
            else:
                continue
            found.extend(Arrow(relative.as_posix(), node.lineno, t) for t in targets)
    return found


def wrong_arrows(package: Path) -> list[str]:
    """One line per import that points the wrong way, per module outside a package, and per
    third-party import in a unit that may not have it."""
    rank = {unit: n for n, layer in enumerate(LAYERS) for unit in layer}
    problems = []
    for path in sorted(package.glob("*.py")):
        if path.stem not in LOOSE_MODULES:
            problems.append(f"{path.name}: a module outside any package")
    for arrow in arrows(package):
        source_parts = list(Path(arrow.source).with_suffix("").parts)
        if source_parts[-1] == "__init__":
            source_parts = source_parts[:-1]
        source = unit_of(source_parts)
        where = f"{arrow.source}:{arrow.line}"
        for third_party, allowed in ONLY_IN.items():
            if arrow.target == third_party or arrow.target.startswith(third_party + "."):
                if not any(source == a or source.startswith(a + ".") for a in allowed):
                    problems.append(f"{where}: {source or 'the package'} imports {third_party}")
                break
        if not arrow.target.startswith(package.name + "."):
            continue
        target_parts = arrow.target.split(".")[1:]
        first = target_parts[0] if target_parts else ""
        if not ((package / first).is_dir() or (package / f"{first}.py").is_file()):
            target_parts = []  # a name the package's own __init__ defines (its version)
        target = unit_of(target_parts)
        if target in ("", source) or source == "":
            continue  # the package's own root (its version), or the unit itself
        if target not in rank or source not in rank:
            unknown = target if target not in rank else source
            problems.append(f"{where}: {unknown} is in no layer")
        elif rank[target] == rank[source]:
            problems.append(f"{where}: {source} imports its sibling {target}")
        elif rank[target] > rank[source]:
            problems.append(f"{where}: {source} imports {target}, which is above it")
    return problems


def test_every_import_of_the_application_points_down() -> None:
    assert wrong_arrows(PACKAGE) == []


def test_every_package_is_in_a_layer() -> None:
    """A new package must be given its place, or the checker would not look at it."""
    units = {unit_of(list(p.relative_to(PACKAGE).parts)) for p in PACKAGE.iterdir() if p.is_dir()}
    units |= {f"ui.{p.name}" for p in (PACKAGE / "ui").iterdir() if p.is_dir()}
    units -= {"__pycache__", "ui", "ui.__pycache__"}
    assert units <= {unit for layer in LAYERS for unit in layer}


def test_every_package_says_what_it_owns() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 8, f"{init.relative_to(PACKAGE)} has no docstring"


def write_tree(root: Path, files: dict[str, str]) -> Path:
    package = root / "traininglog"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


@pytest.fixture
def wrong_tree(tmp_path: Path) -> Path:
    """A small package with one wrong import of every kind the checker knows."""
    return write_tree(
        tmp_path,
        {
            "__init__.py": '"""root"""\n',
            "cli.py": "from .datafolder.logbook import Logbook\n",
            "loose_helper.py": "X = 1\n",
            "domain/__init__.py": "import peewee\n",
            "domain/session.py": "from ..store import queries\n",
            "store/__init__.py": "",
            "store/queries.py": "import peewee\nfrom ..importers import detect\n",
            "importers/__init__.py": "",
            "importers/detect.py": "from ..domain.session import X\n",
            "exporters/csv_table.py": "from ..importers.own_csv import HEADER\n",
            "datafolder/logbook.py": "from PySide6.QtWidgets import QWidget\nfrom . import x\n",
            "ui/__init__.py": "",
            "ui/common/theme.py": "from ..history.page import HistoryPage\n",
            "ui/history/page.py": "from PySide6.QtWidgets import QWidget\nfrom ..common import t\n",
            "ui/dialogs/error_dialog.py": "from ..history import page\n",
            "gadgets/thing.py": "from ..domain import X\n",
        },
    )


def test_the_checker_catches_each_kind_of_wrong_import(wrong_tree: Path) -> None:
    assert wrong_arrows(wrong_tree) == [
        "loose_helper.py: a module outside any package",
        "datafolder/logbook.py:1: datafolder imports PySide6.QtWidgets",
        "domain/__init__.py:1: domain imports peewee",
        "domain/session.py:1: domain imports store, which is above it",
        "exporters/csv_table.py:1: exporters imports its sibling importers",
        "gadgets/thing.py:1: gadgets is in no layer",
        "store/queries.py:2: store imports its sibling importers",
        "ui/common/theme.py:1: ui.common imports ui.history, which is above it",
        "ui/dialogs/error_dialog.py:1: ui.dialogs imports its sibling ui.history",
    ]


def test_the_checker_passes_a_tree_whose_arrows_point_down(tmp_path: Path) -> None:
    package = write_tree(
        tmp_path,
        {
            "cli.py": "from .ui.shell import application\nfrom . import version\n",
            "store/db.py": "import peewee\nfrom ..domain import Session\nfrom . import models\n",
            "ui/history/page.py": "from PySide6.QtWidgets import QWidget\nfrom ..common import t\n",
            "ui/common/theme.py": "from ...files.atomic import write_atomically\n",
        },
    )
    assert wrong_arrows(package) == []
