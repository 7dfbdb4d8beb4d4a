"""Validators of the national codes of a body: 统一社会信用代码 (GB 32100-2015), 组织机构代码
(GB 11714-1997). Both carry a check character; a typo in a code is caught at entry."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = [
    "credit_code_check_char",
    "org_code_check_char",
    "validate_credit_code",
    "validate_org_code",
]

# GB 32100-2015: 31 characters (no I, O, Z, S, V).
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
# GB 11714-1997: 8 body characters (digits or capitals) and a check character (digit or X).
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_RE = re.compile(r"^[0-9A-Z]{8}[0-9X]$")


def credit_code_check_char(first17: str) -> str:
    """The 18th (check) character of a 统一社会信用代码 from its first 17 characters."""
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """The 9th (check) character of a 组织机构代码 from its first 8 characters."""
    total = sum(int(c, 36) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def validate_credit_code(value: str) -> None:
    """18 characters of the GB 32100 alphabet with a correct check character."""
    if not _CREDIT_RE.match(value):
        raise ValidationError(
            _(
                "统一社会信用代码“%(value)s”格式不正确："
                "应为 18 位数字或大写字母（不含 I、O、Z、S、V）。"
            ),
            code="format",
            params={"value": value},
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError(
            _("统一社会信用代码“%(value)s”的校验位不正确，请核对。"),
            code="checksum",
            params={"value": value},
        )


def validate_org_code(value: str) -> None:
    """9 characters (8 digits/capitals and a check digit or X) with a correct check character."""
    plain = value.replace("-", "")
    if not _ORG_RE.match(plain):
        raise ValidationError(
            _("组织机构代码“%(value)s”格式不正确：应为 8 位数字或大写字母加 1 位校验码。"),
            code="format",
            params={"value": value},
        )
    if org_code_check_char(plain[:8]) != plain[8]:
        raise ValidationError(
            _("组织机构代码“%(value)s”的校验位不正确，请核对。"),
            code="checksum",
            params={"value": value},
        )
