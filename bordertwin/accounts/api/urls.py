from django.urls import path

from .views import IssueTokenView, TokenDetailView, TokenListView

urlpatterns = [
    path("auth/token/", IssueTokenView.as_view(), name="api_token"),
    path("auth/tokens/", TokenListView.as_view(), name="api_tokens"),
    path("auth/tokens/<int:pk>/", TokenDetailView.as_view(), name="api_token_detail"),
]
