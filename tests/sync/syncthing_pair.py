"""Two real Syncthing instances on the loopback interface, sharing one folder.

Each instance has its own home (keys, certificate, config.xml, database) and two free ports
on 127.0.0.1: one for the REST API (the GUI address, with an API key set here) and one for
the sync protocol (plain TCP, no QUIC). Discovery, relays, NAT traversal, usage and crash
reporting, upgrades and the browser are all off, so the two only ever talk to each other:
A dials B at the address written into A's config, B only accepts.

The keys come from the binary itself (`syncthing generate`, or `-generate=DIR` on versions
before subcommands); the generated config.xml is then edited, not written from scratch, so
that its version is always the one the binary expects.

    with SyncthingPair(tmp_path / "st", folder_a, folder_b) as pair:
        ...write into folder_a...
        pair.wait_until_in_sync()
        pair.pause()   # disconnected: edits on both sides stay apart
        pair.resume()

Nothing here knows about Training Log: the pair syncs whatever is in the two folders.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

FOLDER_ID = "trainingsessions"
# What the fixture says (and fails with, under CI) when there is no binary to run.
NOT_INSTALLED = "syncthing is not installed; .ci/run installs it with apt-get"
# The folder's own marker: Syncthing refuses to sync a folder without it (a drive that is
# not mounted looks like an empty folder, and would read as everything deleted).
MARKER = ".stfolder"
CONFLICT_MARK = ".sync-conflict-"
# A REST call that waits for Syncthing (a scan does) gives up after this long.
HTTP_TIMEOUT_S = 30
# Starting needs a few free ports, chosen by binding to port 0 and then let go: another
# process may take one in between, so a start that fails is tried again on new ports.
START_ATTEMPTS = 3
# Seconds the tests measured ("what": seconds), listed after the run by conftest.py. (Here,
# not in conftest.py: each test folder has a `conftest` module, so importing one by that
# name is ambiguous when the whole tree runs.)
TIMINGS: dict[str, float] = {}


class SyncthingError(RuntimeError):
    """Syncthing did not start, answer, connect or settle in time (its log is attached)."""


def syncthing_binary() -> str | None:
    """The `syncthing` on PATH, or None."""
    return shutil.which("syncthing")


def free_ports(count: int) -> list[int]:
    """`count` distinct TCP ports on 127.0.0.1 that were free a moment ago."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def wait_for(
    condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.1
) -> float:
    """Poll `condition` until it returns something true; the seconds it took.

    Raises SyncthingError naming `what` after `timeout` seconds."""
    start = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise SyncthingError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


