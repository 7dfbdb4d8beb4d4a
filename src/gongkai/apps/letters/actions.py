"""The operations on letters, one function each (:mod:`gongkai.kernel.actions`: the policy,
one durable transaction, one audit entry).

- :func:`generate_letter` makes a letter of a case: the facts read from the records, the
  body's template (or the default), the next 文号 of its series, the Word file stored as
  issued, and a 制作文书 event on the case — all in one transaction, audited on the case.
- :func:`upload_template` replaces the body's template of a kind, after the domain checked it
  (every required placeholder, the file opens); :func:`reset_template` goes back to the
  default. Only the body's 管理员 (``administer``).
- :func:`set_letter_settings`: the body's 文号 prefix, 复议机关 and 人民法院 (管理员).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications.choices import EventKind
from gongkai.apps.applications.models import Application, ApplicationEvent
from gongkai.apps.letters.models import Letter, LetterTemplate
from gongkai.apps.letters.numbering import take_number
from gongkai.apps.letters.services import (
    application_facts,
    body_facts,
    current_template,
    letter_date,
)
from gongkai.apps.orgs.models import Body
from gongkai.domain.letters import (
    LetterKind,
    LetterRefused,
    TemplateProblem,
    check_template,
    default_template,
    letter_context,
    render_letter,
)
from gongkai.kernel.actions import create, locked, require, user_or_none
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "generate_letter",
    "letter_kind",
    "reset_template",
    "set_letter_settings",
    "upload_template",
]

register_actions(
    {
        "letters.generate": gettext_lazy("制作文书"),
        "letters.template_upload": gettext_lazy("上传文书模板"),
        "letters.template_reset": gettext_lazy("恢复默认文书模板"),
        "letters.settings": gettext_lazy("修改文书设置"),
    }
)

#: The longest 文号 prefix (机关代字) a body may set.
MAX_PREFIX = 20


def _admin_only(body: Body) -> str:
    return _("只有“%(body)s”的管理员可以修改文书模板和文书设置。") % {"body": body.name}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def letter_kind(value: str) -> LetterKind:
    """``value`` as a kind of letter, or one Chinese line naming the kinds there are."""
    try:
        return LetterKind(value)
    except ValueError:
        kinds = "、".join(f"{k.value}（{k.label}）" for k in LetterKind)
        raise ActionError(
            _("没有“%(kind)s”这种文书，可选：%(kinds)s。") % {"kind": value, "kinds": kinds}
        ) from None


def generate_letter(
    application: Application,
    kind: LetterKind | str,
    *,
    acting_user: UserLike | None,
    issued_on: date | None = None,
    expected_version: int | None = None,
    then: Callable[[Letter], object] | None = None,
) -> Letter:
    """Make the letter ``kind`` of ``application``: numbered (the next 文号 of the body's
    series, :func:`numbering.take_number`), dated (``issued_on``, default the day of the step
    it records: :func:`services.letter_date`), rendered from the body's template or the
    default, stored, and recorded on the case (event 制作文书 with its 文号) — one transaction:
    a letter refused (the case does not call for it, a required fact missing) takes no number.
    ``expected_version``: the version of the case the user saw (a case changed meanwhile is
    refused: the letter would state facts the user did not see). ``then(letter)`` runs inside
    the transaction: what it raises undoes the letter (the command line converts it to PDF
    there, so a missing PDF engine records nothing).
    """
    kind = letter_kind(str(kind))
    denied = _("您没有为“%(body)s”的申请制作文书的权限。") % {"body": application.body.name}
    with locked(
        application,
        "letters.generate",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=denied,
        save=False,
    ) as step:
        app = step.obj
        body = app.body
        facts = application_facts(app)
        on = issued_on or letter_date(facts, kind)
        number = take_number(body, kind, on.year)
        try:
            context = letter_context(
                kind, facts, body_facts(body), number=number.text, issued_on=on
            )
        except LetterRefused as exc:
            raise ActionError(str(exc)) from exc
        template = current_template(body, kind)
        template_bytes = bytes(template.data) if template is not None else default_template(kind)
        data = render_letter(kind, context, template_bytes)
        letter = Letter.objects.create(
            application=app,
            body=body,
            kind=kind.value,
            year=number.year,
            sequence=number.sequence,
            number=number.text,
            issued_on=on,
            generated_by=user_or_none(acting_user),
            data=data,
            sha256=sha256(data),
            template=template,
            template_sha256=sha256(template_bytes),
        )
        ApplicationEvent.objects.create(
            application=app,
            kind=EventKind.LETTER,
            on=timezone.localdate(),
            by=user_or_none(acting_user),
            note=kind.label,
            data={"letter": letter.pk, "kind": kind.value, "number": number.text},
        )
        step.data.update(
            letter=kind.label,
            number=number.text,
            issued_on=on,
            template=_("本机关模板") if template is not None else _("默认模板"),
        )
        if then is not None:
            then(letter)
    return letter


def upload_template(
    body: Body,
    kind: LetterKind | str,
    data: bytes,
    *,
    acting_user: UserLike | None,
    filename: str = "",
) -> LetterTemplate:
    """Replace ``body``'s template of ``kind`` with ``data`` once the domain accepted it
    (:func:`gongkai.domain.letters.check_template`); a refused file replaces nothing."""
    kind = letter_kind(str(kind))
    template = LetterTemplate(
        body=body,
        kind=kind.value,
        data=data,
        sha256=sha256(data),
        filename=filename[:200],
        uploaded_by=user_or_none(acting_user),
    )
    denied = _admin_only(body)
    require(acting_user, "administer", template, denied)
    try:
        check_template(kind, data)
    except TemplateProblem as exc:
        raise ActionError(str(exc), {"file": [str(exc)]}) from exc
    with transaction.atomic(durable=True):
        Body.objects.select_for_update().get(pk=body.pk)  # one upload of the body at a time
        replaced = current_template(body, kind)
        if replaced is not None:
            LetterTemplate.objects.filter(pk=replaced.pk).update(active=False)
        create(
            template,
            "letters.template_upload",
            acting_user=acting_user,
            permission="administer",
            denied=denied,
            durable=False,
            data={
                "letter": kind.label,
                "sha256": template.sha256,
                "replaced": replaced.sha256 if replaced is not None else _("默认模板"),
            },
        )
    return template


def reset_template(body: Body, kind: LetterKind | str, *, acting_user: UserLike | None) -> None:
    """Go back to the platform's default template of ``kind`` (the body's upload is kept, for
    the letters made from it)."""
    kind = letter_kind(str(kind))
    current = current_template(body, kind)
    if current is None:
        raise ActionError(_("“%(letter)s”已经在使用默认模板。") % {"letter": kind.label})
    with locked(
        current,
        "letters.template_reset",
        acting_user=acting_user,
        permission="administer",
        denied=_admin_only(body),
        data={"letter": kind.label},
    ) as step:
        step.obj.active = False


def set_letter_settings(
    body: Body,
    *,
    letter_number_prefix: str,
    reconsideration_body: str,
    court: str,
    fee_payment_info: str | None = None,
    acting_user: UserLike | None,
) -> Body:
    """The body's 文号 prefix (机关代字), the bodies its letters name for 救济途径, and how a
    fee is paid (收费通知书; ``None``: unchanged)."""
    prefix = letter_number_prefix.strip()
    bad = [ch for ch in prefix if ch.isspace() or ch in "〔〕[]()（）"]
    if bad or len(prefix) > MAX_PREFIX:
        message = _("文号前缀应为不超过 %(n)d 个字的机关代字（如“徐政信公”），不含空格和括号。") % {
            "n": MAX_PREFIX
        }
        raise ActionError(message, {"letter_number_prefix": [message]})
    with locked(
        body,
        "letters.settings",
        acting_user=acting_user,
        permission="administer",
        denied=_admin_only(body),
    ) as step:
        step.obj.letter_number_prefix = prefix
        step.obj.reconsideration_body = reconsideration_body.strip()
        step.obj.court = court.strip()
        if fee_payment_info is not None:
            step.obj.fee_payment_info = fee_payment_info.strip()
    return step.obj
