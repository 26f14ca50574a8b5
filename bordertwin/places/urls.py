from django.urls import path

from bordertwin.core.registry import model_patterns

from . import views

app_name = "places"
urlpatterns = [
    *model_patterns(app_name),
    path("choices/", views.place_choices, name="place_choices"),
]
