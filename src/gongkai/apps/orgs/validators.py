"""Validators of the national codes of a body: 统一社会信用代码 (GB 32100-2015), 组织机构代码
(GB 11714-1997). Both carry a check character; a typo in a code is caught at entry."""

from __future__ import annotations

import re
from collections.abc import Callable

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


def _validate(
    value: str,
    code: str,
    pattern: re.Pattern[str],
    check_char: Callable[[str], str],
    name: str,
    form: str,
) -> None:
    """``code`` (``value`` as typed, normalised) must have the ``form`` of ``pattern``, and end
    with the check character of the characters before it."""
    if not pattern.match(code):
        raise ValidationError(
            _("%(name)s“%(value)s”格式不正确：%(form)s"),
            code="format",
            params={"name": name, "value": value, "form": form},
        )
    if check_char(code[:-1]) != code[-1]:
        raise ValidationError(
            _("%(name)s“%(value)s”的校验位不正确，请核对。"),
            code="checksum",
            params={"name": name, "value": value},
        )


def validate_credit_code(value: str) -> None:
    """18 characters of the GB 32100 alphabet with a correct check character."""
    _validate(
        value,
        value,
        _CREDIT_RE,
        credit_code_check_char,
        _("统一社会信用代码"),
        _("应为 18 位数字或大写字母（不含 I、O、Z、S、V）。"),
    )


def validate_org_code(value: str) -> None:
    """9 characters (8 digits/capitals and a check digit or X) with a correct check character;
    a hyphen before the check character is allowed."""
    _validate(
        value,
        value.replace("-", ""),
        _ORG_RE,
        org_code_check_char,
        _("组织机构代码"),
        _("应为 8 位数字或大写字母加 1 位校验码。"),
    )
