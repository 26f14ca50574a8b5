from django.urls import path

from . import views

app_name = "tracking"
urlpatterns = [
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.ActivityCreateView.as_view(), name="activity_add"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="activity_edit"),
    path("activities/<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("activities/<int:pk>/confirm/", views.activity_confirm, name="activity_confirm"),
    path("activities/<int:pk>/dispute/", views.activity_dispute, name="activity_dispute"),
    path("deliveries/", views.DeliveryListView.as_view(), name="delivery_list"),
    path("deliveries/new/", views.DeliveryCreateView.as_view(), name="delivery_add"),
    path("deliveries/<int:pk>/", views.DeliveryDetailView.as_view(), name="delivery_detail"),
    path("deliveries/<int:pk>/edit/", views.DeliveryUpdateView.as_view(), name="delivery_edit"),
    path("deliveries/<int:pk>/delete/", views.DeliveryDeleteView.as_view(), name="delivery_delete"),
    path("deliveries/<int:pk>/confirm/", views.delivery_confirm, name="delivery_confirm"),
    path("deliveries/<int:pk>/dispute/", views.delivery_dispute, name="delivery_dispute"),
    path("exchange-rates/", views.ExchangeRateListView.as_view(), name="exchangerate_list"),
    path("exchange-rates/new/", views.ExchangeRateCreateView.as_view(), name="exchangerate_add"),
    path("exchange-rates/<int:pk>/", views.ExchangeRateDetailView.as_view(), name="exchangerate_detail"),
    path("exchange-rates/<int:pk>/edit/", views.ExchangeRateUpdateView.as_view(), name="exchangerate_edit"),
    path("exchange-rates/<int:pk>/delete/", views.ExchangeRateDeleteView.as_view(), name="exchangerate_delete"),
    path("review-periods/", views.ReviewPeriodListView.as_view(), name="reviewperiod_list"),
    path("review-periods/new/", views.ReviewPeriodCreateView.as_view(), name="reviewperiod_add"),
    path("review-periods/<int:pk>/", views.ReviewPeriodDetailView.as_view(), name="reviewperiod_detail"),
    path("review-periods/<int:pk>/edit/", views.ReviewPeriodUpdateView.as_view(), name="reviewperiod_edit"),
    path("review-periods/<int:pk>/delete/", views.ReviewPeriodDeleteView.as_view(), name="reviewperiod_delete"),
    path("review-periods/<int:pk>/approve/", views.review_period_approve, name="reviewperiod_approve"),
    path("review-periods/<int:pk>/unlock/", views.review_period_unlock, name="reviewperiod_unlock"),
    path("commitments/<int:pk>/status/", views.commitment_status, name="commitment_status"),
    path("import/", views.import_page, name="import"),
    path("import/<str:kind>/template.<str:fmt>", views.import_template, name="import_template"),
]
