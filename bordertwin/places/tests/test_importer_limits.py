"""`bordertwin import_places` with what no import can store (a NUL byte, an over-long cell) fails with a clear
message naming file and line, and stores nothing; a good import names its files in the change log."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from bordertwin.places.models import Place

from .test_importers import GOOD, counts, write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("bad_line", "message"), [
    ("LA-V-C,LA,village,Bản,,Bản\x00 C,Ban C,,,LA-D-NAKAI,,", "places.csv: Line 4 holds a NUL character"),
    ("LA-V-C,LA,village,Bản,,Bản C,Ban C,," + "x" * 131_073 + ",LA-D-NAKAI,,", "places.csv: Line 4: a cell holds more than 131,072 characters."),
])
def test_a_file_no_database_can_store_is_refused_whole(tmp_path, bad_line, message):
    before = counts()
    with pytest.raises(CommandError) as raised:
        call_command("import_places", str(write(tmp_path, [*GOOD, bad_line])))
    assert message in str(raised.value)
    assert counts() == before


def test_the_change_log_names_the_imported_files(tmp_path):
    call_command("import_places", str(write(tmp_path, GOOD, name="nakai-villages.csv")))
    assert Place.objects.get(key="LA-V-A").history.get().history_change_reason == "Imported from the file nakai-villages.csv"
    call_command("import_places", str(write(tmp_path, [GOOD[0].replace("Ban A", "Ban A1"), GOOD[1]], name="fix.csv")))
    assert Place.objects.get(key="LA-V-A").history.first().history_change_reason == "Imported from the file fix.csv"
