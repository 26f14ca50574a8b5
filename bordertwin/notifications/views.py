"""The inbox, preferences, following a record, and the administrators' webhooks with their delivery log."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bordertwin import access
from bordertwin.core.views import _record as visible_record
from bordertwin.core.views import page_size

from . import events, services
from .forms import PreferencesForm, WebhookForm
from .models import Event, Webhook


def inbox(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first (?unread=1: only those not read yet), and how they hear of each event."""
    found = services.inbox(request.user)
    unread_only = request.GET.get("unread") == "1"
    if unread_only:
        found = found.filter(read_at__isnull=True)
    page = Paginator(found, page_size(request)).get_page(request.GET.get("page"))
    items = [(n, events.message(n)) for n in page.object_list]
    return render(request, "notifications/inbox.html", {
        "page_obj": page, "items": items, "unread_only": unread_only, "query": "unread=1" if unread_only else "",
        "administers": access.is_administrator(request.user),
    })


@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(services.inbox(request.user), pk=pk)
    services.mark_read(notification, acting_user=request.user)
    url = notification.params.get("url", "")
    if request.POST.get("open") and url and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return redirect(url)
    return redirect("notifications:inbox")


@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(acting_user=request.user)
    messages.success(request, _("{count} notifications marked as read.").format(count=count))
    return redirect("notifications:inbox")


def preferences(request: HttpRequest) -> HttpResponse:
    user = access.signed_in_user(request.user)
    form = PreferencesForm(request.POST or None, current=services.preferences(user))
    if request.method == "POST" and form.is_valid():
        services.set_preferences(form.cleaned_data, acting_user=user)
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form, "has_email": bool(user.email)})


@require_POST
def follow(request: HttpRequest, content_type_id: int, pk: int) -> HttpResponse:
    """Follow (or, with follow=0, stop following) a record one sees: one hears of the notes written on it."""
    record = visible_record(request, content_type_id, pk)
    following = services.set_following(record, request.POST.get("follow") != "0", acting_user=request.user)
    messages.success(request, _("You follow this record.") if following else _("You no longer follow this record."))
    return redirect(record.get_absolute_url())


# --- Webhooks ---------------------------------------------------------------------------------------------------------


def webhook_list(request: HttpRequest) -> HttpResponse:
    hooks = services.webhooks_of(request.user)
    return render(request, "notifications/webhook_list.html", {"webhooks": hooks, "labels": dict(Event.choices)})


def webhook_add(request: HttpRequest) -> HttpResponse:
    services.webhooks_of(request.user)
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        hook = services.register_webhook(form.save(commit=False), acting_user=request.user)
        messages.success(request, _("The webhook is registered."))
        return redirect(hook)
    return render(request, "notifications/webhook_form.html", {"form": form})


def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A webhook and its delivery log: each event sent, its attempts and the receiver's answer."""
    hook: Webhook = get_object_or_404(services.webhooks_of(request.user), pk=pk)
    page = Paginator(hook.deliveries.all(), page_size(request)).get_page(request.GET.get("page"))
    return render(request, "notifications/webhook_detail.html", {
        "webhook": hook, "page_obj": page, "query": "", "labels": [dict(Event.choices)[e] for e in hook.events if e in Event.values],
    })


@require_POST
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    hook = get_object_or_404(services.webhooks_of(request.user), pk=pk)
    services.remove_webhook(hook, acting_user=request.user)
    messages.success(request, _("The webhook is removed."))
    return redirect("notifications:webhook_list")


