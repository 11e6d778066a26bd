"""The client's own checks, before any request is sent."""

from __future__ import annotations

import unittest
from datetime import datetime, timezone

import support  # noqa: F401  (puts the client package on sys.path)
from playstream_client import PlaystreamClient, base_url_from


class BaseUrlFromConnectionPartsTest(unittest.TestCase):

    def test_host_port_and_schema_make_the_url(self):
        self.assertEqual("http://playstream:8080", base_url_from("playstream", 8080, "http"))

    def test_the_scheme_defaults_to_http_and_the_port_is_optional(self):
        self.assertEqual("http://playstream", base_url_from("playstream", None, None))
        self.assertEqual("https://api.example.org:443", base_url_from("api.example.org", 443, "HTTPS"))

    def test_a_host_that_is_already_a_url_is_kept(self):
        self.assertEqual("https://playstream.internal:9443", base_url_from("https://playstream.internal:9443/", 8080, "http"))

    def test_an_empty_host_is_refused(self):
        with self.assertRaisesRegex(ValueError, "host is required"):
            base_url_from("", 8080, "http")


class ClientArgumentsTest(unittest.TestCase):

    def test_a_base_url_without_http_scheme_is_refused(self):
        for url in ("127.0.0.1:8080", "ftp://host", "", "http://"):
            with self.subTest(url=url), self.assertRaisesRegex(ValueError, "base_url must be an http"):
                PlaystreamClient(url)

    def test_a_naive_interval_is_refused_before_sending(self):
        client = PlaystreamClient("http://127.0.0.1:9")
        with self.assertRaisesRegex(ValueError, "must carry a time zone"):
            client.trigger("load", "k", interval=(datetime(2025, 12, 10, 15), datetime(2025, 12, 10, 16)))

    def test_an_interval_bound_that_is_missing_is_refused_before_sending(self):
        client = PlaystreamClient("http://127.0.0.1:9")
        with self.assertRaisesRegex(ValueError, "interval end"):
            client.trigger("load", "k", interval={"start": datetime(2025, 12, 10, 15, tzinfo=timezone.utc)})

    def test_the_token_never_shows_in_the_representation(self):
        self.assertNotIn("s3cret", repr(PlaystreamClient("http://127.0.0.1:8080/", token="s3cret")))
        self.assertEqual("http://127.0.0.1:8080", PlaystreamClient("http://127.0.0.1:8080/").base_url)


if __name__ == "__main__":
    unittest.main()
