from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("", views.SourceDocumentListView.as_view(), name="sourcedocument_list"),
    path("new/", views.submit, name="sourcedocument_add"),
    path("<int:pk>/", views.detail, name="sourcedocument_detail"),
    path("<int:pk>/delete/", views.SourceDocumentDeleteView.as_view(), name="sourcedocument_delete"),
    path("<int:pk>/file/", views.original_file, name="sourcedocument_file"),
]
