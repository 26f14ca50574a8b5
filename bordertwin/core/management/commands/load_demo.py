from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Load the demonstration data (users, the seed partnerships and what they did). Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            # Each app that has demo data brings a `demo` module, found as Django finds `admin` modules.
            for config in apps.get_app_configs():
                if config.name.startswith("bordertwin.") and module_has_submodule(config.module, "demo"):
                    summary = import_module(f"{config.name}.demo").load(self.stdout)
                    self.stdout.write(f"{config.label}: {summary}")
