"""The intake's workflow: submit a document, propose records from it, and record what the officer accepts.

Nothing is recorded from a document before review: `submit_document` stores the
document and its proposals only; `accept_proposals` creates, in one transaction and
through the normal services, the records the officer accepted, each linked back to the
span of text it came from.
"""

import datetime
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.core import context, services
from bordertwin.core.choices import DatePrecision
from bordertwin.core.files import short_file_name
from bordertwin.core.models import BaseRecord
from bordertwin.jobs import services as jobs
from bordertwin.jobs.models import Job
from bordertwin.partnerships.choices import AgreementKind, PartnershipLevel
from bordertwin.partnerships.models import Agreement, Commitment, Partnership
from bordertwin.places.choices import Level
from bordertwin.places.models import Place
from bordertwin.tracking.models import Delivery

from .choices import DocumentKind, DocumentStatus
from .extraction import extract
from .extraction.parties import proposed_places
from .matching import RegistryMatcher
from .models import ProposalLink, SourceDocument
from .reading import check_text, check_upload, read_file

PROPOSAL_FIELDS = (
    "vn_parties", "la_parties", "event_date", "agreement_dates", "money", "quantities", "domains", "commitments",
)
# What the reading adds: a day and month whose year is unknown, places the registry lacks, the date used, notes.
READING_FIELDS = ("event_partial", "proposed_places", "document_date", "notes")
EMPTY_PROPOSALS: dict[str, Any] = {key: ([] if key != "event_date" else None) for key in PROPOSAL_FIELDS}
logger = logging.getLogger(__name__)
READ_JOB = "intake.read"  # a large uploaded file, read by a job (intake.jobs)
# The extraction's kinds of signed documents, as the partnership's agreement kinds.
AGREEMENT_KINDS = {
    "memorandum": AgreementKind.MEMORANDUM, "minutes": AgreementKind.MINUTES,
    "regulation": AgreementKind.REGULATION, "plan": AgreementKind.PLAN, "agreement": AgreementKind.OTHER,
}
# The level of a partnership, from the level of its Vietnamese party.
PARTNERSHIP_LEVELS = {
    "province": PartnershipLevel.PROVINCE, "district": PartnershipLevel.DISTRICT,
    "commune": PartnershipLevel.COMMUNE, "ward": PartnershipLevel.COMMUNE,
    "village": PartnershipLevel.VILLAGE, "unit": PartnershipLevel.BORDER_GUARD,
}


def propose(text: str, document_date: datetime.date | None = None) -> dict[str, Any]:
    """What the text states, in the gold format, with registry places for the parties. Writes nothing."""
    try:
        return read_proposals(text, document_date)
    except Exception:  # a text the reader trips on is still kept for review, with nothing proposed
        logger.exception("intake: extraction failed")
        return {
            **EMPTY_PROPOSALS, "event_partial": None, "proposed_places": [], "document_date": None,
            "notes": ["extraction failed: nothing proposed"],
        }


def read_proposals(text: str, document_date: datetime.date | None = None, *, registry: bool = True) -> dict[str, Any]:
    """`propose` without its safety net: what the reader raises comes through. Without the
    registry (`registry=False`), no party is matched and a note says so."""
    result = extract(text, document_date=document_date, matcher=RegistryMatcher(on=document_date) if registry else None)
    if not registry:
        result["notes"].append("registry matching skipped: the database has no place registry")
    known = document_date or _first_date(result.get("document_date"), (result.get("event_date") or {}).get("value"))
    if registry and known is not None and known != document_date:
        # Without a given date, the date the text states picks the units that existed then.
        matcher = RegistryMatcher(on=known)
        for side, country in (("vn_parties", "VN"), ("la_parties", "LA")):
            for party in result.get(side) or []:
                party["place_id"] = matcher.match(party["name"], party["level"], country)
                if party.get("parent"):
                    party["parent"]["place_id"] = matcher.match(party["parent"]["name"], party["parent"]["level"], country)
        result["proposed_places"] = proposed_places(result["vn_parties"], result["la_parties"], matcher)
    return {key: result.get(key) for key in (*PROPOSAL_FIELDS, *READING_FIELDS)}


def _first_date(*values: str | None) -> datetime.date | None:
    for value in values:
        if value:
            try:
                return parse_value(value)[0]
            except (TypeError, ValueError):
                continue
    return None


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:300]
    return ""