class SyncthingInstance:
    """One Syncthing process: its home folder, ports, device ID and REST API."""

    def __init__(self, name: str, home: Path, folder: Path, binary: str):
        self.name = name
        self.home = home
        self.folder = folder
        self.binary = binary
        self.api_key = secrets.token_urlsafe(24)
        self.device_id = ""
        self.gui_port = 0
        self.listen_port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = home / "syncthing.log"
        self._log_file = None

    def __repr__(self) -> str:
        return f"<Syncthing {self.name} {self.device_id[:7]} gui={self.gui_port}>"

    # -- keys and config ---------------------------------------------------------------------

    def generate(self) -> str:
        """Keys, certificate and a default config.xml in `home`; returns the device ID."""
        self.home.mkdir(parents=True, exist_ok=True)
        env = _quiet_environment()
        if _has_subcommands(self.binary):
            command = [self.binary, "generate", f"--home={self.home}", "--no-default-folder"]
        else:  # before 1.16 (or so): flags only
            command = [self.binary, f"-generate={self.home}"]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
        config = self.home / "config.xml"
        if done.returncode != 0 or not config.exists():
            raise SyncthingError(
                f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
            )
        self.device_id = self._own_device_id(done.stdout + done.stderr)
        return self.device_id

    def _own_device_id(self, output: str) -> str:
        """The ID `generate` printed; checked against the one device in the new config."""
        found = re.search(r"Device ID:\s*([A-Z0-9-]{63})", output)
        root = ET.parse(self.home / "config.xml").getroot()
        in_config = [d.get("id", "") for d in root.findall("device")]
        if found and found.group(1) in in_config:
            return found.group(1)
        if len(in_config) == 1 and in_config[0]:
            return in_config[0]
        raise SyncthingError(f"no device ID for {self.home}: {output!r}")

    def configure(
        self,
        peer: SyncthingInstance,
        rescan_interval_s: int,
        watcher_delay_s: int,
        dials_peer: bool,
    ) -> None:
        """Edit config.xml: loopback-only GUI and listener, everything outside off, the peer
        as the only device, and the one shared folder.

        Only one side dials (`dials_peer`); the other knows the peer as "dynamic", which
        with discovery off means it only accepts. Two sides dialling each other at the same
        moment (from their listen ports, as Syncthing does) could leave both waiting out
        the 20 s Hello timeout."""
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()

        gui = root.find("gui")
        if gui is None:
            gui = ET.SubElement(root, "gui")
        gui.set("enabled", "true")
        gui.set("tls", "false")
        _set(gui, "address", f"127.0.0.1:{self.gui_port}")
        _set(gui, "apikey", self.api_key)

        options = root.find("options")
        if options is None:
            options = ET.SubElement(root, "options")
        for listen in options.findall("listenAddress"):
            options.remove(listen)
        _set(options, "listenAddress", f"tcp://127.0.0.1:{self.listen_port}")
        for key, value in {
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "urAccepted": "-1",  # usage reporting: declined for good
            "urSeen": "999",
            "crashReportingEnabled": "false",
            "startBrowser": "false",
            "autoUpgradeIntervalH": "0",
            "restartOnWakeup": "false",
            "setLowPriority": "false",
            "announceLANAddresses": "false",
            "reconnectionIntervalS": "1",
            "progressUpdateIntervalS": "1",
        }.items():
            _set(options, key, value)
        for announce in options.findall("globalAnnounceServer"):
            options.remove(announce)
        for stun in options.findall("stunServer"):
            options.remove(stun)

        for old in root.findall("folder") + [
            d for d in root.findall("device") if d.get("id") != self.device_id
        ]:
            root.remove(old)
        own = root.find(f"device[@id='{self.device_id}']")
        if own is None:
            own = _device(root, self.device_id, "dynamic")
        own.set("name", self.name)
        address = f"tcp://127.0.0.1:{peer.listen_port}" if dials_peer else "dynamic"
        other = _device(root, peer.device_id, address)
        other.set("name", peer.name)

        folder = ET.Element(
            "folder",
            {
                "id": FOLDER_ID,
                "label": "Training sessions",
                "path": str(self.folder),
                "type": "sendreceive",
                "rescanIntervalS": str(rescan_interval_s),
                "fsWatcherEnabled": "true",
                "fsWatcherDelayS": str(watcher_delay_s),
                "ignorePerms": "false",
                "autoNormalize": "true",
            },
        )
        for device_id in (self.device_id, peer.device_id):
            ET.SubElement(folder, "device", {"id": device_id, "introducedBy": ""})
        _set(folder, "markerName", MARKER)
        _set(folder, "maxConflicts", "10")
        # After the devices: Syncthing reads the elements in any order, people read them better.
        root.insert(list(root).index(gui), folder)
        tree.write(path, encoding="unicode")

    # -- the process -------------------------------------------------------------------------

    def start(self) -> None:
        """Run `syncthing serve` (output to syncthing.log in its home); returns at once."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / MARKER).mkdir(exist_ok=True)
        command = [self.binary]
        if _has_subcommands(self.binary):
            command.append("serve")
        command += [
            f"--home={self.home}",
            "--no-browser",
            "--no-restart",
            "--no-upgrade",
            "--logflags=7",  # date and time to the microsecond
        ]
        self._log_file = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            env=_quiet_environment(),
            start_new_session=True,  # a Ctrl-C reaches pytest, whose teardown stops it
            preexec_fn=_die_with_parent if _PRCTL is not None else None,
        )

    def wait_until_up(self, timeout: float = 20) -> None:
        """Until the REST API answers and the sync listener is bound, or SyncthingError."""

        def up() -> bool:
            self._check_running()
            try:
                return self.get("/rest/system/ping").get("ping") == "pong"
            except (OSError, SyncthingError):
                return False

        wait_for(up, timeout, f"{self.name}'s REST API on port {self.gui_port}")
        listeners = self.get("/rest/system/status").get("connectionServiceStatus") or {}
        errors = {a: s.get("error") for a, s in listeners.items() if s.get("error")}
        if errors or not listeners:
            raise SyncthingError(f"{self.name} could not listen: {errors or 'no listener'}")

    def stop(self, timeout: float = 10) -> None:
        """Terminate the process (SIGTERM, then SIGKILL) and close its log."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None

    def _check_running(self) -> None:
        if self.process is None:
            raise SyncthingError(f"{self.name} is not running")
        if self.process.poll() is not None:
            raise SyncthingError(
                f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}"
            )

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    # -- the REST API ------------------------------------------------------------------------

    def get(self, path: str, **params: str) -> Any:
        return self._call("GET", path, params)

    def post(self, path: str, **params: str) -> Any:
        return self._call("POST", path, params)

    def _call(self, method: str, path: str, params: dict[str, str]) -> Any:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}{query}",
            method=method,
            headers={"X-API-Key": self.api_key},
            data=b"" if method == "POST" else None,
        )
        try:
            with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
                body = response.read()
        except urllib.error.HTTPError as error:
            with error:
                detail = error.read().decode(errors="replace").strip()
            raise SyncthingError(
                f"{self.name}: {method} {path}{query} → {error.code} {detail}"
            ) from None
        return json.loads(body) if body.strip() else None

    # -- what it says ------------------------------------------------------------------------

    def scan(self) -> None:
        """Rescan the shared folder now; returns when the scan is done."""
        self.post("/rest/db/scan", folder=FOLDER_ID)

    def status(self) -> dict[str, Any]:
        return self.get("/rest/db/status", folder=FOLDER_ID)

    def completion(self, device_id: str) -> dict[str, Any]:
        """How far `device_id` has the folder, as this instance knows it."""
        return self.get("/rest/db/completion", folder=FOLDER_ID, device=device_id)

    def connected_to(self, device_id: str) -> bool:
        connections = self.get("/rest/system/connections").get("connections", {})
        return bool(connections.get(device_id, {}).get("connected"))

    def folder_errors(self) -> list[dict[str, Any]]:
        return (self.get("/rest/folder/errors", folder=FOLDER_ID) or {}).get("errors") or []


