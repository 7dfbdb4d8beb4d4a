"""Forms of the cases app: record a 行政复议/行政诉讼 case, close it (the rules are in the
actions, :mod:`gongkai.apps.cases.actions`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.models import Application
from gongkai.apps.cases import actions
from gongkai.apps.cases.choices import CaseKindChoice, CaseResultChoice
from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import BootstrapForm, date_field, note_field
from gongkai.kernel.views import ActionForm

if TYPE_CHECKING:
    _ApplicationChoiceField = forms.ModelChoiceField[Application]
else:
    _ApplicationChoiceField = forms.ModelChoiceField

__all__ = ["CloseCaseForm", "ReviewCaseForm"]


class ApplicationChoiceField(_ApplicationChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.number} · {obj.applicant_name}（{obj.body.name}）"


class ReviewCaseForm(BootstrapForm):
    """A new case about one of the user's bodies, optionally linked to an application (its
    fields but ``body`` are the keyword arguments of :func:`actions.record_case`)."""

    submit_label = _("登记")

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
    filed_on = date_field(_("立案日期"))
    application = ApplicationChoiceField(
        label=_("关联申请"),
        queryset=Application.objects.none(),
        required=False,
        empty_label=_("（不关联申请）"),
        error_messages={"invalid_choice": _("所选申请不存在或您无权登记。")},
    )
    note = note_field(_("备注"))

    def __init__(self, *args: Any, user: Any, application: Application | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        body_field = self.fields["body"]
        assert isinstance(body_field, forms.ModelChoiceField)
        body_field.queryset = Body.objects.restrict(user, "change").order_by("path")
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

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        app, body = cleaned.get("application"), cleaned.get("body")
        if app is not None and body is not None and app.body_id != body.pk:
            self.add_error("application", _("关联申请不属于所选的被申请机关。"))
        return cleaned


class CloseCaseForm(ActionForm):
    """The decision of a pending case: :func:`actions.close_case`."""

    action = staticmethod(actions.close_case)
    submit_label = _("结案")
    help = _("登记复议决定书或判决书的结果（维持、纠正或其他）和结案日期。")

    result = forms.ChoiceField(
        label=_("结果"),
        choices=[("", _("请选择结果")), *CaseResultChoice.choices],
        error_messages={"required": _("请选择结果。")},
    )
    closed_on = date_field(_("结案日期"))
