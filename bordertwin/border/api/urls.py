from rest_framework.routers import SimpleRouter

from .views import IncidentViewSet, InspectionViewSet, MarkerViewSet, PatrolViewSet, SegmentViewSet

router = SimpleRouter()
router.register("segments", SegmentViewSet, basename="segment")
router.register("markers", MarkerViewSet, basename="marker")
router.register("patrols", PatrolViewSet, basename="patrol")
router.register("inspections", InspectionViewSet, basename="inspection")
router.register("incidents", IncidentViewSet, basename="incident")
urlpatterns = router.urls
