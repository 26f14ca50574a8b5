from typing import Any

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bordertwin import access
from bordertwin.core import caching
from bordertwin.core.history import change_entries
from bordertwin.core.languages import in_reader_language
from bordertwin.core.registry import register_model_views
from bordertwin.core.tables import Column, Table
from bordertwin.core.templatetags.bordertwin import precise_date
from bordertwin.core.views import RecordDetailView

from . import services
from .filtersets import AgreementFilterSet, CommitmentFilterSet, PartnershipFilterSet
from .forms import AgreementForm, CarryOverForm, CommitmentForm, PartnershipForm
from .models import Agreement, Commitment, Partnership, sides

PARTNERSHIP_RELATED = sides()


class PartnershipDetailView(RecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        partnership = self.object
        user = self.request.user
        commitments = list(
            Commitment.objects.restrict(user).filter(agreement__partnership=partnership).select_related("agreement")
        )
        progress = services.progress_of(commitments)
        context.update(
            agreements=Agreement.objects.restrict(user).filter(partnership=partnership).order_by("-signed_on"),
            domain_summary=services.domain_summary(commitments),
            open_commitments=[
                (c, progress[c.pk]) for c in commitments if c.status in services.OPEN_STATUSES and c.parent_id is None
            ],
            children=Partnership.objects.restrict(user).filter(parent=partnership).select_related(*PARTNERSHIP_RELATED),
            vn_carriers=partnership.vn_carriers(),
            recent_changes=change_entries(partnership, limit=5),
            can_add_agreement=access.can(user, access.CHANGE, partnership),
            related_pages=related_pages(partnership),
        )
        return context


def related_pages(partnership: Partnership) -> list[tuple[str, str]]:
    """Other apps' pages about a partnership; each app lists them in its AppConfig as `partnership_links`,
    (url name, label, "path") for a page of the partnership, or (…, "filter") for a list filtered to it."""
    pages = []
    for config in apps.get_app_configs():
        for name, label, kind in getattr(config, "partnership_links", ()):
            if kind == "path":
                pages.append((reverse(name, args=[partnership.pk]), str(label)))
            else:
                pages.append((f"{reverse(name)}?partnership={partnership.pk}", str(label)))
    return pages


register_model_views(
    Partnership, "",
    table=Table([
        Column(gettext_lazy("Partnership"), lambda p: str(p), link=True),
        Column(gettext_lazy("Vietnamese side"), "vn_place"),
        Column(gettext_lazy("Lao side"), "la_place"),
        Column(gettext_lazy("Level"), "level"),
        Column(gettext_lazy("Established"), lambda p: precise_date(p.established_on, p.established_on_precision) if p.established_on else None),
        Column(gettext_lazy("Status"), "status"),
        Column(gettext_lazy("Shared border (km)"), lambda p: p.border_length_km.normalize() if p.border_length_km is not None else None),
    ]),
    filterset=PartnershipFilterSet, form=PartnershipForm, related=PARTNERSHIP_RELATED,
    detail=PartnershipDetailView, detail_related=(*PARTNERSHIP_RELATED, "parent", "vn_place__parent", "la_place__parent"),
)


class AgreementDetailView(RecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        commitments = list(
            Commitment.objects.restrict(self.request.user).filter(agreement=self.object)
            .select_related("target_unit", "responsible_organisation", "carried_from__agreement")
            .order_by("position", "pk")
        )
        progress = services.progress_of(commitments)
        context.update(
            commitment_tree=tree(commitments, progress),
            followed_by=Agreement.objects.restrict(self.request.user).filter(follows=self.object),
        )
        return context


def tree(commitments: list[Commitment], progress: dict[int, Any]) -> list[tuple[Commitment, int, Any]]:
    """Commitments in reading order with their depth and progress, parents before their parts."""
    by_parent: dict[int | None, list[Commitment]] = {}
    for commitment in commitments:
        by_parent.setdefault(commitment.parent_id, []).append(commitment)
    rows: list[tuple[Commitment, int, Any]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for commitment in by_parent.get(parent_id, []):
            rows.append((commitment, depth, progress.get(commitment.pk)))
            walk(commitment.pk, depth + 1)

    walk(None, 0)
    return rows


register_model_views(
    Agreement, "agreements/",
    table=Table([
        Column(gettext_lazy("Title"), lambda a: in_reader_language(a, "title").plain(), link=True),
        Column(gettext_lazy("Kind"), "kind"),
        Column(gettext_lazy("Signed on"), lambda a: precise_date(a.signed_on, a.signed_on_precision)),
        Column(gettext_lazy("Signed at"), "signed_at"),
        Column(gettext_lazy("Partnership"), "partnership"),
    ]),
    filterset=AgreementFilterSet, form=AgreementForm, related=sides("partnership"), prefill=("partnership",),
    detail=AgreementDetailView, detail_related=("partnership", *sides("partnership"), "follows"),
)


def agreement_carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    """Carry open commitments of earlier minutes into this agreement."""
    agreement = get_object_or_404(Agreement.objects.restrict(request.user), pk=pk)
    access.require(request.user, access.CHANGE, agreement)
    form = CarryOverForm(request.POST or None, agreement=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.carry_over(
                form.cleaned_data["commitments"], agreement, acting_user=request.user,
                reason=form.cleaned_data["change_reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("{count} commitments carried over.").format(count=len(created)))
            return redirect(agreement.get_absolute_url())
    return render(request, "partnerships/agreement_carry_over.html", {"agreement": agreement, "form": form})


class CommitmentDetailView(RecordDetailView):
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        commitment = self.object
        family = list(Commitment.objects.filter(agreement=commitment.agreement_id))
        progress = services.progress_of(family)
        context.update(
            progress=progress.get(commitment.pk),
            parts=[(c, progress.get(c.pk)) for c in family if c.parent_id == commitment.pk],
            carried_into=Commitment.objects.restrict(self.request.user).filter(carried_from=commitment).select_related("agreement"),
        )
        return context


register_model_views(
    Commitment, "commitments/",
    table=Table([
        Column(gettext_lazy("Commitment"), lambda c: in_reader_language(c, "text").shortened(90).plain(), link=True),
        Column(gettext_lazy("Domain"), "domain"),
        Column(gettext_lazy("Status"), "status"),
        Column(gettext_lazy("Responsible side"), "responsible_side"),
        Column(gettext_lazy("Target"), lambda c: f"{c.target_quantity.normalize():f} {c.target_unit}" if c.target_unit else ""),
        Column(gettext_lazy("Due"), "due_date"),
        Column(gettext_lazy("Agreement"), "agreement.title"),
        Column(gettext_lazy("Partnership"), "agreement.partnership"),
    ]),
    filterset=CommitmentFilterSet, form=CommitmentForm, prefill=("agreement", "parent", "domain"),
    related=("agreement", "target_unit", *sides("agreement__partnership")),
    detail=CommitmentDetailView,
    detail_related=("agreement__partnership", "parent", "carried_from__agreement", "target_unit", "responsible_organisation"),
)


def home(request: HttpRequest) -> HttpResponse:
    """The overview: the partnerships, agreements and open commitments in the user's scope, and their roles."""
    user = request.user
    partnerships = Partnership.objects.restrict(user).with_sides()
    counts = caching.for_scope("home", user, lambda: {
        "partnership_count": partnerships.count(),
        "agreement_count": Agreement.objects.restrict(user).count(),
        "open_commitment_count": Commitment.objects.restrict(user).filter(status__in=services.OPEN_STATUSES).count(),
    })
    context = {
        **counts,
        "partnerships": partnerships.order_by("-updated_at")[:8],
        "memberships": access.signed_in_user(user).memberships.select_related("place", "organisation"),
    }
    return render(request, "partnerships/home.html", context)