class SyncthingPair:
    """Two instances, `a` syncing `folder_a` and `b` syncing `folder_b`, as one folder."""

    def __init__(
        self,
        root: Path,
        folder_a: Path,
        folder_b: Path,
        *,
        binary: str | None = None,
        rescan_interval_s: int = 10,
        watcher_delay_s: int = 1,
    ):
        binary = binary or syncthing_binary()
        if binary is None:
            raise SyncthingError(NOT_INSTALLED)
        self.root = root
        self.rescan_interval_s = rescan_interval_s
        self.watcher_delay_s = watcher_delay_s
        self.a = SyncthingInstance("A", root / "syncthing-a", folder_a, binary)
        self.b = SyncthingInstance("B", root / "syncthing-b", folder_b, binary)
        self.paused = False

    def __enter__(self) -> SyncthingPair:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def instances(self) -> tuple[SyncthingInstance, SyncthingInstance]:
        return (self.a, self.b)

    def peer_of(self, instance: SyncthingInstance) -> SyncthingInstance:
        return self.b if instance is self.a else self.a

    # -- starting and stopping ---------------------------------------------------------------

    def start(self, timeout: float = 30) -> SyncthingPair:
        """Generate both identities, configure, start, and wait until the two are connected.

        Retried on new ports when a port was taken in between (or anything else failed)."""
        for st in self.instances:
            st.generate()
        for attempt in range(1, START_ATTEMPTS + 1):
            ports = free_ports(4)
            self.a.gui_port, self.a.listen_port, self.b.gui_port, self.b.listen_port = ports
            for st in self.instances:
                st.configure(
                    self.peer_of(st),
                    self.rescan_interval_s,
                    self.watcher_delay_s,
                    dials_peer=st is self.a,
                )
            try:
                # B listening first: A's first dial then finds it. (A dial that fails is
                # retried only 5 s later, Syncthing's shortest connection-loop sleep,
                # whatever reconnectionIntervalS says.)
                for st in (self.b, self.a):
                    st.start()
                    st.wait_until_up(timeout)
                self.wait_until_connected(timeout / 2)
                return self
            except SyncthingError as error:
                self.stop()
                if attempt == START_ATTEMPTS:
                    raise SyncthingError(f"{error}\n\n{self.logs()}") from error
            except BaseException:
                self.stop()
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    def stop(self) -> None:
        """Terminate both processes; safe to call twice, and after a failed start."""
        for st in self.instances:  # both told first: they shut down side by side
            if st.process is not None and st.process.poll() is None:
                with contextlib.suppress(OSError):
                    st.process.terminate()
        for st in self.instances:
            with contextlib.suppress(Exception):
                st.stop()

    def logs(self, lines: int = 40) -> str:
        """The last lines of both instances' logs, for a failure's message."""
        return "\n\n".join(
            f"--- Syncthing {st.name} ({st.log_path}) ---\n{st.log_tail(lines)}"
            for st in self.instances
        )

    # -- connecting and disconnecting --------------------------------------------------------

    def connected(self) -> bool:
        return self.a.connected_to(self.b.device_id) and self.b.connected_to(self.a.device_id)

    def wait_until_connected(self, timeout: float = 30) -> float:
        return self._wait(self.connected, timeout, "A and B to connect")

    def pause(self, timeout: float = 15) -> float:
        """Each side pauses the other device: they disconnect, and edits stay apart."""
        for st in self.instances:
            st.post("/rest/system/pause", device=self.peer_of(st).device_id)
        self.paused = True
        return self._wait(
            lambda: (
                not self.a.connected_to(self.b.device_id)
                and not self.b.connected_to(self.a.device_id)
            ),
            timeout,
            "A and B to disconnect",
        )

    def resume(self, timeout: float = 30) -> float:
        """Each side resumes the other device; returns once they are connected again.

        B first: A dials the moment it resumes, and a B still pausing A would turn that
        dial away, leaving A to try again only some 5 s later. Syncthing 1.19 redials at
        once like this only a few times per device in two minutes: in one pair the first
        two resumes reconnect in about 0.2 s, each later one in about 5 s."""
        for st in (self.b, self.a):
            st.post("/rest/system/resume", device=self.peer_of(st).device_id)
        self.paused = False
        return self.wait_until_connected(timeout)

    # -- in sync -----------------------------------------------------------------------------

    def scan(self) -> None:
        """Both sides rescan the folder now (each call returns when its scan is done)."""
        for st in self.instances:
            st.scan()

    def in_sync(self) -> tuple[bool, str]:
        """Whether both sides are idle, need nothing, and have the same global view in which
        the other is 100% complete; and if not, why not (for a timeout's message)."""
        if not self.connected():
            return False, "not connected"
        views, sequences = [], []
        for st in self.instances:
            status = st.status()
            done = st.completion(self.peer_of(st).device_id)
            waiting = _not_yet(status, done)
            if waiting:
                return False, f"{st.name}: {', '.join(waiting)}"
            views.append(tuple(status.get(k) for k in _GLOBAL_VIEW))
            sequences.append(status.get("sequence"))
        if views[0] != views[1]:
            return False, f"global views differ: A {views[0]}, B {views[1]}"
        return True, f"in sync at sequences {sequences}"

    def wait_until_in_sync(self, timeout: float = 30) -> float:
        """Ask both sides to scan, then wait until `in_sync` holds twice in a row with
        nothing changed in between; returns the seconds it took."""
        if self.paused:
            raise SyncthingError("the pair is paused: resume() before waiting for sync")
        last: list[str] = [""]
        seen: list[str | None] = [None]

        def settled() -> bool:
            self.scan()
            ok, why = self.in_sync()
            last[0] = why
            if not ok:
                seen[0] = None
                return False
            if seen[0] == why:
                return True
            seen[0] = why
            return False

        return self._wait(settled, timeout, "A and B to be in sync", detail=lambda: last[0])

    def _wait(
        self,
        condition: Callable[[], Any],
        timeout: float,
        what: str,
        detail: Callable[[], str] | None = None,
    ) -> float:
        def checked() -> Any:
            for st in self.instances:
                st._check_running()
            return condition()

        try:
            return wait_for(checked, timeout, what, interval=0.2)
        except SyncthingError as error:
            extra = f" (last: {detail()})" if detail else ""
            errors = {st.name: st.folder_errors() for st in self.instances if st.process}
            raise SyncthingError(
                f"{error}{extra}; folder errors: {errors}\n\n{self.logs()}"
            ) from None

    # -- files -------------------------------------------------------------------------------

    def write_file(self, instance: SyncthingInstance, name: str, data: bytes) -> Path:
        """Put raw bytes into one side's folder under `name`, whole at once (written beside
        the folder, then renamed in, so the watcher never sees half a file)."""
        target = instance.folder / name
        temp = instance.folder.parent / f"{instance.name}-{secrets.token_hex(4)}.part"
        temp.write_bytes(data)
        os.replace(temp, target)
        return target

    def wait_for_file(
        self,
        instance: SyncthingInstance,
        name: str,
        data: bytes | None = None,
        timeout: float = 30,
    ) -> float:
        """Wait, without asking for a scan, until `name` is in `instance`'s folder (holding
        `data`, if given); the seconds it took. For timing what the watcher does alone."""
        path = instance.folder / name

        def arrived() -> bool:
            try:
                return data is None or path.read_bytes() == data
            except FileNotFoundError:
                return False

        return self._wait(arrived, timeout, f"{name} on {instance.name}")

    def wait_for_absence(
        self, instance: SyncthingInstance, name: str, timeout: float = 30
    ) -> float:
        path = instance.folder / name
        return self._wait(lambda: not path.exists(), timeout, f"{name} gone on {instance.name}")

    def conflict_copies(self, instance: SyncthingInstance) -> list[Path]:
        """The `NAME.sync-conflict-DATE-TIME-DEVICE.EXT` copies in a side's folder."""
        return sorted(p for p in instance.folder.iterdir() if CONFLICT_MARK in p.name)


