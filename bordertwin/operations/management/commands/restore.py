"""`bordertwin restore FILE`: an archive of `bordertwin backup` back into an empty database and media folder."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bordertwin.operations import backup


class Command(BaseCommand):
    help = "Restore an archive written by `bordertwin backup` into an empty database and an empty media folder."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"No archive at {file}.")
        try:
            manifest = backup.restore(file)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the database and {len(manifest['files'])} files from the backup of {manifest['created_at']}")
