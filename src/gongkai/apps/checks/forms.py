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

__all__ = ["ALLOWED_EXTENSIONS", "ReportUploadForm"]

# What the report readers accept: the published PDF, Word (.docx) or web page (.html/.htm),
# plain text, or the JSON.
ALLOWED_EXTENSIONS: tuple[str, ...] = REPORT_SUFFIXES


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
