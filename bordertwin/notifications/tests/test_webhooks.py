"""Webhooks: signed JSON to public http(s) addresses only, sent by a job, retried with backoff, logged; scoped by their owner's access."""

import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bordertwin.notifications import jobs, services, webhooks
from bordertwin.notifications.forms import WebhookForm
from bordertwin.notifications.models import DeliveryState, Event, Webhook, WebhookDelivery
from bordertwin.tracking.tests.conftest import make_delivery

pytestmark = pytest.mark.django_db

SECRET = "a-long-shared-secret-0123456789"


class Receiver:
    """A real HTTP server on 127.0.0.1 that records what it is sent and answers the statuses it is told to, in turn."""

    def __init__(self, statuses=(200,)):
        self.received: list[tuple[dict, bytes]] = []
        self.statuses = list(statuses)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0])
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/bordertwin"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.BORDERTWIN_WEBHOOK_ALLOW_PRIVATE = True  # the test's receiver listens on loopback
    made = []

    def make(statuses=(200,)):
        made.append(Receiver(statuses))
        return made[-1]

    yield make
    for server in made:
        server.close()


def hook(owner, url, events=(Event.AWAITS_CONFIRMATION,)):
    return Webhook.objects.create(owner=owner, name="Hệ thống tỉnh", url=url, events=list(events), secret=SECRET)


def test_an_event_is_posted_as_json_signed_with_hmac_sha256(world, receiver, django_capture_on_commit_callbacks):
    server = receiver()
    registered = hook(world.la_administrator, server.url)
    with django_capture_on_commit_callbacks(execute=True):
        delivery = make_delivery(world.hk_nakai, world.vn_province_editor)
    [(headers, body)] = server.received
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-BorderTwin-Signature"], expected)
    assert headers["X-BorderTwin-Event"] == "awaits_confirmation"
    payload = json.loads(body)
    assert payload["event"] == "awaits_confirmation"
    assert payload["object"]["type"] == "tracking.delivery" and payload["object"]["id"] == str(delivery.pk)
    assert payload["data"]["title"] == "Bò nái"
    logged = registered.deliveries.get()
    assert (logged.state, logged.attempts, logged.response_status) == (DeliveryState.DELIVERED, 1, 200)


def test_a_signature_made_with_another_secret_does_not_match(world):
    body = b'{"event": "note"}'
    assert webhooks.signature(SECRET, body) != webhooks.signature(SECRET + "x", body)
    assert webhooks.signature(SECRET, body) != webhooks.signature(SECRET, body + b" ")


def test_a_webhook_hears_only_what_its_owner_may_see(world, receiver, django_capture_on_commit_callbacks):
    from bordertwin.access import Role
    from bordertwin.testing import make_user

    server = receiver()
    elsewhere = make_user("la-xiengkhouang-admin", "LA", Role.ADMINISTRATOR, "LA-P-XIENGKHOUANG")
    blind = hook(elsewhere, server.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_delivery(world.hk_nakai, world.vn_province_editor)
    assert server.received == []
    assert not blind.deliveries.exists()


def test_a_failed_delivery_is_tried_again_later_with_backoff_then_delivered(world, receiver, django_capture_on_commit_callbacks):
    server = receiver(statuses=(500, 503, 200))
    registered = hook(world.la_administrator, server.url)
    with django_capture_on_commit_callbacks(execute=True):
        make_delivery(world.hk_nakai, world.vn_province_editor)
    delivery = registered.deliveries.get()
    assert (delivery.state, delivery.attempts, delivery.response_status) == (DeliveryState.PENDING, 1, 500)
    first_wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < first_wait <= datetime.timedelta(minutes=1)
    # Not due yet: the retry job leaves it alone.
    assert webhooks.send(delivery.pk) == DeliveryState.PENDING
    assert len(server.received) == 1
    later = delivery.next_attempt_at + datetime.timedelta(seconds=1)
    assert webhooks.send(delivery.pk, later) == DeliveryState.PENDING
    delivery.refresh_from_db()
    assert delivery.attempts == 2 and delivery.next_attempt_at - later == datetime.timedelta(minutes=2)
    assert webhooks.send(delivery.pk, delivery.next_attempt_at) == DeliveryState.DELIVERED
    assert len(server.received) == 3
    assert len({body for _headers, body in server.received}) == 1  # the same payload each time


def test_a_delivery_fails_after_the_last_attempt(world, receiver, settings):
    settings.BORDERTWIN_WEBHOOK_ATTEMPTS = 2
    server = receiver(statuses=(500,))
    registered = hook(world.la_administrator, server.url)
    delivery = WebhookDelivery.objects.create(webhook=registered, event=Event.NOTE, payload={"event": "note"},
                                              next_attempt_at=timezone.now())
    webhooks.send(delivery.pk)
    delivery.refresh_from_db()
    assert webhooks.send(delivery.pk, delivery.next_attempt_at) == DeliveryState.FAILED
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.next_attempt_at, delivery.error) == (2, None, "The receiver answered 500.")


def test_the_retry_job_sends_what_is_due(world, receiver):
    from bordertwin.jobs import services as job_services

    server = receiver()
    registered = hook(world.la_administrator, server.url)
    due = WebhookDelivery.objects.create(webhook=registered, event=Event.NOTE, payload={"n": 1}, next_attempt_at=timezone.now())
    not_yet = WebhookDelivery.objects.create(webhook=registered, event=Event.NOTE, payload={"n": 2},
                                             next_attempt_at=timezone.now() + datetime.timedelta(minutes=5))
    job_services.start(jobs.WEBHOOK_RETRIES, None)
    assert [json.loads(body) for _headers, body in server.received] == [{"n": 1}]
    due.refresh_from_db()
    not_yet.refresh_from_db()
    assert (due.state, not_yet.state) == (DeliveryState.DELIVERED, DeliveryState.PENDING)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/hook", "http://localhost:8000/hook", "http://10.0.0.5/hook", "http://192.168.1.1/", "http://172.16.0.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[::1]/hook", "http://[fe80::1]/", "http://0.0.0.0/",
    "http://[::ffff:127.0.0.1]/", "ftp://example.org/hook", "file:///etc/passwd", "javascript:alert(1)",
])
def test_loopback_private_link_local_and_other_schemes_are_refused(url):
    with pytest.raises(ValidationError):
        webhooks.check_url(url)


def test_an_administrator_cannot_register_a_private_address(world):
    form = WebhookForm(data={"name": "Nội bộ", "url": "http://127.0.0.1:9/hook", "events": ["note"], "secret": SECRET})
    assert not form.is_valid()
    assert "url" in form.errors


def test_a_private_address_is_refused_at_delivery_time_too(world, receiver, settings):
    server = receiver()
    registered = hook(world.la_administrator, server.url)  # e.g. registered while private addresses were allowed
    settings.BORDERTWIN_WEBHOOK_ALLOW_PRIVATE = False
    delivery = WebhookDelivery.objects.create(webhook=registered, event=Event.NOTE, payload={}, next_attempt_at=timezone.now())
    assert webhooks.send(delivery.pk) == DeliveryState.FAILED
    delivery.refresh_from_db()
    assert "public addresses" in delivery.error
    assert server.received == []


def test_reminders_reach_a_webhook_once(world, receiver):
    server = receiver()
    registered = hook(world.la_administrator, server.url, events=[Event.COMMITMENT_DUE])
    commitment = world.hk_commitment
    commitment.due_date = timezone.localdate() + datetime.timedelta(days=3)
    commitment.save()
    services.remind()
    services.remind()
    assert registered.deliveries.count() == 1
