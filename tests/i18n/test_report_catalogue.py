"""The reports' own catalogue speaks the same language as the main one, and is as complete.

Django reads the main catalogue (LOCALE_PATHS) before an app's: a message in both shows the
main translation on a page and the report's in a document only where the main one lacks it.
Two translations of one message would have a report call a partnership ຄູ່ພັດທະນາ where
every page says ຄູ່ພີ່ນ້ອງ.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from .test_catalogues import LOCALE, TRANSLATED, parse_po

REPORTS = Path(settings.BASE_DIR) / "reports" / "locale"
# The domain's nouns in Lao, as the whole application writes them.
LAO_TERMS = {"partnership": "ຄູ່ພີ່ນ້ອງ", "commitment": "ຂໍ້ຜູກພັນ"}
# The word the reports once used for a partnership ("development partners"). (They called a commitment
# ຂໍ້ຕົກລົງ, "agreement": the check of LAO_TERMS below catches that.)
LAO_OUTLAWED = ("ຄູ່ພັດທະນາ",)
PLACEHOLDER = re.compile(r"\{\w*\}|%\(\w+\)s")


def catalogue(folder: Path, language: str) -> dict[tuple[str, str], str]:
    return {(e.msgctxt, e.msgid): e.msgstrs[0] for e in parse_po(folder / language / "LC_MESSAGES" / "django.po")
            if not e.msgid_plural}


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_message_in_both_catalogues_has_one_translation(language):
    main, reports = catalogue(LOCALE, language), catalogue(REPORTS, language)
    differing = [(key[1], reports[key], main[key]) for key in reports.keys() & main.keys() if reports[key] != main[key]]
    assert differing == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_reports_catalogue_is_complete(language):
    entries = parse_po(REPORTS / language / "LC_MESSAGES" / "django.po")
    assert [e.label for e in entries if "fuzzy" in e.flags or not all(e.msgstrs)] == []


def test_the_lao_catalogues_name_partnerships_and_commitments_alike():
    main = catalogue(LOCALE, "lo")
    assert main[("", "Partnership")] == LAO_TERMS["partnership"] and main[("", "Commitment")] == LAO_TERMS["commitment"]
    for folder in (LOCALE, REPORTS):
        for (_context, msgid), msgstr in catalogue(folder, "lo").items():
            assert not any(word in msgstr for word in LAO_OUTLAWED), (folder, msgid, msgstr)
            for english, lao in LAO_TERMS.items():
                if english in PLACEHOLDER.sub("", msgid).lower():
                    assert lao in msgstr, (folder, msgid, msgstr)
