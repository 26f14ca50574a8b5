"""The review report as a Word document in the administrative format officials sign.

Vietnam: Decree 30/2020/NĐ-CP, appendix I: A4, margins top and bottom 20–25 mm, left
30–35 mm, right 15–20 mm; Times New Roman 13–14 pt; issuing body top left, national
heading top right, number line, place and date in italics, the kind of document in
bold capitals, page numbers at the top centre from page 2, "Nơi nhận" bottom left and
the signature block bottom right. The Lao version keeps the same frame with the Lao
national heading and a Lao font (Lao needs the complex-script font slot as well).
"""

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from bordertwin.reports import formatting
from bordertwin.reports.review import BorderFact, CommitmentLine, ReviewData

from . import labels

FONTS = {"lo": "Phetsarath OT"}
DEFAULT_FONT = "Times New Roman"
BODY_SIZE = Pt(13)


def font_for(language: str) -> str:
    return FONTS.get(language, DEFAULT_FONT)


# The order the OOXML schema gives the children of these property elements: Word refuses a
# file whose properties come in another order, and the writer below adds some by hand.
SCHEMA_ORDER = {
    "pPr": "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
           "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
           "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
           "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange",
    "rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid vanish "
           "webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang "
           "eastAsianLayout specVanish oMath",
    "tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing tblInd "
             "tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription tblPrChange",
    "trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden",
}


def schema_order(root: BaseOxmlElement) -> None:
    """Put the children of paragraph, run, table and row properties in the order the schema requires."""
    for local, sequence in SCHEMA_ORDER.items():
        rank = {qn(f"w:{name}"): index for index, name in enumerate(sequence.split())}
        for element in root.iter(qn(f"w:{local}")):
            children = list(element)
            ordered = sorted(children, key=lambda child: rank.get(child.tag, len(rank)))
            if ordered != children:
                for child in children:
                    element.remove(child)
                element.extend(ordered)


def complex_script_twins(root: BaseOxmlElement) -> None:
    """Give every run's size, bold and italic to the complex-script slots too: Word sets Lao text with those."""
    for properties in root.iter(qn("w:rPr")):
        for plain, twin in (("w:sz", "w:szCs"), ("w:b", "w:bCs"), ("w:i", "w:iCs")):
            source = properties.find(qn(plain))
            if source is None or properties.find(qn(twin)) is not None:
                continue
            element = OxmlElement(twin)
            for key, value in source.attrib.items():
                element.set(key, value)
            properties.append(element)


def render(data: ReviewData) -> bytes:
    return save(_Writer(data))


def save(writer: "_Writer") -> bytes:
    """Build the document and write it, its properties in the order Word requires."""
    writer.build()
    for part in (writer.document.element, writer.document.styles.element, writer.document.sections[0].header._element):
        complex_script_twins(part)
    schema_order(writer.document.element)
    schema_order(writer.document.styles.element)
    schema_order(writer.document.sections[0].header._element)
    buffer = BytesIO()
    writer.document.save(buffer)
    return buffer.getvalue()


def _set_run_font(run_properties: BaseOxmlElement, font: str) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)


