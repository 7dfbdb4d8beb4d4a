"""Forms of 网上申请: the applicant's submission, the status query, the staff decisions.

Every message names the field it is about, in Chinese. The forms only check input; the rules
(dates, permissions, states) are in :mod:`gongkai.apps.online.actions`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.choices import IdType
from gongkai.apps.applications.models import APPLICANT_FIELDS
from gongkai.apps.online.actions import (
    TRACKING_CODE_LENGTH,
    confirm_online_request,
    reject_online_request,
)
from gongkai.apps.online.models import OnlineRequest
from gongkai.kernel.forms import DateInput, PhoneInput, bootstrapify, not_in_future
from gongkai.kernel.views import ActionForm

if TYPE_CHECKING:
    _OnlineRequestModelForm = forms.ModelForm[OnlineRequest]
else:
    _OnlineRequestModelForm = forms.ModelForm

__all__ = [
    "CONTENT_MAX_LENGTH",
    "HONEYPOT_FIELD",
    "ConfirmOnlineRequestForm",
    "OnlineApplicationForm",
    "OnlineStatusForm",
    "RejectOnlineRequestForm",
]

CONTENT_MAX_LENGTH = 5000
HONEYPOT_FIELD = "website"
# 居民身份证: 18 characters, the last a digit or X (GB 11643).
_ID_CARD = re.compile(r"^\d{17}[\dX]$")
_PHONE = re.compile(r"^[\d\s()+\-]{5,30}$")


def _name_fields(form: forms.BaseForm) -> None:
    """Chinese error messages that name the field (required, too long, unknown choice)."""
    for field in form.fields.values():
        label = field.label
        messages: dict[str, Any] = {
            "required": _("请填写“%(label)s”。") % {"label": label},
            "invalid_choice": _("“%(label)s”的选项无效，请从列表中选择。") % {"label": label},
        }
        if isinstance(field, forms.ChoiceField):
            messages["required"] = _("请选择“%(label)s”。") % {"label": label}
        max_length = getattr(field, "max_length", None)
        if max_length:
            messages["max_length"] = _("“%(label)s”不能超过 %(limit)s 个字符。") % {
                "label": label,
                "limit": max_length,
            }
        if isinstance(field, forms.EmailField):
            messages["invalid"] = _("“%(label)s”格式不正确。") % {"label": label}
        field.error_messages.update(messages)


class OnlineApplicationForm(_OnlineRequestModelForm):
    """The applicant's form (条例第二十九条: name, proof of identity, contact, a description of
    the information sought, the form and way of delivery). ``website`` is a honeypot: people
    never see it, bots fill it in."""

    website = forms.CharField(
        label=_("网址（请勿填写）"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = OnlineRequest
        fields = list(APPLICANT_FIELDS)
        widgets = {"content": forms.Textarea(attrs={"rows": 6}), "phone": PhoneInput()}
        help_texts = {
            "content": _("请写明所需政府信息的名称、文号或者便于查询的其他特征性描述。"),
            "phone": _("联系电话、电子邮箱、通信地址至少填写一项。"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        content = self.fields["content"]
        assert isinstance(content, forms.CharField)
        content.max_length = CONTENT_MAX_LENGTH
        content.widget.attrs["maxlength"] = str(CONTENT_MAX_LENGTH)
        content.validators.append(MaxLengthValidator(CONTENT_MAX_LENGTH))
        _name_fields(self)
        bootstrapify(self)

    def clean_id_number(self) -> str:
        number = str(self.cleaned_data.get("id_number", "")).strip().upper()
        if self.data.get("id_type") == IdType.ID_CARD and number and not _ID_CARD.match(number):
            raise forms.ValidationError(
                _("“证件号码”不是有效的居民身份证号码（18 位，最后一位可为数字或 X）。")
            )
        return number

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data.get("phone", "")).strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(_("“联系电话”只能包含数字、空格、括号、+ 和 -。"))
        return phone

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.honeypot_filled:
            raise forms.ValidationError(_("提交未成功，请刷新页面后重试。"), code="honeypot")
        if not any(cleaned.get(name) for name in ("phone", "email", "address")) and not any(
            name in self.errors for name in ("phone", "email", "address")
        ):
            self.add_error("phone", _("请至少填写一种联系方式（联系电话、电子邮箱或通信地址）。"))
        if cleaned.get("requested_delivery") == "post" and not cleaned.get("address"):
            self.add_error("address", _("选择邮寄获取信息时请填写“通信地址”。"))
        if cleaned.get("requested_delivery") == "email" and not cleaned.get("email"):
            self.add_error("email", _("选择电子邮件获取信息时请填写“电子邮箱”。"))
        return cleaned

    @property
    def honeypot_filled(self) -> bool:
        return bool(str(self.data.get(HONEYPOT_FIELD, "")).strip())

    def applicant_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in APPLICANT_FIELDS}


class OnlineStatusForm(forms.Form):
    tracking_code = forms.CharField(label=_("查询编号"), max_length=40)
    query_code = forms.CharField(
        label=_("查询码"), max_length=40, widget=forms.PasswordInput(render_value=False)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tracking_code"].widget.attrs.update(
            {"autocomplete": "off", "placeholder": "X" * TRACKING_CODE_LENGTH}
        )
        self.fields["query_code"].widget.attrs["autocomplete"] = "off"
        _name_fields(self)
        bootstrapify(self)


class ConfirmOnlineRequestForm(ActionForm):
    action = staticmethod(confirm_online_request)
    submit_label = _("确认受理")

    received_on = forms.DateField(
        label=_("收到申请日期（双方确认之日）"),
        widget=DateInput(),
        validators=[not_in_future],
        help_text=_(
            "条例第三十一条：通过互联网提交的申请，以双方确认之日为收到申请之日。"
            "默认为今天，不能早于提交日期。"
        ),
        error_messages={"invalid": _("请按“年-月-日”填写“收到申请日期”，例如 2026-03-02。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_fields(self)
        self.fields["received_on"].error_messages["invalid"] = _(
            "请按“年-月-日”填写“收到申请日期”，例如 2026-03-02。"
        )
        bootstrapify(self)


class RejectOnlineRequestForm(ActionForm):
    action = staticmethod(reject_online_request)
    submit_label = _("不予受理")

    reason = forms.CharField(
        label=_("不予受理理由"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "仅用于垃圾信息、空白或无法辨认的提交；申请人可在查询页面看到理由。"
            "不属于本机关公开的信息等情形，应确认受理后按条例第三十六条答复。"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_fields(self)
        bootstrapify(self)
