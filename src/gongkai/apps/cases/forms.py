"""Forms of the cases app: record a 行政复议/行政诉讼 case, close it (the rules are in actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.choices import CaseKindChoice, CaseResultChoice
from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import DateInput, bootstrapify, not_in_future

if TYPE_CHECKING:
    _ApplicationChoiceField = forms.ModelChoiceField[Application]
else:
    _ApplicationChoiceField = forms.ModelChoiceField

__all__ = ["CaseFilterForm", "CloseCaseForm", "ReviewCaseForm"]

_DATE_ERRORS = {
    "invalid": _("请按“年-月-日”填写日期，例如 2026-03-02。"),
}


class ApplicationChoiceField(_ApplicationChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.number} · {obj.applicant_name}（{obj.body.name}）"


class ReviewCaseForm(forms.Form):
    """A new case about one of the user's bodies, optionally linked to an application."""

    body = forms.ModelChoiceField(
        label=_("被申请机关"),
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("请选择被申请机关。"),
            "invalid_choice": _("您不能为所选机关登记案件。"),
        },
    )
    number = forms.CharField(
        label=_("案件编号"),
        max_length=50,
        help_text=_("复议决定书或判决书上的案号，如（2026）某行复字第 12 号。"),
        error_messages={"required": _("请填写案件编号。")},
    )
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=CaseKindChoice.choices,
        error_messages={"required": _("请选择案件类型。")},
    )
    filed_on = forms.DateField(
        label=_("立案日期"),
        widget=DateInput(),
        validators=[not_in_future],
        error_messages={"required": _("请填写立案日期。"), **_DATE_ERRORS},
    )
    application = ApplicationChoiceField(
        label=_("关联申请"),
        queryset=Application.objects.none(),
        required=False,
        empty_label=_("（不关联申请）"),
        error_messages={"invalid_choice": _("所选申请不存在或您无权登记。")},
    )
    note = forms.CharField(
        label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Any, application: Application | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        bodies = Body.objects.restrict(user, "change").order_by("path")
        body_field = self.fields["body"]
        assert isinstance(body_field, forms.ModelChoiceField)
        body_field.queryset = bodies
        app_field = self.fields["application"]
        assert isinstance(app_field, forms.ModelChoiceField)
        app_field.queryset = (
            Application.objects.restrict(user, "change")
            .select_related("body")
            .order_by("-received_on", "-pk")
        )
        if not self.is_bound:
            self.initial.setdefault("filed_on", timezone.localdate())
            if application is not None:
                self.initial.update(application=application.pk, body=application.body_id)
        bootstrapify(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        app, body = cleaned.get("application"), cleaned.get("body")
        if app is not None and body is not None and app.body_id != body.pk:
            self.add_error("application", _("关联申请不属于所选的被申请机关。"))
        return cleaned


class CloseCaseForm(forms.Form):
    """The decision of a pending case."""

    result = forms.ChoiceField(
        label=_("结果"),
        choices=[("", _("请选择结果")), *CaseResultChoice.choices],
        error_messages={"required": _("请选择结果。")},
    )
    closed_on = forms.DateField(
        label=_("结案日期"),
        widget=DateInput(),
        validators=[not_in_future],
        error_messages={"required": _("请填写结案日期。"), **_DATE_ERRORS},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("closed_on", timezone.localdate())
        bootstrapify(self)


class CaseFilterForm(forms.Form):
    """The filters of the case list (GET)."""

    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部类型")), *CaseKindChoice.choices]
    )
    state = forms.ChoiceField(
        label=_("审结情况"),
        required=False,
        choices=[("", _("全部")), ("pending", _("尚未审结")), ("closed", _("已审结"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrapify(self)
