from django.urls import path

from . import views

app_name = "border"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("map/", views.border_map, name="map"),
    path("segments/", views.SegmentListView.as_view(), name="segment_list"),
    path("segments/new/", views.SegmentCreateView.as_view(), name="segment_add"),
    path("segments/<int:pk>/", views.SegmentDetailView.as_view(), name="segment_detail"),
    path("segments/<int:pk>/edit/", views.SegmentUpdateView.as_view(), name="segment_edit"),
    path("segments/<int:pk>/delete/", views.SegmentDeleteView.as_view(), name="segment_delete"),
    path("markers/", views.MarkerListView.as_view(), name="marker_list"),
    path("markers/new/", views.MarkerCreateView.as_view(), name="marker_add"),
    path("markers/<int:pk>/", views.MarkerDetailView.as_view(), name="marker_detail"),
    path("markers/<int:pk>/edit/", views.MarkerUpdateView.as_view(), name="marker_edit"),
    path("markers/<int:pk>/delete/", views.MarkerDeleteView.as_view(), name="marker_delete"),
    path("patrols/", views.PatrolListView.as_view(), name="patrol_list"),
    path("patrols/new/", views.PatrolCreateView.as_view(), name="patrol_add"),
    path("patrols/<int:pk>/", views.PatrolDetailView.as_view(), name="patrol_detail"),
    path("patrols/<int:pk>/edit/", views.PatrolUpdateView.as_view(), name="patrol_edit"),
    path("patrols/<int:pk>/delete/", views.PatrolDeleteView.as_view(), name="patrol_delete"),
    path("patrols/<int:pk>/share/", views.patrol_share, name="patrol_share"),
    path("patrols/<int:pk>/route/", views.patrol_route, name="patrol_route"),
    path("patrols/<int:pk>/inspect/", views.patrol_inspect, name="patrol_inspect"),
    path("incidents/", views.IncidentListView.as_view(), name="incident_list"),
    path("incidents/new/", views.IncidentCreateView.as_view(), name="incident_add"),
    path("incidents/<int:pk>/", views.IncidentDetailView.as_view(), name="incident_detail"),
    path("incidents/<int:pk>/edit/", views.IncidentUpdateView.as_view(), name="incident_edit"),
    path("incidents/<int:pk>/delete/", views.IncidentDeleteView.as_view(), name="incident_delete"),
    path("incidents/<int:pk>/move/", views.incident_move, name="incident_move"),
]
