from typing import Any

from django import template

from .. import services

register = template.Library()


@register.simple_tag(takes_context=True)
def is_following(context: Any, record: Any) -> bool:
    """Whether the signed-in user follows `record` (for the Follow / Unfollow button of a detail page)."""
    return services.is_following(context["request"].user, record)
