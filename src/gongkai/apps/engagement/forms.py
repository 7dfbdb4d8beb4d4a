"""Forms of the engagement app: register or correct a mailbox message / proposal, 登记答复,
公开答复. Forms only collect and check input; the rules are in
:mod:`gongkai.apps.engagement.actions`. Every form about an existing record carries its
``version`` (optimistic locking): a form opened before someone else's change is refused
instead of overwriting it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.engagement import actions
from gongkai.apps.engagement.choices import ProposalKind
from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import BootstrapForm, date_field
from gongkai.kernel.views import ActionForm

__all__ = [
    "DEFAULT_MAILBOX",
    "MailboxMessageForm",
    "ProposalForm",
    "PublishForm",
    "RecordForm",
    "ReplyForm",
]

DEFAULT_MAILBOX = "县长信箱"


class RecordForm(BootstrapForm):
    """The registered fields of a record: a registration (``instance`` None: the body to
    choose among the user's) or a correction (the body fixed, the ``version`` carried)."""

    #: The record's fields, as the actions take them.
    editable: ClassVar[tuple[str, ...]] = ()

    body = forms.ModelChoiceField(
        label=_("承办机关"),
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("请选择承办机关。"),
            "invalid_choice": _("您不能为所选机关登记。"),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        user: Any,
        instance: MailboxMessage | Proposal | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is None:
            body_field = self.fields["body"]
            assert isinstance(body_field, forms.ModelChoiceField)
            body_field.queryset = Body.objects.restrict(user, "change").order_by("path")
            del self.fields["version"]
            self.submit_label = _("登记")
        else:
            del self.fields["body"]
            self.submit_label = _("保存")
            if not self.is_bound:
                self.initial.update({name: getattr(instance, name) for name in self.editable})
                self.initial["version"] = instance.version

    def values(self) -> dict[str, Any]:
        """The registered fields as the action takes them."""
        return {name: self.cleaned_data[name] for name in self.editable}

    @property
    def expected_version(self) -> int | None:
        """The version the user saw (None on a form without it: the record as loaded)."""
        seen = self.cleaned_data.get("version")
        return int(seen) if seen is not None else None


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance is None:
            self.initial.setdefault("mailbox", DEFAULT_MAILBOX)
            self.initial.setdefault("received_on", timezone.localdate())


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
