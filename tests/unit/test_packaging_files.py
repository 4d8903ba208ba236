"""What the installers ship besides the code: menu entry, AppStream metadata, icons, self-test.

Fast checks for the normal run; packaging/test_bundle.sh builds and tests the real .deb.
"""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

REPO = Path(__file__).resolve().parents[2]
RESOURCES = REPO / "resources"
DESKTOP_FILE = RESOURCES / "training-log.desktop"
APP_ID = "io.github.traininglog.TrainingLog"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
ICON_NAME = "training-log"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
COMMAND = "traininglog"


def pyproject_text() -> str:
    return (REPO / "pyproject.toml").read_text(encoding="utf-8")


def project_version() -> str:
    match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject_text(), re.MULTILINE)
    assert match, "pyproject.toml has no version"
    return match.group(1)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def metainfo() -> ET.Element:
    return ET.parse(METAINFO).getroot()


# -- the menu entry ---------------------------------------------------------------------------


def test_the_desktop_entry_starts_the_command_with_the_app_icon():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Training Log"
    assert entry["Exec"].split()[0] == COMMAND
    assert entry["Icon"] == ICON_NAME
    assert entry["Terminal"] == "false"


def test_the_command_in_the_menu_entry_is_the_one_the_project_installs():
    assert re.search(rf'^{COMMAND} = "traininglog\.cli:main"', pyproject_text(), re.MULTILINE)


def test_desktop_file_validate_passes():
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


# -- the AppStream metadata -------------------------------------------------------------------


def test_the_metainfo_names_the_app_its_menu_entry_and_its_command():
    root = metainfo()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == "Training Log"
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP_FILE.name
    assert root.findtext("provides/binary") == COMMAND
    assert root.find("content_rating").get("type") == "oars-1.1"
    assert root.find("screenshots/screenshot/image").text.startswith("https://")


def test_the_metainfo_has_a_release_entry_for_this_version():
    releases = [r.get("version") for r in metainfo().iterfind("releases/release")]
    assert project_version() in releases, (
        f'add a <release version="{project_version()}"> to {METAINFO.name}'
    )


def test_appstreamcli_validate_passes():
    tool = require_tool("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


# -- the icon ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ICON_SIZES)
def test_every_hicolor_icon_is_a_png_of_its_size(size: int):
    path = RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
    assert path.is_file(), f"{path} is missing: run packaging/render_icons.py"
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not an image"
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()


def test_the_pngs_are_rendered_from_the_current_svg(qapp):
    render_icons = load_script("render_icons")
    assert render_icons.SIZES == ICON_SIZES
    for size in ICON_SIZES:
        source = render_icons.source_for(size)
        fresh = render_icons.render(source, size)
        shipped = QImage(str(render_icons.target_for(size)))
        assert render_icons.looks_the_same(shipped, fresh), (
            f"the {size}px PNG differs from {source.name}: run packaging/render_icons.py"
        )


def test_the_icon_check_allows_other_antialiasing_but_not_another_drawing(qapp):
    """Another machine's renderer differs by a few levels at the edges; an edit differs more."""
    render_icons = load_script("render_icons")
    fresh = render_icons.render(render_icons.source_for(128), 128)

    other_renderer = fresh.copy()
    for x in range(0, 128, 3):  # a few levels off along many pixels, as antialiasing is
        for y in range(0, 128, 3):
            c = other_renderer.pixelColor(x, y)
            c.setRed(min(255, c.red() + 3))
            other_renderer.setPixelColor(x, y, c)
    assert render_icons.looks_the_same(other_renderer, fresh)

    edited = fresh.copy()
    painter = QPainter(edited)
    painter.fillRect(40, 40, 48, 10, QColor("#ff00ff"))  # a new stroke
    painter.end()
    assert not render_icons.looks_the_same(edited, fresh)
    assert not render_icons.looks_the_same(QImage(), fresh)


# -- what the bundle relies on ----------------------------------------------------------------


def test_the_bundle_can_leave_out_the_iri_format_checker():
    """The spec excludes rfc3987_syntax (a 3 s grammar compile); the schema must not need it."""
    schema = (REPO / "data" / "schemas" / "training_session_log.schema.json").read_text()
    formats = set(re.findall(r'"format":\s*"([^"]+)"', schema))
    assert formats <= {"uuid", "date-time", "date"}, formats


def test_the_deb_depends_on_every_qt_library_the_setup_script_installs():
    setup = (REPO / "scripts" / "setup.sh").read_text(encoding="utf-8")
    qt_libs = re.search(r"QT_LIBS=\(([^)]*)\)", setup)
    assert qt_libs, "scripts/setup.sh has no QT_LIBS"
    build = (REPO / "packaging" / "build.sh").read_text(encoding="utf-8")
    depends = re.search(r'DEPENDS="([^"]*)"', build)
    assert depends, "packaging/build.sh has no DEPENDS"
    listed = {name.strip() for name in depends.group(1).replace("|", ",").split(",")}
    assert set(qt_libs.group(1).split()) <= listed


def test_the_spec_ships_the_files_shipped_file_looks_for():
    spec = (REPO / "packaging" / "training-log.spec").read_text(encoding="utf-8")
    for needed in (
        '"traininglog/data/schemas"',
        '"traininglog/data"',
        '"traininglog/resources"',
        'copy_metadata("training-log")',
    ):
        assert needed in spec
    assert (REPO / "data" / "schemas" / "training_session_log.schema.json").is_file()
    assert (REPO / "data" / "exercises.json").is_file()


# -- the self-test the bundle runs --------------------------------------------------------------


def test_the_self_test_saves_a_session_to_both_stores(tmp_path: Path):
    data = tmp_path / "data"
    result = run_self_test("--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    assert result.stderr.rstrip().endswith("self-test passed")
    files = list((data / "sessions").glob("training_session_*.json"))
    assert len(files) == 1
    assert str(files[0]) in result.stderr
    assert (data / "traininglogs.db").is_file()


def test_the_self_test_without_a_data_dir_leaves_nothing_behind(tmp_path: Path):
    result = run_self_test(env_extra={"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    written = re.search(r"^wrote (\S+\.json)$", result.stderr, re.MULTILINE)
    assert written and not Path(written.group(1)).exists()
    assert not list(tmp_path.iterdir())


def test_the_self_test_fails_with_a_message_when_another_app_writes_the_data(logbook):
    result = run_self_test("--data-dir", str(logbook.folders.root))
    assert result.returncode == 1
    last = result.stderr.rstrip().splitlines()[-1]
    assert last.startswith("self-test failed: another Training Log"), result.stderr
    assert "Traceback" not in result.stderr


# -- helpers ------------------------------------------------------------------------------------


def require_tool(name: str, apt_package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is not installed; install it with `apt-get install {apt_package}` "
            "(scripts/setup.sh does)"
        )
    return path


def load_script(name: str):
    path = REPO / "packaging" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_self_test(*args: str, env_extra: dict[str, str] | None = None):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("TRAININGLOG_DATA_DIR", None)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "traininglog.ui.shell.selftest", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
