from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bordertwin.access import Role
from bordertwin.accounts.models import User
from bordertwin.accounts.services import grant_role
from bordertwin.core.choices import Side
from bordertwin.places.models import Organisation, Place


class Command(BaseCommand):
    help = "Create a user if needed and grant a role over a place (by key), an organisation (by id) or everywhere."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--place", help="place key, e.g. VN-2008-P42")
        parser.add_argument("--organisation", type=int, help="organisation id")
        parser.add_argument("--side", choices=Side.values, help="side of a new user (default: the place's country)")
        parser.add_argument("--password", help="password of a new user (asked for when omitted)")

    def handle(self, *args: object, **options: object) -> None:
        place = organisation = None
        try:
            if options["place"]:
                place = Place.objects.get(key=options["place"])
            if options["organisation"]:
                organisation = Organisation.objects.get(pk=options["organisation"])
        except (Place.DoesNotExist, Organisation.DoesNotExist) as error:
            raise CommandError(str(error)) from error
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            side = options["side"] or (place.country if place else organisation.place.country if organisation else Side.VN)
            user = User(username=options["username"], side=side)
            password = options["password"]
            if not password:
                import getpass

                password = getpass.getpass(f"Password for {user.username}: ")
            user.set_password(password)
            user.save()
            self.stdout.write(f"Created user {user.username} ({user.side}).")
        try:
            membership = grant_role(user, str(options["role"]), place=place, organisation=organisation)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"Granted: {membership}")
