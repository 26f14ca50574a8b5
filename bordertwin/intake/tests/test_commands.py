import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bordertwin.intake.models import SourceDocument
from bordertwin.places.models import Place

from .conftest import ARTICLES, TT_TEXT, article_path

pytestmark = pytest.mark.django_db
KEYS = {
    "vn_parties", "la_parties", "event_date", "agreement_dates", "money", "quantities", "domains", "commitments",
    "event_partial", "proposed_places", "document_date", "notes",
}
HK_TEXT = (
    "Hai huyện Hương Khê và NaKai hội đàm\n"
    "Chiều 22/6, huyện Hương Khê tổ chức hội đàm với huyện NaKai (tỉnh Khăm Muồn, Lào). "
    "Hai bên thống nhất tăng cường tuần tra song phương bảo vệ mốc quốc giới.\n"
)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def items_with_spans(result: dict) -> list[dict]:
    items = [*result["vn_parties"], *result["la_parties"], *result["agreement_dates"], *result["money"],
             *result["quantities"], *result["commitments"]]
    if result["event_date"]:
        items.append(result["event_date"])
    for domain in result["domains"]:
        items.extend(domain["evidence"])
    return items


def test_intake_json_prints_the_gold_keys_with_spans_into_the_text(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TT_TEXT, encoding="utf-8")
    result = json.loads(run("intake", str(path), "--json", "--date", "2024-06-22"))
    assert set(result) == KEYS
    items = items_with_spans(result)
    assert len(items) > 8
    for item in items:
        start, end = item["span"]
        assert TT_TEXT[start:end] == item["text"]
    assert Place.objects.get(pk=result["vn_parties"][0]["place_id"]).key == "VN-2008-C19147"
    assert Place.objects.get(pk=result["la_parties"][0]["place_id"]).key == "LA-VC-NOONGMA"
    assert SourceDocument.all_objects.count() == 0


def test_intake_without_json_prints_a_readable_summary(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(HK_TEXT, encoding="utf-8")
    out = run("intake", str(path), "--date", "2024-06-23")
    assert "huyện Hương Khê" in out and "VN-2008-D444" in out
    assert "LA-D-NAKAI" in out
    assert "Event date: 2024-06-22 (22/6)" in out


def test_intake_proposes_the_places_the_registry_lacks_with_their_parent():
    result = json.loads(run("intake", str(article_path("04")), "--json"))
    proposed = {(p["label"], p["country"], p["parent"]["text"]) for p in result["proposed_places"]}
    assert ("bản Na Hương", "LA", "huyện Viêng Thoong") in proposed
    assert ("bản Xốp Pột", "VN", "xã Tam Hợp") in proposed


def test_intake_keeps_a_partial_date_when_the_year_cannot_be_known():
    result = json.loads(run("intake", str(article_path("05")), "--json"))
    assert result["event_date"] is None
    assert result["event_partial"]["value"] == "--06-22"
    assert json.loads(run("intake", str(article_path("05")), "--json", "--date", "2024-06-24"))["event_date"]["value"] == "2024-06-22"


def test_intake_reads_a_word_file(tmp_path, tt_text):
    from .test_reading import docx_bytes

    path = tmp_path / "minutes.docx"
    path.write_bytes(docx_bytes(tt_text))
    result = json.loads(run("intake", str(path), "--json"))
    assert result["la_parties"][0]["name"] == "Noỏng Mạ"


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, (), "No such file"),
        (b"", (), "empty"),
        (b"\xe0\xe1 caf\xe9", (), "not UTF-8"),
        (b" \n\t\n", (), "no text"),
        (b"x" * 64, ("--date", "2024-02-30"), "YYYY-MM-DD"),
        ("Xã Thượng Trạch".encode(), ("--date", "22/06/2024"), "YYYY-MM-DD"),
    ],
)
def test_intake_refuses_bad_input_clearly(tmp_path, content, args, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run("intake", str(path), *args)


def test_intake_refuses_a_file_too_big(tmp_path, settings):
    settings.BORDERTWIN_INTAKE_MAX_FILE_BYTES = 100
    path = tmp_path / "article.txt"
    path.write_text(TT_TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="larger than"):
        run("intake", str(path))


def test_intake_refuses_a_file_it_may_not_open(tmp_path, monkeypatch):
    path = tmp_path / "article.txt"
    path.write_text(TT_TEXT, encoding="utf-8")

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(CommandError, match="Cannot read .*article.txt: Permission denied"):
        run("intake", str(path))


def test_intake_ends_with_an_error_when_the_reader_trips(tmp_path, monkeypatch):
    from bordertwin.intake import services

    def trip(*args, **kwargs):
        raise ValueError("unexpected input")

    monkeypatch.setattr(services, "extract", trip)
    path = tmp_path / "article.txt"
    path.write_text(TT_TEXT, encoding="utf-8")
    with pytest.raises(CommandError, match="could not be read: unexpected input"):
        run("intake", str(path), "--json")


def command_line(*args: str, database: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_SETTINGS_MODULE": "bordertwin.settings"}
    code = "from bordertwin.cli import main; main()"
    return subprocess.run(  # noqa: S603  (this interpreter, fixed arguments)
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=environment, timeout=120, check=False,
    )


def test_intake_on_an_unmigrated_database_reads_without_the_registry_and_says_so(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(TT_TEXT, encoding="utf-8")
    done = command_line("intake", str(path), "--json", "--date", "2024-06-22", database=tmp_path / "empty.sqlite3")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["la_parties"][0]["name"] == "Noỏng Mạ" and result["la_parties"][0]["place_id"] is None
    assert any("matching skipped" in note for note in result["notes"])
    assert "bordertwin migrate" in done.stderr


def test_intake_eval_prints_precision_recall_and_f1_per_field():
    out = run("intake-eval", str(ARTICLES))
    header = out.splitlines()[0].split()
    assert header == ["field", "tp", "fp", "fn", "P", "R", "F1"]
    for field in ("parties", "event_date", "agreement_dates", "money", "quantities", "domains", "commitments", "overall"):
        assert any(line.startswith(field) for line in out.splitlines())
    assert "13 document(s)" in out


def test_intake_eval_fails_below_its_floor():
    assert "overall" in run("intake-eval", str(ARTICLES), "--min-f1", "0.5")
    with pytest.raises(CommandError, match="below the floor"):
        run("intake-eval", str(ARTICLES), "--min-f1", "0.999")


def test_intake_eval_refuses_a_directory_without_gold_files(tmp_path):
    with pytest.raises(CommandError, match="gold"):
        run("intake-eval", str(tmp_path))


def test_intake_eval_names_a_gold_file_it_cannot_read(tmp_path):
    (tmp_path / "01.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="01.gold.json is not UTF-8 JSON"):
        run("intake-eval", str(tmp_path))
