"""A throwaway PostgreSQL server for one test session: a temporary folder, a free loopback port.

`initdb` refuses to run as root (as CI does), so when we are root the server runs as the
`postgres` system user through `runuser`, creating that user if the machine lacks it. Durability
is switched off (fsync, synchronous_commit): the data lives only as long as the session.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections import defaultdict, deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import sqlalchemy as sa

_SEARCH_PATH = ("/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin")
_SERVER_OPTIONS = (
    "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    " -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB"
)


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL binaries here, or the server would not start; the message says which."""


def find_binaries() -> Path:
    """The folder holding initdb and pg_ctl: $STEPPE_TEST_PG_BIN if set, else PATH or Debian's."""
    wanted = os.environ.get("STEPPE_TEST_PG_BIN")
    found = shutil.which("pg_ctl")
    candidates = (
        [wanted] if wanted else [*([str(Path(found).parent)] if found else []), *_SEARCH_PATH]
    )
    for folder in candidates:
        if all((Path(folder) / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    raise PostgresUnavailableError(
        f"PostgreSQL binaries (initdb, pg_ctl, postgres) not found in {', '.join(candidates)}; "
        "install postgresql-15 or point STEPPE_TEST_PG_BIN at their folder"
    )


class PostgresServer:
    """One running server; `database_url()` hands out fresh databases on it."""

    def __init__(self, root: Path, port: int, bin_dir: Path) -> None:
        self.root = root
        self.port = port
        self.bin_dir = bin_dir
        self._names = itertools.count(1)
        self._admin = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        self._copier = ThreadPoolExecutor(1, thread_name_prefix="pg-copier")
        self._spares: defaultdict[str, deque[Future[str]]] = defaultdict(deque)

    @classmethod
    def start(cls) -> PostgresServer:
        bin_dir = find_binaries()
        root = Path(tempfile.mkdtemp(prefix="steppe-pg-"))
        port = free_port()
        try:
            _give_to_server_user(root)
            _initdb(bin_dir, root / "data")
            options = f"-p {port} -k {root} {_SERVER_OPTIONS}"
            _run(bin_dir, "pg_ctl", "-D", str(root / "data"), "-l", str(root / "server.log"),
                 "-o", options, "-w", "-t", "60", "start")  # fmt: skip
        except (OSError, subprocess.SubprocessError) as exc:
            shutil.rmtree(root, ignore_errors=True)
            raise PostgresUnavailableError(f"could not start PostgreSQL: {exc}") from exc
        return cls(root, port, bin_dir)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str = "template0", name: str | None = None) -> str:
        """A new database copied from `template`; returns its name."""
        name = name or f"steppe_{next(self._names)}"
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return name

    def copy_of(self, template: str) -> str:
        """A new copy of `template`, made ahead of time: the next one is copied while the
        caller's test runs, so a fresh database per test costs next to nothing."""
        if not self._spares[template]:
            self._spares[template].append(self._copier.submit(self.create_database, template))
        ready = self._spares[template].popleft()
        self._spares[template].append(self._copier.submit(self.create_database, template))
        return ready.result(timeout=120)

    def drop_database(self, name: str) -> None:
        """Drop it even if a test left connections open (FORCE ends them)."""
        with self._admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop at once (no checkpoint: nothing here is worth keeping) and remove the folder."""
        self._copier.shutdown(wait=True, cancel_futures=True)
        self._admin.dispose()
        try:
            _run(self.bin_dir, "pg_ctl", "-D", str(self.root / "data"), "-m", "immediate",
                 "-w", "stop")  # fmt: skip
        except subprocess.SubprocessError:
            pass  # already gone (Ctrl-C reaches the server too); the folder still goes
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def _initdb(bin_dir: Path, data: Path) -> None:
    """A cluster whose default collation is ICU English, where the build has ICU.

    English collation sorts "alpha" before "Zeta" where SQLite puts upper case first, so any
    text ORDER BY that forgets `store.dialects.code_point_order` shows up as a failing test
    (tests/test_postgres_parity.py) instead of a production surprise.
    """
    common = ("-D", str(data), "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync")
    try:
        _run(bin_dir, "initdb", *common, "--locale=C.UTF-8", "--locale-provider=icu",
             "--icu-locale=en-US")  # fmt: skip
    except subprocess.SubprocessError:
        shutil.rmtree(data, ignore_errors=True)
        _run(bin_dir, "initdb", *common)


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user() -> list[str]:
    """The prefix that runs a command as `postgres` when we are root; nothing otherwise."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", "postgres", "--"]


def _give_to_server_user(root: Path) -> None:
    if os.geteuid() != 0:
        return
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
            check=True,
            capture_output=True,
            timeout=30,
        )
        user = pwd.getpwnam("postgres")
    os.chown(root, user.pw_uid, user.pw_gid)


def _run(bin_dir: Path, program: str, *args: str) -> None:
    command = [*_as_server_user(), str(bin_dir / program), *args]
    # cwd "/": the server user may not be allowed into ours.
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, cwd="/"
    )
    if done.returncode != 0:
        raise subprocess.SubprocessError(
            f"{program} exited with {done.returncode}: {(done.stderr or done.stdout).strip()}"
        )
