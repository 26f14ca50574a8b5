"""`bordertwin backup FILE`: the database, every uploaded file and a manifest of checksums, in one archive."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bordertwin.operations import backup


class Command(BaseCommand):
    help = "Write one archive (.tar.gz) with the database, every uploaded file and a manifest of their checksums."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            manifest = backup.backup(file)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up the {manifest['database']['vendor']} database and {len(manifest['files'])} files to {file}")