@transaction.atomic
def submit_document(
    *, acting_user: Actor, text: str = "", upload: Any = None, title: str = "", kind: str = DocumentKind.ARTICLE,
    document_date: datetime.date | None = None, language: str = "vi", progress: Callable[[int], None] | None = None,
) -> SourceDocument:
    """Store a document with the records proposed from it; its text comes from `upload` when given.
    `progress` (a job's) hears how far it got, in percent."""
    if not access.can_add(acting_user, SourceDocument):
        raise PermissionDenied(_("You cannot submit documents."))
    data = b""
    if upload is not None:
        text = read_file(upload.name or "", upload)
        upload.seek(0)
        data = upload.read()
    else:
        text = check_text(text)
    if progress is not None:
        progress(40)
    proposals = propose(text, document_date)
    if progress is not None:
        progress(90)
    if document_date is None and proposals.get("document_date"):
        document_date = datetime.date.fromisoformat(proposals["document_date"])
    place, organisation = access.first_grant(acting_user, access.ADD, SourceDocument)
    document = SourceDocument(
        title=(title or "").strip()[:300] or first_line(text) or _("Untitled document"),
        kind=kind, text=text, document_date=document_date, language=language,
        sha256=hashlib.sha256(data or text.encode("utf-8")).hexdigest(),
        submitted_by=access.signed_in_user(acting_user), scope_place=place, scope_organisation=organisation, proposals=proposals,
    )
    if upload is not None:
        document.file_name = short_file_name(upload.name or "")
        document.file.save(document.file_name, ContentFile(data), save=False)
    try:
        return services.save_record(document, acting_user=acting_user, reason=_("Submitted for intake"))
    except (ValidationError, PermissionDenied):
        if document.file:
            document.file.delete(save=False)  # nothing stored when the document is refused
        raise


def read_in_background(upload: Any) -> bool:
    """Whether an uploaded file is large enough to be read by a job rather than within the request."""
    return upload is not None and jobs.in_background(upload)


def submit_later(
    *, acting_user: Actor, upload: Any, title: str = "", kind: str = DocumentKind.ARTICLE,
    document_date: datetime.date | None = None, language: str = "vi",
) -> Job:
    """Queue the reading of a large uploaded file (intake.jobs); its job makes the document as
    `submit_document` does. What can be refused at once (the right to submit, the kind and size
    of the file) is refused here, and nothing is queued."""
    if not access.can_add(acting_user, SourceDocument):
        raise PermissionDenied(_("You cannot submit documents."))
    check_upload(upload.name or "", upload.size)
    parameters = {
        "file_name": short_file_name(upload.name or ""), "title": title, "kind": kind, "language": language,
        "document_date": document_date.isoformat() if document_date else None,
    }
    return jobs.start(READ_JOB, acting_user, parameters, source=upload)


def earlier_copy(user: Actor, document: SourceDocument) -> SourceDocument | None:
    """The first document the user may see with the same content, submitted before this one."""
    return (
        SourceDocument.objects.restrict(user, access.VIEW)
        .filter(sha256=document.sha256).exclude(pk=document.pk).order_by("created_at").first()
    )


def same_document_warning(earlier: SourceDocument) -> str:
    return _("The same document was already submitted on {date}: “{title}”.").format(
        date=earlier.created_at.strftime("%d/%m/%Y"), title=earlier.title,
    )


