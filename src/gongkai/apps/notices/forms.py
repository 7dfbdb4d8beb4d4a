"""Forms of the notices app: register or correct a notice, 关联目录信息, 上传照片 (from a
phone: ``accept="image/*" capture="environment"``). Forms only collect input; the rules are in
:mod:`gongkai.apps.notices.actions`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.notices import actions
from gongkai.apps.notices.choices import NoticeChannel, PlaceKind
from gongkai.apps.notices.models import OfflineNotice
from gongkai.apps.notices.photos import MAX_PHOTOS
from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import BootstrapForm, date_field, human_size
from gongkai.kernel.views import ActionForm

__all__ = ["SEARCH_LIMIT", "LinkItemForm", "NoticeForm", "PhotoForm"]

SEARCH_LIMIT = 20


class NoticeForm(BootstrapForm):
    """A notice: a registration (the body among the user's) or a correction (``version``)."""

    body = forms.ModelChoiceField(
        label=_("机关"),
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("请选择机关。"),
            "invalid_choice": _("您不能为所选机关登记。"),
        },
    )
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
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, user: Any, instance: OfflineNotice | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is None:
            body_field = self.fields["body"]
            assert isinstance(body_field, forms.ModelChoiceField)
            body_field.queryset = Body.objects.restrict(user, "change").order_by("path")
            del self.fields["version"]
            self.submit_label = _("登记")
            if not self.is_bound:
                self.initial.setdefault("posted_on", timezone.localdate())
        else:
            del self.fields["body"]
            self.submit_label = _("保存")
            if not self.is_bound:
                self.initial.update({n: getattr(instance, n) for n in actions.NOTICE_FIELDS})
                self.initial["version"] = instance.version

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in actions.NOTICE_FIELDS}

    @property
    def expected_version(self) -> int | None:
        seen = self.cleaned_data.get("version")
        return int(seen) if seen is not None else None


class ItemChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A catalog item shown by its title and publication date."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}（{obj.published_on or _('未发布')}）"


class LinkItemForm(ActionForm):
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

    def __init__(self, *args: Any, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        notice: OfflineNotice = self.obj
        items = CatalogItem.objects.filter(body_id=notice.body_id).order_by("-published_on", "-pk")
        field = self.fields["item"]
        assert isinstance(field, forms.ModelChoiceField)
        shown = items.filter(title__icontains=query or notice.title[:10])
        pks = list(shown.values_list("pk", flat=True)[:SEARCH_LIMIT])
        if notice.item_id and notice.item_id not in pks:
            pks.insert(0, notice.item_id)
        self.shown_pks = pks
        # A POST is checked against every item of the body; a form shown again after an
        # error lists the search's choice (full_clean), not all the body's items.
        field.queryset = items if self.is_bound else items.filter(pk__in=pks)
        if not self.is_bound:
            self.initial.setdefault("item", notice.item_id)

    def full_clean(self) -> None:
        super().full_clean()
        field = self.fields["item"]
        assert isinstance(field, forms.ModelChoiceField)
        chosen = (getattr(self, "cleaned_data", None) or {}).get("item")
        pks = [chosen.pk, *self.shown_pks] if chosen is not None else self.shown_pks
        field.queryset = CatalogItem.objects.filter(pk__in=pks).order_by("-published_on", "-pk")


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
