"""``gongkai catalog extract-text``: read the text of the catalog's attachments for search —
those uploaded before the platform read it, or whose background task never ran
(``--pending``), or all of them again (after a reader improved)."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai.cli.common import database, find_body, out, progress

__all__ = ["catalog_app"]

catalog_app = typer.Typer(help="主动公开目录。", no_args_is_help=True)


@catalog_app.command("extract-text")
def extract_text_command(
    org: Annotated[
        str | None,
        typer.Option("--org", help="只处理这个机关的附件：统一社会信用代码、组织机构代码或全称"),
    ] = None,
    pending: Annotated[
        bool, typer.Option("--pending", help="只处理尚未提取文字的附件（待提取）")
    ] = False,
) -> None:
    """提取附件中的文字，供公开目录检索（PDF、Word、Excel、OFD、文本；图片不做文字识别）。"""
    database()
    from gongkai.apps.catalog.choices import AttachmentTextStatus
    from gongkai.apps.catalog.models import CatalogAttachment
    from gongkai.apps.catalog.text_extraction import extract_many

    attachments = CatalogAttachment.objects.defer("text").order_by("pk")
    if org is not None:
        attachments = attachments.filter(item__body=find_body(org))
    if pending:
        attachments = attachments.filter(text_status=AttachmentTextStatus.PENDING)
    total = attachments.count()
    with progress("提取附件文字…", counted=True) as step:
        step("提取附件文字…", 0, total)
        counts = extract_many(
            attachments.iterator(chunk_size=100),
            lambda done, attachment, status: step(
                f"提取附件文字：{attachment.original_name}", done, total
            ),
        )
    labels = dict(AttachmentTextStatus.choices)
    summary = "，".join(f"{labels.get(s, s)} {n} 个" for s, n in sorted(counts.items()))
    out.print(f"处理附件 {total} 个" + (f"：{summary}。" if summary else "。"), highlight=False)
