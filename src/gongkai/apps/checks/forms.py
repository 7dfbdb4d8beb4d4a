"""The upload form of the report checker (also the import of a published report)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from gongkai.domain.parsers import REPORT_SUFFIXES
from gongkai.kernel.forms import BootstrapForm, human_size

__all__ = [
    "ALLOWED_EXTENSIONS",
    "BATCH_EXTENSIONS",
    "BatchUploadForm",
    "ReportUploadForm",
    "check_upload",
]

# What the report readers accept: the published PDF, Word (.docx) or web page (.html/.htm),
# plain text, or the JSON.
ALLOWED_EXTENSIONS: tuple[str, ...] = REPORT_SUFFIXES


def check_upload(uploaded: UploadedFile, extensions: tuple[str, ...]) -> None:
    """Refuse a file whose suffix is not one of ``extensions`` or that is over the upload
    limit (``GONGKAI_MAX_UPLOAD_BYTES``), naming it."""
    name = PurePath(uploaded.name or "").name
    if PurePath(name).suffix.lower() not in extensions:
        raise forms.ValidationError(
            _("文件“%(name)s”的类型不受支持：只接受 %(extensions)s 文件。"),
            code="extension",
            params={"name": name, "extensions": "、".join(extensions)},
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


class ReportUploadForm(BootstrapForm):
    """Upload of one published annual report for checking."""

    submit_label = _("上传并检查")

    file = forms.FileField(
        label=_("年报文件"),
        error_messages={
            "required": _("请选择要检查的年报文件。"),
            "empty": _("上传的文件是空的。"),
            "invalid": _("没有收到文件，请重新选择后再提交。"),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["file"].help_text = _(
            "支持 %(extensions)s 文件（发布的年报 PDF、Word 文档或网页、年报全文的纯文本，"
            "或本平台导出的年报 JSON；扫描件 PDF 无法读取），"
            "不超过 %(size)s。"
        ) % {
            "extensions": "、".join(ALLOWED_EXTENSIONS),
            "size": human_size(settings.GONGKAI_MAX_UPLOAD_BYTES),
        }

    def clean_file(self) -> UploadedFile:
        uploaded: UploadedFile = self.cleaned_data["file"]
        check_upload(uploaded, ALLOWED_EXTENSIONS)
        return uploaded


#: What the batch upload accepts: the report files and zips of them.
BATCH_EXTENSIONS: tuple[str, ...] = (*ALLOWED_EXTENSIONS, ".zip")
#: The most files one batch upload takes (more go in a zip).
BATCH_MAX_FILES = 100


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern): the cleaned value is a list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", _MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class BatchUploadForm(BootstrapForm):
    """Upload of several published reports, or zips of them, for a batch check."""

    submit_label = _("上传并开始批量检查")

    reports = _MultipleFileField(
        label=_("年报文件或压缩包"),
        error_messages={
            "required": _("请选择要检查的年报文件或 ZIP 压缩包。"),
            "empty": _("上传的文件是空的。"),
            "invalid": _("没有收到文件，请重新选择后再提交。"),
        },
        widget=_MultipleFileInput(attrs={"accept": ",".join(BATCH_EXTENSIONS)}),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["reports"].help_text = _(
            "可一次选择多个 %(extensions)s 文件，或上传 ZIP 压缩包；最多 %(count)d 个文件，"
            "每个不超过 %(size)s。"
        ) % {
            "extensions": "、".join(ALLOWED_EXTENSIONS),
            "count": BATCH_MAX_FILES,
            "size": human_size(settings.GONGKAI_MAX_UPLOAD_BYTES),
        }

    def clean_reports(self) -> list[UploadedFile]:
        uploads: list[UploadedFile] = self.cleaned_data["reports"]
        if len(uploads) > BATCH_MAX_FILES:
            raise forms.ValidationError(
                _("选择了 %(count)d 个文件，超过了 %(limit)d 个的上限，请打包成 ZIP 上传。"),
                code="too_many",
                params={"count": len(uploads), "limit": BATCH_MAX_FILES},
            )
        for uploaded in uploads:
            check_upload(uploaded, BATCH_EXTENSIONS)
        return uploads


class RetryForm(BootstrapForm):
    """Confirm running a failed batch again."""

    submit_label = _("重试")
    help = _("再次读取并检查这次批量检查上传的全部文件。")

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
