from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from bordertwin.access import Role
from bordertwin.access.users import Actor
from bordertwin.accounts import services
from bordertwin.accounts.models import User
from bordertwin.core.choices import Side
from bordertwin.places.models import Organisation, Place


class Command(BaseCommand):
    help = (
        "Create a user if needed and grant a role over a place (by key), an organisation (by id) or everywhere. "
        "The change log names the administrator given with --by (who must be allowed to grant it), "
        "or else the system user who ran the command."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--place", help="place key, e.g. VN-2008-P42")
        parser.add_argument("--organisation", type=int, help="organisation id")
        parser.add_argument("--side", choices=Side.values, help="side of a new user (default: the place's country)")
        parser.add_argument("--password", help="password of a new user (asked for when omitted); the password validators apply")
        parser.add_argument("--by", metavar="USERNAME", help="the administrator on whose behalf the role is granted")

    def handle(self, *args: object, **options: Any) -> None:
        place = organisation = acting_user = None
        try:
            if options["place"]:
                place = Place.objects.get(key=options["place"])
            if options["organisation"]:
                organisation = Organisation.objects.get(pk=options["organisation"])
            if options["by"]:
                acting_user = User.objects.get(username=options["by"], is_active=True)
        except (Place.DoesNotExist, Organisation.DoesNotExist, User.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        reason = "" if acting_user else services.command_line_actor()
        try:
            with transaction.atomic():
                user = User.objects.filter(username=options["username"]).first()
                if user is None:
                    user = self.create(options, place, organisation, acting_user, reason)
                membership = services.grant_role(user, options["role"], place=place, organisation=organisation,
                                                 acting_user=acting_user, reason=reason)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Granted: {membership}")

    def create(self, options: dict[str, Any], place: Place | None, organisation: Organisation | None, acting_user: Actor | None, reason: str) -> User:
        side = options["side"] or (place.country if place else organisation.place.country if organisation else Side.VN)
        password = options["password"]
        if not password:
            import getpass

            password = getpass.getpass(f"Password for {options['username']}: ")
        # Given on the command line by the operator, the password is the user's own: no change is forced.
        user = services.create_user(username=options["username"], password=password, side=side, acting_user=acting_user,
                                    reason=reason, temporary=False)
        self.stdout.write(f"Created user {user.username} ({user.side}).")
        return user
