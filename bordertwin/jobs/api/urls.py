from django.urls import path

from .views import JobView

urlpatterns = [path("jobs/<uuid:pk>/", JobView.as_view(), name="job-detail")]
