"""A throwaway PostgreSQL server for the tests, and a fresh schema per test.

The session fixture ``pg_server`` finds the server binaries (Debian keeps them in
``/usr/lib/postgresql/<version>/bin``; ``scripts/ensure-postgres.sh`` installs
them), runs ``initdb`` in a temporary folder, starts the server on a free port of
127.0.0.1 with its socket in that folder, and stops and removes it all at the
end. PostgreSQL refuses to run as root: as root, the folder belongs to the
``postgres`` system user and the server runs as that user (``runuser``). With
no binaries, every test that needs the server is skipped, saying why.

``WATCHFLOOR_TEST_POSTGRES=postgresql://...`` uses a server of your own instead
(the user must be allowed to create schemas in that database).

``postgres_url`` gives each test an empty schema of its own (the store migrates
it on opening) and drops it afterwards.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

DATABASE = "watchfloor_test"
SETTINGS = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{socket_dir}'
max_connections = 40
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
"""
INITDB = ["-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]
INSTALL_HINT = "run scripts/ensure-postgres.sh (as root) or install Debian's postgresql package"


@dataclass
class PgServer:
    """A running server (or one of yours), and the database the tests use."""

    url: str
    data_dir: Path | None = None
    run_as: list[str] = field(default_factory=list)
    bindir: Path | None = None
    started_in: float = 0.0
    watchdog: subprocess.Popen[bytes] | None = None
    _schemas: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def new_schema(self) -> str:
        """An empty schema's name; it is created now."""
        name = f"t{os.getpid()}_{next(self._schemas)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
            conn.execute(f"CREATE SCHEMA {name}")
        return name

    def schema_url(self, schema: str) -> str:
        """The database URL with ``schema`` as the only schema searched."""
        joiner = "&" if "?" in self.url else "?"
        return f"{self.url}{joiner}options={quote(f'-csearch_path={schema}', safe='')}"

    def drop_schema(self, schema: str) -> None:
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute("SET lock_timeout = '10s'")  # a store left open mid-transaction
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def find_bindir() -> Path | None:
    """The newest PostgreSQL server's bin folder, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _runner() -> tuple[list[str], int | None, int | None]:
    """The command prefix that runs the server's tools, and who must own its folder."""
    if os.geteuid() != 0:
        return [], None, None
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("PostgreSQL cannot run as root and there is no 'postgres' user to run it")
    return ["runuser", "-u", "postgres", "--"], user.pw_uid, user.pw_gid


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")


def _tool(server: PgServer, name: str, *args: str) -> list[str]:
    """The command line of one of the server's tools, run as the server's user."""
    assert server.bindir is not None and server.data_dir is not None
    return [*server.run_as, str(server.bindir / name), "-D", str(server.data_dir), *args]


def start_server(bindir: Path) -> PgServer:
    """initdb in a temporary folder, then start the server on a free port."""
    began = time.monotonic()
    prefix, uid, gid = _runner()
    # as root, in /tmp: TMPDIR may lie under a folder the postgres user cannot enter
    root = Path(tempfile.mkdtemp(prefix="watchfloor-pg-", dir="/tmp" if uid is not None else None))
    (root / "socket").mkdir()
    if uid is not None and gid is not None:
        os.chown(root, uid, gid)
        os.chown(root / "socket", uid, gid)
    server = PgServer(url="", data_dir=root / "data", run_as=prefix, bindir=bindir)
    try:
        _run(_tool(server, "initdb", "-U", "postgres", "-A", "trust", *INITDB))
        port = _start(server, root)
        admin = f"postgresql://postgres@127.0.0.1:{port}"
        with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
    except BaseException:
        stop_server(server)
        raise
    server.watchdog = _watchdog(server, root)
    server.url = f"{admin}/{DATABASE}"
    server.started_in = time.monotonic() - began
    return server


def _start(server: PgServer, root: Path) -> int:
    """Start the server on a free port (another process may take one first: retry)."""
    assert server.data_dir is not None
    for _attempt in range(3):
        port = free_port()
        with open(server.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write(SETTINGS.format(port=port, socket_dir=root / "socket"))
        try:
            _run(_tool(server, "pg_ctl", "-l", str(root / "log"), "-w", "-t", "60", "start"))
            return port
        except RuntimeError:
            continue
    log = (root / "log").read_text(errors="replace")[-2000:]
    raise RuntimeError(f"PostgreSQL did not start:\n{log}")


def _watchdog(server: PgServer, root: Path) -> subprocess.Popen[bytes]:
    """A process that stops the server if this one dies without its teardown (a test
    run killed, or stopped by SIGTERM, which skips pytest's fixture finalisers)."""
    stop = shlex.join(_tool(server, "pg_ctl", "-m", "immediate", "-w", "stop"))
    script = (
        f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 1; done;"
        f" {stop} >/dev/null 2>&1; rm -rf {shlex.quote(str(root))}"
    )
    return subprocess.Popen(
        ["sh", "-c", script],
        start_new_session=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_server(server: PgServer) -> None:
    """Stop the server at once (its data is thrown away) and remove its folder."""
    if server.watchdog is not None:
        server.watchdog.kill()
        server.watchdog.wait()
    if server.data_dir is None or server.bindir is None:
        return
    if (server.data_dir / "postmaster.pid").exists():
        stop = _tool(server, "pg_ctl", "-m", "immediate", "-w", "stop")
        subprocess.run(stop, capture_output=True, timeout=60, check=False)
    shutil.rmtree(server.data_dir.parent, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL server for the whole session (skips the test without one)."""
    if url := os.environ.get("WATCHFLOOR_TEST_POSTGRES"):
        yield PgServer(url=url)
        return
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(f"PostgreSQL server binaries (initdb, pg_ctl) not found: {INSTALL_HINT}")
    server = start_server(bindir)
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture
def postgres_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of an empty schema of its own for this test, dropped afterwards."""
    schema = pg_server.new_schema()
    try:
        yield pg_server.schema_url(schema)
    finally:
        pg_server.drop_schema(schema)
