"""The Word templates of the letters (issue 12): every reply variant rendered and read back,
the layout of the shipped templates, and a body's template checked before it is used."""

from __future__ import annotations

import importlib.util
import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.domain.applications.outcomes import OUTCOME_KEYS
from gongkai.domain.applications.replies import REPLY_GUIDES
from gongkai.domain.letters import (
    REQUIRED_PLACEHOLDERS,
    ApplicationFacts,
    LetterKind,
    TemplateProblem,
    check_template,
    default_template,
    letter_context,
    render_letter,
    sample_context,
    template_placeholders,
)
from gongkai.domain.letters.samples import SAMPLE_BODY, sample_application

RECEIVED, REPLIED = "2024年3月5日", "2024年4月19日"
REMEDY_REVIEW = "自收到本答复之日起六十日内依法向示例市人民政府申请行政复议"
REMEDY_COURT = "自知道本答复之日起六个月内依法向示例县人民法院提起行政诉讼"
VARIANT_WORDS = {
    "granted": "本机关决定予以公开",
    "partial": "补偿对象的银行账号不予公开，其余部分予以公开",
    "denied": "属于不予公开的情形",
    "unable": "本机关无法提供您申请获取的政府信息",
    "not_processed": "本机关对您的申请不予处理",
    "other": "特此告知",
}


def text_of(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    lines += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join(lines)


def reply_case(outcome: str) -> ApplicationFacts:
    return replace(
        sample_application(),
        outcome=outcome,
        reasons="经检索核实，理由如下：相关信息情况已查明",
        legal_basis="《中华人民共和国政府信息公开条例》第二十三条"
        if outcome == "other.other"
        else "",
    )


def render_reply(app: ApplicationFacts, template: bytes | None = None) -> str:
    ctx = letter_context(
        LetterKind.REPLY, app, SAMPLE_BODY, number="示政办信〔2024〕9号", issued_on=app.replied_on
    )
    return text_of(render_letter(LetterKind.REPLY, ctx, template))


@pytest.mark.parametrize("outcome", OUTCOME_KEYS)
def test_the_reply_of_every_outcome_states_what_the_law_requires(outcome: str) -> None:
    text = render_reply(reply_case(outcome))
    paragraphs = text.split("\n")
    assert paragraphs[0] == "政府信息公开申请答复书"
    assert paragraphs[1] == "示政办信〔2024〕9号"
    assert paragraphs[2] == "张三："
    assert "申请获取“2023年度示例镇征地补偿款发放明细”" in text
    assert f"本机关于{RECEIVED}收到您提出的政府信息公开申请" in text
    assert paragraphs[-1] == REPLIED  # the 成文日期 is the reply date on file
    assert paragraphs[-2] == "示例县人民政府办公室"
    articles = REPLY_GUIDES[outcome].articles or "第二十三条"
    assert f"{articles}的规定" in text
    assert REMEDY_REVIEW in text
    assert REMEDY_COURT in text
    assert "相关信息情况已查明。" in text
    variant = outcome.split(".")[0]
    assert VARIANT_WORDS[variant] in text
    others = {v: w for v, w in VARIANT_WORDS.items() if v not in (variant, "other")}
    assert [w for w in others.values() if w in text] == []
    assert "{{" not in text and "{%" not in text


def test_the_reply_shows_the_ground_of_the_official_row() -> None:
    assert "属于不予公开的情形（保护第三方合法权益）" in render_reply(
        reply_case("denied.third_party")
    )
    assert "（本机关不掌握相关政府信息）" in render_reply(reply_case("unable.not_held"))
    assert "不予处理（重复申请）" in render_reply(reply_case("not_processed.repeat"))


def test_the_standard_wording_is_stated_once_with_its_article() -> None:
    guide = REPLY_GUIDES["denied.internal_affairs"]
    app = replace(sample_application(), outcome=guide.outcome, reasons=guide.wording)
    text = render_reply(app)
    assert text.count(guide.articles) == 1
    assert text.count("行政复议") == 1  # the bodiless remedies of the wording are dropped
    assert REMEDY_REVIEW in text


def test_the_reply_tells_the_correction_and_the_extension() -> None:
    text = render_reply(reply_case("granted"))
    assert "本机关于2024年3月8日告知您补正，于2024年3月12日收到您补正后的申请。" in text
    assert "答复期限延长20个工作日，本机关已于2024年4月8日告知您。" in text
    bare = replace(reply_case("granted"), correction=None, extension=None)
    assert "补正" not in render_reply(bare)


def test_values_stay_text_in_the_document() -> None:
    app = replace(reply_case("granted"), applicant_name="甲&乙<公司>", content='"a" & <b>')
    text = render_reply(app)
    assert "甲&乙<公司>：" in text
    assert '申请获取“"a" & <b>”' in text


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_shipped_template_passes_its_own_check_and_renders(kind: LetterKind) -> None:
    data = default_template(kind)
    check_template(kind, data)
    assert REQUIRED_PLACEHOLDERS[kind] <= template_placeholders(data)
    text = text_of(render_letter(kind, sample_context(kind)))
    assert "{{" not in text and "{%" not in text
    assert "示例县人民政府办公室" in text


@pytest.mark.parametrize("kind", list(LetterKind))
def test_shipped_templates_have_the_official_layout(kind: LetterKind) -> None:
    document = docx.Document(io.BytesIO(default_template(kind)))
    section = document.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    )  # A4; GB/T 9704 margins (Word stores twips: 0.02 mm apart)
    assert [round(s.mm) for s in sizes if s is not None] == [210, 297, 37, 35, 28, 26]
    title, body = document.styles["公文标题"], document.styles["正文"]
    assert title.font.size == Pt(22) and body.font.size == Pt(16)
    east_asia = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert title.element.rPr.rFonts.get(east_asia) == "方正小标宋简体"
    assert body.element.rPr.rFonts.get(east_asia) == "仿宋_GB2312"
    assert document.paragraphs[0].style.name == "公文标题"
    with zipfile.ZipFile(io.BytesIO(default_template(kind))) as archive:
        fonts = archive.read("word/fontTable.xml").decode()
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="Noto Serif CJK SC"/>', fonts)


