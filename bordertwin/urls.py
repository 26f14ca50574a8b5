"""Every page signs the user in first (LoginRequiredMiddleware); the API answers 401 itself.

Each domain app brings `urls.py` (pages, under /<app>/) and most bring `api/urls.py` (under /api/v1/).
"""

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required, login_required
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from bordertwin.operations import views as operations_views
from bordertwin.partnerships.views import home

PAGE_APPS = ["places", "partnerships", "tracking", "border", "intake", "reports", "jobs", "notifications"]
API_APPS = ["accounts", "places", "partnerships", "tracking", "border", "intake", "reports", "jobs", "notifications", "offline"]


def api_patterns() -> list[URLPattern | URLResolver]:
    return [path("", include(f"bordertwin.{app}.api.urls")) for app in API_APPS]


def api_authenticates_itself(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """The API signs in by token or session in DRF and answers 401, never a redirect to the login page."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            api_authenticates_itself(pattern.url_patterns)
        else:
            login_not_required(pattern.callback)
    return patterns


urlpatterns: list[URLPattern | URLResolver] = [
    path("", home, name="home"),
    path("", include("bordertwin.core.urls")),
    # The installable app: its manifest, the service worker (at the root, so it controls the whole site), the outbox.
    path("", include("bordertwin.offline.urls")),
    path("accounts/", include("bordertwin.accounts.urls")),
    path("health/", operations_views.health, name="health"),
    path("api/v1/", include(api_authenticates_itself(api_patterns()))),
    # The schema answers 401 to anonymous clients itself (SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"]).
    path("api/schema/", login_not_required(SpectacularAPIView.as_view()), name="api_schema"),
    # A page: anonymous visitors go to sign in (DRF views answer 401 themselves). Redoc styles itself with
    # style elements and searches in a blob: worker: allowed on this page only.
    path(
        "api/docs/",
        login_required(csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]})(
            SpectacularRedocView.as_view(url_name="api_schema", template_name="core/api_docs.html")
        )),
        name="api_docs",
    ),
]
urlpatterns += [path(f"{app}/", include(f"bordertwin.{app}.urls")) for app in PAGE_APPS]

handler500 = "bordertwin.operations.views.server_error"
