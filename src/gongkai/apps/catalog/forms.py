"""Forms of the catalog pages (the rules are in :mod:`gongkai.apps.catalog.actions`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.actions import EDITABLE_FIELDS
from gongkai.apps.catalog.attachments import ALLOWED_TYPES
from gongkai.apps.catalog.choices import (
    CHANNEL_VALUES,
    CategoryChoice,
    DisclosureChoice,
    SecrecyConclusion,
    ValidityChoice,
)
from gongkai.apps.catalog.models import CatalogItem, CatalogNode
from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import DateInput, bootstrapify, human_size, not_in_future

if TYPE_CHECKING:
    _NodeChoiceField = forms.ModelChoiceField[CatalogNode]
else:
    _NodeChoiceField = forms.ModelChoiceField

__all__ = [
    "AmendForm",
    "AttachmentForm",
    "ItemForm",
    "NodeForm",
    "PublishForm",
    "RenameNodeForm",
    "RepealForm",
    "SecrecyReviewForm",
]

_DATE_INVALID = _("请按“年-月-日”填写日期，例如 2026-03-02。")


def _date(label: Any, *, required: bool = True, past: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        validators=[not_in_future] if past else [],
        error_messages={
            "required": _("请填写%(label)s。") % {"label": label},
            "invalid": _DATE_INVALID,
        },
    )


class NodeChoiceField(_NodeChoiceField):
    def label_from_instance(self, obj: CatalogNode) -> str:
        return f"{obj.body.name} · {obj.name}" if self.show_body else obj.name

    show_body = False


class ItemForm(forms.Form):
    """Drafting (body and 索引号 given once) and editing the §2 metadata of an item."""

    body = forms.ModelChoiceField(
        label=_("机关"),
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("您不能为所选机关登记信息。")},
    )
    index_number = forms.CharField(
        label=_("索引号"),
        required=False,
        max_length=60,
        help_text=_("留空则按机关代码和年份自动生成；登记后不能更改。"),
    )
    node = NodeChoiceField(
        label=_("信息分类"),
        queryset=CatalogNode.objects.none(),
        required=False,
        empty_label=_("（未分类）"),
        help_text=_("只能选择末级目录。"),
        error_messages={"invalid_choice": _("所选目录不存在或不是末级目录。")},
    )
    title = forms.CharField(
        label=_("名称"), max_length=300, error_messages={"required": _("请填写名称。")}
    )
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    category = forms.ChoiceField(label=_("信息类别"), choices=CategoryChoice.choices)
    summary = forms.CharField(
        label=_("内容概述"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    topic = forms.CharField(label=_("主题分类"), max_length=100, required=False)
    publisher = forms.CharField(label=_("发布机构"), max_length=200, required=False)
    made_on = _date(_("成文日期"))
    valid_from = _date(_("施行日期"), required=False, past=False)
    disclosure = forms.ChoiceField(
        label=_("公开属性"),
        choices=[("", _("请选择公开属性")), *DisclosureChoice.choices],
        help_text=_("起草时确定：主动公开、依申请公开或不予公开。"),
        error_messages={"required": _("请选择公开属性（起草时必须确定）。")},
    )
    disclosure_reason = forms.CharField(
        label=_("不主动公开的理由"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("公开属性为依申请公开或不予公开时必填。"),
    )

    def __init__(
        self, *args: Any, user: Any, item: CatalogItem | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        bodies = Body.objects.restrict(user, "change").order_by("path")
        body_field = self.fields["body"]
        assert isinstance(body_field, forms.ModelChoiceField)
        body_field.queryset = bodies
        node_field = self.fields["node"]
        assert isinstance(node_field, NodeChoiceField)
        nodes = CatalogNode.objects.leaves().select_related("body").order_by("body__path", "order")
        if item is not None:
            del self.fields["body"], self.fields["index_number"]
            node_field.queryset = nodes.filter(body=item.body)
            if not self.is_bound:
                self.initial.update({name: getattr(item, name) for name in EDITABLE_FIELDS})
                self.initial["node"] = item.node_id
            if item.published_on is not None:
                self.fields["disclosure"].disabled = True
                self.fields["disclosure"].help_text = _("信息已经发布，公开属性不能再更改。")
        else:
            node_field.queryset = nodes.filter(body__in=bodies.values("pk"))
            node_field.show_body = bodies.count() > 1
            if not self.is_bound:
                self.initial.setdefault("made_on", timezone.localdate())
        bootstrapify(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        body = cleaned.get("body") if self.item is None else self.item.body
        node = cleaned.get("node")
        if body is not None and node is not None and node.body_id != body.pk:
            self.add_error("node", _("信息分类必须是所选机关的目录。"))
        disclosure = cleaned.get("disclosure")
        if (
            disclosure
            and disclosure != DisclosureChoice.PROACTIVE
            and not (cleaned.get("disclosure_reason") or "").strip()
        ):
            self.add_error(
                "disclosure_reason", _("公开属性为依申请公开或不予公开时，必须说明理由。")
            )
        return cleaned

    def item_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data[name] for name in EDITABLE_FIELDS if name in data}
        for name in ("summary", "topic", "publisher", "doc_number", "disclosure_reason"):
            fields[name] = (fields.get(name) or "").strip()
        return fields


class SecrecyReviewForm(forms.Form):
    """保密审查: the conclusion and the date (the reviewer is the user)."""

    secrecy_conclusion = forms.ChoiceField(
        label=_("审查结论"),
        choices=[("", _("请选择审查结论")), *SecrecyConclusion.choices],
        error_messages={"required": _("请选择审查结论。")},
    )
    reviewed_on = _date(_("审查日期"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("reviewed_on", timezone.localdate())
        bootstrapify(self)


class PublishForm(forms.Form):
    published_on = _date(_("发布日期"))
    channels = forms.MultipleChoiceField(
        label=_("公开渠道"),
        choices=[(c, c) for c in CHANNEL_VALUES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个公开渠道。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("published_on", timezone.localdate())
            self.initial.setdefault("channels", [CHANNEL_VALUES[0]])
        bootstrapify(self)
        self.fields["channels"].widget.attrs["class"] = "form-check-input"


class AmendForm(forms.Form):
    amended_on = _date(_("修改日期"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class RepealForm(forms.Form):
    validity = forms.ChoiceField(
        label=_("有效性"),
        choices=[
            (ValidityChoice.REPEALED.value, ValidityChoice.REPEALED.label),
            (ValidityChoice.EXPIRED.value, ValidityChoice.EXPIRED.label),
        ],
    )
    repealed_on = _date(_("失效/废止日期"), past=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("选择附件文件"),
        error_messages={
            "required": _("请选择要上传的文件。"),
            "empty": _("上传的文件是空的。"),
            "invalid": _("没有收到文件，请重新选择后再提交。"),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_TYPES)}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("支持 %(ext)s，不超过 %(size)s。") % {
            "ext": "、".join(e.lstrip(".") for e in ALLOWED_TYPES),
            "size": human_size(settings.GONGKAI_MAX_UPLOAD_BYTES),
        }
        bootstrapify(self)


class NodeForm(forms.Form):
    name = forms.CharField(
        label=_("目录名称"), max_length=100, error_messages={"required": _("请填写目录名称。")}
    )
    parent = forms.ModelChoiceField(
        label=_("上级目录"),
        queryset=CatalogNode.objects.none(),
        required=False,
        empty_label=_("（顶级目录）"),
        error_messages={"invalid_choice": _("所选上级目录不存在。")},
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = CatalogNode.objects.filter(body=body).order_by("order", "pk")
        bootstrapify(self)


class RenameNodeForm(forms.Form):
    name = forms.CharField(
        label=_("新名称"), max_length=100, error_messages={"required": _("请填写目录名称。")}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrapify(self)
