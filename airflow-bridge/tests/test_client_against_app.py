"""The client against the real Playstream app (its jar, started once for this module): what the
DAG's tasks rely on, answer by answer."""

from __future__ import annotations

import unittest
import uuid
from datetime import datetime, timedelta, timezone

import support
from playstream_client import (
    BadRequest,
    Conflict,
    NotFound,
    PlaystreamClient,
    RunFailed,
    Unauthorized,
    Unavailable,
)

# the hour of the original pipeline's 71 bronze objects (bronze/date=2025-12-10/hour=15/)
SEEDED_HOUR_START = datetime(2025, 12, 10, 15, tzinfo=timezone.utc)
SEEDED_HOUR = (SEEDED_HOUR_START, SEEDED_HOUR_START + timedelta(hours=1))
# an hour holding one object that claims to be gzip but is not: the loader keeps it aside
BROKEN_HOUR_START = datetime(2025, 12, 11, 3, tzinfo=timezone.utc)
BROKEN_HOUR = (BROKEN_HOUR_START, BROKEN_HOUR_START + timedelta(hours=1))
BROKEN_OBJECT = "bronze/date=2025-12-11/hour=03/spotify-events+0+0000000000000000000.jsonl.gz"
WAIT_SECONDS = 60.0

app: support.PlaystreamApp | None = None


def setUpModule():
    global app
    app = support.PlaystreamApp(token="bridge-test-" + uuid.uuid4().hex)
    app.put_object(BROKEN_OBJECT, b"this is not a gzip stream\n")
    try:
        app.start()
    except BaseException:
        app.stop()  # tearDownModule does not run when setUpModule fails
        raise


def tearDownModule():
    if app is not None:
        app.stop()


def a_key(test: unittest.TestCase) -> str:
    """An idempotency key shaped like the DAG's (dag_id:run_id), unique per test."""
    return f"playstream_pipeline:{test.id().rsplit('.', 1)[-1]}__{uuid.uuid4().hex}"


class ClientAgainstAppTest(unittest.TestCase):

    def setUp(self):
        self.client = app.client()

    def test_health_says_the_app_is_up(self):
        self.assertEqual("UP", self.client.health()["status"])

    def test_a_load_of_the_seeded_hour_is_triggered_polled_and_succeeds(self):
        run_id = self.client.trigger("load", a_key(self), interval=SEEDED_HOUR)

        run = self.client.wait(run_id, poll_seconds=0.5, timeout=WAIT_SECONDS)

        self.assertEqual("SUCCEEDED", run["state"])
        self.assertEqual("load", run["job"])
        self.assertEqual(run_id, run["run_id"])
        self.assertEqual({"start": "2025-12-10T15:00:00Z", "end": "2025-12-10T16:00:00Z"}, run["interval"])
        self.assertEqual("SUCCEEDED", self.client.finished(run_id)["state"])

    def test_a_retried_trigger_with_the_same_key_gets_the_same_run(self):
        key = a_key(self)
        first = self.client.trigger("load", key, interval=SEEDED_HOUR)
        # the retry sends the interval as ISO strings, as a re-rendered template would
        again = self.client.trigger("load", key, interval={"start": "2025-12-10T15:00:00Z",
                                                          "end": "2025-12-10T16:00:00+00:00"})
        other = self.client.trigger("load", a_key(self), interval=SEEDED_HOUR)

        self.assertEqual(first, again)
        self.assertNotEqual(first, other)
        self.assertEqual("SUCCEEDED", self.client.wait(first, poll_seconds=0.5, timeout=WAIT_SECONDS)["state"])

    def test_a_key_reused_for_another_interval_is_a_conflict(self):
        key = a_key(self)
        self.client.trigger("load", key, interval=SEEDED_HOUR)
        next_hour = (SEEDED_HOUR[1], SEEDED_HOUR[1] + timedelta(hours=1))

        with self.assertRaises(Conflict) as raised:
            self.client.trigger("load", key, interval=next_hour)

        self.assertEqual(409, raised.exception.status)
        self.assertIn("already used", raised.exception.reason)

    def test_a_corrupt_object_does_not_fail_its_load(self):
        # the loader keeps an unreadable object aside (bronze._rejected_lines, with its reason) and
        # loads the rest, so the DAG's run goes on; a permanent failure is the transform test below
        run_id = self.client.trigger("load", a_key(self), interval=BROKEN_HOUR)

        run = self.client.wait(run_id, poll_seconds=0.5, timeout=WAIT_SECONDS)

        self.assertEqual("SUCCEEDED", run["state"])
        self.assertEqual("load", run["job"])
        self.assertTrue(self.client.finished(run_id))  # one poke, as the DAG's sensor does it

    def test_a_transform_selecting_no_model_fails_with_its_reason(self):
        run_id = self.client.trigger("transform", a_key(self), select="no_such_model_in_the_project")

        with self.assertRaises(RunFailed) as raised:
            self.client.wait(run_id, poll_seconds=0.5, timeout=WAIT_SECONDS)

        self.assertEqual("FAILED", raised.exception.run["state"])
        self.assertIn("no_such_model_in_the_project", raised.exception.reason)
        self.assertIn("does not match any enabled model", str(raised.exception))

    def test_a_wrong_token_is_unauthorized(self):
        with self.assertRaises(Unauthorized) as raised:
            app.client(token="not-the-token").trigger("load", a_key(self), interval=SEEDED_HOUR)
        self.assertEqual(401, raised.exception.status)

    def test_no_token_is_unauthorized(self):
        with self.assertRaises(Unauthorized):
            app.client(token=None).get(str(uuid.uuid4()))

    def test_an_unknown_job_is_a_bad_request_with_the_accepted_names(self):
        with self.assertRaises(BadRequest) as raised:
            self.client.trigger("reload", a_key(self))
        self.assertEqual(400, raised.exception.status)
        self.assertIn("load, transform, pipeline", raised.exception.reason)

    def test_an_interval_ending_before_it_starts_is_a_bad_request(self):
        with self.assertRaises(BadRequest) as raised:
            self.client.trigger("load", a_key(self), interval=(SEEDED_HOUR[1], SEEDED_HOUR[0]))
        self.assertIn("start must be before end", raised.exception.reason)

    def test_an_unknown_run_is_not_found(self):
        with self.assertRaises(NotFound):
            self.client.get(str(uuid.uuid4()))

    def test_a_port_where_nothing_listens_is_unavailable(self):
        client = PlaystreamClient(f"http://127.0.0.1:{support.free_port()}", token="t", timeout=2.0)
        with self.assertRaises(Unavailable) as raised:
            client.health()
        self.assertIsNone(raised.exception.status)


if __name__ == "__main__":
    unittest.main()
