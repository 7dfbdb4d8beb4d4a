"""Password rules with Chinese messages where Django's own catalogue lacks them.

Django 5.2 reworded the "too short" message and its zh-hans catalogue has no translation of the
new wording, so the first administrator (``gongkai admin create``) and the admin's password
forms would read it in English.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _

__all__ = ["MinimumLengthValidator"]


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("密码太短，至少需要 %(min_length)d 个字符。") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("密码至少需要 %(min_length)d 个字符。") % {"min_length": self.min_length}
