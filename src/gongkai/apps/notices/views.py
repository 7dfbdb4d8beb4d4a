"""Staff pages of 公示栏与广播 — generic views of :mod:`gongkai.kernel.views`: the list with the
year's counts by channel, registering and correcting a notice, one notice with its photos and
audit trail, 关联目录信息, 上传照片 (the page works on a 390 px phone), and a photo (sent only
to who may see the notice; another body's is a 404)."""

from __future__ import annotations

from typing import IO, Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.notices import actions
from gongkai.apps.notices.filtersets import NoticeFilterSet
from gongkai.apps.notices.forms import LinkItemForm, NoticeForm, PhotoForm
from gongkai.apps.notices.models import NoticePhoto, OfflineNotice
from gongkai.apps.notices.reporting import by_notice_channel
from gongkai.apps.notices.tables import NoticeTable
from gongkai.kernel.filtersets import summary_year
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    Button,
    DownloadView,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

__all__ = [
    "NoticeActionView",
    "NoticeDetailView",
    "NoticeEditView",
    "NoticeListView",
    "PhotoView",
]

routes = Routes("notices")

OPERATIONS = {
    "link": ActionSpec(gettext_lazy("关联目录信息"), LinkItemForm),
    "photos": ActionSpec(gettext_lazy("上传照片"), PhotoForm),
}

_QUERYSET = OfflineNotice.objects.select_related("body", "item")


def _query(request: HttpRequest) -> str:
    return request.GET.get("q", "").replace("\x00", "").strip()[:100]


@routes("", "list")
class NoticeListView(ObjectListView):
    """/notices/: the notices of the user's bodies and the year's counts by channel."""

    template_name = "notices/list.html"
    title = gettext_lazy("公示栏与广播")
    queryset = _QUERYSET
    table = NoticeTable
    filterset = NoticeFilterSet

    def get_buttons(self) -> list[Button]:
        if not self.policy.user_has_permission(self.request.user, "change"):
            return []
        return [Button(_("登记公示或广播"), reverse("notices:new"), primary=True)]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filterset = context["filterset"]
        data = filterset.form.cleaned_data if filterset.is_valid() else {}
        notices = OfflineNotice.objects.restrict(self.request.user)
        if data.get("body") is not None:
            notices = notices.filter(body=data["body"])
        year = summary_year(data.get("year"), notices, "posted_on")
        context.update(summary_year=year, summary=by_notice_channel(notices, year))
        return context


@routes("new/", "new")
@routes("<int:pk>/edit/", "edit")
class NoticeEditView(ObjectEditView):
    """/notices/new/ and /notices/<pk>/edit/"""

    queryset = _QUERYSET
    form_class = NoticeForm
    title = gettext_lazy("登记公示或广播")
    denied = gettext_lazy("您不是任何机关的经办人、审核人或管理员，不能登记公示或广播。")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def save(self, form: NoticeForm) -> OfflineNotice:
        user = self.request.user
        if self.object is None:
            return actions.record_notice(
                form.cleaned_data["body"], acting_user=user, **form.values()
            )
        return actions.update_notice(
            self.object, acting_user=user, expected_version=form.expected_version, **form.values()
        )

    def success_message(self, obj: OfflineNotice) -> str:
        if self.kwargs.get("pk"):
            return _("已保存对“%(item)s”的修改。") % {"item": obj.title}
        return _("已登记“%(item)s”，可以在下方上传现场照片。") % {"item": obj.title}

    def get_cancel_url(self) -> str:
        return super().get_cancel_url() or reverse("notices:list")


@routes("<int:pk>/", "detail")
class NoticeDetailView(ObjectDetailView):
    """/notices/<pk>/: the notice, its photos, the upload form, the audit trail."""

    queryset = _QUERYSET
    template_name = "notices/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        notice: OfflineNotice = self.object
        context["photos"] = list(notice.photos.all())
        if context["may_change"]:
            context["photo_form"] = PhotoForm(obj=notice, user=self.request.user)
        return context


@routes("<int:pk>/link/", "link", {"op": "link"})
@routes("<int:pk>/photos/", "photos", {"op": "photos"})
class NoticeActionView(ObjectActionView):
    """/notices/<pk>/link/ (with a search by title) and /notices/<pk>/photos/."""

    queryset = _QUERYSET
    operations = OPERATIONS
    template_name = "notices/action.html"
    summary_template = "notices/_summary.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        if self.op == "link":
            kwargs["query"] = _query(self.request)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "query": _query(self.request)}

    def success_message(self, obj: OfflineNotice) -> str:
        if self.op == "photos":
            return _("已为“%(item)s”上传照片，现有 %(n)d 张。") % {
                "item": obj.title,
                "n": obj.photos.count(),
            }
        if obj.item is None:
            return _("“%(item)s”已不关联目录信息，单独计为渠道公开。") % {"item": obj.title}
        return _("已将“%(item)s”关联到目录信息“%(doc)s”，不再单独计数。") % {
            "item": obj.title,
            "doc": obj.item.title,
        }


@routes("photos/<int:pk>/", "photo")
class PhotoView(DownloadView):
    """/notices/photos/<pk>/: a photo shown inline, to who may see its notice (else 404)."""

    queryset = NoticePhoto.objects.select_related("notice__body")

    def get_file(self) -> tuple[IO[bytes], str, str]:
        self.photo = self.get_object()
        try:
            handle = self.photo.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("照片文件已不存在。")) from None
        return handle, self.photo.original_name, self.photo.content_type

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        response["Content-Disposition"] = response["Content-Disposition"].replace(
            "attachment", "inline", 1
        )
        response["Cache-Control"] = "private, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response
