"""Forms of the meetings app: register or correct a meeting, 关联纪要. Forms only collect and
check input; the rules are in :mod:`gongkai.apps.meetings.actions`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.meetings import actions
from gongkai.apps.meetings.choices import MeetingKind
from gongkai.apps.meetings.models import Meeting
from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import BootstrapForm, date_field
from gongkai.kernel.views import ActionForm

__all__ = ["SEARCH_LIMIT", "LinkMinutesForm", "MeetingForm"]

#: The catalog items a 关联纪要 search offers at most.
SEARCH_LIMIT = 20


class MeetingForm(BootstrapForm):
    """A meeting: a registration (``instance`` None: the body among the user's) or a
    correction (the body fixed, the ``version`` carried)."""

    body = forms.ModelChoiceField(
        label=_("机关"),
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("请选择机关。"),
            "invalid_choice": _("您不能为所选机关登记。"),
        },
    )
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
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, instance: Meeting | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is None:
            body_field = self.fields["body"]
            assert isinstance(body_field, forms.ModelChoiceField)
            body_field.queryset = Body.objects.restrict(user, "change").order_by("path")
            del self.fields["version"]
            self.submit_label = _("登记")
            if not self.is_bound:
                self.initial.setdefault("held_on", timezone.localdate())
        else:
            del self.fields["body"]
            self.submit_label = _("保存")
            if not self.is_bound:
                self.initial.update({n: getattr(instance, n) for n in actions.MEETING_FIELDS})
                self.initial["version"] = instance.version

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in actions.MEETING_FIELDS}

    @property
    def expected_version(self) -> int | None:
        seen = self.cleaned_data.get("version")
        return int(seen) if seen is not None else None


class ItemChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A catalog item shown by its title and publication date."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}（{obj.published_on or _('未发布')}）"


class LinkMinutesForm(ActionForm):
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

    def __init__(self, *args: Any, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting: Meeting = self.obj
        items = CatalogItem.objects.filter(body_id=meeting.body_id).order_by("-published_on", "-pk")
        field = self.fields["minutes_item"]
        assert isinstance(field, forms.ModelChoiceField)
        shown = (
            items.filter(title__icontains=query) if query else items.filter(title__contains="纪要")
        )
        pks = list(shown.values_list("pk", flat=True)[:SEARCH_LIMIT])
        if meeting.minutes_item_id and meeting.minutes_item_id not in pks:
            pks.insert(0, meeting.minutes_item_id)
        self.shown_pks = pks
        # A POST is checked against every item of the body; a form shown again after an
        # error lists the search's choice (full_clean), not all the body's items.
        field.queryset = items if self.is_bound else items.filter(pk__in=pks)
        if not self.is_bound:
            self.initial.setdefault("minutes_item", meeting.minutes_item_id)

    def full_clean(self) -> None:
        super().full_clean()
        field = self.fields["minutes_item"]
        assert isinstance(field, forms.ModelChoiceField)
        chosen = (getattr(self, "cleaned_data", None) or {}).get("minutes_item")
        pks = [chosen.pk, *self.shown_pks] if chosen is not None else self.shown_pks
        field.queryset = CatalogItem.objects.filter(pk__in=pks).order_by("-published_on", "-pk")
