"""Forms of the reports app."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gongkai.kernel.forms import human_size

__all__ = [
    "ALLOWED_EXTENSIONS",
    "DeadlineForm",
    "NarrativeForm",
    "PublishedReportImportForm",
    "ReportUploadForm",
    "ReviewForm",
]

# What the report readers accept: the published PDF or Word (.docx), plain text, or the JSON.
ALLOWED_EXTENSIONS: tuple[str, ...] = (".pdf", ".docx", ".txt", ".json")


class ReportUploadForm(forms.Form):
    """Upload of one published annual report for checking."""

    file = forms.FileField(
        label=_("年报文件"),
        error_messages={
            "required": _("请选择要检查的年报文件。"),
            "empty": _("上传的文件是空的。"),
            "invalid": _("没有收到文件，请重新选择后再提交。"),
        },
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control", "accept": ",".join(ALLOWED_EXTENSIONS)}
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "支持 %(extensions)s 文件（发布的年报 PDF 或 Word 文档、年报全文的纯文本，"
            "或本平台导出的年报 JSON；扫描件 PDF 无法读取），"
            "不超过 %(size)s。"
        ) % {
            "extensions": "、".join(ALLOWED_EXTENSIONS),
            "size": human_size(settings.GONGKAI_MAX_UPLOAD_BYTES),
        }

    def clean_file(self) -> UploadedFile:
        uploaded: UploadedFile = self.cleaned_data["file"]
        name = PurePath(uploaded.name or "").name
        if PurePath(name).suffix.lower() not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("文件“%(name)s”的类型不受支持：只接受 %(extensions)s 文件。"),
                code="extension",
                params={"name": name, "extensions": "、".join(ALLOWED_EXTENSIONS)},
            )
        limit = settings.GONGKAI_MAX_UPLOAD_BYTES
        if (uploaded.size or 0) > limit:
            raise forms.ValidationError(
                _("文件“%(name)s”有 %(size)s，超过了 %(limit)s 的上限。"),
                code="too_large",
                params={
                    "name": name,
                    "size": human_size(uploaded.size or 0),
                    "limit": human_size(limit),
                },
            )
        return uploaded


class NarrativeForm(forms.Form):
    """The six narrative sections of an annual report, as the clerk edits them."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, report: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from gongkai.domain.report.formats import SECTION_NUMERALS, SECTION_TITLES

        self.fields["version"].initial = report.version
        for numeral in SECTION_NUMERALS:
            text = (report.narrative or {}).get(numeral, "")
            # Tall enough to show the draft (about 45 characters a line), within reason.
            rows = max(5, min(24, len(text) // 45 + text.count("\n") + 2))
            self.fields[f"section_{numeral}"] = forms.CharField(
                label=SECTION_TITLES[numeral],
                required=False,
                initial=text,
                widget=forms.Textarea(
                    attrs={
                        "class": "form-control gk-narrative",
                        "rows": rows,
                        "data-section": numeral,
                    }
                ),
            )


class ReviewForm(forms.Form):
    """The reviewer's comment when returning (and an optional note on other steps)."""

    comment = forms.CharField(
        label=_("意见"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
    )


class PublishedReportImportForm(ReportUploadForm):
    """Upload of the body's report of an earlier year as it was published."""


class DeadlineForm(forms.Form):
    """A jurisdiction's deadline for its bodies' reports (条例第四十九条: 1月31日 by default)."""

    SCOPES = (
        ("all", _("全部下级机关")),
        ("township_government", _("乡镇人民政府")),
        ("department", _("政府部门")),
    )
    scope = forms.ChoiceField(label=_("适用于"), choices=SCOPES, initial="all")
    month = forms.IntegerField(label=_("月"), min_value=1, max_value=12, initial=1)
    day = forms.IntegerField(label=_("日"), min_value=1, max_value=31, initial=31)

    def __init__(self, *args: Any, root: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.root = root
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if field is self.fields["scope"] else "form-control"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        month, day = data.get("month"), data.get("day")
        if month and day:
            import calendar

            if day > calendar.monthrange(2000, month)[1]:
                raise forms.ValidationError(
                    _("%(month)d 月没有 %(day)d 日。"), params={"month": month, "day": day}
                )
        return data

    def apply(self, user: Any) -> int:
        """Set the deadline on every body of the scope below the root; returns how many."""
        from gongkai.apps.orgs.models import Body

        bodies = Body.objects.filter(path__startswith=self.root.path).exclude(pk=self.root.pk)
        scope = self.cleaned_data["scope"]
        if scope != "all":
            bodies = bodies.filter(kind=scope)
        changed = 0
        for body in bodies:
            body.report_deadline_month = self.cleaned_data["month"]
            body.report_deadline_day = self.cleaned_data["day"]
            body._change_reason = "设置年报期限"  # type: ignore[attr-defined]
            body.save()
            changed += 1
        return changed
