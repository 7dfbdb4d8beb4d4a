"""Forms of the annual report pages: one :class:`~gongkai.kernel.views.ActionForm` per step
(the fields are the action's parameters; each carries the report's ``version``), the start,
the import of a published report, and the deadlines of a subtree."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.apps.checks.forms import ReportUploadForm
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports import actions
from gongkai.apps.reports.guide import generated_guide
from gongkai.domain.applications.guide import MAX_GUIDE_CHARS, guide_text
from gongkai.domain.report.formats import SECTION_NUMERALS, SECTION_TITLES
from gongkai.domain.report.workflow import ReportStatus, editable
from gongkai.kernel.filtersets import YearField
from gongkai.kernel.forms import CONFIRMATION, BootstrapForm, bootstrapify, confirmation_field
from gongkai.kernel.views import ActionForm

__all__ = [
    "ApproveReportForm",
    "BodyReturnReportForm",
    "CorrectionForm",
    "DeadlineForm",
    "GuideContactsForm",
    "GuideForm",
    "GuideResetForm",
    "PublishReportForm",
    "PublishedBatchForm",
    "PublishedReportImportForm",
    "ReturnReportForm",
    "SaveNarrativeForm",
    "SendForReviewForm",
    "StartReportForm",
    "SubmitReportForm",
    "WithdrawReportForm",
]


class _NarrativeForm(ActionForm):
    """The six sections of the narrative (``section_一`` … ``section_六``) as the clerk edits
    them, passed to the action as ``narrative``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = self.obj.narrative or {}
        if not editable(ReportStatus(self.obj.status)):
            return  # 待本机关审核: the 审核人 submits the narrative as it was sent
        for numeral in SECTION_NUMERALS:
            text = stored.get(numeral, "")
            # Tall enough to show the draft (about 45 characters a line), within reason.
            rows = max(5, min(24, len(text) // 45 + text.count("\n") + 2))
            self.fields[f"section_{numeral}"] = forms.CharField(
                label=SECTION_TITLES[numeral],
                required=False,
                strip=False,
                initial=text,
                widget=forms.Textarea(attrs={"rows": rows, "data-section": numeral}),
            )
        if CONFIRMATION in self.fields:  # the box last, after the text it confirms
            self.fields[CONFIRMATION] = self.fields.pop(CONFIRMATION)
        bootstrapify(self)

    @property
    def sections(self) -> list[tuple[str, forms.BoundField]]:
        """(numeral, field) of each section, in printed order."""
        return [(numeral, self[f"section_{numeral}"]) for numeral in SECTION_NUMERALS]

    def narrative(self) -> dict[str, str]:
        return {n: self.cleaned_data.get(f"section_{n}") or "" for n in SECTION_NUMERALS}


class SaveNarrativeForm(_NarrativeForm):
    """保存正文; ``redraft`` (a button of the workspace): one section replaced with the draft
    the records give today."""

    action = staticmethod(actions.save_narrative)
    submit_label = _("保存正文")

    redraft = forms.ChoiceField(
        choices=[("", "")] + [(n, SECTION_TITLES[n]) for n in SECTION_NUMERALS],
        required=False,
        widget=forms.HiddenInput,
    )

    def action_kwargs(self) -> dict[str, Any]:
        return {"narrative": self.narrative(), "redraft": self.cleaned_data.get("redraft", "")}


class _NarrativeStepForm(_NarrativeForm):
    """A step that hands the narrative on (提交上级, 送本机关审核): the sections as they stand on
    the page are saved with the step (a form without them hands on the stored narrative)."""

    def action_kwargs(self) -> dict[str, Any]:
        posted = any(f"section_{n}" in self.data for n in SECTION_NUMERALS)
        return {"narrative": self.narrative() if posted else None}


class SubmitReportForm(_NarrativeStepForm):
    """(保存并)提交上级, once confirmed (a submitted report can be withdrawn only until the 上级
    opens it)."""

    action = staticmethod(actions.submit_report)
    submit_label = _("提交上级")
    help = _("提交后年报交上级审核，不能再修改；上级打开审阅之前可以撤回。")

    confirmed = confirmation_field(
        _("我已核对年报正文和表格，确认提交上级"), _("请勾选确认后再提交上级。")
    )


class SendForReviewForm(_NarrativeStepForm):
    """保存并送本机关审核 (the body's setting: its 审核人 submits the report)."""

    action = staticmethod(actions.send_for_review)
    submit_label = _("送本机关审核")


def _comment(label: Any, *, rows: int, testid: str = "") -> forms.CharField:
    """The reviewer's comment (the action decides whether it is required)."""
    attrs: dict[str, Any] = {"rows": rows}
    if testid:
        attrs["data-testid"] = testid
    return forms.CharField(
        label=label, required=False, max_length=5000, widget=forms.Textarea(attrs=attrs)
    )


class ReturnReportForm(ActionForm):
    action = staticmethod(actions.return_report)
    submit_label = _("退回修改")

    comment = _comment(_("退回意见（必填）"), rows=3, testid="return-comment-input")


class ApproveReportForm(ActionForm):
    action = staticmethod(actions.approve_report)
    submit_label = _("审核通过")

    comment = _comment(_("审核意见（可选）"), rows=2)


class BodyReturnReportForm(ReturnReportForm):
    """The body's 审核人 returns the report to the clerk (待本机关审核)."""

    action = staticmethod(actions.body_return_report)
    submit_label = _("退回经办人修改")


class WithdrawReportForm(ActionForm):
    action = staticmethod(actions.withdraw_report)
    submit_label = _("撤回提交")
    help = _("上级尚未打开审阅：撤回后年报回到草稿，可以修改后重新提交。")


class PublishReportForm(ActionForm):
    action = staticmethod(actions.publish_report)
    submit_label = _("发布")
    help = _("发布后年报即冻结：平台保存发布时的数据，之后记录的变化只显示为与已发布年报的差异。")

    confirmed = confirmation_field(
        _("我已核对，确认发布（发布后向社会公开，不能撤回）"), _("请勾选确认后再发布。")
    )


class CorrectionForm(ActionForm):
    action = staticmethod(actions.publish_correction)
    submit_label = _("发布更正说明")
    help = _("已发布的年报不会改变。更正说明写明发布后记录变化造成的差异及其原因，与年报一并公开。")

    note = forms.CharField(
        label=_("更正说明"),
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "data-testid": "correction-note",
                "placeholder": _("写明更正的原因，如：补录了年底前作出的行政许可决定。"),
            }
        ),
    )


