"""``gongkai letter KIND --application NO [--org ORG] --to docx -o FILE`` (issue 12, item 5)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from docx import Document
from typer.testing import Result

from gongkai.apps.applications.actions import register_application, reply
from gongkai.apps.applications.choices import EventKind
from gongkai.apps.letters.models import Letter, LetterPdf
from gongkai.apps.orgs.services import create_body

Invoke = Callable[..., Result]
Refused = Callable[[Result], str]


@pytest.fixture
def case(db: Any) -> Any:
    body = create_body(
        "中宁县教育局",
        letter_number_prefix="中教信公",
        reconsideration_body="中宁县人民政府",
        court="中宁县人民法院",
    )
    app = register_application(
        body,
        channel="in_person",
        received_on=date(2026, 9, 1),
        applicant_type="natural_person",
        applicant_name="李四",
        content="申请公开 2025 年度学校建设项目资金的使用情况。",
        acting_user=None,
    )
    return reply(app, "granted", "", "现提供所申请的信息。", date(2026, 9, 22), acting_user=None)


def _text(path: Path) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)


def test_a_reply_letter_is_written_numbered_and_recorded(
    case: Any, cli: Invoke, tmp_path: Path
) -> None:
    out = tmp_path / "答复书.docx"
    result = cli("letter", "reply", "--application", case.number, "--to", "docx", "-o", out)
    assert result.exit_code == 0, result.output
    letter = Letter.objects.get()
    assert out.read_bytes() == bytes(letter.data)
    assert "中教信公〔2026〕1号" in _text(out) and "李四" in _text(out)
    assert case.events.filter(kind=EventKind.LETTER).count() == 1
    assert "中教信公〔2026〕1号" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("memo", "--application", "{no}"), "没有“memo”这种文书"),
        (("reply", "--application", "1999-0001"), "没有编号为“1999-0001”的申请"),
        (("extension", "--application", "{no}"), "延期"),
        (("reply", "--application", "{no}", "--to", "odt"), "--to 的值“odt”无效"),
        (("reply", "--application", "{no}", "--org", "不存在的机关"), "找不到机关"),
        (("reply",), "缺少 --application"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    case: Any, cli: Invoke, refused: Refused, tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    out = tmp_path / "letter.docx"
    result = cli("letter", *(a.format(no=case.number) for a in args), "-o", out)
    assert says in refused(result)
    assert not out.exists()
    assert not Letter.objects.exists()
    assert not case.events.filter(kind=EventKind.LETTER).exists()


def test_the_pdf_of_a_letter(case: Any, cli: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "答复书.pdf"
    result = cli("letter", "reply", "--application", case.number, "--to", "pdf", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    text = "".join(
        "".join(page.get_textpage().get_text_range().split())
        for page in pdfium.PdfDocument(out.read_bytes())
    )
    assert "李四" in text and "中教信公〔2026〕1号" in text
    # Stored with the letter: the pages serve it without converting again.
    assert bytes(LetterPdf.objects.get(letter__number="中教信公〔2026〕1号").data) == (
        out.read_bytes()
    )


def test_without_the_pdf_engine_nothing_is_written_or_recorded(
    case: Any, cli: Invoke, refused: Refused, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GONGKAI_SOFFICE", str(tmp_path / "no-soffice"))
    out = tmp_path / "答复书.pdf"
    result = cli("letter", "reply", "--application", case.number, "--to", "pdf", "-o", out)
    assert "未安装 PDF 转换程序" in refused(result)
    assert not out.exists()
    assert not Letter.objects.exists()
    assert not case.events.filter(kind=EventKind.LETTER).exists()


def test_as_a_real_process_a_refusal_is_one_line_without_traceback(
    gongkai: Callable[..., Any], tmp_path: Path
) -> None:
    out = tmp_path / "letter.docx"
    done = gongkai("letter", "reply", "--application", "2024-0001", "-o", out)
    assert done.returncode == 2
    assert done.stderr.strip() == "错误：没有编号为“2024-0001”的申请"
    assert not out.exists()
