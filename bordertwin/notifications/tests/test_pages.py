"""The inbox with the unread count in the page header, following records, preferences and e-mails, webhooks' pages."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bordertwin.accounts.models import ApiToken
from bordertwin.accounts.services import issue_token
from bordertwin.jobs import services as job_services
from bordertwin.jobs.housekeeping import CLEAN_UP
from bordertwin.notifications import jobs, services
from bordertwin.notifications.models import Notification, Preference, Webhook
from bordertwin.tracking.tests.conftest import make_delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def entered(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_delivery(world.hk_nakai, world.vn_province_editor, item="Bò <script>alert(1)</script>")


def test_the_header_shows_the_unread_count_and_the_inbox_lists_them(client, world, entered):
    client.force_login(world.la_district_editor)
    page = client.get("/").content.decode()
    assert 'data-unread="1"' in page
    inbox = client.get("/notifications/").content.decode()
    assert "Bò &lt;script&gt;alert(1)&lt;/script&gt;" in inbox and "<script>alert(1)" not in inbox
    mine = Notification.objects.get(recipient=world.la_district_editor)
    response = client.post(f"/notifications/{mine.pk}/read/", {"open": "1"})
    assert response["Location"] == f"/tracking/deliveries/{entered.pk}/"
    assert "data-unread" not in client.get("/").content.decode()


def test_one_cannot_mark_anothers_notification(client, world, entered):
    theirs = Notification.objects.get(recipient=world.la_province_editor)
    client.force_login(world.la_district_editor)
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    client.post("/notifications/read-all/")
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_record_page_has_a_follow_button_that_follows_and_unfollows(client, world):
    client.force_login(world.la_district_editor)
    url = world.hk_memorandum.get_absolute_url()
    page = client.get(url).content.decode()
    assert 'data-follow="off"' in page
    action = page.split('data-follow="off"')[0].rsplit('action="', 1)[1].split('"')[0]
    client.post(action, {"follow": "1"})
    assert 'data-follow="on"' in client.get(url).content.decode()
    client.post(action, {"follow": "0"})
    assert 'data-follow="off"' in client.get(url).content.decode()


def test_following_a_record_one_does_not_see_is_not_found(client, world):
    from django.contrib.contenttypes.models import ContentType

    client.force_login(world.la_district_editor)
    ct = ContentType.objects.get_for_model(world.nghean_agreement).pk
    assert client.post(f"/notifications/follow/{ct}/{world.nghean_agreement.pk}/", {"follow": "1"}).status_code == 404


def test_chosen_e_mails_are_sent_in_the_readers_language_once(client, world, entered):
    editor = world.la_district_editor
    editor.email, editor.language = "la@example.org", "lo"
    editor.save()
    client.force_login(editor)
    assert client.post("/notifications/preferences/", {
        "awaits_confirmation": "email", "answered": "inbox", "incident": "inbox", "note": "digest", "commitment_due": "digest",
        "marker_overdue": "inbox", "period_awaits_approval": "inbox", "job_finished": "inbox",
    }).status_code == 302
    assert Preference.objects.get(user=editor, event="awaits_confirmation").channel == "email"
    job_services.start(jobs.MAIL, None)
    job_services.start(jobs.MAIL, None)
    [sent] = mail.outbox
    assert sent.to == ["la@example.org"]
    told = Notification.objects.get(recipient=editor)
    assert services.message(told, "lo") in sent.body  # in Lao, as plain text
    assert services.message(told, "lo") != services.message(told, "en")
    assert told.emailed_at is not None


def test_the_daily_digest_gathers_the_events_chosen_for_it(world, entered):
    editor = world.la_province_editor
    editor.email = "la-province@example.org"
    editor.save()
    Preference.objects.create(user=editor, event="awaits_confirmation", channel="digest")
    job_services.start(jobs.MAIL, None)
    assert mail.outbox == []
    job_services.start(jobs.DIGEST, None)
    [sent] = mail.outbox
    assert sent.to == ["la-province@example.org"] and "1" in sent.subject


def test_only_administrators_reach_the_webhooks_and_see_their_own(client, world):
    Webhook.objects.create(owner=world.admin, name="Of the superuser", url="https://example.org/a", events=["note"], secret="x" * 20)
    client.force_login(world.la_province_editor)
    assert client.get("/notifications/webhooks/").status_code == 403
    client.force_login(world.la_administrator)
    assert "Of the superuser" not in client.get("/notifications/webhooks/").content.decode()
    response = client.post("/notifications/webhooks/add/", {
        "name": "Sở Ngoại vụ", "url": "http://127.0.0.1:8000/hook", "events": ["note"], "secret": "s" * 20,
    })
    assert response.status_code == 200 and not Webhook.objects.filter(name="Sở Ngoại vụ").exists()


def test_an_administrator_registers_a_webhook_and_reads_its_log(client, world, monkeypatch):
    from bordertwin.notifications import webhooks

    # The form resolves the host: the test names a public address literally, so that no name lookup leaves the machine.
    client.force_login(world.la_administrator)
    response = client.post("/notifications/webhooks/add/", {
        "name": "Sở Ngoại vụ", "url": "https://93.184.215.14/hook", "events": ["note", "incident"], "secret": "s" * 20,
    })
    hook = Webhook.objects.get(name="Sở Ngoại vụ")
    assert response["Location"] == f"/notifications/webhooks/{hook.pk}/"
    assert hook.owner == world.la_administrator and hook.events == ["note", "incident"]
    page = client.get(f"/notifications/webhooks/{hook.pk}/").content.decode()
    assert "data-state" not in page and "s" * 20 not in page  # no delivery yet; the secret is never shown
    assert webhooks.check_url(hook.url)[3] == "93.184.215.14"
    client.force_login(world.vn_approver)
    assert client.get(f"/notifications/webhooks/{hook.pk}/").status_code == 403


def test_the_hourly_clean_up_removes_expired_tokens_and_keeps_active_ones(world):
    active = issue_token(world.la_district_editor, "script")
    expired = issue_token(world.la_district_editor, "old")
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    job = job_services.start(CLEAN_UP, None)
    job.refresh_from_db()
    assert job.summary["api_tokens"] == 1
    assert list(ApiToken.objects.values_list("pk", flat=True)) == [active.pk]


def test_the_inbox_takes_a_constant_number_of_queries(client, world, border, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bordertwin.tracking import services as tracking_services

    def answered(count):
        with django_capture_on_commit_callbacks(execute=True):
            for index in range(count):
                delivery = make_delivery(world.hk_nakai, world.vn_province_editor, item=f"Quà {index}")
                tracking_services.confirm(delivery, acting_user=world.la_district_editor)

    client.force_login(world.vn_province_editor)
    services.remind(timezone.localdate())  # three markers never inspected
    answered(1)
    client.get("/notifications/")  # the unread count is cached from here on
    with CaptureQueriesContext(connection) as few:
        assert client.get("/notifications/").status_code == 200
    answered(6)
    client.get("/notifications/")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/notifications/")
    assert page.content.decode().count('<li class="notification') == 10
    assert 0 < len(many) <= len(few)


def test_a_bad_choice_of_preference_is_refused_and_changes_nothing(client, world):
    client.force_login(world.la_district_editor)
    response = client.post("/notifications/preferences/", {"awaits_confirmation": "pigeon", "note": "email"})
    assert response.status_code == 200
    assert response.context["form"].errors["awaits_confirmation"]
    assert not Preference.objects.filter(user=world.la_district_editor).exists()


def test_a_webhook_needs_known_events_and_a_long_secret(client, world):
    client.force_login(world.la_administrator)
    response = client.post("/notifications/webhooks/add/", {
        "name": "Sở Ngoại vụ", "url": "https://93.184.215.14/hook", "events": ["everything"], "secret": "short",
    })
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"events", "secret"}
    assert not Webhook.objects.exists()


def test_reminders_come_in_the_daily_digest_unless_one_chose_otherwise(world):
    from bordertwin.core.services import save_record

    commitment = world.hk_commitment
    commitment.due_date = timezone.localdate() + datetime.timedelta(days=7)
    save_record(commitment, acting_user=world.admin)
    for user, address in ((world.la_district_editor, "nakai@example.org"), (world.vn_province_editor, "hatinh@example.org")):
        user.email = address
        user.save()
    Preference.objects.create(user=world.vn_province_editor, event="commitment_due", channel="inbox")
    job_services.start(jobs.REMINDERS, None)
    job_services.start(jobs.MAIL, None)
    assert mail.outbox == []
    job_services.start(jobs.DIGEST, None)
    [sent] = mail.outbox
    assert sent.to == ["nakai@example.org"] and "Hỗ trợ 9 con bò nái" in sent.body
