from django.urls import path

from .views import ScopeView

urlpatterns = [path("offline/scope/", ScopeView.as_view(), name="offline_scope")]
