"""Write the platform's Word templates of the letters (src/gongkai/domain/letters/templates/).

The .docx files are committed as source: they are what a body downloads, edits in Word or WPS
and uploads again. Run this script after changing the wording here, then look at the files:

    /work/main/.venv/bin/python scripts/make_letter_templates.py

Layout (GB/T 9704-2012): A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title
方正小标宋简体 二号 (22 pt), text 仿宋_GB2312 三号 (16 pt), 22 lines a page (exact 28.95 pt),
first lines indented two characters, 成文日期 four characters from the right, page numbers
— 1 — in 宋体 四号. The fonts' table names a Noto CJK font as each font's alternative
(w:altName), which Word, WPS and LibreOffice take where the 公文 fonts are not installed.
Placeholders are docxtpl's Jinja: {{ name }}, and {%p if … %} paragraphs for the variants.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

OUT = Path(__file__).resolve().parents[1] / "src/gongkai/domain/letters/templates"

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
PAGE_FONT = "宋体"
#: The font Word/WPS/LibreOffice use when a 公文 font is not installed (fontTable altName).
FALLBACKS = {
    TITLE_FONT: "Noto Serif CJK SC",
    BODY_FONT: "Noto Serif CJK SC",
    PAGE_FONT: "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
}
LINE = Pt(28.95)  # 22 lines on the 225 mm type area
CHAR = Pt(16)  # one character of 三号

# ---------------------------------------------------------------------------------------------
# The wording. A paragraph is ("style", "text"); a line "{%p …%}" is a docxtpl control line.
# ---------------------------------------------------------------------------------------------
HEAD = (
    "本机关于{{ received_on }}收到您提出的政府信息公开申请（申请编号：{{ application_number }}），"
)
ASKED = "申请获取“{{ content }}”。"
CONTACT = [
    "{%p if body_phone %}",
    (
        "结尾",
        "联系机构：{{ office_name }}；联系电话：{{ body_phone }}{% if body_address %}；"
        "地址：{{ body_address }}{% endif %}。",
    ),
    "{%p endif %}",
]
# The seal's line, the 署名 and the 成文日期 stay on the page of the last paragraph (GB/T 9704
# §7.3.5: no signature alone on a page); the closing paragraphs keep with them.
SIGNED = [("留印", ""), ("署名", "{{ body_name }}"), ("日期", "{{ issued_on }}")]

LETTERS: dict[str, tuple[str, list[object]]] = {
    "correction": (
        "政府信息公开申请补正告知书",
        [
            ("主送", "{{ applicant_name }}："),
            ("正文", HEAD + ASKED),
            (
                "正文",
                "经审查，您的申请内容不明确。根据{{ law }}第三十条的规定，请您对以下事项"
                "作出补正：{{ correction_items }}",
            ),
            (
                "正文",
                "请您自收到本告知书之日起{{ correction_period_days }}个工作日内"
                "{% if correction_due_on %}（即{{ correction_due_on }}前）{% endif %}"
                "向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。"
                "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
            ),
            ("结尾", "特此告知。"),
            *CONTACT,
            *SIGNED,
        ],
    ),
    "extension": (
        "政府信息公开申请延期答复告知书",
        [
            ("主送", "{{ applicant_name }}："),
            ("正文", HEAD + ASKED),
            (
                "正文",
                "因{{ extension_reason }}，本机关不能在法定期限内作出答复。根据{{ law }}"
                "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
                "{{ extension_days }}个工作日，本机关将于{{ extension_due_on }}前作出答复。",
            ),
            ("结尾", "特此告知。"),
            *CONTACT,
            *SIGNED,
        ],
    ),
    "consultation": (
        "政府信息公开征求意见书",
        [
            ("主送", "{{ party }}："),
            ("正文", "本机关于{{ received_on }}收到一份政府信息公开申请，" + ASKED),
            "{%p if other_body %}",
            (
                "正文",
                "该信息涉及贵机关。根据{{ law }}第三十四条的规定，现书面征求贵机关意见。"
                "请贵机关自收到本意见书之日起15个工作日内"
                "{% if answer_due_on %}（即{{ answer_due_on }}前）{% endif %}"
                "提出书面意见；逾期未提出意见的，视为同意公开。",
            ),
            "{%p else %}",
            (
                "正文",
                "经审查，公开该信息可能损害您（贵单位）的合法权益（如商业秘密、个人隐私）。"
                "根据{{ law }}第三十二条的规定，现书面征求您（贵单位）的意见。请您（贵单位）"
                "自收到本意见书之日起15个工作日内"
                "{% if answer_due_on %}（即{{ answer_due_on }}前）{% endif %}"
                "提出书面意见，写明是否同意公开及理由；逾期未提出意见的，由本机关依照条例的规定"
                "决定是否公开。",
            ),
            (
                "正文",
                "第三方不同意公开且有合理理由的，本机关不予公开。本机关认为不公开可能对"
                "公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面"
                "告知您（贵单位）。",
            ),
            "{%p endif %}",
            *CONTACT,
            *SIGNED,
        ],
    ),
    "fee": (
        "政府信息公开信息处理费收费通知书",
        [
            ("主送", "{{ applicant_name }}："),
            ("正文", HEAD + ASKED),
            (
                "正文",
                "根据{{ law }}第四十二条和《政府信息公开信息处理费管理办法》"
                "（国办函〔2020〕109号）的规定，本机关对您的申请收取信息处理费：{{ fee_detail }}，"
                "应缴金额{{ fee_amount }}元。",
            ),
            (
                "正文",
                "请您自收到本通知次日起20个工作日内{% if pay_by %}（即{{ pay_by }}前）"
                "{% endif %}缴纳。{{ payment_info }}逾期未缴纳的，视为放弃申请，本机关不再处理该"
                "政府信息公开申请。自本通知发出至您缴纳费用的期间，不计算在答复期限内。",
            ),
            ("结尾", "{{ remedies }}"),
            *CONTACT,
            *SIGNED,
        ],
    ),
    "reply": (
        "政府信息公开申请答复书",
        [
            ("主送", "{{ applicant_name }}："),
            ("正文", HEAD + ASKED),
            "{%p if correction_received_on %}",
            (
                "正文",
                "本机关于{{ correction_sent_on }}告知您补正，于{{ correction_received_on }}"
                "收到您补正后的申请。",
            ),
            "{%p endif %}",
            "{%p if extension_days %}",
            (
                "正文",
                "经本机关政府信息公开工作机构负责人同意，答复期限延长{{ extension_days }}个"
                "工作日，本机关已于{{ extension_approved_on }}告知您。",
            ),
            "{%p endif %}",
            ("正文", "经审查，现答复如下："),
            '{%p if variant == "granted" %}',
            (
                "正文",
                "{{ reasons }}{% if not basis_cited %}根据{{ basis }}的规定，本机关决定"
                "予以公开。{% endif %}",
            ),
            '{%p elif variant == "partial" %}',
            (
                "正文",
                "您申请获取的政府信息中，{{ withheld }}不予公开，其余部分予以公开。"
                "不予公开的理由：{{ reasons }}{% if not basis_cited %}根据{{ basis }}的规定，"
                "本机关决定部分公开，向您提供可以公开的部分。{% endif %}",
            ),
            '{%p elif variant == "denied" %}',
            (
                "正文",
                "您申请获取的政府信息属于不予公开的情形（{{ ground }}）。理由：{{ reasons }}"
                "{% if not basis_cited %}根据{{ basis }}的规定，本机关决定不予公开。{% endif %}",
            ),
            '{%p elif variant == "unable" %}',
            (
                "正文",
                "本机关无法提供您申请获取的政府信息（{{ ground }}）。理由：{{ reasons }}"
                "{% if not basis_cited %}根据{{ basis }}的规定，特此告知。{% endif %}",
            ),
            '{%p elif variant == "not_processed" %}',
            (
                "正文",
                "本机关对您的申请不予处理（{{ ground }}）。理由：{{ reasons }}"
                "{% if not basis_cited %}根据{{ basis }}的规定，特此告知。{% endif %}",
            ),
            "{%p else %}",
            (
                "正文",
                "{{ reasons }}{% if not basis_cited %}根据{{ basis }}的规定，特此告知。{% endif %}",
            ),
            "{%p endif %}",
            ("结尾", "{{ remedies }}"),
            *CONTACT,
            ("留印", ""),
            ("署名", "{{ body_name }}"),
            ("日期", "{{ replied_on }}"),
        ],
    ),
}

DELIVERY_ROWS = [
    ("送达文书名称及文号", "{{ document }}"),
    ("受送达人", "{{ recipient }}"),
    ("送达地点", "{{ delivery_address }}"),
    ("送达方式", "{{ delivery_way }}"),
    ("送达日期", "{{ delivered_on }}"),
    ("受送达人签名或盖章", "\n\n年    月    日"),
    ("代收人及代收理由", ""),
    ("送达人", ""),
    ("备注", "{{ delivery_proof }}"),
]


# ---------------------------------------------------------------------------------------------
# Layout
# ---------------------------------------------------------------------------------------------
def _fonts(rpr_owner: object, font: str, size: Pt, *, bold: bool = False) -> None:
    style_font = rpr_owner.font  # type: ignore[attr-defined]
    style_font.name = font
    style_font.size = size
    style_font.bold = bold
    rpr = rpr_owner.element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


def _paragraph_style(
    doc: object,
    name: str,
    font: str,
    size: Pt,
    align: int | None,
    *,
    indent: bool = False,
    right: Pt | None = None,
    keep: bool = False,
) -> ParagraphStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)  # type: ignore[attr-defined]
    style.base_style = doc.styles["Normal"]  # type: ignore[attr-defined]
    style.quick_style = True
    _fonts(style, font, size)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = CHAR * 2
    if right is not None:
        fmt.right_indent = right
    fmt.keep_with_next = keep
    return style


def _page_number_footer(section: object) -> None:
    footer = section.footer  # type: ignore[attr-defined]
    para = footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.add_run("— ")
    run = para.add_run()
    begin, instr, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(end)
    para.add_run(" —")
    for r in para.runs:
        _fonts(r, PAGE_FONT, Pt(14))


def _font_table(doc: object) -> None:
    part = next(
        p
        for p in doc.part.package.iter_parts()  # type: ignore[attr-defined]
        if str(p.partname) == "/word/fontTable.xml"
    )
    xml = part.blob.decode("utf-8")
    fonts = "".join(
        f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
        for name, alt in FALLBACKS.items()
    )
    xml = xml.replace("</w:fonts>", fonts + "</w:fonts>")
    part._blob = xml.encode("utf-8")


def new_document(title: str) -> object:
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Pt(14)  # the page number 7 mm below the type area
    normal = doc.styles["Normal"]
    _fonts(normal, BODY_FONT, Pt(16))
    _paragraph_style(doc, "公文标题", TITLE_FONT, Pt(22), WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(doc, "文号", BODY_FONT, Pt(16), WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(doc, "主送", BODY_FONT, Pt(16), WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph_style(doc, "正文", BODY_FONT, Pt(16), WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _paragraph_style(
        doc, "结尾", BODY_FONT, Pt(16), WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, keep=True
    )
    _paragraph_style(doc, "留印", BODY_FONT, Pt(16), WD_ALIGN_PARAGRAPH.LEFT, keep=True)
    # 成文日期 four characters from the right; the 署名 centred above it (GB/T 9704 §7.3.5.2)
    _paragraph_style(
        doc, "署名", BODY_FONT, Pt(16), WD_ALIGN_PARAGRAPH.RIGHT, right=CHAR * 2, keep=True
    )
    _paragraph_style(doc, "日期", BODY_FONT, Pt(16), WD_ALIGN_PARAGRAPH.RIGHT, right=CHAR * 4)
    _paragraph_style(doc, "表格", BODY_FONT, Pt(14), WD_ALIGN_PARAGRAPH.LEFT)
    _page_number_footer(section)
    _font_table(doc)
    props = doc.core_properties
    props.title, props.author, props.comments = title, "Gongkai", "政府信息公开文书模板"
    props.created = props.modified = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    props.last_modified_by = "Gongkai"
    props.revision = 1
    # python-docx's default template starts with one empty paragraph
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    return doc


def _add(doc: object, style: str, text: str) -> Paragraph:
    para = doc.add_paragraph(style=style)  # type: ignore[attr-defined]
    if text:
        para.add_run(text)
    return para


def build(kind: str) -> object:
    if kind == "delivery":
        return build_delivery()
    title, lines = LETTERS[kind]
    doc = new_document(title)
    _add(doc, "公文标题", title)
    _add(doc, "文号", "{{ number }}")
    for line in lines:
        if isinstance(line, str):  # a docxtpl control paragraph
            _add(doc, "正文", line)
        else:
            style, text = line  # type: ignore[misc]
            _add(doc, style, text)
    return doc


def build_delivery() -> object:
    doc = new_document("送达回证")
    _add(doc, "公文标题", "送达回证")
    _add(doc, "文号", "{% if number %}编号：{{ number }}{% endif %}")
    table = doc.add_table(rows=len(DELIVERY_ROWS), cols=2)  # type: ignore[attr-defined]
    table.style = doc.styles["Table Grid"]  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, value) in zip(table.rows, DELIVERY_ROWS, strict=True):
        row.height = Mm(16)
        row.cells[0].width, row.cells[1].width = Mm(50), Mm(106)
        for cell, text in ((row.cells[0], label), (row.cells[1], value)):
            para = cell.paragraphs[0]
            para.style = doc.styles["表格"]  # type: ignore[attr-defined]
            parts = text.split("\n")
            para.add_run(parts[0])
            for part in parts[1:]:
                run = para.add_run()
                run.add_break()
                run.add_text(part)
    _add(doc, "留印", "")
    _add(doc, "署名", "{{ body_name }}")
    return doc


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for kind in ("correction", "extension", "consultation", "fee", "reply", "delivery"):
        path = OUT / f"{kind}.docx"
        build(kind).save(path)  # type: ignore[attr-defined]
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
