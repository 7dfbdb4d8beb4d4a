"""Forms of the stats pages: one record at a time (create and edit) and the ledger upload.

A record form's fields are the keyword arguments of its actions (:mod:`gongkai.apps.stats.actions`);
editing carries the version the form shows (a change made meanwhile is refused).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.ledgers import MATTER_LEDGER_TITLES
from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.kernel.forms import BootstrapModelForm, DateInput, LedgerUploadForm

__all__ = [
    "DecisionForm",
    "MatterForm",
    "MoneyForm",
    "StatsLedgerForm",
]

_DATE_INVALID = _("请按“年-月-日”填写日期，例如 2026-03-02。")


class RecordForm(BootstrapModelForm):
    """A record of one of the user's bodies: the body is chosen among the bodies the user may
    change when registering, and fixed (not shown) when editing."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["version"]
            body = self.fields["body"]
            assert isinstance(body, forms.ModelChoiceField)
            body.queryset = Body.objects.restrict(user, "change").order_by("path")
            body.empty_label = None
            body.error_messages["invalid_choice"] = _("您不能为所选机关登记记录。")
        else:
            del self.fields["body"]
            self.initial["version"] = self.instance.version
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _DATE_INVALID
            field.error_messages["required"] = _("请填写%(label)s。") % {"label": field.label}

    @property
    def body(self) -> Body:
        """The body of a new record."""
        body: Body = self.cleaned_data["body"]
        return body

    @property
    def expected_version(self) -> int | None:
        """The version the edited record had when the form was shown."""
        seen = self.cleaned_data.get("version")
        return int(seen) if seen is not None else None

    def action_fields(self) -> dict[str, Any]:
        """The cleaned record fields (not the body) as the action's keyword arguments."""
        return {name: self.cleaned_data[name] for name in self._meta.fields or () if name != "body"}


class MatterForm(RecordForm):
    class Meta:
        model = Matter
        fields = ["body", "category", "name", "effective_on", "cancelled_on"]
        widgets = {"effective_on": DateInput(), "cancelled_on": DateInput()}


class DecisionForm(RecordForm):
    class Meta:
        model = Decision
        fields = ["body", "category", "matter_name", "decided_on", "count"]
        widgets = {"decided_on": DateInput()}


class MoneyForm(RecordForm):
    class Meta:
        model = MoneyRecord
        fields = ["body", "category", "item_name", "on", "amount_yuan"]
        widgets = {"on": DateInput()}


class StatsLedgerForm(LedgerUploadForm):
    """A §4 ledger: decisions, matter list or fees and procurement (or recognised)."""

    kind = forms.ChoiceField(
        label=_("台账类型"),
        choices=[("", _("按表头自动识别")), *MATTER_LEDGER_TITLES.items()],
        required=False,
    )
    field_order = ("kind", "file")
