"""Forms of the meetings app: register or correct a meeting, 关联纪要. Forms only collect and
check input; the rules are in :mod:`gongkai.apps.meetings.actions`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.forms import ItemChoiceField, LinkItemForm
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.meetings import actions
from gongkai.apps.meetings.choices import MeetingKind
from gongkai.apps.orgs.forms import BodyRecordForm, body_choice_field
from gongkai.kernel.forms import date_field

__all__ = ["LinkMinutesForm", "MeetingForm"]

#: The catalog items a 关联纪要 search offers at most.


class MeetingForm(BodyRecordForm):
    """A meeting: a registration (``instance`` None: the body among the user's) or a
    correction (the body fixed, the ``version`` carried)."""

    body = body_choice_field(_("机关"), _("请选择机关。"))
    kind = forms.ChoiceField(
        label=_("会议类别"),
        choices=[("", _("请选择会议类别")), *MeetingKind.choices],
        error_messages={"required": _("请选择会议类别。"), "invalid_choice": _("会议类别不正确。")},
    )
    held_on = date_field(_("召开日期"))
    title = forms.CharField(
        label=_("会议名称"), max_length=300, error_messages={"required": _("请填写会议名称。")}
    )
    topics = forms.CharField(
        label=_("议题"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    attended = forms.BooleanField(label=_("邀请群众或其他人员列席"), required=False)
    attendees = forms.CharField(
        label=_("列席人员"),
        max_length=200,
        required=False,
        help_text=_("如：村民代表 3 人、利益相关方、专家。"),
    )
    minutes_published_on = date_field(
        _("纪要公开日期"),
        required=False,
        help_text=_(
            "纪要或决定不在本平台主动公开目录中发布时填写；在目录中发布的，请用“关联纪要”。"
        ),
    )
    minutes_url = forms.URLField(
        label=_("纪要公开地址"),
        assume_scheme="https",
        max_length=500,
        required=False,
        error_messages={"invalid": _("请填写完整的网址，如 https://…")},
    )

    editable = actions.MEETING_FIELDS

    def initial_for_new(self) -> dict[str, Any]:
        return {"held_on": timezone.localdate()}


class LinkMinutesForm(LinkItemForm):
    """关联纪要: one catalog item of the meeting's body (a search by title narrows the choice
    shown; the POST accepts any item of the body) or none (取消关联)."""

    action = staticmethod(actions.link_minutes)
    submit_label = _("保存关联")
    help = _("选择公开本次会议纪要或决定的主动公开信息；按标题搜索本机关的目录信息。")

    minutes_item = ItemChoiceField(
        label=_("公开纪要的目录信息"),
        queryset=CatalogItem.objects.none(),
        required=False,
        empty_label=_("不关联（取消关联）"),
        blank=True,  # a RadioSelect shows the empty choice only for a blank field
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("所选信息不存在或不属于本机关。")},
    )

    field_name = "minutes_item"

    def default_shown(self, items: QuerySet[CatalogItem]) -> QuerySet[CatalogItem]:
        return items.filter(title__contains="纪要")
