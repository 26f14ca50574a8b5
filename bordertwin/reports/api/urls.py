from django.urls import path

from .views import ReviewReportView

urlpatterns = [path("partnerships/<int:pk>/review.<str:fmt>", ReviewReportView.as_view(), name="review-report")]
