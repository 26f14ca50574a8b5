"""The review report as PDF, laid out like the Word version, from an HTML template through WeasyPrint.

Times New Roman is not installed on the servers: Liberation Serif has the same metrics,
so a page breaks where it would in Word. Lao is set in Phetsarath OT or Noto Sans Lao.
"""

from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML

from bordertwin.reports import formatting
from bordertwin.reports.review import ReviewData

from . import labels

FONTS = {
    "lo": '"Phetsarath OT", "Noto Sans Lao", "Liberation Serif", serif',
    "default": '"Liberation Serif", "Noto Serif", "DejaVu Serif", serif',
}


def context(data: ReviewData) -> dict[str, Any]:
    """What the document template needs, every number and date already written in the report's language."""
    lang = data.language
    return {
        "data": data,
        "head": data.letterhead,
        "font": FONTS.get(lang, FONTS["default"]),
        "sections": dict(labels.sections(data)),
        "headers": labels.headers(),
        "intro": labels.intro(data),
        "summary": labels.commitment_summary(data),
        "agreements": [
            (a.title, a.kind, formatting.date(a.signed_on, a.precision), a.signed_at) for a in data.agreements
        ],
        "domain_rows": [
            (d.label, d.total, d.done, d.in_progress, d.not_started, d.closed, formatting.percent(d.progress, lang))
            for d in data.domains
        ],
        "domains": [
            (d.label, [(c, labels.commitment_text(c), labels.progress(c, lang)) for c in d.commitments]) for d in data.domains
        ],
        "activities": [
            (formatting.date(a.date, a.precision), a.kind, a.title, a.place, a.participants) for a in data.activities
        ],
        "deliveries": [
            (formatting.date(d.date, d.precision), d.category, d.item, labels.quantity(d, lang), labels.value(d, lang), d.giver, d.recipient)
            for d in data.deliveries
        ],
        "totals": [labels.total(t, lang) for t in data.totals],
        "converted": labels.converted(data.converted, lang) if data.converted else [],
        "border_withheld": labels.border_withheld() if data.border_withheld else "",
        "open": [(c, labels.commitment_text(c), labels.progress(c, lang)) for c in data.open_commitments],
        "blank_lines": range(data.blank_proposal_lines),
    }


def render_html(data: ReviewData) -> str:
    return render_to_string("reports/review_document.html", context(data))


def render(data: ReviewData) -> bytes:
    return HTML(string=render_html(data)).write_pdf()
