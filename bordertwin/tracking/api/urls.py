from rest_framework.routers import SimpleRouter

from .views import ActivityViewSet, DeliveryViewSet, ExchangeRateViewSet, ReviewPeriodViewSet, UnitViewSet

router = SimpleRouter()
router.register("activities", ActivityViewSet, basename="activity")
router.register("deliveries", DeliveryViewSet, basename="delivery")
router.register("exchange-rates", ExchangeRateViewSet, basename="exchangerate")
router.register("review-periods", ReviewPeriodViewSet, basename="reviewperiod")
router.register("units", UnitViewSet, basename="unit")
urlpatterns = router.urls
