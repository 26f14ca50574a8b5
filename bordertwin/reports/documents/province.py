"""The province-wide review report as a Word document: the frame of the partnership report (Decree 30), a table
of every partnership side by side, then each partnership's results, support and what remains open."""

from django.utils.translation import gettext as _
from docx.shared import Pt

from bordertwin.reports import formatting
from bordertwin.reports.province import ProvinceReview

from . import labels
from .word import _Writer, save


class _ProvinceWriter(_Writer):
    def __init__(self, review: ProvinceReview) -> None:
        super().__init__(review.frame)
        self.review = review

    def intro(self) -> str:
        return _("This report reviews the {count} twinning partnerships of {province} {period}, as the records show "
                 "them to its reader.").format(count=len(self.review.partnerships), province=self.data.partnership,
                                               period=labels.period(self.data))

    def body(self) -> None:
        lang, head = self.language, labels.headers()
        self.heading(_("I. The partnerships side by side"))
        if not self.review.partnerships:
            self.paragraph(_("No partnership of this province is in your scope."), indent=True)
            return
        rows = []
        for number, data in enumerate(self.review.partnerships, start=1):
            totals = "; ".join(labels.total(t, lang) for t in data.totals)
            rows.append([str(number), data.partnership, str(data.commitment_count), str(sum(d.done for d in data.domains)),
                         str(len(data.open_commitments)), str(len(data.activities)), totals])
        self.grid([_("No."), _("Partnership"), _("Commitments"), _("Done"), _("Still open"), _("Activities"), _("Support delivered")],
                  rows, [10, 45, 22, 17, 17, 20, 34], numeric=frozenset({2, 3, 4, 5}))
        self.heading(_("II. Each partnership"))
        for number, data in enumerate(self.review.partnerships, start=1):
            self.subheading("{number}. {name}".format(number=number, name=data.partnership))
            self.paragraph(labels.commitment_summary(data), indent=True)
            if data.domains:
                self.grid(head["domains"], [
                    [d.label, str(d.total), str(d.done), str(d.in_progress), str(d.not_started), str(d.closed),
                     formatting.percent(d.progress, lang)] for d in data.domains
                ], [43, 22, 18, 20, 20, 22, 20], numeric=frozenset({1, 2, 3, 4, 5, 6}), numbered=False)
            self.paragraph(_("Activities: {count}.").format(count=len(data.activities)), indent=True, after=Pt(2))
            if data.totals:
                self.paragraph(_("Support delivered: {totals}.").format(
                    totals="; ".join(labels.total(t, lang) for t in data.totals)), indent=True, after=Pt(2))
            if data.open_commitments:
                self.section_open(data, lang, head)


def render(review: ProvinceReview) -> bytes:
    return save(_ProvinceWriter(review))
