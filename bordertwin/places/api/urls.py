from rest_framework.routers import SimpleRouter

from .views import OrganisationViewSet, PlaceViewSet

router = SimpleRouter()
router.register("places", PlaceViewSet, basename="place")
router.register("organisations", OrganisationViewSet, basename="organisation")
urlpatterns = router.urls
