"""Password rules with Chinese messages where Django's own catalogue lacks them.

Django 5.2 reworded the "too short" message and its zh-hans catalogue has no translation of the
new wording, so the first administrator (``gongkai admin create``) and the admin's password
forms would read it in English. The rules themselves (``AUTH_PASSWORD_VALIDATORS``) follow
OWASP ASVS 4.0 level 2, V2.1: at least 12 characters, not a common or breached password.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _

__all__ = ["CommonPasswordValidator", "MinimumLengthValidator"]


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("密码太短，至少需要 %(min_length)d 个字符。") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("密码至少需要 %(min_length)d 个字符。") % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20,000 common passwords (taken from breach corpora), in Chinese."""

    def get_error_message(self) -> str:
        return _("这个密码太常见，容易被猜中（在常见或已泄露的密码名单中），请换一个。")

    def get_help_text(self) -> str:
        return _("不能使用常见或已泄露的密码。")
