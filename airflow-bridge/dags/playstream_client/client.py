"""PlaystreamClient: trigger a run, read its state, wait for it to finish."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from typing import Any, Mapping, Optional, Tuple, Union

from playstream_client.errors import (
    BadRequest,
    Conflict,
    NotFound,
    PlaystreamError,
    RunFailed,
    RunTimedOut,
    Unauthorized,
    Unavailable,
)

DEFAULT_TIMEOUT_SECONDS = 30.0
FINAL_STATES = frozenset({"SUCCEEDED", "FAILED"})

_ERRORS_BY_STATUS = {400: BadRequest, 401: Unauthorized, 404: NotFound, 409: Conflict}

Instant = Union[str, datetime]
Interval = Union[Tuple[Instant, Instant], Mapping[str, Instant]]


def base_url_from(host: str, port: Optional[int] = None, scheme: Optional[str] = None) -> str:
    """The API's base URL from connection-style parts: ``host`` may already be a URL
    (``http://playstream:8080``), else ``scheme`` (default http) and ``port`` complete it."""
    if not host or not host.strip():
        raise ValueError("host is required (e.g. 127.0.0.1 or http://playstream:8080)")
    host = host.strip().rstrip("/")
    if "://" in host:
        return host
    scheme = (scheme or "http").strip().lower()
    return f"{scheme}://{host}:{port}" if port else f"{scheme}://{host}"


def _iso(name: str, value: Instant) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"interval {name} must carry a time zone, got naive {value.isoformat()}")
        return value.isoformat()
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValueError(f"interval {name} must be an aware datetime or an ISO-8601 string, got {value!r}")


def _interval_body(interval: Interval) -> dict:
    if isinstance(interval, Mapping):
        start, end = interval.get("start"), interval.get("end")
    else:
        start, end = interval
    return {"start": _iso("start", start), "end": _iso("end", end)}


class PlaystreamClient:
    """Playstream's run API. Every call is one HTTP request; nothing is retried here, because the
    caller knows better (a scheduler retries its task; the idempotency key makes that safe)."""

    def __init__(self, base_url: str, token: Optional[str] = None, timeout: float = DEFAULT_TIMEOUT_SECONDS):
        parsed = urllib.parse.urlsplit(base_url or "")
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"base_url must be an http(s) URL such as http://127.0.0.1:8080, got {base_url!r}")
        if timeout <= 0:
            raise ValueError(f"timeout must be positive seconds, got {timeout}")
        self.base_url = base_url.rstrip("/")
        self._token = token or None
        self.timeout = timeout

    def __repr__(self) -> str:  # never shows the token
        return f"PlaystreamClient({self.base_url!r}, token={'***' if self._token else None})"

    def health(self) -> dict:
        """``GET /health``: ``{"status": "UP", "components": {...}}``; a DOWN app raises Unavailable."""
        return self._call("GET", "/health")

    def trigger(self, job: str, idempotency_key: str, interval: Optional[Interval] = None,
                select: Optional[str] = None, full_refresh: bool = False) -> str:
        """Starts ``job`` (load, transform or pipeline) unless a run with this idempotency key
        exists already, and returns the run id either way. ``interval`` is ``(start, end)`` or
        ``{"start", "end"}`` as aware datetimes or ISO-8601 strings; ``select``/``full_refresh``
        apply to transform and pipeline only (the API says so when misused)."""
        body: dict[str, Any] = {"job": job, "idempotency_key": idempotency_key}
        if interval is not None:
            body["interval"] = _interval_body(interval)
        if select is not None:
            body["select"] = select
        if full_refresh:
            body["full_refresh"] = True
        return self._call("POST", "/api/v1/runs", body)["run_id"]

    def get(self, run_id: str) -> dict:
        """``GET /api/v1/runs/{run_id}``: run_id, job, state, attempts, reason (when FAILED),
        last_error (while a failed attempt waits for its retry), created_at, updated_at, interval."""
        return self._call("GET", "/api/v1/runs/" + urllib.parse.quote(str(run_id), safe=""))

    def finished(self, run_id: str) -> Optional[dict]:
        """One look at the run: the run when it SUCCEEDED, None while it is ENQUEUED or
        PROCESSING; raises RunFailed when it FAILED."""
        run = self.get(run_id)
        if run.get("state") == "FAILED":
            raise RunFailed(run)
        return run if run.get("state") == "SUCCEEDED" else None

    def wait(self, run_id: str, poll_seconds: float = 2.0, timeout: float = 600.0) -> dict:
        """Polls until the run SUCCEEDED (returns it) or FAILED (raises RunFailed); raises
        RunTimedOut after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            run = self.get(run_id)
            if run.get("state") == "FAILED":
                raise RunFailed(run)
            if run.get("state") == "SUCCEEDED":
                return run
            if time.monotonic() + poll_seconds > deadline:
                raise RunTimedOut(run, timeout)
            time.sleep(poll_seconds)

    def _call(self, method: str, path: str, body: Optional[dict] = None) -> dict:
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if self._token:
            headers["Authorization"] = "Bearer " + self._token
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _json(response.read(), method, path)
        except urllib.error.HTTPError as e:
            raise _error(e.code, _reason(e)) from None
        except (urllib.error.URLError, socket.timeout, ConnectionError) as e:
            cause = getattr(e, "reason", e)
            raise Unavailable(f"no answer from {self.base_url} ({method} {path}): {cause}") from e


def _json(payload: bytes, method: str, path: str) -> dict:
    try:
        answer = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PlaystreamError(f"{method} {path} answered something that is not JSON") from None
    if not isinstance(answer, dict):
        raise PlaystreamError(f"{method} {path} answered JSON that is not an object")
    return answer


def _reason(error: urllib.error.HTTPError) -> str:
    try:
        answer = json.loads(error.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return error.reason or "no reason given"
    if isinstance(answer, dict) and answer.get("reason"):
        return str(answer["reason"])
    if isinstance(answer, dict) and answer.get("status"):  # /health when DOWN
        return "status " + json.dumps(answer, sort_keys=True)
    return error.reason or "no reason given"


def _error(status: int, reason: str) -> PlaystreamError:
    if status >= 500:
        return Unavailable(reason, status)
    return _ERRORS_BY_STATUS.get(status, PlaystreamError)(reason, status)
