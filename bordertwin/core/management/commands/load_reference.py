from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Load the reference data every installation needs (places along the border, units of measure). Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        for config in apps.get_app_configs():
            module_name = f"{config.name}.reference"
            if not config.name.startswith("bordertwin.") or find_spec(module_name) is None:
                continue
            try:
                summary = import_module(module_name).load()
            except Exception as error:  # a failed load names its rows; nothing of it was saved
                raise CommandError(f"{config.label}: {error}") from error
            self.stdout.write(f"{config.label}: {summary}")
