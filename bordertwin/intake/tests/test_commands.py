import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bordertwin.intake.models import SourceDocument
from bordertwin.places.models import Place

from .conftest import GOLD, SEEDS

pytestmark = pytest.mark.django_db
KEYS = {"vn_parties", "la_parties", "event_date", "agreement_dates", "money", "quantities", "domains", "commitments"}


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


def test_intake_json_prints_the_gold_keys_with_spans_into_the_text(seed_text):
    path = next(SEEDS.glob("002_*.txt"))
    result = json.loads(run("intake", str(path), "--json", "--date", "2024-06-22"))
    assert set(result) == KEYS
    items = items_with_spans(result)
    assert len(items) > 10
    for item in items:
        start, end = item["span"]
        assert seed_text[start:end] == item["text"]
    assert Place.objects.get(pk=result["vn_parties"][0]["place_id"]).key == "VN-2008-C19147"
    assert Place.objects.get(pk=result["la_parties"][0]["place_id"]).key == "LA-VC-NOONGMA"
    assert SourceDocument.all_objects.count() == 0


def test_intake_without_json_prints_a_readable_summary():
    path = next(SEEDS.glob("000_*.txt"))
    out = run("intake", str(path))
    assert "huyện Hương Khê" in out and "VN-2008-D444" in out
    assert "LA-D-NAKAI" in out


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
        ("Xã Thượng Trạch".encode(), ("--date", "22/06/2024"), "YYYY-MM-DD"),
    ],
)
def test_intake_refuses_bad_input_clearly(tmp_path, content, args, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run("intake", str(path), *args)


def test_intake_eval_prints_precision_recall_and_f1_per_field():
    out = run("intake-eval", str(GOLD))
    header = out.splitlines()[0].split()
    assert header == ["field", "tp", "fp", "fn", "P", "R", "F1"]
    for field in ("parties", "dates", "money", "quantities", "domains", "commitments", "overall"):
        assert any(line.startswith(field) for line in out.splitlines())
    assert "2 document(s)" in out


def test_intake_eval_refuses_a_directory_without_gold_files(tmp_path):
    with pytest.raises(CommandError, match="gold"):
        run("intake-eval", str(tmp_path))