# What both sides must agree on, from /rest/db/status.
_GLOBAL_VIEW = ("globalFiles", "globalDirectories", "globalDeleted", "globalBytes")


def _not_yet(status: dict[str, Any], completion: dict[str, Any]) -> list[str]:
    """Why one side is not done yet: its own folder state, and the other's completion."""
    why = []
    if status.get("state") != "idle":
        why.append(f"state {status.get('state')!r}")
    if status.get("needTotalItems"):
        why.append(f"needs {status['needTotalItems']} items")
    if status.get("pullErrors"):
        why.append(f"{status['pullErrors']} pull errors")
    if status.get("error"):
        why.append(f"error {status['error']!r}")
    if completion.get("completion") != 100 or completion.get("needItems"):
        why.append(
            f"sees the other {completion.get('completion')}% complete, "
            f"needing {completion.get('needItems')} items"
        )
    if completion.get("remoteState") not in (None, "valid"):  # (1.19 does not say)
        why.append(f"sees the other {completion['remoteState']!r}")
    return why


def _has_subcommands(binary: str, _known: dict[str, bool] = {}) -> bool:  # noqa: B006
    """True for Syncthing with `serve`/`generate` subcommands (1.19 has them)."""
    if binary not in _known:
        done = subprocess.run(
            [binary, "--help"], capture_output=True, text=True, env=_quiet_environment()
        )
        help_text = done.stdout + done.stderr
        _known[binary] = bool(re.search(r"^\s+generate\b", help_text, re.MULTILINE))
    return _known[binary]


