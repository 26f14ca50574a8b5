"""The reference records a device keeps for offline forms: the user's scope, as bordertwin.access sees it."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bordertwin import access

from .. import scope


class ScopeView(APIView):
    @extend_schema(responses={200: OpenApiResponse(description=(
        "The user's scope for offline forms: partnerships, segments, markers, organisations, units, commitments and "
        f"places they may see, at most {scope.LIMIT} of each (a list cut short is named in `truncated`), the forms "
        "they may add (`may_add`) and when the bundle was made (`refreshed_at`)."
    ))})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The reference records of the user's scope, for the forms of the offline app."""
        return Response(scope.bundle(access.signed_in_user(request.user)))
