"""Models of the kernel: the one audit log of the platform, the public pages' rate limits and
the background jobs (:mod:`gongkai.kernel.jobs`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AuditEntry", "Job", "JobStatus", "RateBucket"]


class AuditEntry(models.Model):
    """One step someone took on a record: who, when, which action, what changed.

    Written by every action in the same transaction as the change it records
    (:func:`gongkai.kernel.audit.log`), by the ledger imports (in bulk) and by the admin. The
    entry names its record by content type and primary key and keeps its text at the time
    (``object_repr``, ``user_label``), so it stays readable after the record or the account is
    gone. ``data`` holds the action's own facts and, under ``"changes"``, the fields it changed
    as ``[field, old, new]`` in the words the pages show.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("记录类型")
    )
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    object_repr = models.CharField(_("记录"), max_length=200)
    action = models.CharField(_("操作"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    user_label = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    timestamp = models.DateTimeField(_("时间"), default=timezone.now)
    data = models.JSONField(_("内容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "timestamp"], name="auditentry_object"
            ),
            models.Index(fields=["action", "timestamp"], name="auditentry_action"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class RateBucket(models.Model):
    """How often one client used one public action in the current window (see throttle.py).

    Kept in the database so every server process counts the same hits, on SQLite and
    PostgreSQL alike.
    """

    key = models.CharField(_("键"), max_length=200, unique=True)
    window_start = models.DateTimeField(_("计数开始时间"))
    hits = models.PositiveIntegerField(_("次数"), default=0)

    class Meta:
        verbose_name = _("访问频率计数")
        verbose_name_plural = _("访问频率计数")

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("运行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class Job(models.Model):
    """A background job of the platform, as a page shows it (:mod:`gongkai.kernel.jobs`).

    The task engine (django-tasks, ``TASKS``) runs it; this row is what the platform reads:
    who started it, what it is (``kind``: the dotted path of the job function, ``title``: its
    Chinese name), its status, progress ``done`` of ``total`` (written by the job as it runs),
    its result (JSON, or a file under the var dir) or its error (one Chinese line). A failed
    job is retried as a new task run of the same row (``attempts`` counts the runs).
    """

    kind = models.CharField(_("类型"), max_length=200)
    title = models.CharField(_("名称"), max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发起人"),
    )
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("已完成"), default=0)
    total = models.PositiveIntegerField(_("总数"), null=True, blank=True)
    result = models.JSONField(_("结果"), null=True, blank=True)
    result_file = models.CharField(_("结果文件"), max_length=300, blank=True)
    error = models.CharField(_("错误"), max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(_("运行次数"), default=0)
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="job_status")]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int | None:
        """How far the job is, 0–100, when it said how much there is."""
        if not self.total:
            return 100 if self.status == JobStatus.DONE else None
        return min(100, self.done * 100 // self.total)
