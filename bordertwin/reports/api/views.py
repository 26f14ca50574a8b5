"""The review reports through the API: 202 and a job to poll, the same parameters as the pages
(?from=&to=&lang=, and &issuer=&signer= for a partnership's)."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bordertwin.jobs.api.views import accepted

from .. import jobs, views
from .. import services as reports_services


class ReviewReportView(APIView):
    @extend_schema(request=None, responses={202: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: int, fmt: str) -> Response:
        if fmt not in views.FORMATS:
            raise Http404(_("There is no report in this format."))
        partnership = reports_services.review_partnership(request.user, pk)
        parameters = views.review_parameters(request, partnership)
        if isinstance(parameters, list):
            return Response({"errors": parameters}, status=400)
        return accepted(request, jobs.queue_review(request.user, partnership, fmt, *parameters.arguments()))


class ProvinceReviewReportView(APIView):
    """The province-wide review report (DOCX) of every partnership of a province the user sees: 202 and its job."""

    @extend_schema(request=None, responses={202: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: int) -> Response:
        province = views.visible_province(request, pk)
        parameters = views.province_parameters(request)
        if isinstance(parameters, list):
            return Response({"errors": parameters}, status=400)
        return accepted(request, jobs.queue_province_review(request.user, province, *parameters))
