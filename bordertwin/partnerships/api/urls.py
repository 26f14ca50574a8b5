from rest_framework.routers import SimpleRouter

from .views import AgreementViewSet, CommitmentViewSet, PartnershipViewSet

router = SimpleRouter()
router.register("partnerships", PartnershipViewSet, basename="partnership")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("commitments", CommitmentViewSet, basename="commitment")
urlpatterns = router.urls
