"""Forms of the assessment app: create an assessment, correct an indicator, a manual score,
publish. Forms only collect input; the rules are in :mod:`gongkai.apps.assessment.actions`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.assessment import actions
from gongkai.kernel.forms import BootstrapForm, confirmation_field
from gongkai.kernel.params import FIRST_YEAR
from gongkai.kernel.views import ActionForm

__all__ = ["AssessmentForm", "IndicatorForm", "PublishForm", "ScoreForm"]


class AssessmentForm(BootstrapForm):
    """A new assessment of the bodies below the supervising body (the default indicators)."""

    submit_label = _("创建考核")

    year = forms.IntegerField(
        label=_("年度"),
        min_value=FIRST_YEAR,
        max_value=2100,
        error_messages={"required": _("请填写考核年度。"), "invalid": _("请填写正确的年度。")},
    )
    title = forms.CharField(
        label=_("名称"),
        max_length=200,
        required=False,
        help_text=_("留空则为“某年度政务公开工作考核”。"),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year - 1)


class IndicatorForm(BootstrapForm):
    """An indicator's label, weight, order and 评分标准, with the version seen."""

    label = forms.CharField(label=_("指标"), max_length=100)
    weight = forms.IntegerField(
        label=_("分值"),
        min_value=0,
        max_value=100,
        help_text=_("各项指标分值合计应为 100 分（发布时检查）。"),
    )
    order = forms.IntegerField(label=_("顺序"), min_value=0, max_value=1000)
    description = forms.CharField(
        label=_("评分标准"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any = None, instance: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is not None and not self.is_bound:
            self.initial.update({n: getattr(instance, n) for n in actions.INDICATOR_FIELDS})
            self.initial["version"] = instance.version

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in actions.INDICATOR_FIELDS}

    @property
    def expected_version(self) -> int | None:
        seen = self.cleaned_data.get("version")
        return int(seen) if seen is not None else None


class ScoreForm(BootstrapForm):
    """A manual score of one body on one indicator, with its evidence."""

    value = forms.DecimalField(
        label=_("得分"),
        min_value=Decimal(0),
        max_digits=5,
        decimal_places=2,
        error_messages={"required": _("请填写得分。"), "invalid": _("请填写数字。")},
    )
    evidence = forms.CharField(
        label=_("评分依据"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("请填写评分依据。")},
    )
    evidence_file = forms.FileField(label=_("佐证材料"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any = None, score: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if score is not None and not self.is_bound:
            self.initial.update(value=score.value, evidence=score.evidence, version=score.version)

    @property
    def expected_version(self) -> int | None:
        seen = self.cleaned_data.get("version")
        return int(seen) if seen is not None else None


class PublishForm(ActionForm):
    """发布: the bodies see their score sheets."""

    action = staticmethod(actions.publish_assessment)
    submit_label = _("发布考核结果")
    help = _("发布后，各被考核机关可以看到本机关的考核得分；指标和人工评分不能再修改。")

    confirmed = confirmation_field(
        _("我已核对各项指标和评分"), _("请勾选确认后再发布：发布后不能再修改。")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        missing = self.obj.unscored_count()
        if missing:
            self.warning = _(
                "还有 %(n)s 项人工评分尚未评分：发布后按 0 分计入总分，且不能再补评。"
            ) % {"n": missing}
