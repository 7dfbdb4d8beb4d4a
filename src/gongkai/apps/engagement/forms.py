"""Forms of the engagement app: register or correct a mailbox message / proposal, 登记答复,
公开答复. Forms only collect and check input; the rules are in
:mod:`gongkai.apps.engagement.actions`. Every form about an existing record carries its
``version`` (optimistic locking): a form opened before someone else's change is refused
instead of overwriting it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.engagement import actions
from gongkai.apps.engagement.choices import Decision, ProposalKind
from gongkai.apps.orgs.actions import set_openness_settings
from gongkai.apps.orgs.forms import BodyRecordForm, body_choice_field
from gongkai.kernel.forms import BootstrapForm, date_field
from gongkai.kernel.views import ActionForm

__all__ = [
    "DEFAULT_MAILBOX",
    "CommentForm",
    "ConsultationForm",
    "DecideForm",
    "FeedbackForm",
    "MailboxMessageForm",
    "OpennessSettingsForm",
    "ProposalForm",
    "PublishFeedbackForm",
    "PublishForm",
    "RecordForm",
    "ReplyForm",
]

DEFAULT_MAILBOX = "县长信箱"


class RecordForm(BodyRecordForm):
    """A mailbox message or proposal: registered for a body among the user's, or corrected."""


