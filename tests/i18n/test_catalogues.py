"""The Vietnamese and Lao catalogues are complete, keep every placeholder, and are what users read.

English is the source language and has no catalogue. Django ships no Lao catalogue and, for
a message missing from ours, falls back to Vietnamese (the default language), so a gap shows
a Lao officer Vietnamese text: hence a test that fails on any untranslated or fuzzy entry.
"""

import ast
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ["vi", "lo"]
PERCENT = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifrxX]")
POSITIONAL = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdif]")
BRACE = re.compile(r"\{(\w*)(?:![rsa])?(?::[^{}]*)?\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str = ""
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def label(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (obsolete `#~` entries and the header left out)."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal current, target
        if current.msgid or current.msgstrs:
            entries.append(current)
        current, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if current.msgid or current.msgstrs:
                finish()
            current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value, rest = ast.literal_eval(line), ""
        else:
            value = ast.literal_eval(rest)
            if keyword == "msgid" and (current.msgid or current.msgstrs):
                finish()
            if not current.line:
                current.line = number
            if keyword.startswith("msgstr"):
                current.msgstrs.append("")
                target = ("msgstr", len(current.msgstrs) - 1)
            else:
                target = (keyword, None)
        assert target is not None, f"{path}:{number}: text outside an entry"
        name, index = target
        if name == "msgstr":
            current.msgstrs[index] += value  # type: ignore[index]
        else:
            setattr(current, name, getattr(current, name) + value)
    finish()
    return [entry for entry in entries if entry.msgid]


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def every_catalogue() -> list[Path]:
    """The project's catalogues and those an app keeps beside its code (reports/locale)."""
    base = Path(settings.BASE_DIR)
    return sorted(p for language in TRANSLATED for p in base.glob(f"**/locale/{language}/LC_MESSAGES/django.po"))


CATALOGUES = every_catalogue()
CATALOGUE_IDS = [str(p.relative_to(Path(settings.BASE_DIR)).parent.parent) for p in CATALOGUES]


def placeholders(text: str, flags: set[str]) -> list[str]:
    found = sorted(f"%({name})" for name in PERCENT.findall(text))
    if "python-format" in flags:
        found += sorted("%" + match[-1] for match in POSITIONAL.findall(PERCENT.sub("", text)))
    found += sorted("{" + name + "}" for name in BRACE.findall(text.replace("{{", "").replace("}}", "")))
    return found


def test_every_language_but_english_has_a_catalogue() -> None:
    codes = [code for code, _name in settings.LANGUAGES if code != "en"]
    assert sorted(codes) == sorted(TRANSLATED)
    for code in codes:
        assert catalogue(code).is_file(), f"no catalogue for {code}: run makemessages -l {code}"


def test_the_project_catalogues_are_found() -> None:
    assert catalogue("vi") in CATALOGUES and catalogue("lo") in CATALOGUES
    assert len(parse_po(catalogue("lo"))) > 300, "the catalogue looks truncated"


@pytest.mark.parametrize("path", CATALOGUES, ids=CATALOGUE_IDS)
def test_every_message_is_translated_and_none_is_fuzzy(path: Path) -> None:
    entries = parse_po(path)
    language = path.parent.parent.name
    untranslated = [e.label for e in entries if not e.msgstrs or not all(s.strip() for s in e.msgstrs)]
    fuzzy = [e.label for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated in {language}: {untranslated}"
    assert not fuzzy, f"fuzzy (unchecked) in {language}: {fuzzy}"


@pytest.mark.parametrize("path", CATALOGUES, ids=CATALOGUE_IDS)
def test_a_translation_keeps_every_placeholder_of_its_message(path: Path) -> None:
    language = path.parent.parent.name
    wrong = []
    for entry in parse_po(path):
        expected = placeholders(entry.msgid_plural or entry.msgid, entry.flags)
        for text in entry.msgstrs:
            if text and sorted(set(placeholders(text, entry.flags))) != sorted(set(expected)):
                wrong.append(f"{entry.label} -> {text!r}")
    assert not wrong, f"placeholders differ in {language}: {wrong}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_has_one_plural_form_and_no_duplicates(language: str) -> None:
    text = catalogue(language).read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=1; plural=0;\\n"' in text
    assert f'"Language: {language}\\n"' in text
    entries = parse_po(catalogue(language))
    keys = [(e.msgctxt, e.msgid) for e in entries]
    assert len(keys) == len(set(keys))
    assert all(len(e.msgstrs) == 1 for e in entries if e.msgid_plural)


@pytest.mark.parametrize("path", CATALOGUES, ids=CATALOGUE_IDS)
def test_msgfmt_accepts_the_catalogue(path: Path, tmp_path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is missing: install GNU gettext (`make setup` does); this check does not skip.")
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def compiled() -> None:
    """Pages read the compiled .mo files; `make setup` builds them (they are not in git)."""
    for po in CATALOGUES:
        mo = po.with_suffix(".mo")
        assert mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime, (
            f"{mo} is missing or older than its .po: run `cd bordertwin && ../.venv/bin/bordertwin compilemessages`"
        )


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "heading", "level_label"), [
    ("lo", "ຄູ່ພີ່ນ້ອງ", "ລະດັບ"),
    ("vi", "Quan hệ kết nghĩa", "Cấp"),
    ("en", "Partnerships", "Level"),
])
def test_the_partnership_list_speaks_the_language_the_user_chose(
    client, world, compiled, language: str, heading: str, level_label: str,  # type: ignore[no-untyped-def]
) -> None:
    world.viewer.language = language
    world.viewer.save(update_fields=["language"])
    client.force_login(world.viewer)
    response = client.get("/partnerships/")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert f"<label>{level_label} " in page


@pytest.mark.django_db
def test_a_lao_officer_reads_django_form_errors_in_lao(client, world, compiled) -> None:  # type: ignore[no-untyped-def]
    world.la_district_editor.language = "lo"
    world.la_district_editor.save(update_fields=["language"])
    client.force_login(world.la_district_editor)
    response = client.post("/partnerships/new/", {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "ຕ້ອງປ້ອນຂໍ້ມູນໃສ່ຊ່ອງນີ້." in page
    assert "This field is required." not in page
    assert "Trường này là bắt buộc." not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "message"), [
    ("lo", "ບໍ່ໄດ້ສະໜອງຂໍ້ມູນຢືນຢັນຕົວຕົນ."),
    ("vi", "Chưa cung cấp thông tin xác thực."),
])
def test_the_api_answers_in_the_language_the_client_asks_for(api, compiled, language: str, message: str) -> None:  # type: ignore[no-untyped-def]
    response = api.get("/api/v1/partnerships/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 401
    assert response.json()["detail"] == message
