"""What the letters tests share: a body with its letter settings, its 管理员, and cases in the
states that call for each letter."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pypdfium2 as pdfium
from docx import Document

from gongkai.apps.applications.actions import (
    approve_extension,
    reply,
    request_correction,
    request_extension,
)
from gongkai.apps.orgs.services import add_member

__all__ = [
    "RECEIVED",
    "REPLIED",
    "corrected_case",
    "docx_text",
    "extended_case",
    "make_admin",
    "pdf_text",
    "replied_case",
    "set_up_body",
    "squeezed",
    "without_placeholder",
]

RECEIVED = date(2026, 9, 1)
REPLIED = date(2026, 9, 22)

REASONS = {
    "granted": "您申请的信息属于公开范围，现随本答复书提供电子文档。",
    "partial": "所申请信息中涉及第三方个人信息的部分，公开会损害第三方合法权益。",
    "denied.third_party": (
        "所申请信息包含第三方的商业秘密，第三方不同意公开，公开会损害其合法权益。"
    ),
}


def set_up_body(body: Any) -> Any:
    """The settings every 答复书 needs (救济途径) and a 文号 prefix."""
    body.letter_number_prefix = "某教信公"
    body.reconsideration_body = "某某县人民政府"
    body.court = "某某县人民法院"
    body.save()
    return body


def make_admin(django_user_model: Any, body: Any, username: str = "admin_a") -> Any:
    user = django_user_model.objects.create_user(username, password=f"{username}-password-1")
    add_member(user, body, "admin")
    return user


def replied_case(
    register: Any,
    user: Any,
    outcome: str = "granted",
    reasons: str | None = None,
    withheld: str = "",
    **fields: Any,
) -> Any:
    app = register(received_on=RECEIVED, **fields)
    text = REASONS.get(outcome, "") if reasons is None else reasons
    return reply(app, outcome, "", text, REPLIED, withheld, acting_user=user)


def corrected_case(register: Any, user: Any) -> Any:
    app = register(received_on=RECEIVED)
    return request_correction(
        app,
        date(2026, 9, 3),
        "请写明所需信息的名称、文号或者便于查询的其他特征描述。",
        acting_user=user,
    )


def extended_case(register: Any, clerk: Any, reviewer: Any) -> Any:
    app = register(received_on=RECEIVED)
    app = request_extension(
        app, 15, "需要调取档案并逐页审查。", date(2026, 9, 20), acting_user=clerk
    )
    return approve_extension(app, date(2026, 9, 21), acting_user=reviewer)


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a Word file, one per line."""
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    for section in doc.sections:
        lines.extend(p.text for p in section.header.paragraphs)
        lines.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF without white space (LibreOffice sets narrow spaces between
    Chinese and digits, and breaks lines anywhere)."""
    pdf = pdfium.PdfDocument(data)
    return "".join(squeezed(page.get_textpage().get_text_range()) for page in pdf)


def squeezed(text: str) -> str:
    return "".join(text.split())


def without_placeholder(data: bytes, name: str) -> bytes:
    """The Word file ``data`` with every ``{{ name }}`` taken out of its text."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    found = False
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("word/") and item.filename.endswith(".xml"):
                text = content.decode("utf-8")
                for spelling in (f"{{{{ {name} }}}}", f"{{{{{name}}}}}"):
                    found = found or spelling in text
                    text = text.replace(spelling, "")
                content = text.encode("utf-8")
            target.writestr(item, content)
    assert found, f"the template has no {{{{ {name} }}}} to take out"
    return out.getvalue()
