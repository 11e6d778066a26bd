"""Errors of the Playstream HTTP API, one class per answer a caller handles differently."""

from __future__ import annotations


class PlaystreamError(Exception):
    """Anything the API refused or could not answer. ``status`` is the HTTP status (None when no
    answer came back), ``reason`` the API's own explanation."""

    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason if status is None else f"HTTP {status}: {reason}")
        self.reason = reason
        self.status = status


class BadRequest(PlaystreamError):
    """400: the request body was refused (unknown job, missing key, bad interval...). Resending it
    cannot help."""


class Unauthorized(PlaystreamError):
    """401: no bearer token, or the wrong one."""


class NotFound(PlaystreamError):
    """404: no run with that id (or no such endpoint)."""


class Conflict(PlaystreamError):
    """409: the idempotency key was already used for a different request."""


class Unavailable(PlaystreamError):
    """No answer (connection refused, timeout) or a 5xx: the app is starting, stopping or
    unhealthy. Safe to retry: a repeated trigger with the same idempotency key starts no second run."""


class RunFailed(PlaystreamError):
    """The run reached FAILED. ``run`` is the run as the API showed it; ``reason`` its failure."""

    def __init__(self, run: dict):
        self.run = run
        super().__init__(f"run {run.get('run_id')} ({run.get('job')}) failed after "
                         f"{run.get('attempts')} attempt(s): {run.get('reason') or 'no reason given'}")
        self.reason = run.get("reason") or ""


class RunTimedOut(PlaystreamError, TimeoutError):
    """``wait`` gave up before the run finished. ``run`` is its last known state."""

    def __init__(self, run: dict, timeout: float):
        self.run = run
        super().__init__(f"run {run.get('run_id')} still {run.get('state')} after {timeout:g} s")