class MailboxMessageForm(RecordForm):
    """A message to a leaders' mailbox (县长信箱, 12345 热线 …) forwarded to the body."""

    mailbox = forms.CharField(
        label=_("信箱"),
        max_length=100,
        help_text=_("来信所在的信箱或留言板，如县长信箱、局长信箱。"),
        error_messages={"required": _("请填写信箱名称。")},
    )
    received_on = date_field(_("收到日期"))
    subject = forms.CharField(
        label=_("主题"), max_length=300, error_messages={"required": _("请填写来信主题。")}
    )
    content = forms.CharField(
        label=_("内容"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    editable = actions.MESSAGE_FIELDS

    def initial_for_new(self) -> dict[str, Any]:
        return {"mailbox": DEFAULT_MAILBOX, "received_on": timezone.localdate()}


class ProposalForm(RecordForm):
    """An NPC suggestion or CPPCC proposal assigned to the body (承办)."""

    kind = forms.ChoiceField(
        label=_("类别"),
        choices=[("", _("请选择类别")), *ProposalKind.choices],
        error_messages={
            "required": _("请选择类别。"),
            "invalid_choice": _("类别只能是人大代表建议或政协提案。"),
        },
    )
    number = forms.CharField(
        label=_("编号"),
        max_length=50,
        required=False,
        help_text=_("建议或提案的编号，如第 123 号；同一机关、同一类别内不能重复。"),
    )
    title = forms.CharField(
        label=_("标题"), max_length=300, error_messages={"required": _("请填写标题。")}
    )
    proposer = forms.CharField(label=_("代表/委员"), max_length=100, required=False)
    assigned_on = date_field(_("交办日期"))
    editable = actions.PROPOSAL_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance is None:
            self.initial.setdefault("assigned_on", timezone.localdate())


class ReplyForm(ActionForm):
    """登记答复: the reply date and the reply text (of a mailbox message or a proposal)."""

    action = staticmethod(actions.record_reply)
    submit_label = _("登记答复")

    replied_on = date_field(_("答复日期"))
    reply = forms.CharField(
        label=_("答复内容"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("请填写答复内容。")},
    )


class PublishForm(ActionForm):
    """公开答复: the date the reply was made public."""

    action = staticmethod(actions.publish_reply)
    submit_label = _("公开答复")

    published_on = date_field(_("公开日期"))


# =============================================================================================
# 意见征集
# =============================================================================================


class ConsultationForm(BodyRecordForm):
    """Register (the body chosen among the user's) or correct a consultation; the draft file
    is checked by the action (size, type, content) like an attachment."""

    body = body_choice_field(_("征集机关"), _("请选择征集机关。"))
    title = forms.CharField(
        label=_("标题"), max_length=300, error_messages={"required": _("请填写标题。")}
    )
    draft = forms.FileField(
        label=_("征求意见稿"),
        required=False,
        help_text=_("PDF、Word、WPS、OFD 或文本文件；修改时不选文件则保留原稿。"),
    )
    reasons = forms.CharField(
        label=_("起草说明"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    starts_on = date_field(_("征集开始日期"), past_only=False)
    ends_on = date_field(_("征集截止日期"), past_only=False)
    channel = forms.CharField(
        label=_("其他意见渠道"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("如电子邮箱、通信地址、传真等。"),
    )
    editable = actions.CONSULTATION_FIELDS

    def initial_for_new(self) -> dict[str, Any]:
        today = timezone.localdate()
        return {"starts_on": today, "ends_on": today + timedelta(days=30)}


class FeedbackForm(ActionForm):
    """Edit the feedback text (generated from the decisions) before publishing it."""

    action = staticmethod(actions.save_feedback)
    submit_label = _("保存采纳情况")
    help = _("根据各条意见的处理结果生成，可修改后再公布。")

    feedback = forms.CharField(
        label=_("意见采纳情况"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("请填写意见采纳情况。")},
    )

    def __init__(self, *args: Any, obj: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        self.initial.setdefault("feedback", obj.feedback or actions.generated_feedback(obj))


class PublishFeedbackForm(ActionForm):
    """公布意见采纳情况 (every comment decided, the period over)."""

    action = staticmethod(actions.publish_feedback)
    submit_label = _("公布采纳情况")
    help = _("公布后，公众页面显示意见采纳情况，意见的处理结果不能再修改。")

    published_on = date_field(_("公布日期"))
    feedback = forms.CharField(
        label=_("意见采纳情况"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("请填写意见采纳情况。")},
    )

    def __init__(self, *args: Any, obj: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        self.initial.setdefault("feedback", obj.feedback or actions.generated_feedback(obj))


class DecideForm(ActionForm):
    """采纳 / 部分采纳 / 不予采纳 a comment, with the reason."""

    action = staticmethod(actions.decide_comment)
    submit_label = _("保存处理结果")

    decision = forms.ChoiceField(
        label=_("处理结果"),
        choices=[c for c in Decision.choices if c[0] != Decision.PENDING],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择处理结果。"),
            "invalid_choice": _("请选择采纳、部分采纳或不予采纳。"),
        },
    )
    reason = forms.CharField(
        label=_("理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("部分采纳或不予采纳的，须说明理由。"),
    )

    def __init__(self, *args: Any, obj: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        if obj.decision != Decision.PENDING:
            self.initial.setdefault("decision", obj.decision)
            self.initial.setdefault("reason", obj.reason)


class OpennessSettingsForm(ActionForm):
    """The body's 政策解读 and 意见征集反馈 periods (管理员; ``orgs.actions``)."""

    action = staticmethod(set_openness_settings)
    submit_label = _("保存设置")
    help = _("以工作日计；按平台的工作日历（节假日、调休）推算期限。")

    interpretation_days = forms.IntegerField(
        label=_("政策解读时限（工作日）"),
        min_value=0,
        max_value=60,
        help_text=_("规范性文件公开后，其政策解读最迟应在多少个工作日内发布；0 表示须同日发布。"),
    )
    consultation_feedback_days = forms.IntegerField(
        label=_("意见征集反馈时限（工作日）"),
        min_value=1,
        max_value=90,
        help_text=_("意见征集结束后，应在多少个工作日内公布意见收集和采纳情况。"),
    )

    def __init__(self, *args: Any, obj: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        for name in ("interpretation_days", "consultation_feedback_days"):
            self.initial.setdefault(name, getattr(obj, name))


class CommentForm(BootstrapForm):
    """The public comment form: name optional, contact required (checked by the action)."""

    name = forms.CharField(label=_("姓名（可不填）"), max_length=100, required=False)
    contact = forms.CharField(
        label=_("联系方式"),
        max_length=200,
        help_text=_("手机号码、固定电话或电子邮箱，仅供工作人员联系，不会公开。"),
        error_messages={"required": _("请填写联系方式。")},
    )
    text = forms.CharField(
        label=_("意见内容"),
        max_length=actions.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("请填写意见内容。"),
            "max_length": _("意见内容不能超过 %(limit_value)d 个字。"),
        },
    )
    submit_label = _("提交意见")
