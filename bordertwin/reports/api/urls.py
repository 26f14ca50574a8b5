from django.urls import path

from .views import ProvinceReviewReportView, ReviewReportView

urlpatterns = [
    path("partnerships/<int:pk>/review.<str:fmt>", ReviewReportView.as_view(), name="review-report"),
    # A province is a place: its report under the places' API.
    path("places/<int:pk>/review.docx", ProvinceReviewReportView.as_view(), name="province-review-report"),
]
