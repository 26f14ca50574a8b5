from rest_framework.routers import SimpleRouter

from .views import SourceDocumentViewSet

router = SimpleRouter()
router.register("intake", SourceDocumentViewSet, basename="sourcedocument")
urlpatterns = router.urls
