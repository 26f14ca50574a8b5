from django.urls import path

from . import views

app_name = "partnerships"
urlpatterns = [
    path("", views.PartnershipListView.as_view(), name="partnership_list"),
    path("new/", views.PartnershipCreateView.as_view(), name="partnership_add"),
    path("<int:pk>/", views.PartnershipDetailView.as_view(), name="partnership_detail"),
    path("<int:pk>/edit/", views.PartnershipUpdateView.as_view(), name="partnership_edit"),
    path("<int:pk>/delete/", views.PartnershipDeleteView.as_view(), name="partnership_delete"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/new/", views.AgreementCreateView.as_view(), name="agreement_add"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.AgreementUpdateView.as_view(), name="agreement_edit"),
    path("agreements/<int:pk>/delete/", views.AgreementDeleteView.as_view(), name="agreement_delete"),
    path("agreements/<int:pk>/carry-over/", views.agreement_carry_over, name="agreement_carry_over"),
    path("commitments/", views.CommitmentListView.as_view(), name="commitment_list"),
    path("commitments/new/", views.CommitmentCreateView.as_view(), name="commitment_add"),
    path("commitments/<int:pk>/", views.CommitmentDetailView.as_view(), name="commitment_detail"),
    path("commitments/<int:pk>/edit/", views.CommitmentUpdateView.as_view(), name="commitment_edit"),
    path("commitments/<int:pk>/delete/", views.CommitmentDeleteView.as_view(), name="commitment_delete"),
]
