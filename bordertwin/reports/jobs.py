"""The review report made in the background: the download view queues it, a worker writes the document."""

import datetime
from typing import Any

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bordertwin import access
from bordertwin.access.users import Actor
from bordertwin.jobs import services as jobs
from bordertwin.jobs.registry import JobError, Outcome, Progress, register
from bordertwin.partnerships.models import Partnership
from bordertwin.places.models import Place

from . import issuers, services, views
from .documents import province as province_document
from .province import province_review

REVIEW = "reports.review"


def queue_review(user: Actor, partnership: Partnership, fmt: str, date_from: datetime.date, date_to: datetime.date,
                 language: str, issuer: str = "", signer: str = issuers.HEAD) -> Any:
    """Queue the review report (or find the same one already on its way: the same document asked for again while
    it is being made is the same job); returns its job."""
    parameters = {
        "partnership": partnership.pk, "format": fmt, "from": date_from.isoformat(), "to": date_to.isoformat(),
        "language": language, "issuer": issuer, "signer": signer,
    }
    return start_once(REVIEW, user, parameters, partnership)


def start_once(name: str, user: Actor, parameters: dict[str, Any], target: Any) -> Any:
    """Start the job `name`, keyed by its starter and parameters, so the same report asked again is the same job."""
    key = ":".join([name, str(user.pk), *(str(parameters[field]) for field in sorted(parameters))])
    return jobs.start(name, user, parameters, target=target, key=key)


@register(REVIEW, gettext_lazy("Review report"), atomic=False)
def review_document(job: Any, progress: Progress) -> Outcome:
    """The review report of one partnership as its starter may see it, in the format and language asked for."""
    parameters = job.parameters
    user = job.started_by
    # The job's one check: the starter may have lost sight of the partnership since asking (review_data trusts it).
    partnership = access.restrict(Partnership.objects.select_related(*services.PARTNERSHIP_RELATED), user).filter(pk=parameters["partnership"]).first()
    if partnership is None:
        raise JobError(_("You may no longer see this partnership."))
    date_from = datetime.date.fromisoformat(parameters["from"])
    date_to = datetime.date.fromisoformat(parameters["to"])
    fmt, language = parameters["format"], parameters["language"]
    writer, content_type = views.FORMATS[fmt]
    with translation.override(language):
        try:
            data = services.review_data(partnership, date_from, date_to, user, language=language,
                                        issuer=parameters.get("issuer", ""), signer=parameters.get("signer", "head"))
        except ValueError as error:  # the unit chosen no longer carries the partnership on
            raise JobError(_("Choose the issuing unit from the list.")) from error
        progress(40)
        content = writer(data)
    return Outcome(content=content, filename=views.filename(partnership, date_from, date_to, language, fmt), content_type=content_type,
                   sensitive=access.may_read_sensitive(user, partnership))


PROVINCE_REVIEW = "reports.province_review"


def queue_province_review(user: Actor, province: Place, date_from: datetime.date, date_to: datetime.date, language: str) -> Any:
    """Queue the province-wide review report (DOCX), or find the same one on its way; returns its job."""
    parameters = {"province": province.pk, "from": date_from.isoformat(), "to": date_to.isoformat(), "language": language}
    return start_once(PROVINCE_REVIEW, user, parameters, province)


@register(PROVINCE_REVIEW, gettext_lazy("Province-wide review report"), atomic=False)
def province_review_document(job: Any, progress: Progress) -> Outcome:
    """Every partnership of a province its starter sees, reviewed for the period, in the language asked for."""
    parameters = job.parameters
    user = job.started_by
    province = access.restrict(Place.objects.filter(level="province"), user).filter(pk=parameters["province"]).first()
    if province is None:
        raise JobError(_("You may no longer see this province."))
    date_from = datetime.date.fromisoformat(parameters["from"])
    date_to = datetime.date.fromisoformat(parameters["to"])
    language = parameters["language"]
    with translation.override(language):
        review = province_review(province, date_from, date_to, user, language=language, progress=progress)
        content = province_document.render(review)
        with translation.override("en"):
            slug = slugify(province.name_en or province.name_vi) or str(province.pk)
    return Outcome(content=content, filename=f"review-{slug}-{date_from.isoformat()}-{date_to.isoformat()}-{language}.docx",
                   content_type=views.FORMATS["docx"][1])
