from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("partnerships/<int:pk>/", views.dashboard, name="dashboard"),
    path("partnerships/<int:pk>/review/", views.review, name="review"),
    path("partnerships/<int:pk>/review.<str:fmt>", views.review_download, name="review_download"),
    path("provinces/<int:pk>/review.docx", views.province_review_download, name="province_review_download"),
    path("partnerships/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("partnerships/<int:pk>/minutes.docx", views.minutes_download, name="minutes_download"),
]
