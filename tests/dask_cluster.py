"""A real Dask cluster on 127.0.0.1 for the tests: ``dask scheduler`` and ``dask worker``
processes started and stopped by the test, as ``pg_server.py`` starts PostgreSQL.

Each worker runs without a nanny (one process, one thread), so killing its process
is a worker dying mid-run, with nothing to bring it back.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from distributed import Client
from pg_server import free_port

START_TIMEOUT_S = 120  # the workers import watchfloor and load the models as they join


@dataclass
class DaskCluster:
    address: str
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    log_dir: Path | None = None

    def worker_pids(self) -> dict[str, int]:
        """Each live worker's address and process id, as the scheduler knows them."""
        with Client(self.address, timeout=30) as client:
            return {address: int(pid) for address, pid in client.run(os.getpid).items()}

    def logs(self) -> str:
        if self.log_dir is None:
            return ""
        return "\n".join(p.read_text(errors="replace")[-3000:] for p in self.log_dir.iterdir())


def _dask(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    return subprocess.Popen(
        [sys.executable, "-m", "dask", *args],
        stdout=handle,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )


@contextmanager
def dask_cluster(workers: int, log_dir: Path) -> Iterator[DaskCluster]:
    """A scheduler and ``workers`` one-thread worker processes; all stopped afterwards."""
    log_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _dask(
        ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        log_dir / "scheduler.log",
    )
    cluster = DaskCluster(address, scheduler, log_dir=log_dir)
    try:
        for n in range(workers):
            args = ["worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"]
            args += ["--host", "127.0.0.1", "--name", f"w{n}", "--memory-limit", "0"]
            args += ["--death-timeout", "60"]
            cluster.workers.append(_dask(args, log_dir / f"worker{n}.log"))
        _wait_for(cluster, workers)
        yield cluster
    finally:
        for process in [*cluster.workers, scheduler]:
            _stop(process)


def _wait_for(cluster: DaskCluster, workers: int) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if cluster.scheduler.poll() is not None:
            break
        try:
            with Client(cluster.address, timeout=5) as client:
                client.wait_for_workers(workers, timeout=max(1.0, deadline - time.monotonic()))
            return
        except (OSError, TimeoutError):
            time.sleep(0.5)
    raise RuntimeError(f"the Dask cluster did not start:\n{cluster.logs()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
