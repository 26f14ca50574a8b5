from django.urls import path

from bordertwin.core.registry import model_patterns

from . import views

app_name = "tracking"
urlpatterns = [
    *model_patterns(app_name),
    path("activities/<int:pk>/confirm/", views.activity_confirm, name="activity_confirm"),
    path("activities/<int:pk>/dispute/", views.activity_dispute, name="activity_dispute"),
    path("deliveries/<int:pk>/confirm/", views.delivery_confirm, name="delivery_confirm"),
    path("deliveries/<int:pk>/dispute/", views.delivery_dispute, name="delivery_dispute"),
    path("review-periods/<int:pk>/approve/", views.review_period_approve, name="reviewperiod_approve"),
    path("review-periods/<int:pk>/unlock/", views.review_period_unlock, name="reviewperiod_unlock"),
    path("commitments/<int:pk>/status/", views.commitment_status, name="commitment_status"),
    path("import/", views.import_page, name="import"),
    path("import/<str:kind>/template.<str:fmt>", views.import_template, name="import_template"),
]
