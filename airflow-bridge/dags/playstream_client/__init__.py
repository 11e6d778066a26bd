"""A small client of Playstream's HTTP API (``/api/v1/runs``, ``/health``), standard library only,
so it runs wherever Python 3.9+ does: inside a scheduler's workers, in a script, in tests."""

from playstream_client.client import DEFAULT_TIMEOUT_SECONDS, PlaystreamClient, base_url_from
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

__all__ = [
    "DEFAULT_TIMEOUT_SECONDS",
    "PlaystreamClient",
    "base_url_from",
    "PlaystreamError",
    "BadRequest",
    "Conflict",
    "NotFound",
    "RunFailed",
    "RunTimedOut",
    "Unauthorized",
    "Unavailable",
]
