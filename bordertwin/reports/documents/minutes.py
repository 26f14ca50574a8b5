"""The draft minutes of talks as a Word document: Vietnamese on the left, Lao on the right, line beside line.

One borderless two-column table holds the text, so a line and its translation stay side by
side however long either is, and the delegations edit it in Word or LibreOffice as any
table. A4 portrait, Times New Roman for Vietnamese and Phetsarath OT for Lao (set in the
complex-script slot too, which Word uses for Lao), the signature blocks of both sides at
the end.
"""

from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell

from bordertwin.reports.minutes import Line, MinutesData, bilingual

from .word import _set_run_font, complex_script_twins, schema_order

FONTS = {"vi": "Times New Roman", "lo": "Phetsarath OT"}
# kind: (size, bold, italic, centred)
STYLES = {
    "nation": (11, True, False, True),
    "motto": (12, True, False, True),
    "title": (14, True, False, True),
    "subtitle": (13, True, False, True),
    "heading": (12, True, False, False),
    "subheading": (12, True, True, False),
    "text": (12, False, False, False),
    "item": (12, False, False, False),
    "sign": (12, True, False, True),
}
COLUMN_MM = 85


def write(cell: _Cell, line: Line, language: str, first: bool) -> None:
    size, bold, italic, centred = STYLES[line.kind]
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = Pt(4)
    if line.kind == "text":
        paragraph.paragraph_format.first_line_indent = Mm(8)
    run = paragraph.add_run(line.text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    run.font.name = FONTS[language]
    _set_run_font(run._r.get_or_add_rPr(), FONTS[language])


def borderless_table(document: DocxDocument, rows: int) -> list[tuple[_Cell, _Cell]]:
    table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column in table.columns:
        column.width = Mm(COLUMN_MM)
    cells = []
    for row in table.rows:
        left, right = row.cells
        left.width = right.width = Mm(COLUMN_MM)
        cells.append((left, right))
    return cells


def render(data: MinutesData) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONTS["vi"], Pt(12)
    _set_run_font(normal.element.get_or_add_rPr(), FONTS["vi"])

    pairs = bilingual(data)
    body = [pair for pair in pairs if pair[0].kind != "sign"]
    signs = [pair for pair in pairs if pair[0].kind == "sign"]
    for (left, right), (vi, lo) in zip(borderless_table(document, len(body)), body, strict=True):
        write(left, vi, "vi", True)
        write(right, lo, "lo", True)
    document.add_paragraph()
    # The signature blocks: the Vietnamese side's on the left, the Lao side's on the right, each in both languages.
    (vn_block, la_block), = borderless_table(document, 1)
    for block, (vi, lo) in ((vn_block, signs[0]), (la_block, signs[1])):
        write(block, vi, "vi", True)
        write(block, lo, "lo", False)
        for _blank in range(5):
            block.add_paragraph()
    for part in (document.element, document.styles.element):
        complex_script_twins(part)
        schema_order(part)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
