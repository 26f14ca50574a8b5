from django.urls import path

from bordertwin.core.registry import model_patterns

from . import views

app_name = "border"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("map/", views.border_map, name="map"),
    *model_patterns(app_name),
    path("patrols/<int:pk>/share/", views.patrol_share, name="patrol_share"),
    path("patrols/<int:pk>/route/", views.patrol_route, name="patrol_route"),
    path("patrols/<int:pk>/inspect/", views.patrol_inspect, name="patrol_inspect"),
    path("incidents/<int:pk>/move/", views.incident_move, name="incident_move"),
]
