"""``gongkai letter KIND --application NO [--org ORG] --to docx|pdf -o FILE``: make a letter of
an application (the same action as the case page's 制作 button: numbered, recorded on the case,
stored) and write it as Word or PDF (LibreOffice, :mod:`gongkai.domain.render.pdf`).

KIND is one of correction, extension, consultation, fee, reply, delivery. Bad input — an
unknown kind or application, a letter the case does not call for (a 延期 notice without an
extension), a required fact missing (a refusal without its reason), the PDF engine missing —
is one Chinese line and exit 2: no file is written and no letter recorded (the PDF is made in
the letter's transaction, at once — a command may take seconds — and stored with the letter,
so the pages serve it without a job: :func:`gongkai.apps.letters.jobs.pdf_now`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gongkai.cli.common import database, fail, find_body, write_file

if TYPE_CHECKING:
    from gongkai.apps.letters.models import Letter

__all__ = ["letter_app"]

letter_app = typer.Typer()

FORMATS = ("docx", "pdf")


@letter_app.command("letter")
def letter_command(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="correction|extension|consultation|fee|reply|delivery",
            help="文书：补正告知书、延期答复告知书、征求第三方意见书、收费通知书、答复书、送达回证",
            show_default=False,
        ),
    ],
    application: Annotated[
        str | None, typer.Option("--application", metavar="NO", help="申请编号，如 2024-0001")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件")] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help="机关：统一社会信用代码、组织机构代码或全称（编号重复时必填）"),
    ] = None,
    to: Annotated[
        str, typer.Option("--to", metavar="docx|pdf", help="输出格式：docx 或 pdf")
    ] = "docx",
) -> None:
    """按申请的登记信息和办理记录制作文书（自动编文号，记入办理记录），写出 Word 或 PDF 文件。"""
    if application is None:
        raise fail("缺少 --application（申请编号）")
    if output is None:
        raise fail("缺少 -o（输出文件）")
    if to not in FORMATS:
        raise fail(f"--to 的值“{to}”无效，可选：{'、'.join(FORMATS)}")
    database()
    from gongkai.apps.applications.models import Application
    from gongkai.apps.letters.actions import generate_letter, letter_kind
    from gongkai.kernel.errors import ActionError

    try:
        letter_kind(kind)
    except ActionError as exc:
        raise fail(str(exc)) from None
    apps = Application.objects.filter(number=application.strip()).select_related("body")
    if org is not None:
        apps = apps.filter(body=find_body(org))
    found = list(apps[:3])
    if not found:
        where = f"“{org}”" if org is not None else ""
        raise fail(f"{where}没有编号为“{application}”的申请")
    if len(found) > 1:
        names = "、".join(app.body.name for app in found)
        raise fail(f"编号“{application}”的申请有多件（{names}），请用 --org 指定机关")
    from gongkai.apps.letters.jobs import pdf_now
    from gongkai.domain.render.pdf import PdfConversionError

    made: dict[str, bytes] = {}

    def as_pdf(letter: Letter) -> None:
        made["pdf"] = pdf_now(letter)

    try:
        letter = generate_letter(
            found[0], kind, acting_user=None, then=as_pdf if to == "pdf" else None
        )
    except (ActionError, PdfConversionError) as exc:
        raise fail(str(exc)) from None
    data = made["pdf"] if to == "pdf" else bytes(letter.data)
    write_file(output, data, f"{letter.get_kind_display()} {letter.number}：")
