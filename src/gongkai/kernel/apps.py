from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["KernelConfig"]


class KernelConfig(AppConfig):
    name = "gongkai.kernel"
    label = "kernel"
    verbose_name = _("平台基础")

    def ready(self) -> None:
        # The audit entry of a login lockout (a django-axes signal) and the action labels.
        from django.db.backends.signals import connection_created

        from gongkai.kernel import jobs, login  # noqa: F401 (the job policy, the lockout entry)
        from gongkai.kernel.filemodes import protect_sqlite_files

        connection_created.connect(protect_sqlite_files, dispatch_uid="gongkai-sqlite-private")