class _Writer:
    def __init__(self, data: ReviewData) -> None:
        self.data = data
        self.language = data.language
        self.font = font_for(data.language)
        self.document = Document()

    # Page, styles and furniture

    def build(self) -> None:
        self.page_setup()
        self.styles()
        self.letterhead()
        self.body()
        self.closing()

    def page_setup(self) -> None:
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)
        section.different_first_page_header_footer = True
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._page_field(paragraph)

    def _page_field(self, paragraph: Paragraph) -> None:
        run = paragraph.add_run()
        self._font(run, size=Pt(13))
        for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "2"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            elif text == "PAGE":
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = " PAGE "
            else:
                element = OxmlElement("w:t")
                element.text = text
            run._r.append(element)

    def styles(self) -> None:
        for name in ("Normal", "Table Grid"):
            style = self.document.styles[name]
            style.font.name = self.font
            style.font.size = BODY_SIZE
            _set_run_font(style.element.get_or_add_rPr(), self.font)
        from docx.enum.style import WD_STYLE_TYPE

        for name, bold in (("Report Table Text", False), ("Report Table Head", True)):
            style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = self.document.styles["Normal"]
            style.font.size = Pt(11)
            style.font.bold = bold
            style.paragraph_format.space_after = Pt(0)
            style.paragraph_format.line_spacing = 1.0
        self.table_text = self.document.styles["Report Table Text"].style_id
        self.table_head = self.document.styles["Report Table Head"].style_id
        normal = self.document.styles["Normal"].paragraph_format
        normal.space_before, normal.space_after, normal.line_spacing = Pt(0), Pt(6), 1.1
        language = {"vi": "vi-VN", "lo": "lo-LA", "en": "en-GB"}.get(self.language, "vi-VN")
        rpr = self.document.styles["Normal"].element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), language)
        lang.set(qn("w:bidi"), language)
        rpr.append(lang)

    def _font(self, run: Run, size: Pt | None = None, bold: bool = False, italic: bool = False) -> None:
        run.font.name = self.font
        run.font.size = size or BODY_SIZE
        run.font.bold = bold
        run.font.italic = italic
        _set_run_font(run._r.get_or_add_rPr(), self.font)

    def paragraph(self, text: str = "", *, container: DocxDocument | _Cell | None = None, size: Pt | None = None, bold: bool = False,
                  italic: bool = False, align: int | None = WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False,
                  after: Pt | None = None) -> Paragraph:
        target = container if container is not None else self.document
        paragraph = target.add_paragraph()
        if align == WD_ALIGN_PARAGRAPH.JUSTIFY and self.language == "lo":
            align = WD_ALIGN_PARAGRAPH.LEFT  # Lao writes no spaces between words: justifying stretches the few there are
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
        if after is not None:
            paragraph.paragraph_format.space_after = after
        if text:
            self._font(paragraph.add_run(text), size=size, bold=bold, italic=italic)
        return paragraph

    def _cell_paragraph(self, cell: _Cell, text: str, **kwargs: Any) -> Paragraph:
        """Write into a table cell, reusing its first empty paragraph."""
        paragraphs = cell.paragraphs
        if len(paragraphs) == 1 and not paragraphs[0].text and not getattr(cell, "_used", False):
            cell._used = True  # type: ignore[attr-defined]  # marks a cell already written into; python-docx keeps no such flag
            paragraph = paragraphs[0]
            align = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
            paragraph.alignment = align
            paragraph.paragraph_format.space_after = kwargs.pop("after", Pt(0))
            if text:
                self._font(paragraph.add_run(text), **kwargs)
            return paragraph
        kwargs.setdefault("align", WD_ALIGN_PARAGRAPH.CENTER)
        kwargs.setdefault("after", Pt(0))
        return self.paragraph(text, container=cell, **kwargs)

    def _styled_cell(self, cell: _Cell, text: str, style_id: str, align: int) -> None:
        paragraph = cell.paragraphs[0]
        paragraph._p.style = style_id  # by id: python-docx resolves a style object by scanning every style
        paragraph.alignment = align
        if text:
            paragraph.add_run(text)

    def _short_line(self, container: _Cell, width_mm: int) -> None:
        """A centred horizontal line `width_mm` wide under a heading block (a one-cell table's top border)."""
        paragraph = self._cell_paragraph(container, "", size=Pt(6))
        ppr = paragraph._p.get_or_add_pPr()
        border = OxmlElement("w:pBdr")
        top = OxmlElement("w:top")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            top.set(qn(key), value)
        border.append(top)
        ppr.append(border)
        cell_width_mm = getattr(container, "_width_mm", 80)
        side = max(0, (cell_width_mm - width_mm) // 2)
        paragraph.paragraph_format.left_indent = Mm(side)
        paragraph.paragraph_format.right_indent = Mm(side)

    def _borderless(self, table: Table) -> None:
        tbl_pr = table._tbl.tblPr
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            element.set(qn("w:val"), "nil")
            borders.append(element)
        tbl_pr.append(borders)

    # The document

    def letterhead(self) -> None:
        head = self.data.letterhead
        if head.country == "LA":
            self.lao_frame()
        else:
            self.vietnamese_frame()
        self.title_block()

    def _head_table(self, widths: tuple[int, int]) -> tuple[_Cell, _Cell]:
        table = self.document.add_table(rows=1, cols=2)
        self._borderless(table)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        left, right = table.rows[0].cells
        table.columns[0].width, table.columns[1].width = Mm(widths[0]), Mm(widths[1])
        left.width, right.width = Mm(widths[0]), Mm(widths[1])
        left._width_mm, right._width_mm = widths
        return left, right

    def vietnamese_frame(self) -> None:
        """Decree 30: issuing body and number top left, national heading and place-date top right."""
        head = self.data.letterhead
        left, right = self._head_table((68, 97))
        if head.authority:
            self._cell_paragraph(left, head.authority.upper(), size=Pt(12))
        for line in head.issuer_lines or [head.issuer]:
            self._cell_paragraph(left, line.upper(), size=Pt(12), bold=True)
        self._short_line(left, 24)
        self._cell_paragraph(left, head.number_line, size=Pt(13))
        self._cell_paragraph(right, head.nation.upper(), size=Pt(12), bold=True)
        self._cell_paragraph(right, head.motto, size=Pt(13), bold=True)
        self._short_line(right, 60)
        self._cell_paragraph(right, head.place_date, size=Pt(13), italic=True)

    def lao_frame(self) -> None:
        """Lao documents: the national heading centred across the top, then the issuing body left, number and date right."""
        head = self.data.letterhead
        self.paragraph(head.nation, size=Pt(13), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
        self.paragraph(head.motto, size=Pt(13), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
        self._centred_rule(70)
        left, right = self._head_table((85, 80))
        if head.authority:
            self._cell_paragraph(left, head.authority, size=Pt(12), align=WD_ALIGN_PARAGRAPH.LEFT)
        self._cell_paragraph(left, head.issuer, size=Pt(12), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        self._cell_paragraph(right, head.number_line, size=Pt(12), align=WD_ALIGN_PARAGRAPH.RIGHT)
        self._cell_paragraph(right, head.place_date, size=Pt(12), align=WD_ALIGN_PARAGRAPH.RIGHT)

    def title_block(self) -> None:
        head = self.data.letterhead
        self.paragraph("", after=Pt(6))
        self.paragraph(head.title.upper(), size=Pt(14), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
        self.paragraph(head.subtitle, size=Pt(14), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=Pt(0))
        self._centred_rule(40)
        self.paragraph(self.intro(), indent=True)

    def intro(self) -> str:
        return labels.intro(self.data)

    def _centred_rule(self, length_mm: int) -> None:
        """The short rule centred under a heading, in a borderless full-width table as Word needs it."""
        holder = self.document.add_table(rows=1, cols=1)
        self._borderless(holder)
        holder.alignment = WD_TABLE_ALIGNMENT.CENTER
        holder.columns[0].width = Mm(165)
        cell = holder.rows[0].cells[0]
        cell.width = Mm(165)
        cell._width_mm = 165
        self._short_line(cell, length_mm)

    def heading(self, text: str) -> None:
        paragraph = self.paragraph(text, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=Pt(6))
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.keep_with_next = True

    def subheading(self, text: str) -> None:
        paragraph = self.paragraph(text, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=Pt(3))
        paragraph.paragraph_format.keep_with_next = True

    def grid(self, headers: list[str], rows: list[list[str]], widths: list[int], numeric: frozenset[int] = frozenset(),
             numbered: bool = True) -> Table:
        # All rows at once, reading the cells in one pass: python-docx's add_row() and row.cells walk the whole table.
        columns = len(headers)
        table = self.document.add_table(rows=len(rows) + 1, cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for index, column in enumerate(table.columns):
            column.width = Mm(widths[index])
        cells = table._cells
        # Cells take their font from two paragraph styles: setting it run by run costs seconds on long tables.
        for index, title in enumerate(headers):
            cells[index].width = Mm(widths[index])
            self._styled_cell(cells[index], title, self.table_head, WD_ALIGN_PARAGRAPH.CENTER)
        header_props = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_props.append(repeat)
        alignments = [
            WD_ALIGN_PARAGRAPH.RIGHT if index in numeric
            else (WD_ALIGN_PARAGRAPH.CENTER if index == 0 and numbered else WD_ALIGN_PARAGRAPH.LEFT)
            for index in range(columns)
        ]
        for number, row in enumerate(rows, start=1):
            for index, text in enumerate(row):
                cell = cells[number * columns + index]
                cell.width = Mm(widths[index])
                self._styled_cell(cell, text, self.table_text, alignments[index])
        self.paragraph("", after=Pt(2))
        return table

    def body(self) -> None:
        data = self.data
        lang = self.language
        head = labels.headers()
        for key, title in labels.sections(data):
            self.heading(title)
            getattr(self, f"section_{key}")(data, lang, head)

    def section_general(self, data: ReviewData, lang: str, head: dict[str, list[str]]) -> None:
        if data.agreements:
            self.paragraph(_("Documents the cooperation rests on:"), indent=True, after=Pt(2))
            for agreement in data.agreements:
                text = "- {title} ({kind}, {date}{at})".format(
                    title=agreement.title, kind=agreement.kind, date=formatting.date(agreement.signed_on, agreement.precision),
                    at=", " + agreement.signed_at if agreement.signed_at else "",
                )
                self.paragraph(text, indent=True, after=Pt(2))
        self.paragraph(labels.commitment_summary(data), indent=True)
        for note in data.notes:
            self.paragraph(note, indent=True, italic=True)

    def section_results(self, data: ReviewData, lang: str, head: dict[str, list[str]]) -> None:
        if not data.domains:
            self.paragraph(_("No commitments are recorded."), indent=True)
            return
        rows = [
            [d.label, str(d.total), str(d.done), str(d.in_progress), str(d.not_started), str(d.closed),
             formatting.percent(d.progress, lang)]
            for d in data.domains
        ]
        self.grid(head["domains"], rows, [43, 22, 18, 20, 20, 22, 20], numeric=frozenset({1, 2, 3, 4, 5, 6}), numbered=False)
        for number, domain in enumerate(data.domains, start=1):
            self.subheading("{number}. {label}".format(number=number, label=domain.label))
            self.commitment_table(domain.commitments, lang, head)

    def commitment_table(self, commitments: list[CommitmentLine], lang: str, head: dict[str, list[str]]) -> None:
        rows = [
            [str(i), ("    " * c.depth) + labels.commitment_text(c), c.target, c.status_label, labels.progress(c, lang)]
            for i, c in enumerate(commitments, start=1)
        ]
        self.grid(head["commitments"], rows, [12, 80, 25, 30, 18], numeric=frozenset({4}))

    def section_activities(self, data: ReviewData, lang: str, head: dict[str, list[str]]) -> None:
        if not data.activities:
            self.paragraph(_("No activities are recorded in this period."), indent=True)
            return
        rows = [
            [str(i), formatting.date(a.date, a.precision), a.kind, a.title, a.place, a.participants]
            for i, a in enumerate(data.activities, start=1)
        ]
        self.grid(head["activities"], rows, [10, 22, 24, 44, 22, 43])

    def section_deliveries(self, data: ReviewData, lang: str, head: dict[str, list[str]]) -> None:
        if not data.deliveries:
            self.paragraph(_("No support is recorded as delivered in this period."), indent=True)
            return
        rows = [
            [str(i), formatting.date(d.date, d.precision), d.category, d.item, labels.quantity(d, lang), labels.value(d, lang),
             d.giver, d.recipient]
            for i, d in enumerate(data.deliveries, start=1)
        ]
        self.grid(head["deliveries"], rows, [10, 21, 20, 28, 17, 28, 19, 22], numeric=frozenset({4, 5}))
        self.paragraph(_("Totals by currency:"), indent=True, bold=True, after=Pt(2))
        for item in data.totals:
            self.paragraph("- " + labels.total(item, lang), indent=True, after=Pt(2))
        if data.converted is not None:
            for line in labels.converted(data.converted, lang):
                self.paragraph(line, indent=True)

    def section_border(self, data: ReviewData, lang: str, head: dict[str, list[str]]) -> None:
        facts = data.border or []
        if data.border_withheld:
            self.paragraph(labels.border_withheld(), indent=True, italic=True)
        if not facts:
            self.paragraph(_("No border-protection work is recorded in this period."), indent=True)
        for fact in facts:
            self.border_fact(fact, 0)

    def border_fact(self, fact: BorderFact, depth: int) -> None:
        text = "{label}: {value}".format(label=fact.label, value=fact.value) if fact.value else "{label}:".format(label=fact.label)
        paragraph = self.paragraph("- " + text, indent=depth == 0, after=Pt(2))
        if depth:
            paragraph.paragraph_format.left_indent = Mm(10 * depth)
        for part in fact.parts:
            self.border_fact(part, depth + 1)

    def section_open(self, data: ReviewData, lang: str, head: dict[str, list[str]]) -> None:
        if not data.open_commitments:
            self.paragraph(_("Every commitment is done or closed."), indent=True)
            return
        self.paragraph(_("These commitments are still open and should be carried into the minutes of the talks:"), indent=True)
        rows = [
            [str(i), "{text} ({domain})".format(text=labels.commitment_text(c), domain=c.domain_label), c.target, c.status_label,
             labels.progress(c, lang)]
            for i, c in enumerate(data.open_commitments, start=1)
        ]
        self.grid(head["commitments"], rows, [12, 80, 25, 30, 18], numeric=frozenset({4}))

    def section_proposals(self, data: ReviewData, lang: str, head: dict[str, list[str]]) -> None:
        if data.proposals:
            self.paragraph(_("Proposed and not yet agreed:"), indent=True, after=Pt(2))
            for number, c in enumerate(data.proposals, start=1):
                self.paragraph("{number}. {text} ({domain})".format(number=number, text=c.text, domain=c.domain_label), indent=True, after=Pt(2))
        self.paragraph(_("Further proposals:"), indent=True, after=Pt(2))
        for _line in range(data.blank_proposal_lines):
            self.paragraph("." * 120, indent=False, after=Pt(4), align=WD_ALIGN_PARAGRAPH.LEFT)

    def closing(self) -> None:
        head = self.data.letterhead
        self.paragraph("", after=Pt(6))
        table = self.document.add_table(rows=1, cols=2)
        self._borderless(table)
        table.autofit = False
        left, right = table.rows[0].cells
        table.columns[0].width, table.columns[1].width = Mm(80), Mm(85)
        left.width, right.width = Mm(80), Mm(85)
        self._cell_paragraph(left, _("Recipients:"), size=Pt(12), bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
        for recipient in head.recipients:
            self._cell_paragraph(left, "- " + recipient, size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
        for line in head.signer_lines:
            self._cell_paragraph(right, line.upper(), size=Pt(13), bold=True)
        self._cell_paragraph(right, head.signer_note, size=Pt(12), italic=True)
        for _blank in range(4):
            self._cell_paragraph(right, "")