def edited(kind: LetterKind, old: str, new: str) -> bytes:
    """The shipped template of ``kind`` with ``old`` replaced by ``new`` in every paragraph."""
    document = docx.Document(io.BytesIO(default_template(kind)))
    hits = 0
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new)
                hits += 1
    assert hits, old
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_template_with_a_placeholder_removed_is_refused_naming_it() -> None:
    data = edited(LetterKind.REPLY, "{{ remedies }}", "如不服可以起诉。")
    with pytest.raises(TemplateProblem) as problem:
        check_template(LetterKind.REPLY, data)
    assert str(problem.value) == "政府信息公开申请答复书模板缺少必需的占位符：{{ remedies }}"
    data = edited(LetterKind.CORRECTION, "{{ correction_items }}", "")
    data2 = edited(LetterKind.CORRECTION, "{{ applicant_name }}", "申请人")
    with pytest.raises(TemplateProblem, match=r"缺少必需的占位符：\{\{ correction_items \}\}$"):
        check_template(LetterKind.CORRECTION, data)
    with pytest.raises(TemplateProblem, match=r"\{\{ applicant_name \}\}"):
        check_template(LetterKind.CORRECTION, data2)


def test_a_body_edited_wording_is_accepted_and_used() -> None:
    data = edited(LetterKind.REPLY, "经审查，现答复如下：", "经研究，本机关答复如下：")
    check_template(LetterKind.REPLY, data)
    text = render_reply(reply_case("granted"), data)
    assert "经研究，本机关答复如下：" in text
    assert "经审查，现答复如下：" not in text


def test_an_unknown_placeholder_is_refused() -> None:
    data = edited(LetterKind.FEE, "{{ fee_amount }}元", "{{ fee_amount }}元（{{ bank_acount }}）")
    with pytest.raises(TemplateProblem, match=r"无法填写的占位符：\{\{ bank_acount \}\}"):
        check_template(LetterKind.FEE, data)


def test_broken_placeholder_syntax_is_refused() -> None:
    data = edited(LetterKind.EXTENSION, "{{ extension_days }}", "{{ extension_days ")
    with pytest.raises(TemplateProblem, match="占位符写法有误"):
        check_template(LetterKind.EXTENSION, data)


