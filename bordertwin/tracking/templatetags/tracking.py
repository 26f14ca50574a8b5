"""What tracking adds to other apps' pages: a commitment's deliveries, activities and measured progress."""

from typing import Any

from django import template

from bordertwin import access
from bordertwin.partnerships.models import Commitment
from bordertwin.partnerships.services import progress_of

from .. import services
from ..forms import CommitmentStatusForm
from ..models import Activity, Delivery

register = template.Library()


@register.inclusion_tag("tracking/partials/commitment_tracking.html", takes_context=True)
def commitment_tracking(context: dict[str, Any], commitment: Commitment) -> dict[str, Any]:
    """Deliveries and activities that served a commitment, its progress counting them, and lateness (constant queries)."""
    request = context["request"]
    user = request.user
    family = list(Commitment.objects.filter(agreement=commitment.agreement_id))
    measured = services.measured_progress(family)
    states = services.commitment_states([commitment], measured=measured)
    deliveries = list(
        Delivery.objects.restrict(user).filter(commitment=commitment).select_related("unit").order_by("-delivered_on", "-pk")[:50]
    )
    activities = list(Activity.objects.restrict(user).filter(commitments=commitment).order_by("-started_on", "-pk")[:50])
    partnership_id = commitment.agreement.partnership_id
    return {
        "request": request,
        "commitment": commitment,
        "measured": progress_of(family, measured).get(commitment.pk) if measured else None,
        "state": states.get(commitment.pk),
        "deliveries": deliveries,
        "activities": activities,
        "total": services.total_value(deliveries, "VND") if any(d.value is not None for d in deliveries) else None,
        "can_approve": access.can(user, access.APPROVE, commitment),
        "can_add": access.can_add(user, Delivery),
        "status_form": CommitmentStatusForm(initial={"status": commitment.status}),
        "partnership_id": partnership_id,
        "csrf_token": context.get("csrf_token"),
    }
