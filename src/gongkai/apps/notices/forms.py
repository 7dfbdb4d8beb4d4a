"""Forms of the notices app: register or correct a notice, 关联目录信息, 上传照片 (from a
phone: ``accept="image/*" capture="environment"``). Forms only collect input; the rules are in
:mod:`gongkai.apps.notices.actions`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.forms import ItemChoiceField
from gongkai.apps.catalog.forms import LinkItemForm as CatalogLinkItemForm
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.notices import actions
from gongkai.apps.notices.choices import NoticeChannel, PlaceKind
from gongkai.apps.notices.models import OfflineNotice
from gongkai.apps.notices.photos import MAX_PHOTOS
from gongkai.apps.orgs.forms import BodyRecordForm, body_choice_field
from gongkai.kernel.forms import date_field, human_size
from gongkai.kernel.views import ActionForm

__all__ = ["LinkItemForm", "NoticeForm", "PhotoForm"]


class NoticeForm(BodyRecordForm):
    """A notice: a registration (the body among the user's) or a correction (``version``)."""

    body = body_choice_field(_("机关"), _("请选择机关。"))
    channel = forms.ChoiceField(
        label=_("渠道"),
        choices=[("", _("请选择渠道")), *NoticeChannel.choices],
        error_messages={"required": _("请选择渠道。"), "invalid_choice": _("渠道不正确。")},
    )
    title = forms.CharField(
        label=_("标题"), max_length=300, error_messages={"required": _("请填写公示或广播的标题。")}
    )
    place_kind = forms.ChoiceField(
        label=_("地点"),
        choices=PlaceKind.choices,
        initial=PlaceKind.BODY,
        error_messages={"invalid_choice": _("地点不正确。")},
    )
    place_name = forms.CharField(
        label=_("村（社区）名称"),
        max_length=100,
        required=False,
        help_text=_("张贴在村（社区）公示栏的，填写村（社区）名称。"),
    )
    posted_on = date_field(_("张贴（播出）日期"))
    taken_down_on = date_field(_("撤下日期"), required=False, past_only=False)

    editable = actions.NOTICE_FIELDS

    def initial_for_new(self) -> dict[str, Any]:
        return {"posted_on": timezone.localdate()}


class LinkItemForm(CatalogLinkItemForm):
    """关联目录信息: one catalog item of the notice's body (a search by title narrows the
    choice shown; the POST accepts any item of the body) or none."""

    action = staticmethod(actions.link_item)
    submit_label = _("保存关联")
    help = _("公示的内容已作为主动公开信息登记的，关联后不再单独计数（避免重复统计）。")

    item = ItemChoiceField(
        label=_("对应的目录信息"),
        queryset=CatalogItem.objects.none(),
        required=False,
        empty_label=_("不关联（取消关联）"),
        blank=True,  # a RadioSelect shows the empty choice only for a blank field
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("所选信息不存在或不属于本机关。")},
    )

    def default_shown(self, items: QuerySet[CatalogItem]) -> QuerySet[CatalogItem]:
        notice: OfflineNotice = self.obj
        return items.filter(title__icontains=notice.title[:10])


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """One or more files (a list of uploads)."""

    def clean(self, data: Any, initial: Any = None) -> Any:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError(_("请选择要上传的照片。"), code="required")
        single = super().clean
        return [single(f, initial) for f in files]


class PhotoForm(ActionForm):
    """上传照片: photos taken with the phone's camera (or chosen from its gallery)."""

    action = staticmethod(actions.add_photos)
    submit_label = _("上传照片")

    photos = MultipleImageField(
        label=_("现场照片"),
        widget=MultipleImageInput(attrs={"accept": "image/*", "capture": "environment"}),
        error_messages={
            "required": _("请选择要上传的照片。"),
            "empty": _("上传的照片是空文件。"),
            "invalid": _("没有收到照片，请重新拍摄或选择后再提交。"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["photos"].help_text = _(
            "用手机拍摄或从相册选择，JPEG、PNG 或 WebP，每张不超过 %(size)s，一次最多 %(n)d 张。"
        ) % {"size": human_size(settings.GONGKAI_MAX_UPLOAD_BYTES), "n": MAX_PHOTOS}
