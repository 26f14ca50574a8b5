from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from bordertwin.access import coverage
from bordertwin.access.users import Actor, User


class AccountsConfig(AppConfig):
    name = "bordertwin.accounts"
    label = "accounts"
    verbose_name = _("Users and access")

    def ready(self) -> None:
        from django.contrib.auth.models import update_last_login
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        # The time of the last sign-in is written without a save, so that the change log of a user
        # holds their changes, not a row for every sign-in (those are in the sign-in audit).
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(_note_last_login, dispatch_uid="bordertwin_last_login")
        user_logged_out.connect(_record_sign_out, dispatch_uid="bordertwin_sign_out")

        from bordertwin.jobs.housekeeping import also_clean

        from .services import remove_dead_tokens

        also_clean("api_tokens", remove_dead_tokens)

        membership = self.get_model("Membership")
        post_save.connect(_memberships_changed, sender=membership, dispatch_uid="memberships-changed-save")
        post_delete.connect(_memberships_changed, sender=membership, dispatch_uid="memberships-changed-delete")


def _memberships_changed(sender: Any, **kwargs: Any) -> None:
    """A role granted or withdrawn: the scopes kept for every user are renewed."""
    coverage.forget_memberships()


def _note_last_login(sender: Any, user: User, **kwargs: Any) -> None:
    from django.utils import timezone

    type(user).objects.filter(pk=user.pk).update(last_login=timezone.now())


def _record_sign_out(sender: Any, request: Any, user: Actor | None, **kwargs: Any) -> None:
    from .services import record_sign_out

    record_sign_out(request, user)
