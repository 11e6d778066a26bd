"""What the tests share: the repository's paths, the client package on sys.path, and the real
Playstream app started from its jar as a child process."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BRIDGE_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = BRIDGE_DIR.parent
DAGS_DIR = BRIDGE_DIR / "dags"
DAG_FILE = DAGS_DIR / "playstream_pipeline.py"
APP_JAR = REPO_ROOT / "pipeline-app" / "target" / "playstream.jar"
FIXTURES_DIR = REPO_ROOT / "pipeline-core" / "src" / "test" / "resources" / "fixtures"

if str(DAGS_DIR) not in sys.path:
    sys.path.insert(0, str(DAGS_DIR))

from playstream_client import PlaystreamClient, Unavailable  # noqa: E402  (needs DAGS_DIR on sys.path)

STARTUP_TIMEOUT_SECONDS = 120
STOP_TIMEOUT_SECONDS = 30


def fixtures_dir() -> Path:
    """The original pipeline's data, kept in pipeline-core's test resources (the Java tests read
    the same folder from the classpath)."""
    if not (FIXTURES_DIR / "seed-bucket").is_dir():
        raise AssertionError(f"no seed-bucket in {FIXTURES_DIR}: is this a complete checkout?")
    return FIXTURES_DIR


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PlaystreamApp:
    """``java -jar playstream.jar run`` on free loopback ports, with a temporary data folder whose
    bucket holds the original pipeline's 71 bronze objects (710 events), a bearer token, and no
    recurring load or simulator, so only the tests start runs."""

    def __init__(self, token: str):
        self.token = token
        self.data_dir = Path(tempfile.mkdtemp(prefix="playstream-bridge-test-"))
        self.http_port = free_port()
        self.jobs_port = free_port()
        self.base_url = f"http://127.0.0.1:{self.http_port}"
        self.log_file = self.data_dir / "app.log"
        self.process: subprocess.Popen | None = None

    def client(self, token: str | None = "same", timeout: float = 10.0) -> PlaystreamClient:
        return PlaystreamClient(self.base_url, token=self.token if token == "same" else token, timeout=timeout)

    def put_object(self, key: str, body: bytes) -> None:
        """Puts an object into the app's bucket (the default file store under the data folder)."""
        path = self.data_dir / "bucket" / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)

    def start(self) -> None:
        if not APP_JAR.is_file():
            raise AssertionError(f"{APP_JAR} is not built; build it first from {REPO_ROOT}: "
                                 "mvn -B -ntp package -DskipTests")
        java = shutil.which("java")
        if java is None:
            raise AssertionError("java is not on PATH; the app needs Java 17+")
        shutil.copytree(fixtures_dir() / "seed-bucket" / "bronze", self.data_dir / "bucket" / "bronze",
                        dirs_exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLAYSTREAM_")}
        env.update({
            "PLAYSTREAM_API_TOKEN": self.token,
            "PLAYSTREAM_SCHEDULE_LOAD": "off",
            "PLAYSTREAM_SIMULATE_RATE": "0",
        })
        with open(self.log_file, "wb") as log:
            # cwd is the temp folder so that no .env of the developer's is read
            self.process = subprocess.Popen(
                [java, "-jar", str(APP_JAR), "run", "--data-dir", str(self.data_dir),
                 "--http-port", str(self.http_port), "--jobs-port", str(self.jobs_port)],
                cwd=self.data_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
        self._await_health()

    def _await_health(self) -> None:
        client = self.client(timeout=2.0)
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the app exited with {self.process.returncode} while starting:\n{self.log_tail()}")
            try:
                if client.health().get("status") == "UP":
                    return
            except Unavailable:
                pass
            time.sleep(0.5)
        raise AssertionError(f"the app was not healthy after {STARTUP_TIMEOUT_SECONDS} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM (the app stops cleanly on it), then the data folder goes."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"
