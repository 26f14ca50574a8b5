from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("language/", views.set_language, name="set_language"),
    path("records/choices/", views.record_choices, name="record_choices"),
    path("records/deleted/", views.DeletedRecordsView.as_view(), name="deleted_records"),
    path("records/<int:content_type_id>/<int:pk>/history/", views.record_history, name="record_history"),
    path("records/<int:content_type_id>/<int:pk>/notes/", views.record_note, name="record_note"),
    path("records/<int:content_type_id>/<int:pk>/files/", views.record_attach, name="record_attach"),
    path("files/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("files/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
]