def _libc_prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


# Looked up here, not in the child between fork and exec, where nothing should be imported.
_PRCTL = _libc_prctl()
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM it when the test process dies, so that a killed
    pytest leaves no Syncthing running (Linux's PR_SET_PDEATHSIG; best effort)."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _quiet_environment() -> dict[str, str]:
    env = dict(os.environ)
    # STMONITORED: run as the monitor's child would, with no monitor process in between
    # (1.19 starts one even with --no-restart), so that the pid is Syncthing's own.
    env.update(STNORESTART="1", STNOUPGRADE="1", STNODEFAULTFOLDER="1", STMONITORED="1")
    # A SHA-256 implementation named up front: no benchmark to choose one, 0.9 s per start.
    env.setdefault("STHASHING", "standard")
    return env


def _set(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _device(root: ET.Element, device_id: str, address: str) -> ET.Element:
    device = ET.Element(
        "device",
        {
            "id": device_id,
            "compression": "metadata",
            "introducer": "false",
            "skipIntroductionRemovals": "false",
            "introducedBy": "",
        },
    )
    _set(device, "address", address)
    _set(device, "paused", "false")
    _set(device, "autoAcceptFolders", "false")
    first_other = next((i for i, e in enumerate(root) if e.tag != "device"), len(root))
    root.insert(first_other, device)
    return device
