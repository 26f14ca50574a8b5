from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.read, name="read"),
    path("read-all/", views.read_all, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
    path("follow/<int:content_type_id>/<int:pk>/", views.follow, name="follow"),
    path("webhooks/", views.webhook_list, name="webhook_list"),
    path("webhooks/add/", views.webhook_add, name="webhook_add"),
    path("webhooks/<int:pk>/", views.webhook_detail, name="webhook_detail"),
    path("webhooks/<int:pk>/delete/", views.webhook_delete, name="webhook_delete"),
]