def parse_value(value: str) -> tuple[datetime.date, str]:
    """A date of the proposals ("2024-06-22", "2024-06" or "2024") with how much of it is known."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts), DatePrecision.DAY
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1), DatePrecision.MONTH
    return datetime.date(parts[0], 1, 1), DatePrecision.YEAR


@dataclass
class Accepted:
    """One proposal the officer accepted, with the values as edited, and where it came from."""

    key: str  # the form prefix, e.g. "agreement-0": errors come back under "<key>-<field>"
    field: str  # the proposal field, e.g. "agreement_dates"
    values: dict[str, Any]
    span: list[int] | None = None
    text: str = ""
    agreement: int | None = None  # for commitments and deliveries: the index of the accepted agreement


@dataclass
class Review:
    """What the officer decided: the partnership, and the proposals to record."""

    partnership: Partnership | None = None
    new_partnership: Accepted | None = None
    agreements: list[Accepted] = field(default_factory=list)
    commitments: list[Accepted] = field(default_factory=list)
    deliveries: list[Accepted] = field(default_factory=list)
    places: list[Accepted] = field(default_factory=list)  # proposed places to add to the registry
    reason: str = ""


def _save(obj: models.Model, item: Accepted | None, *, acting_user: Actor) -> Any:
    """Save through core.services; a record's errors come back under the proposal's form key."""
    try:
        return services.save_record(obj, acting_user=acting_user)
    except ValidationError as error:
        if item is None:
            raise
        if hasattr(error, "error_dict"):
            raise ValidationError({
                (item.key if name == NON_FIELD_ERRORS else f"{item.key}-{name}"): messages
                for name, messages in error.message_dict.items()
            }) from error
        raise ValidationError({item.key: error.messages}) from error


def _link(document: SourceDocument, obj: models.Model, item: Accepted) -> ProposalLink:
    span: Sequence[int | None] = item.span or [None, None]
    return ProposalLink(
        document=document, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
        field=item.field, span_start=span[0], span_end=span[1], text=item.text,
    )


@transaction.atomic
def accept_proposals(document: SourceDocument, review: Review, *, acting_user: Actor) -> list[BaseRecord]:
    """Create the accepted records, all or none, through the normal services, each linked to its span."""
    access.require(acting_user, access.CHANGE, document)
    document = SourceDocument.objects.select_for_update().get(pk=document.pk)
    if document.status == DocumentStatus.REVIEWED:
        raise ValidationError(_("This document was already reviewed."))
    created: list[BaseRecord] = []
    links: list[ProposalLink] = []
    reason = review.reason or _("Taken from “{document}”").format(document=document.title[:100])
    with context.acting(acting_user, reason):
        new_places: dict[str, Place] = {}
        for index, item in enumerate(review.places):
            place = _save(Place(key=f"{item.values['country']}-DOC{document.pk}-{index + 1}", **item.values), item, acting_user=acting_user)
            new_places.setdefault(place.country, place)
            created.append(place)
            links.append(_link(document, place, item))
        partnership = review.partnership
        if partnership is None and review.new_partnership is not None:
            values = review.new_partnership.values
            # A side left empty is the place just added for it: a village new to the registry is a party at once.
            for name, country in (("vn_place", "VN"), ("la_place", "LA")):
                values[name] = values.get(name) or new_places.get(country)
            partnership = _save(Partnership(**values), review.new_partnership, acting_user=acting_user)
            created.append(partnership)
            links.append(_link(document, partnership, review.new_partnership))
        if partnership is None:
            raise ValidationError({"partnership": _("Choose the partnership the document is about, or create one.")})
        access.require(acting_user, access.VIEW, partnership)
        agreements = []
        for item in review.agreements:
            agreement = recorded_agreement(partnership, item.values, acting_user)
            if agreement is None:
                agreement = _save(Agreement(partnership=partnership, **item.values), item, acting_user=acting_user)
                created.append(agreement)
            agreements.append(agreement)
            links.append(_link(document, agreement, item))
        for item in review.commitments:
            agreement = _agreement_for(item, agreements)
            commitment = _save(Commitment(agreement=agreement, **item.values), item, acting_user=acting_user)
            created.append(commitment)
            links.append(_link(document, commitment, item))
        for item in review.deliveries:
            delivery = _save(delivery_record(item, partnership), item, acting_user=acting_user)
            created.append(delivery)
            links.append(_link(document, delivery, item))
        if not links:
            raise ValidationError(_("Accept at least one proposal, or leave the document for later."))
        document.partnership = partnership
        document.status = DocumentStatus.REVIEWED
        services.save_record(document, acting_user=acting_user)
        ProposalLink.objects.bulk_create(links)
    return created


def recorded_agreement(partnership: Partnership, values: dict[str, Any], user: Actor) -> Agreement | None:
    """The partnership's agreement of the same kind signed the same day, when one is recorded: a document
    citing the memorandum of 25/6/2022 adds to it rather than recording it twice."""
    if not values.get("kind") or not values.get("signed_on"):
        return None
    return (
        Agreement.objects.restrict(user, access.VIEW)
        .filter(partnership=partnership, kind=values["kind"], signed_on=values["signed_on"])
        .order_by("pk").first()
    )


def _agreement_for(item: Accepted, agreements: list[Agreement]) -> Agreement:
    if item.agreement is not None and 0 <= item.agreement < len(agreements):
        return agreements[item.agreement]
    if len(agreements) == 1:
        return agreements[0]
    raise ValidationError({f"{item.key}-agreement": _("A commitment belongs to an agreement: accept one and choose it.")})


def delivery_record(item: Accepted, partnership: Partnership) -> models.Model:
    """A delivery from an accepted money or quantity proposal."""
    names = {f.name for f in Delivery._meta.get_fields()}
    values = {k: v for k, v in item.values.items() if k in names}
    return Delivery(**values, partnership=partnership)


def related_places(ids: list[int]) -> set[int]:
    """The places and the units they succeeded or that succeeded them: a partnership signed by a
    former commune is found from its successor's name, and the other way round."""
    from bordertwin.places.models import Succession

    if not ids:
        return set()
    links = Succession.objects.filter(models.Q(predecessor__in=ids) | models.Q(successor__in=ids))
    found = set(ids)
    for predecessor, successor in links.values_list("predecessor_id", "successor_id"):
        found |= {predecessor, successor}
    return found


