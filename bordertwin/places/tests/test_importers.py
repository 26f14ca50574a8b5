"""`bordertwin import_places`: a bad file changes nothing and says which lines are wrong; a second import changes nothing."""

import pytest
from django.core.management import CommandError, call_command

from bordertwin.places.importers import PLACE_COLUMNS, SUCCESSION_COLUMNS, load_reference
from bordertwin.places.models import Place, Succession

pytestmark = pytest.mark.django_db

HEADER = ",".join(PLACE_COLUMNS)
GOOD = [
    "LA-V-A,LA,village,Bản,,Bản A,Ban A,,,LA-D-NAKAI,,",
    "LA-V-B,LA,village,Bản,,Bản B,Ban B,,,LA-D-NAKAI,,",
]


def write(tmp_path, lines, name="places.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes("\n".join([HEADER, *lines]).encode(encoding) + b"\n")
    return path


def counts():
    return Place.all_objects.count(), Succession.all_objects.count(), Place.history.count()


def test_a_good_file_creates_its_places_and_a_second_import_changes_nothing(tmp_path, capsys):
    path = write(tmp_path, GOOD)
    call_command("import_places", str(path))
    assert Place.objects.get(key="LA-V-A").parent.key == "LA-D-NAKAI"
    assert "2 created" in capsys.readouterr().out
    before = counts()
    call_command("import_places", str(path))
    assert counts() == before
    assert "0 created, 0 updated, 2 unchanged" in capsys.readouterr().out


@pytest.mark.parametrize(("bad_line", "message"), [
    ("LA-V-C,LA,village,Bản,,Bản C,Ban C,,,LA-D-NOWHERE,,", "LA-D-NOWHERE"),
    ("LA-V-C,LA,village,Bản,,Bản C,Ban C,,,LA-D-NAKAI,2024-13-45,", "2024-13-45"),
    ("LA-V-A,LA,village,Bản,,Bản A lần hai,,,,LA-D-NAKAI,,", "LA-V-A"),
    ("LA-V-C,XX,village,Bản,,Bản C,,,,LA-D-NAKAI,,", "XX"),
    ("LA-V-C,LA,hamlet,Bản,,Bản C,,,,LA-D-NAKAI,,", "hamlet"),
    (",LA,village,Bản,,Bản C,,,,LA-D-NAKAI,,", "places.csv:4"),
])
def test_a_bad_line_changes_nothing_and_is_named_by_its_number(tmp_path, bad_line, message):
    path = write(tmp_path, [*GOOD, bad_line])
    before = counts()
    with pytest.raises(CommandError) as error:
        call_command("import_places", str(path))
    assert "places.csv:4" in str(error.value)
    assert message in str(error.value)
    assert counts() == before


def test_every_bad_line_is_listed_at_once(tmp_path):
    path = write(tmp_path, [
        "LA-V-C,LA,village,Bản,,Bản C,,,,LA-D-NOWHERE,,",
        "LA-V-D,LA,village,Bản,,Bản D,,,,LA-D-NAKAI,31/12/2024,",
        "LA-V-C,LA,village,Bản,,Bản C,,,,LA-D-NAKAI,,",
    ])
    with pytest.raises(CommandError) as error:
        call_command("import_places", str(path))
    text = str(error.value)
    assert "places.csv:2" in text and "places.csv:3" in text and "places.csv:4" in text


def test_a_file_that_is_not_utf8_changes_nothing(tmp_path):
    path = write(tmp_path, ["LA-V-C,LA,village,Ban,,Bàn Cà,,,,LA-D-NAKAI,,"], encoding="latin-1")
    before = counts()
    with pytest.raises(CommandError) as error:
        call_command("import_places", str(path))
    assert "UTF-8" in str(error.value)
    assert counts() == before


def test_a_file_without_the_agreed_columns_changes_nothing(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("key,name\nLA-V-C,Bản C\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_places", str(path))
    assert "missing columns" in str(error.value) or "thiếu" in str(error.value)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError):
        call_command("import_places", str(tmp_path / "nowhere.csv"))


def test_a_succession_to_an_unknown_place_changes_nothing(tmp_path):
    places = write(tmp_path, GOOD)
    successions = tmp_path / "successions.csv"
    successions.write_text(",".join(SUCCESSION_COLUMNS) + "\nLA-V-A,LA-V-NOWHERE,merged,2025-01-01,\n", encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError) as error:
        call_command("import_places", str(places), "--successions", str(successions))
    assert "successions.csv:2" in str(error.value)
    assert counts() == before


def test_importing_the_reference_again_changes_nothing():
    before = counts()
    result = load_reference()
    assert (result.created, result.updated, result.successions_created) == (0, 0, 0)
    assert result.unchanged == Place.all_objects.count()
    assert counts() == before