@pytest.mark.parametrize(
    ("placeholder", "message"),
    [
        ("{{ body_name.__class__.__mro__ }}", "模板中不能使用属性（.）"),
        ("{{ body_name.upper() }}", "模板中不能使用函数调用"),
        ("{{ body_name['x'] }}", "模板中不能使用下标（[ ]）"),
        ("{% for i in range(99999) %}{{ body_name }}{% endfor %}", "模板中不能使用循环（for）"),
        ("{{ body_name * 999999999 }}", "模板中不能使用运算或语句（Mul）"),
        ("{% set x = 1 %}{{ body_name }}", "模板中不能使用赋值（set）"),
        ("{{ body_name|safe }}", "模板中不能使用过滤器“safe”"),
    ],
)
def test_a_template_may_use_values_and_conditions_only(placeholder: str, message: str) -> None:
    """A body's template can neither leave Jinja's sandbox nor spend unbounded time or memory,
    nor let a value (an applicant's text) into the XML unescaped."""
    data = edited(LetterKind.DELIVERY, "{{ body_name }}", placeholder)
    with pytest.raises(TemplateProblem) as problem:
        check_template(LetterKind.DELIVERY, data)
    assert (
        str(problem.value)
        == f"{message}：占位符只能是文书的取值 {{{{ 名称 }}}} 和条件 {{% if … %}}"
    )


def test_conditions_and_simple_filters_are_allowed() -> None:
    data = edited(
        LetterKind.DELIVERY,
        "{{ body_name }}",
        "{% if body_name is defined and number %}{{ body_name|trim }}"
        "{% else %}{{ office_name|default('本机关') }}{% endif %}",
    )
    check_template(LetterKind.DELIVERY, data)
    text = text_of(render_letter(LetterKind.DELIVERY, sample_context(LetterKind.DELIVERY), data))
    assert "示例县人民政府办公室" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "模板不是 Word（.docx）文件，无法打开"),
        (b"hello, not a document", "模板不是 Word（.docx）文件，无法打开"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "旧版 Word（.doc）文件"),
        (default_template(LetterKind.REPLY)[:5000], "模板不是 Word（.docx）文件，无法打开"),
    ],
)
def test_a_broken_file_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(TemplateProblem, match=re.escape(message)):
        check_template(LetterKind.REPLY, data)


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(TemplateProblem, match="其中没有正文"):
        check_template(LetterKind.REPLY, out.getvalue())


def test_a_damaged_document_part_is_refused() -> None:
    source = zipfile.ZipFile(io.BytesIO(default_template(LetterKind.REPLY)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            blob = source.read(info)
            archive.writestr(info, b"<w:document" if info.filename == "word/document.xml" else blob)
    with pytest.raises(TemplateProblem, match="模板文件已损坏"):
        check_template(LetterKind.REPLY, out.getvalue())


def _template_script():  # scripts/ is not a package: load the script by its path
    path = Path(__file__).resolve().parents[2] / "scripts" / "make_letter_templates.py"
    spec = importlib.util.spec_from_file_location("make_letter_templates", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shape(document: docx.document.Document) -> list[tuple[str, str]]:
    shape = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    shape += [("cell", c.text) for t in document.tables for r in t.rows for c in r.cells]
    return shape


@pytest.mark.parametrize("kind", list(LetterKind))
def test_the_committed_templates_are_what_the_script_makes(kind: LetterKind) -> None:
    made = _template_script().build(kind.value)
    committed = docx.Document(io.BytesIO(default_template(kind)))
    assert _shape(made) == _shape(committed)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=60))
def test_any_text_of_the_applicant_is_rendered_as_text(content: str) -> None:
    """Control characters and lone surrogates are dropped (XML cannot hold them; docxtpl's
    recovering parser would silently drop the rest of the paragraph), line ends become line
    breaks, and everything else reads back as typed."""
    app = replace(reply_case("granted"), content=content + "。")
    text = render_reply(app)
    typed = (content + "。").strip().replace("\r\n", "\n").replace("\r", "\n")
    expected = re.sub("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", typed)
    assert f"（申请编号：2024-0007），申请获取“{expected}”。\n" in text
    assert text.endswith(REPLIED)
