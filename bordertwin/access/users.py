"""The user types every layer names: `User` (one who signed in) and `Actor` (possibly anonymous).

For the type checker `User` is the project's user model (settings.AUTH_USER_MODEL, through
django-stubs), so this lowest layer names it without importing the accounts app. At run
time the aliases are `Any`: importing the user model here would load the app registry early.
"""

from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, _User

    User: TypeAlias = _User
    Actor: TypeAlias = _User | AnonymousUser
else:
    User = Actor = Any

__all__ = ["Actor", "User"]