def partnership_proposal(proposals: dict[str, Any], user: Actor) -> dict[str, Any]:
    """The partnership the matched parties point at: existing ones the user may add to, or a new pair to create.

    `existing` holds the partnerships between a matched Vietnamese and a matched Lao
    place (or their predecessors or successors); `nearby` those with only one side matched.
    """
    vn = next((p for p in proposals.get("vn_parties") or [] if p.get("place_id")), None)
    la = next((p for p in proposals.get("la_parties") or [] if p.get("place_id")), None)
    result: dict[str, Any] = {"existing": [], "nearby": [], "vn": vn, "la": la, "level": None}
    vn_ids = related_places([p["place_id"] for p in proposals.get("vn_parties") or [] if p.get("place_id")])
    la_ids = related_places([p["place_id"] for p in proposals.get("la_parties") or [] if p.get("place_id")])
    if vn_ids or la_ids:
        visible = Partnership.objects.restrict(user, access.ADD).with_sides()
        found = list(visible.filter(models.Q(vn_place__in=vn_ids) | models.Q(la_place__in=la_ids))[:20])
        result["existing"] = [p for p in found if p.vn_place_id in vn_ids and p.la_place_id in la_ids]
        result["nearby"] = [p for p in found if p not in result["existing"]]
    # The level of a party the registry lacks counts too: it may be added during the review.
    first_vn = vn or next(iter(proposals.get("vn_parties") or []), None)
    if first_vn:
        result["level"] = PARTNERSHIP_LEVELS.get(first_vn.get("level") or "", PartnershipLevel.OTHER)
    places = Place.objects.in_bulk([i for i in (vn and vn["place_id"], la and la["place_id"]) if i])
    result["vn_place"] = places.get(vn["place_id"]) if vn else None
    result["la_place"] = places.get(la["place_id"]) if la else None
    return result


def place_proposals(proposals: dict[str, Any]) -> list[dict[str, Any]]:
    """The places the reader proposes to add to the registry, each with its parent matched in the
    registry where it could be (`parent_place`), and the word before its name (`unit_type`)."""
    items = [item for item in proposals.get("proposed_places") or [] if item.get("level") in Level.values]
    parents = Place.objects.in_bulk([i["parent"]["place_id"] for i in items if (i.get("parent") or {}).get("place_id")])
    found = []
    for item in items:
        parent = item.get("parent") or {}
        unit_type = item.get("label", "")[: -len(item["name"])].strip() if item.get("label", "").endswith(item["name"]) else ""
        found.append({
            **item, "field": "proposed_places", "unit_type": unit_type[:1].upper() + unit_type[1:],
            "parent_name": parent.get("text") or parent.get("name") or "", "parent_place": parents.get(parent.get("place_id")),
        })
    return found


def event_day(proposals: dict[str, Any], year: int | None) -> datetime.date | None:
    """The event's day from a day and month whose year was unknown ("--06-22") and the year the officer gives."""
    partial = (proposals.get("event_partial") or {}).get("value") or ""
    if year is None or not partial.startswith("--"):
        return None
    month, day = (int(part) for part in partial[2:].split("-"))
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValidationError({"event_year": _("{day}/{month} does not exist in {year}.").format(day=day, month=month, year=year)}) from None


def agreement_proposals(document: SourceDocument) -> list[dict[str, Any]]:
    """Agreements to propose: each signed document the text dates; else the event itself, for minutes."""
    proposals = document.proposals or {}
    found = []
    for item in proposals.get("agreement_dates") or []:
        found.append({**item, "field": "agreement_dates", "kind": AGREEMENT_KINDS.get(item.get("kind") or "", AgreementKind.OTHER)})
    event = proposals.get("event_date") or proposals.get("event_partial")
    if not found and event:
        found.append({**event, "field": "event_date", "kind": AgreementKind.MINUTES})
    for item in found:
        try:
            item["signed_on"], item["precision"] = parse_value(item["value"])
        except (TypeError, ValueError):
            item["signed_on"], item["precision"] = None, DatePrecision.DAY
    if not found:
        # No date in the text: the document itself may be the agreement (minutes handed in as a file).
        found.append({
            "field": "document", "text": document.title, "span": None, "signed_on": document.document_date,
            "precision": DatePrecision.DAY, "value": document.document_date.isoformat() if document.document_date else "",
            "kind": AgreementKind.MINUTES if document.kind == DocumentKind.MINUTES else AgreementKind.OTHER,
            "suggested": document.kind == DocumentKind.MINUTES and document.document_date is not None,
        })
    return found

