from django.urls import path

from .views import JobResultView, JobView

urlpatterns = [
    path("jobs/<uuid:pk>/", JobView.as_view(), name="job-detail"),
    path("jobs/<uuid:pk>/result/", JobResultView.as_view(), name="job-result"),
]
