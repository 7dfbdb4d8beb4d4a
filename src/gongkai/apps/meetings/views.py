"""Staff pages of the meeting register — generic views of :mod:`gongkai.kernel.views`: the
list with the year's counts by kind, registering and correcting a meeting, one meeting with
its audit trail, 关联纪要. Queries start from the model's policy (another body's meeting is a
404); changes go through :mod:`gongkai.apps.meetings.actions`; a 上级 changes nothing (403).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.meetings import actions
from gongkai.apps.meetings.filtersets import MeetingFilterSet
from gongkai.apps.meetings.forms import LinkMinutesForm, MeetingForm
from gongkai.apps.meetings.models import Meeting
from gongkai.apps.meetings.reporting import count_by_kind
from gongkai.apps.meetings.tables import MeetingTable, minutes_badge
from gongkai.kernel.filtersets import summary_year
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    Button,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

__all__ = ["MeetingActionView", "MeetingDetailView", "MeetingEditView", "MeetingListView"]

routes = Routes("meetings")

OPERATIONS = {"link": ActionSpec(gettext_lazy("关联纪要"), LinkMinutesForm)}

_QUERYSET = Meeting.objects.select_related("body", "minutes_item")


@routes("", "list")
class MeetingListView(ObjectListView):
    """/meetings/: the meetings of the user's bodies and the year's counts by kind."""

    template_name = "meetings/list.html"
    title = gettext_lazy("会议公开")
    queryset = _QUERYSET
    table = MeetingTable
    filterset = MeetingFilterSet

    def get_buttons(self) -> list[Button]:
        if not self.policy.user_has_permission(self.request.user, "change"):
            return []
        return [Button(_("登记会议"), reverse("meetings:new"), primary=True)]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filterset = context["filterset"]
        data = filterset.form.cleaned_data if filterset.is_valid() else {}
        meetings = Meeting.objects.restrict(self.request.user)
        if data.get("body") is not None:
            meetings = meetings.filter(body=data["body"])
        year = summary_year(data.get("year"), meetings, "held_on")
        context.update(summary_year=year, summary=count_by_kind(meetings, year))
        return context


@routes("new/", "new")
@routes("<int:pk>/edit/", "edit")
class MeetingEditView(ObjectEditView):
    """/meetings/new/ and /meetings/<pk>/edit/"""

    queryset = _QUERYSET
    form_class = MeetingForm
    title = gettext_lazy("登记会议")
    denied = gettext_lazy("您不是任何机关的经办人、审核人或管理员，不能登记会议。")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def save(self, form: MeetingForm) -> Meeting:
        user = self.request.user
        if self.object is None:
            return actions.record_meeting(
                form.cleaned_data["body"], acting_user=user, **form.values()
            )
        return actions.update_meeting(
            self.object, acting_user=user, expected_version=form.expected_version, **form.values()
        )

    def success_message(self, obj: Meeting) -> str:
        if self.kwargs.get("pk"):
            return _("已保存对会议“%(item)s”的修改。") % {"item": obj.title}
        return _("已登记会议“%(item)s”。") % {"item": obj.title}

    def get_cancel_url(self) -> str:
        return super().get_cancel_url() or reverse("meetings:list")


@routes("<int:pk>/", "detail")
class MeetingDetailView(ObjectDetailView):
    """/meetings/<pk>/: the meeting, its minutes, its audit trail."""

    queryset = _QUERYSET
    template_name = "meetings/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["minutes_badge"] = minutes_badge(self.object)
        return context


@routes("<int:pk>/link/", "link", {"op": "link"})
class MeetingActionView(ObjectActionView):
    """/meetings/<pk>/link/: 关联纪要, with a search by title of the body's catalog items."""

    queryset = _QUERYSET
    operations = OPERATIONS
    template_name = "meetings/link.html"
    summary_template = "meetings/_summary.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        query = self.request.GET.get("q", "").replace("\x00", "").strip()[:100]
        return {**super().get_form_kwargs(), "query": query}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["query"] = self.request.GET.get("q", "").replace("\x00", "").strip()[:100]
        return context

    def success_message(self, obj: Meeting) -> str:
        if obj.minutes_item is None:
            return _("会议“%(item)s”现未关联纪要。") % {"item": obj.title}
        return _("已将“%(doc)s”关联为会议“%(item)s”的纪要。") % {
            "doc": obj.minutes_item.title,
            "item": obj.title,
        }
