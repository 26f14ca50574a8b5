from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Load the reference data every installation needs (places along the border, units of measure). Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        # Each app that has reference data brings a `reference` module, found as Django finds `admin` modules.
        for config in apps.get_app_configs():
            if not config.name.startswith("bordertwin.") or not module_has_submodule(config.module, "reference"):
                continue
            try:
                summary = import_module(f"{config.name}.reference").load()
            except Exception as error:  # a failed load names its rows; nothing of it was saved
                raise CommandError(f"{config.label}: {error}") from error
            self.stdout.write(f"{config.label}: {summary}")
