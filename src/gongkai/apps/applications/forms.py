"""Forms of the applications app: registration and one form per action of the case page.

Forms only collect and check input; each action form's :meth:`ActionForm.perform` hands the
cleaned data to the action in :mod:`gongkai.apps.applications.actions`, which holds the rules.
Every action form carries the application's ``version`` (optimistic locking): a form opened
before someone else's change is refused with a Chinese message instead of overwriting it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications import actions
from gongkai.apps.applications.actions import Op
from gongkai.apps.applications.choices import (
    ConsultationKind,
    DeliveryWay,
    FeeMethod,
    outcome_field_choices,
)
from gongkai.apps.applications.models import APPLICANT_FIELDS, Application, Consultation
from gongkai.apps.orgs.choices import CHANGING_ROLES
from gongkai.apps.orgs.models import Body, Membership
from gongkai.domain.applications.deadline import MAX_EXTENSION_WORKING_DAYS
from gongkai.domain.applications.replies import REPLY_GUIDES, ReplyGuide, reply_guide
from gongkai.kernel.errors import ActionError
from gongkai.kernel.forms import (
    DateInput,
    PhoneInput,
    bootstrapify,
    date_field,
    not_in_future,
    note_field,
)
from gongkai.kernel.permissions import user_can
from gongkai.kernel.views import ActionForm

# The stubs make ModelForm generic; at runtime Django's class is not subscriptable.
if TYPE_CHECKING:
    _ApplicationModelForm = forms.ModelForm[Application]
else:
    _ApplicationModelForm = forms.ModelForm

__all__ = [
    "ACTION_FORMS",
    "ApplicationActionForm",
    "ApplicationRegistrationForm",
    "ApproveExtensionForm",
    "ArchiveForm",
    "AssignHandlerForm",
    "IssueFeeNoticeForm",
    "RecordConsultationAnswerForm",
    "RecordCorrectionForm",
    "RecordDeliveryForm",
    "RecordPaymentForm",
    "ReplyForm",
    "RequestCorrectionForm",
    "RequestExtensionForm",
    "SetReasonableDeadlineForm",
    "StartConsultationForm",
    "WaiveFeeForm",
]


# =============================================================================================
# Widgets and shared fields
# =============================================================================================


# =============================================================================================
# Registration (条例第二十九条、第三十一条)
# =============================================================================================


class ApplicationRegistrationForm(_ApplicationModelForm):
    """A staff member registers an application received by one of the user's bodies."""

    body = forms.ModelChoiceField(
        label=_("受理机关"),
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("请选择受理机关。"),
            "invalid_choice": _("您不能为所选机关登记申请。"),
        },
    )

    class Meta:
        model = Application
        fields = ["channel", "received_on", "number", *APPLICANT_FIELDS]
        widgets = {
            "received_on": DateInput(),
            "phone": PhoneInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "number": _("留空则自动编号（如 2026-0001）。"),
            "received_on": _(
                "条例第三十一条：当面提交为提交之日；邮寄为签收之日；平常信函为确认之日；"
                "网络提交为双方确认之日。"
            ),
        }
        error_messages = {
            "channel": {"required": _("请选择申请方式。")},
            "received_on": {
                "required": _("请填写收到申请日期。"),
                "invalid": _("请按“年-月-日”填写日期，例如 2026-03-02。"),
            },
            "applicant_type": {"required": _("请选择申请人类型。")},
            "applicant_name": {"required": _("请填写申请人姓名或名称。")},
            "content": {"required": _("请填写申请公开的政府信息内容。")},
            "email": {"invalid": _("电子邮箱格式不正确。")},
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies = Body.objects.restrict(user, "change").order_by("path")
        body_field = self.fields["body"]
        assert isinstance(body_field, forms.ModelChoiceField)
        body_field.queryset = bodies
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
            first = bodies.first()
            if first is not None:
                self.initial.setdefault("body", first.pk)
        self.fields["number"].required = False
        self.fields["received_on"].validators.append(not_in_future)
        self.order_fields(["body"])
        bootstrapify(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("id_number") and not cleaned.get("id_type"):
            self.add_error("id_type", _("填写了证件号码时请选择证件类型。"))
        return cleaned

    def action_fields(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of :func:`actions.register_application`."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name != "body" and name in self.Meta.fields
        }


# =============================================================================================
# Action forms
# =============================================================================================


class ApplicationActionForm(ActionForm):
    """An operation on one application (its form fields are the action's parameters)."""

    op: ClassVar[Op]
    submit_label: ClassVar[Any] = _("提交")


class RequestCorrectionForm(ApplicationActionForm):
    op = Op.REQUEST_CORRECTION
    action = staticmethod(actions.request_correction)
    submit_label = _("发出补正告知")
    help = _(
        "条例第三十条：申请内容不明确的，应自收到申请之日起 7 个工作日内一次性告知申请人作出补正，"
        "说明需要补正的事项和合理的补正期限。答复期限自收到补正后的申请之日起重新计算。"
    )

    sent_on = date_field(_("告知日期"))
    note = note_field(_("需要补正的事项"), required=True)
    period_days = forms.IntegerField(
        label=_("补正期限（工作日）"),
        required=False,  # blank: the body's period
        min_value=1,
        max_value=actions.MAX_CORRECTION_DAYS,
        help_text=_("告知申请人的补正期限；逾期未补正的，申请视为放弃，系统自动办结。"),
        error_messages={
            "invalid": _("补正期限应为整数个工作日。"),
            "min_value": _("补正期限至少 1 个工作日。"),
            "max_value": _("补正期限不能超过 %(limit_value)s 个工作日。"),
        },
    )
    late_reason = forms.CharField(
        label=_("超过告知期限的原因"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("告知日期晚于补正告知期限时必须填写，记入办理记录。"),
    )

    def __init__(self, *args: Any, obj: Application, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        self.initial.setdefault("period_days", obj.body.correction_period_working_days)
        self.notice_due = obj.correction_notice_due_on
        if self.notice_due is None or timezone.localdate() <= self.notice_due:
            # Every date that can be chosen (not after today) is within the limit.
            del self.fields["late_reason"]
            return
        self.warning = _(
            "补正告知期限为 %(due)s（条例第三十条：收到申请之日起 7 个工作日内一次性告知），"
            "今天已超过该期限。告知日期晚于期限的，请填写超过期限的原因。"
        ) % {"due": self.notice_due.isoformat()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        sent_on = cleaned.get("sent_on")
        late = self.notice_due is not None and sent_on is not None and sent_on > self.notice_due
        if late and not str(cleaned.get("late_reason", "")).strip():
            self.add_error(
                "late_reason",
                _("告知日期 %(on)s 晚于补正告知期限 %(due)s，请填写超过期限的原因。")
                % {"on": sent_on.isoformat(), "due": self.notice_due.isoformat()},  # type: ignore[union-attr]
            )
        return cleaned


class RecordCorrectionForm(ApplicationActionForm):
    op = Op.RECORD_CORRECTION
    action = staticmethod(actions.record_correction)
    submit_label = _("登记收到补正")
    help = _("收到补正后的申请：答复期限自次日起重新计算 20 个工作日（条例第三十条）。")

    received_on = date_field(_("收到补正日期"))
    note = note_field()


class StartConsultationForm(ApplicationActionForm):
    op = Op.START_CONSULTATION
    action = staticmethod(actions.start_consultation)
    submit_label = _("发出征求意见")
    help = _(
        "条例第三十二条、第三十四条：书面征求第三方或其他机关意见，所需时间不计入答复期限"
        "（第三十三条第三款）；被征求方未在 15 个工作日内答复的，按 15 个工作日计。"
    )

    party = forms.CharField(
        label=_("征求意见对象"),
        max_length=200,
        error_messages={"required": _("请填写征求意见对象。")},
    )
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=ConsultationKind.choices,
        error_messages={"required": _("请选择第三方或其他机关。")},
    )
    sent_on = date_field(_("发出日期"))
    note = note_field()


class RecordConsultationAnswerForm(ApplicationActionForm):
    op = Op.RECORD_CONSULTATION_ANSWER
    action = staticmethod(actions.record_consultation_answer)
    submit_label = _("登记答复")
    help = _("登记被征求意见方的答复日期：征求意见期间至此结束。")

    consultation = forms.ModelChoiceField(
        label=_("征求意见"),
        queryset=Consultation.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("请选择是哪一个征求意见的答复。"),
            "invalid_choice": _("所选征求意见不存在或已答复。"),
        },
    )
    answered_on = date_field(_("答复日期"))
    note = note_field()

    def __init__(self, *args: Any, obj: Application, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        application = obj
        field = self.fields["consultation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = application.consultations.filter(answered_on__isnull=True)


class RequestExtensionForm(ApplicationActionForm):
    op = Op.REQUEST_EXTENSION
    action = staticmethod(actions.request_extension)
    submit_label = _("提交延期申请")
    help = _(
        "条例第三十三条第二款：需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，"
        "延长的期限最长不得超过 20 个工作日。延期经审核人批准后生效，且只能延期一次。"
    )

    days = forms.IntegerField(
        label=_("延长工作日"),
        min_value=1,
        max_value=MAX_EXTENSION_WORKING_DAYS,
        initial=MAX_EXTENSION_WORKING_DAYS,
        error_messages={
            "required": _("请填写延长的工作日数。"),
            "invalid": _("请填写整数。"),
            "min_value": _("延长期限应为 1 至 20 个工作日（条例第三十三条第二款）。"),
            "max_value": _("延长期限应为 1 至 20 个工作日（条例第三十三条第二款）。"),
        },
    )
    reason = note_field(_("延期理由"), required=True)
    requested_on = date_field(_("申请日期"))


class ApproveExtensionForm(ApplicationActionForm):
    op = Op.APPROVE_EXTENSION
    action = staticmethod(actions.approve_extension)
    submit_label = _("批准延期")
    help = _("审核人（机关负责人）批准延期后，答复期限顺延；批准后请告知申请人。")

    approved_on = date_field(_("批准日期"))
    note = note_field()


class SetReasonableDeadlineForm(ApplicationActionForm):
    op = Op.SET_REASONABLE_DEADLINE
    action = staticmethod(actions.set_reasonable_deadline)
    submit_label = _("确定合理答复期限")
    help = _(
        "条例第三十五条：申请人申请公开政府信息的数量、频次明显超过合理范围，说明的理由合理，"
        "但无法在规定期限内答复的，行政机关可以确定延迟答复的合理期限并告知申请人。"
        "由审核人或管理员确定；合理答复期限应晚于法定答复期限，确定后以此为准，只能确定一次。"
    )

    due_on = forms.DateField(
        label=_("合理答复期限"),
        widget=DateInput(),
        error_messages={
            "required": _("请填写合理答复期限。"),
            "invalid": _("请按“年-月-日”填写日期，例如 2026-03-02。"),
        },
    )
    reason = note_field(_("申请人说明的理由及认定"), required=True)
    notified_on = date_field(_("告知申请人日期"))

    def __init__(self, *args: Any, obj: Application, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        application = obj
        self.initial.pop("due_on", None)
        try:
            statutory = actions.statutory_due(application)
        except ActionError:
            return
        self.fields["due_on"].help_text = _(
            "法定答复期限为 %(statutory)s，合理答复期限应晚于该日期。"
        ) % {"statutory": statutory.isoformat()}


class StaffChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A user shown by full name (else user name)."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class AssignHandlerForm(ApplicationActionForm):
    op = Op.ASSIGN_HANDLER
    action = staticmethod(actions.assign_handler)
    submit_label = _("指定经办人")
    help = _(
        "经办人须为本机关的经办人、审核人或管理员。审核人、管理员可以指定本机关任何人员；"
        "经办人只能将申请分配给自己。"
    )

    handler = StaffChoiceField(
        label=_("经办人"),
        queryset=get_user_model().objects.none(),
        error_messages={
            "required": _("请选择经办人。"),
            "invalid_choice": _("所选人员不能办理本申请。"),
        },
    )
    note = note_field()

    def __init__(self, *args: Any, obj: Application, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        application = obj
        staff = Membership.objects.filter(body_id=application.body_id, role__in=CHANGING_ROLES)
        users = get_user_model().objects.filter(pk__in=staff.values("user_id"), is_active=True)
        if not user_can(user, "approve", application):
            users = users.filter(pk=user.pk)
        field = self.fields["handler"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users.order_by("username")
        if not self.is_bound and application.handler_id != user.pk:
            self.initial.setdefault("handler", user.pk)


class IssueFeeNoticeForm(ApplicationActionForm):
    op = Op.ISSUE_FEE_NOTICE
    action = staticmethod(actions.issue_fee_notice)
    submit_label = _("发出收费通知")
    help = _(
        "国办函〔2020〕109号：按件或按量计收信息处理费（二者只能择一）。金额由平台按规则计算；"
        "申请人自收到通知次日起 20 个工作日内未缴费的，视为放弃申请。缴费期间不计入答复期限。"
    )

    method = forms.ChoiceField(
        label=_("计收方式"),
        choices=FeeMethod.choices,
        error_messages={"required": _("请选择计收方式。")},
    )
    notice_on = date_field(_("收费通知送达日期"))
    pages = forms.IntegerField(
        label=_("页数"),
        required=False,
        min_value=1,
        help_text=_("按量计收时填写。"),
        error_messages={"min_value": _("页数至少为 1。"), "invalid": _("请填写整数。")},
    )
    nth_in_month = forms.IntegerField(
        label=_("本月第几件"),
        required=False,
        min_value=1,
        help_text=_("按件计收时可填写；留空则按本机关登记的记录计算。"),
        error_messages={"min_value": _("件数至少为 1。"), "invalid": _("请填写整数。")},
    )
    note = note_field()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("method") == FeeMethod.BY_VOLUME and not cleaned.get("pages"):
            self.add_error("pages", _("按量计收需要填写页数。"))
        return cleaned


class RecordPaymentForm(ApplicationActionForm):
    op = Op.RECORD_PAYMENT
    action = staticmethod(actions.record_payment)
    submit_label = _("登记缴费")
    help = _("登记申请人缴纳信息处理费的日期：缴费期间至此结束。")

    paid_on = date_field(_("缴费日期"))
    note = note_field()


class WaiveFeeForm(ApplicationActionForm):
    op = Op.WAIVE_FEE
    action = staticmethod(actions.waive_fee)
    submit_label = _("减免费用")
    help = _("减免已通知的信息处理费：缴费期间至减免之日结束。")

    waived_on = date_field(_("减免日期"))
    note = note_field(_("减免理由"), required=True)


class ReplyForm(ApplicationActionForm):
    op = Op.REPLY
    action = staticmethod(actions.reply)
    submit_label = _("登记答复")
    help = _(
        "条例第三十六条：按申请的不同情况分别作出答复。办理结果即年报表三的结果行，"
        "请同时写明法律依据（条款）。"
    )

    outcome = forms.ChoiceField(
        label=_("办理结果"),
        choices=[],
        error_messages={
            "required": _("请选择办理结果。"),
            "invalid_choice": _("请从列表中选择办理结果。"),
        },
    )
    legal_basis = forms.CharField(
        label=_("法律依据"),
        max_length=300,
        help_text=_("例如：《中华人民共和国政府信息公开条例》第三十六条第（二）项"),
        error_messages={"required": _("请填写答复的法律依据。")},
    )
    reply_text = note_field(_("答复内容"), required=True)
    withheld = note_field(_("不予公开的内容（部分公开）"), required=False)
    replied_on = date_field(_("答复日期"))

    #: The article and standard wording of each outcome (the domain's one table), listed
    #: beside the form; ``reply.js`` fills them in when the outcome changes.
    aside_template = "applications/_reply_help.html"

    class Media:
        js = ("applications/reply.js",)

    def __init__(self, *args: Any, obj: Application, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("请选择办理结果")), *outcome_field_choices()]
        field.widget.attrs["data-reply-outcome"] = ""
        self.fields["legal_basis"].widget.attrs["data-reply-basis"] = ""
        self.fields["reply_text"].widget.attrs["data-reply-text"] = ""

    @staticmethod
    def preset(outcome: str) -> dict[str, str]:
        """The form's initial values for ``outcome``: its legal basis and standard wording."""
        guide = reply_guide(outcome)
        return {"outcome": outcome, "legal_basis": guide.basis, "reply_text": guide.wording}

    @property
    def guides(self) -> list[tuple[str, str, ReplyGuide]]:
        """(key, label, guide) of every outcome, in the order of table 三."""
        return [(key, label, reply_guide(key)) for key, label in outcome_field_choices()]

    @property
    def selected(self) -> str:
        """The outcome chosen (as posted, else as preset), or ""."""
        value = self.data.get("outcome") if self.is_bound else self.initial.get("outcome")
        return value if value in REPLY_GUIDES else ""


class RecordDeliveryForm(ApplicationActionForm):
    op = Op.RECORD_DELIVERY
    action = staticmethod(actions.record_delivery)
    submit_label = _("登记送达")
    help = _("登记答复书送达申请人的方式、日期和凭证（如邮件单号、签收单）。")

    delivered_on = date_field(_("送达日期"))
    way = forms.ChoiceField(
        label=_("送达方式"),
        choices=DeliveryWay.choices,
        error_messages={"required": _("请选择送达方式。")},
    )
    proof = forms.CharField(label=_("送达凭证"), max_length=300, required=False)

    def __init__(self, *args: Any, obj: Application, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, user=user, **kwargs)
        # 条例第四十条: as the applicant asked, where possible — the clerk may change it.
        if obj.requested_delivery:
            self.initial.setdefault("way", obj.requested_delivery)
            self.fields["way"].help_text = _("默认为申请人选择的获取方式：%(way)s。") % {
                "way": obj.get_requested_delivery_display()
            }


class ArchiveForm(ApplicationActionForm):
    op = Op.ARCHIVE
    action = staticmethod(actions.archive)
    submit_label = _("归档")
    help = _("条例第四十五条：办结的申请材料归档。")

    on = date_field(_("归档日期"))
    note = note_field()


#: The form of each operation (the case page's buttons open these).
ACTION_FORMS: dict[Op, type[ApplicationActionForm]] = {
    form.op: form
    for form in (
        RequestCorrectionForm,
        RecordCorrectionForm,
        StartConsultationForm,
        RecordConsultationAnswerForm,
        RequestExtensionForm,
        ApproveExtensionForm,
        SetReasonableDeadlineForm,
        IssueFeeNoticeForm,
        RecordPaymentForm,
        WaiveFeeForm,
        ReplyForm,
        RecordDeliveryForm,
        ArchiveForm,
        AssignHandlerForm,
    )
}
