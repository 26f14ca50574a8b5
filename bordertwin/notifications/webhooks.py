"""Sending a webhook's deliveries: only to http(s) addresses on the public internet, signed, retried with backoff.

The host is resolved and every address it resolves to is checked when the webhook is
registered and again at each delivery, and the connection goes to the address checked
(a name that later resolves elsewhere reaches nothing new). Loopback, private, link-local,
reserved and multicast addresses are refused unless BORDERTWIN_WEBHOOK_ALLOW_PRIVATE is set.
Redirects are not followed.
"""

import datetime
import hashlib
import hmac
import http.client
import ipaddress
import json
import socket
import ssl
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DeliveryState, WebhookDelivery

SEND = "notifications.webhook"  # the job kind that sends one delivery (registered in notifications.jobs)
SIGNATURE_HEADER = "X-BorderTwin-Signature"
EVENT_HEADER = "X-BorderTwin-Event"
DELIVERY_HEADER = "X-BorderTwin-Delivery"
CLAIM_SECONDS = 300
ERROR_CHARS = 2000  # WebhookDelivery.error's size


def signature(secret: str, body: bytes) -> str:
    """`sha256=` and the hex HMAC-SHA256 of the body under the webhook's secret, as the receiver recomputes it."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
                or ip.is_unspecified or not ip.is_global)


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) for an allowed URL; ValidationError with the reason otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("A webhook's address starts with http:// or https:// and names a host."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as exc:
        raise ValidationError(_("The host {host} cannot be found.").format(host=parts.hostname)) from exc
    addresses = [str(info[4][0]) for info in found]
    if not settings.BORDERTWIN_WEBHOOK_ALLOW_PRIVATE and not all(_public(a) for a in addresses):
        raise ValidationError(_("The host {host} is a loopback, private or link-local address: webhooks are sent only to public addresses.").format(host=parts.hostname))
    return parts.scheme, parts.hostname, port, addresses[0]


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]  # HTTPSConnection keeps its SSL context there


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST `body` to an allowed URL; the HTTP status it answered (ValidationError if the URL is not allowed)."""
    scheme, host, port, address = check_url(url)
    parts = urlsplit(url)
    connection_class = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = connection_class(host, port, address, settings.BORDERTWIN_WEBHOOK_TIMEOUT)
    try:
        connection.request("POST", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before the next try: 1, 2, 4, 8… minutes after each failure."""
    return datetime.timedelta(minutes=2 ** (attempts - 1))


def send(delivery_pk: Any, now: datetime.datetime | None = None) -> str:
    """Try one delivery now if it is waiting and due; record the outcome. Returns its state."""
    now = now or timezone.now()
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_pk).first()
    if delivery is None or delivery.state != DeliveryState.PENDING:
        return delivery.state if delivery else "missing"
    # Claimed by one sender at a time: another finds it no longer due.
    claimed = WebhookDelivery.objects.filter(pk=delivery.pk, state=DeliveryState.PENDING, attempts=delivery.attempts,
                                             next_attempt_at__lte=now).update(next_attempt_at=now + datetime.timedelta(seconds=CLAIM_SECONDS))
    if not claimed:
        return delivery.state
    body = json.dumps(delivery.payload, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "BorderTwin-Webhook", EVENT_HEADER: delivery.event,
               DELIVERY_HEADER: str(delivery.pk), SIGNATURE_HEADER: signature(delivery.webhook.secret, body)}
    attempts = delivery.attempts + 1
    status, error, final = None, "", False
    try:
        status = post(delivery.webhook.url, body, headers)
    except ValidationError as refused:
        error, final = " ".join(refused.messages), True
    except OSError as exc:
        error = str(exc) or type(exc).__name__
    if status is not None and 200 <= status < 300:
        state, next_at = DeliveryState.DELIVERED, None
    else:
        if status is not None:
            error = _("The receiver answered {status}.").format(status=status)
        final = final or attempts >= settings.BORDERTWIN_WEBHOOK_ATTEMPTS
        state = DeliveryState.FAILED if final else DeliveryState.PENDING
        next_at = None if final else now + backoff(attempts)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        state=state, attempts=attempts, next_attempt_at=next_at, response_status=status, error=error[:ERROR_CHARS],
        delivered_at=now if state == DeliveryState.DELIVERED else None,
    )
    return state
