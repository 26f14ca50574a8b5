from django.urls import path

from bordertwin.core.registry import model_patterns

from . import views

app_name = "intake"
urlpatterns = [
    *model_patterns(app_name),
    path("<int:pk>/file/", views.original_file, name="sourcedocument_file"),
]
