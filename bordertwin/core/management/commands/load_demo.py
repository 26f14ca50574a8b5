from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demonstration data (users, the seed partnerships and what they did). Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.name.startswith("bordertwin.") and find_spec(module_name) is not None:
                    summary = import_module(module_name).load(self.stdout)
                    self.stdout.write(f"{config.label}: {summary}")