class StartReportForm(BootstrapForm):
    """开始编制: the draft is generated from the records (no input)."""

    submit_label = _("开始编制（生成草稿）")
    help = _(
        "平台将根据本机关的记录统计表二、表三、表四，并按记录写出正文初稿（各渠道发布信息数、"
        "行政事项和处理决定、收到和答复的申请、复议诉讼等），您可在此基础上修改。"
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user


class PublishedReportImportForm(ReportUploadForm):
    """Upload of the body's report of an earlier year as it was published."""

    submit_label = _("导入")


class DeadlineForm(ActionForm):
    """A jurisdiction's deadline for its bodies' reports (条例第四十九条: 1月31日 by default)."""

    action = staticmethod(actions.set_report_deadlines)
    submit_label = _("设置")

    scope = forms.ChoiceField(
        label=_("适用于"), choices=list(actions.DEADLINE_SCOPES.items()), initial="all"
    )
    month = forms.IntegerField(label=_("月"), min_value=1, max_value=12, initial=1)
    day = forms.IntegerField(label=_("日"), min_value=1, max_value=31, initial=31)


class PublishedBatchForm(ActionForm):
    """A 上级 starts the check of the published reports of the bodies below."""

    action = staticmethod(actions.start_published_batch)
    submit_label = _("开始批量检查")
    help = _(
        "在后台逐份检查下级机关已发布的年报，同一机关相邻年度之间做跨年度核对；"
        "完成后可按机关、规则和级别筛选结果，并下载 Excel 结果表。"
        "只查一个年度时，起止年度填同一年；留空表示不限。起始年度的上一年度的年报"
        "只用于跨年度核对，不列入检查结果。"
    )

    first_year = YearField(label=_("起始年度"), required=False)
    last_year = YearField(label=_("截止年度"), required=False)


class GuideForm(ActionForm):
    """The body's own 政府信息公开指南 (:func:`actions.set_guide`), starting from the text shown
    now (the generated guide until the 管理员 changes it)."""

    action = staticmethod(actions.set_guide)
    submit_label = _("保存指南")
    help = _(
        "以“一、”“二、”等开头的行为标题，其余每行为一段。保存后专栏显示这里的文字；"
        "本机关地址、电话等信息变更后，请核对指南或恢复自动生成。"
    )

    guide_text = forms.CharField(
        label=_("政府信息公开指南"),
        max_length=MAX_GUIDE_CHARS,
        widget=forms.Textarea(attrs={"rows": 24}),
    )

    def __init__(self, *args: Any, obj: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        self.initial.setdefault("guide_text", obj.guide_text or guide_text(generated_guide(obj)))


def _body_field(name: str) -> forms.Field:
    model_field = Body._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    field = model_field.formfield()
    assert field is not None
    return field


class GuideContactsForm(ActionForm):
    """The contact facts the generated 指南 states (:func:`actions.set_guide_contacts`), with
    the labels and checks of the ``Body`` fields."""

    action = staticmethod(actions.set_guide_contacts)
    submit_label = _("保存联系方式")
    help = _(
        "自动生成的指南和纸质申请表按这里的信息写明受理机构、地址、办公时间和联系方式；"
        "有地址才列出当面和信函申请渠道，有传真、电子邮箱才列出相应渠道。"
    )

    office_name = _body_field("office_name")
    office_address = _body_field("office_address")
    office_postcode = _body_field("office_postcode")
    office_hours = _body_field("office_hours")
    office_phone = _body_field("office_phone")
    office_fax = _body_field("office_fax")
    office_email = _body_field("office_email")
    office_email.error_messages["invalid"] = _("电子邮箱地址格式不正确，应如 xxgk@example.gov.cn。")

    def __init__(self, *args: Any, obj: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        for name in actions.GUIDE_CONTACT_FIELDS:
            self.initial.setdefault(name, getattr(obj, name))


class GuideResetForm(ActionForm):
    """Back to the generated guide (:func:`actions.reset_guide`)."""

    action = staticmethod(actions.reset_guide)
    submit_label = _("恢复自动生成")
    help = _("删除本机关修改的指南文字，专栏重新显示平台根据本机关信息生成的指南。")
