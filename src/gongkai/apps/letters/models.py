"""The letters of an application (文书) as made, their 文号 counters, and the templates a body
uploaded in place of the shipped ones.

A :class:`Letter` keeps the bytes it was generated as (the download is the document that was
issued, unchanged), its 文号 and the template it came from (``template`` None: the platform's
default, told by ``template_sha256``). A :class:`LetterCounter` row per (body, kind, year) is
the 文号 sequence, locked while a letter is recorded (:mod:`gongkai.apps.letters.numbering`).
A :class:`LetterPdf` is the PDF of a letter, made from its Word file and kept.
A :class:`LetterTemplate` is one upload: the current one of a body and kind is the active row;
replaced and reset ones stay, for the letters made from them.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.models import Application
from gongkai.apps.letters.choices import letter_kind_choices
from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = ["Letter", "LetterCounter", "LetterPdf", "LetterTemplate", "LetterTemplateQuerySet"]


class LetterTemplateQuerySet(RestrictedQuerySet["LetterTemplate"]):
    def current(self) -> LetterTemplateQuerySet:
        """The templates in use (one per body and kind at most)."""
        return self.filter(active=True)


class LetterTemplate(models.Model):
    """A body's own Word template of one kind of letter, checked before it replaced the
    default (every required placeholder present, the file opens)."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="letter_templates", verbose_name=_("机关")
    )
    kind = models.CharField(_("文书"), max_length=16, choices=letter_kind_choices)
    data = models.BinaryField(_("模板文件"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    filename = models.CharField(_("文件名"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    active = models.BooleanField(_("正在使用"), default=True)

    objects = LetterTemplateQuerySet.as_manager()

    #: The file itself is told by its digest.
    AUDIT_EXCLUDE: ClassVar[frozenset[str]] = frozenset({"data"})

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["body", "kind", "-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind"],
                condition=models.Q(active=True),
                name="letter_template_one_current",
                violation_error_message=_("每种文书只能有一个正在使用的模板。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.get_kind_display()} {self.sha256[:8]}"


class LetterCounter(models.Model):
    """The last 文号 sequence number given to a body's letters of one kind in one year."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=letter_kind_choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("文号计数")
        verbose_name_plural = _("文号计数")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "year"], name="letter_counter_one_per_series"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.kind} {self.year}: {self.last}"


class Letter(models.Model):
    """A letter made from an application: numbered, dated, its Word file as issued."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="letters", verbose_name=_("申请")
    )
    #: The body whose 文号 series numbers it (the application's body when it was made).
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("文书"), max_length=16, choices=letter_kind_choices)
    year = models.PositiveSmallIntegerField(_("年份"))
    sequence = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("文号"), max_length=60)
    issued_on = models.DateField(_("成文日期"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("制作人"),
    )
    created_at = models.DateTimeField(_("制作时间"), auto_now_add=True)
    data = models.BinaryField(_("Word 文件"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    #: The body's template it was made from; None: the platform's default.
    template = models.ForeignKey(
        LetterTemplate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("模板"),
    )
    template_sha256 = models.CharField(_("模板 SHA-256"), max_length=64)

    objects = RestrictedQuerySet.as_manager()

    AUDIT_EXCLUDE: ClassVar[frozenset[str]] = frozenset({"data"})

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["application", "kind", "-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "kind", "year", "sequence"],
                name="letter_sequence_unique",
                violation_error_message=_("这个文号已经用过。"),
            ),
            models.UniqueConstraint(
                fields=["body", "number"],
                name="letter_number_unique",
                violation_error_message=_("这个文号已经用过。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("letters:download", kwargs={"pk": self.pk})

    @property
    def filename_stem(self) -> str:
        """The download's name without its extension: 申请编号-文书名-文号."""
        return f"{self.application.number}-{self.get_kind_display()}-{self.number}"


class LetterPdf(models.Model):
    """The PDF of a letter as issued (:func:`gongkai.apps.letters.jobs.letter_pdf`): made once
    from its Word file, by a background job when the letter is made or first asked for (or
    by the command line at once), and kept: a letter never changes after it is issued."""

    letter = models.OneToOneField(
        Letter,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="pdf",
        verbose_name=_("文书"),
    )
    data = models.BinaryField(_("PDF 文件"))
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("文书的 PDF")
        verbose_name_plural = _("文书的 PDF")

    def __str__(self) -> str:
        return f"{self.letter}：PDF"
