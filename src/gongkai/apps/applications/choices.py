"""Choice lists of the applications app.

Values that the domain also defines (applicant types, outcomes) are the domain's values; a
test checks that the lists agree.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.domain.applications.outcomes import outcome_choices

__all__ = [
    "CONCLUDED_STATUSES",
    "DUE_SOON_WORKING_DAYS",
    "OPEN_STATUSES",
    "RUNNING_STATUSES",
    "ApplicantTypeChoice",
    "Channel",
    "ConsultationKind",
    "DeliveryWay",
    "EventKind",
    "FeeMethod",
    "IdType",
    "InformationForm",
    "NotificationChannel",
    "NotificationStatus",
    "ReminderKind",
    "Status",
    "outcome_field_choices",
]


class Channel(models.TextChoices):
    """How the application arrived (条例第二十九条; receipt date per 第三十一条)."""

    IN_PERSON = "in_person", _("当面")
    REGISTERED_POST = "post", _("邮寄")
    ORDINARY_LETTER = "letter", _("平常信函")
    ONLINE = "online", _("网络")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")
    OTHER = "other", _("其他")


class ApplicantTypeChoice(models.TextChoices):
    """The six applicant columns of table 三 (values of ``ApplicantType``)."""

    NATURAL_PERSON = "natural_person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    PUBLIC_WELFARE = "public_welfare", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER_ORG = "other_org", _("其他")


class IdType(models.TextChoices):
    ID_CARD = "id_card", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_TAIWAN = "hmt_permit", _("港澳台居民证件")
    CREDIT_CODE = "credit_code", _("统一社会信用代码")
    OTHER = "other", _("其他证件")


class InformationForm(models.TextChoices):
    """The form in which the applicant asks for the information (条例第二十九条、第四十条)."""

    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子文档")
    OTHER = "other", _("其他")


class DeliveryWay(models.TextChoices):
    """How information or a reply is delivered (送达)."""

    IN_PERSON = "in_person", _("当面领取")
    POST = "post", _("邮寄")
    EMAIL = "email", _("电子邮件")
    ONLINE = "online", _("网上获取")
    FAX = "fax", _("传真")
    OTHER = "other", _("其他")


class Status(models.TextChoices):
    """Where an application stands (条例第四十五条: 登记、审核、办理、答复、归档)."""

    REGISTERED = "registered", _("已登记")
    AWAITING_CORRECTION = "awaiting_correction", _("待补正")
    CONSULTING = "consulting", _("征求意见中")
    AWAITING_PAYMENT = "awaiting_payment", _("待缴费")
    REPLIED = "replied", _("已答复")
    DELIVERED = "delivered", _("已送达")
    ARCHIVED = "archived", _("已归档")


OPEN_STATUSES = frozenset(
    {Status.REGISTERED, Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_PAYMENT}
)
CONCLUDED_STATUSES = frozenset({Status.REPLIED, Status.DELIVERED, Status.ARCHIVED})
#: Open with the reply period running: waiting for a 补正 stops it (条例第三十条).
RUNNING_STATUSES = OPEN_STATUSES - {Status.AWAITING_CORRECTION}
#: "Due soon" on the workbench and in the daily reminders: within 3 working days.
DUE_SOON_WORKING_DAYS = 3


class EventKind(models.TextChoices):
    """The dated statutory facts of an application (dotted names, as in the audit trail)."""

    REGISTER = "applications.register", _("登记")
    CORRECTION_REQUESTED = "applications.correction_requested", _("发出补正告知")
    CORRECTION_RECEIVED = "applications.correction_received", _("收到补正")
    CONSULTATION_SENT = "applications.consultation_sent", _("发出征求意见")
    CONSULTATION_ANSWERED = "applications.consultation_answered", _("收到征求意见答复")
    EXTENSION_REQUESTED = "applications.extension_requested", _("申请延期")
    EXTENSION_APPROVED = "applications.extension_approved", _("批准延期")
    REASONABLE_DEADLINE = "applications.reasonable_deadline", _("确定合理答复期限")
    ASSIGN = "applications.assign", _("指定经办人")
    FEE_NOTICE = "applications.fee_notice", _("发出收费通知")
    FEE_PAID = "applications.fee_paid", _("缴费")
    FEE_WAIVED = "applications.fee_waived", _("减免费用")
    REPLY = "applications.reply", _("答复")
    DELIVERY = "applications.delivery", _("送达")
    ARCHIVE = "applications.archive", _("归档")
    LAPSE = "applications.lapse", _("视为放弃申请")
    # A written document made from the case (issue 12: 文书, with its 文号): dated the day it
    # was made, it is no fact the deadline or the reply date derives from.
    LETTER = "applications.letter", _("制作文书")


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("第三方（条例第三十二条）")
    OTHER_BODY = "other_body", _("其他机关（条例第三十四条）")


class FeeMethod(models.TextChoices):
    """信息处理费 methods (国办函〔2020〕109号): one per application, never both."""

    BY_COUNT = "by_count", _("按件计收")
    BY_VOLUME = "by_volume", _("按量计收")


class NotificationChannel(models.TextChoices):
    """How the applicant is told of a step (the SMS sender is a setting: GONGKAI_SMS_SENDER)."""

    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("短信")


class NotificationStatus(models.TextChoices):
    """An outbox row: waiting (or waiting to be retried), sent, or given up."""

    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("即将到期")
    OVERDUE = "overdue", _("已超期")


def outcome_field_choices() -> list[tuple[str, str]]:
    """The table 三 result rows as (key, label), for the ``outcome`` field (callable choices:
    the list lives in the domain and migrations do not repeat it)."""
    return outcome_choices()
