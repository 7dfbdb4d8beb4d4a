"""Forms of the stats pages: one record at a time, the list filters and the ledger upload."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.choices import (
    DecisionCategoryChoice,
    MatterCategoryChoice,
    MoneyCategoryChoice,
)
from gongkai.apps.stats.ledgers import MATTER_LEDGER_TITLES
from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.kernel.forms import DateInput, LedgerUploadForm, bootstrapify

if TYPE_CHECKING:
    _MatterForm = forms.ModelForm[Matter]
    _DecisionForm = forms.ModelForm[Decision]
    _MoneyForm = forms.ModelForm[MoneyRecord]
else:
    _MatterForm = _DecisionForm = _MoneyForm = forms.ModelForm

__all__ = [
    "DecisionFilterForm",
    "DecisionForm",
    "MatterFilterForm",
    "MatterForm",
    "MoneyFilterForm",
    "MoneyForm",
    "StatsLedgerForm",
]

_DATE_ERRORS = {"invalid": _("请按“年-月-日”填写日期，例如 2026-03-02。")}


class _RecordForm:
    """Body limited to the user's changeable bodies; fixed (not shown) when editing."""

    def _setup(self, user: Any) -> None:
        form: Any = self
        if form.instance.pk is not None:
            del form.fields["body"]
        else:
            body = form.fields["body"]
            body.queryset = Body.objects.restrict(user, "change").order_by("path")
            body.empty_label = None
            body.error_messages["invalid_choice"] = _("您不能为所选机关登记记录。")
        for field in form.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
                field.error_messages.update(_DATE_ERRORS)
            field.error_messages["required"] = _("请填写%(label)s。") % {"label": field.label}
        bootstrapify(form)


class MatterForm(_RecordForm, _MatterForm):
    class Meta:
        model = Matter
        fields = ["body", "category", "name", "effective_on", "cancelled_on"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup(user)


class DecisionForm(_RecordForm, _DecisionForm):
    class Meta:
        model = Decision
        fields = ["body", "category", "matter_name", "decided_on", "count"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup(user)


class MoneyForm(_RecordForm, _MoneyForm):
    class Meta:
        model = MoneyRecord
        fields = ["body", "category", "item_name", "on", "amount_yuan"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._setup(user)


def _this_year() -> int:
    return timezone.localdate().year


class _FilterForm(forms.Form):
    body = forms.ModelChoiceField(
        label=_("机关"), queryset=Body.objects.none(), required=False, empty_label=_("全部机关")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body = self.fields["body"]
        assert isinstance(body, forms.ModelChoiceField)
        body.queryset = Body.objects.restrict(user).order_by("path")
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("所选项不在可选范围内。")
        bootstrapify(self)


class MatterFilterForm(_FilterForm):
    category = forms.ChoiceField(
        label=_("类别"),
        required=False,
        choices=[("", _("全部类别")), *MatterCategoryChoice.choices],
    )
    on = forms.DateField(
        label=_("在清单上的日期"),
        required=False,
        widget=DateInput(),
        help_text=_("只列出该日在清单上的事项（已生效、未取消）。"),
        error_messages=_DATE_ERRORS,
    )
    q = forms.CharField(label=_("事项名称"), required=False, max_length=100)


class _YearFilterForm(_FilterForm):
    year = forms.IntegerField(
        label=_("年度"),
        required=False,
        min_value=1990,
        max_value=2200,
        error_messages={
            "invalid": _("年度应为四位数字。"),
            "min_value": _("年度不能早于 1990 年。"),
            "max_value": _("年度不正确。"),
        },
    )

    def year_value(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return int(self.cleaned_data["year"])
        return _this_year()


class DecisionFilterForm(_YearFilterForm):
    category = forms.ChoiceField(
        label=_("类别"),
        required=False,
        choices=[("", _("全部类别")), *DecisionCategoryChoice.choices],
    )


class MoneyFilterForm(_YearFilterForm):
    category = forms.ChoiceField(
        label=_("类别"),
        required=False,
        choices=[("", _("全部类别")), *MoneyCategoryChoice.choices],
    )


class StatsLedgerForm(LedgerUploadForm):
    """A §4 ledger: decisions, matter list or fees and procurement (or recognised)."""

    kind = forms.ChoiceField(
        label=_("台账类型"),
        choices=[("", _("按表头自动识别")), *MATTER_LEDGER_TITLES.items()],
        required=False,
    )
    field_order = ("kind", "file")
