"""The forms of the letters pages: make a letter of a case, upload or reset a body's template,
the body's letter settings. Each names its action (:class:`gongkai.kernel.views.ActionForm`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.letters import actions, jobs
from gongkai.domain.letters import LetterKind
from gongkai.kernel.views import ActionForm

__all__ = [
    "MAX_TEMPLATE_BYTES",
    "GenerateLetterForm",
    "LetterSettingsForm",
    "ResetTemplateForm",
    "UploadTemplateForm",
    "generate_form",
    "reset_form",
    "upload_form",
]

#: A Word template larger than this is refused before it is read (the shipped ones are ~40 KB).
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class GenerateLetterForm(ActionForm):
    """Make the letter ``kind`` of the case (:func:`actions.generate_letter`); once it is
    committed, the background job that makes its PDF starts, so the PDF is usually ready when
    the clerk asks for it (:func:`jobs.start_after_commit`)."""

    kind: LetterKind
    submit_label = gettext_lazy("制作")

    def perform(self) -> Any:
        return actions.generate_letter(
            self.obj,
            self.kind,
            acting_user=self.user,
            expected_version=self.expected_version,
            then=jobs.start_after_commit,
        )


def generate_form(kind: LetterKind) -> type[GenerateLetterForm]:
    help_text = _("按本申请的登记信息和办理记录制作%(letter)s，自动编文号，并记入办理记录。") % {
        "letter": kind.label
    }
    return type(
        f"Generate{kind.name.title()}Form",
        (GenerateLetterForm,),
        {"kind": kind, "help": help_text},
    )


class UploadTemplateForm(ActionForm):
    """Replace the body's template of ``kind`` (:func:`actions.upload_template`)."""

    kind: LetterKind
    submit_label = gettext_lazy("上传并启用")
    help = gettext_lazy(
        "上传修改后的 Word 模板（.docx）。模板须保留全部必需的占位符（如 {{ 文号 }}），"
        "检查通过后才替换正在使用的模板。"
    )

    file = forms.FileField(
        label=gettext_lazy("模板文件"),
        error_messages={"required": gettext_lazy("请选择要上传的 .docx 模板文件。")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError(
                _("模板文件“%(name)s”超过 %(mb)d MB，请检查是否上传了正确的文件。")
                % {"name": upload.name, "mb": MAX_TEMPLATE_BYTES // (1024 * 1024)}
            )
        return upload

    def perform(self) -> Any:
        upload = self.cleaned_data["file"]
        return actions.upload_template(
            self.obj, self.kind, upload.read(), filename=upload.name, acting_user=self.user
        )


def upload_form(kind: LetterKind) -> type[UploadTemplateForm]:
    return type(f"Upload{kind.name.title()}Form", (UploadTemplateForm,), {"kind": kind})


class ResetTemplateForm(ActionForm):
    """Back to the platform's default template of ``kind`` (:func:`actions.reset_template`)."""

    kind: LetterKind
    submit_label = gettext_lazy("恢复默认模板")
    help = gettext_lazy("本机关上传的模板将停止使用（已制作的文书不受影响），改用平台默认模板。")

    def perform(self) -> Any:
        actions.reset_template(self.obj, self.kind, acting_user=self.user)
        return self.obj


def reset_form(kind: LetterKind) -> type[ResetTemplateForm]:
    return type(f"Reset{kind.name.title()}Form", (ResetTemplateForm,), {"kind": kind})


class LetterSettingsForm(ActionForm):
    """The body's 文号 prefix and the bodies of its 救济途径
    (:func:`actions.set_letter_settings`)."""

    action = staticmethod(actions.set_letter_settings)
    help = gettext_lazy(
        "文号格式为 前缀〔年份〕序号号（答复书），其他文书在前缀后加文书代字，如“补”“延”；"
        "每种文书按年度连续编号。行政复议机关和人民法院写入答复书的救济途径。"
    )

    letter_number_prefix = forms.CharField(
        label=gettext_lazy("文号前缀"), max_length=actions.MAX_PREFIX, required=False
    )
    reconsideration_body = forms.CharField(
        label=gettext_lazy("行政复议机关"), max_length=100, required=False
    )
    court = forms.CharField(label=gettext_lazy("人民法院"), max_length=100, required=False)
    fee_payment_info = forms.CharField(
        label=gettext_lazy("缴费方式（收费通知书、指南）"), max_length=300, required=False
    )

    def __init__(self, *args: Any, obj: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        for name in ("letter_number_prefix", "reconsideration_body", "court", "fee_payment_info"):
            self.initial.setdefault(name, getattr(obj, name))
