from django.urls import path

from bordertwin.core.registry import model_patterns

from . import views

app_name = "partnerships"
urlpatterns = [
    *model_patterns(app_name),
    path("agreements/<int:pk>/carry-over/", views.agreement_carry_over, name="agreement_carry_over"),
]
