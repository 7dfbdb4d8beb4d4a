"""Forms of the catalog pages (the rules are in :mod:`gongkai.apps.catalog.actions`).

The operation forms are :class:`~gongkai.kernel.views.ActionForm`: their field names are the
action's parameter names, they carry the record's ``version`` (a form opened before someone
else's change is refused) and ``perform()`` calls the action.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog import actions
from gongkai.apps.catalog.actions import EDITABLE_FIELDS
from gongkai.apps.catalog.attachments import ALLOWED_TYPES
from gongkai.apps.catalog.choices import (
    CHANNEL_VALUES,
    CONTENT_CHOICES,
    CategoryChoice,
    DisclosureChoice,
    InterpretationKind,
    SecrecyConclusion,
    ValidityChoice,
)
from gongkai.apps.catalog.models import (
    CatalogAttachment,
    CatalogItem,
    CatalogNode,
    Interpretation,
)
from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import BootstrapForm, date_field, human_size
from gongkai.kernel.views import ActionForm

if TYPE_CHECKING:
    _NodeChoiceField = forms.ModelChoiceField[CatalogNode]
else:
    _NodeChoiceField = forms.ModelChoiceField

__all__ = [
    "INTERPRETATION_FORMS",
    "ITEM_FORMS",
    "NODE_FORMS",
    "AmendForm",
    "AttachmentForm",
    "DeleteAttachmentForm",
    "DeleteNodeForm",
    "InterpretationForm",
    "ItemChoiceField",
    "ItemForm",
    "LinkItemForm",
    "MoveNodeDownForm",
    "MoveNodeUpForm",
    "NodeForm",
    "PublishForm",
    "PublishInterpretationForm",
    "RenameNodeForm",
    "RepealForm",
    "SecrecyReviewForm",
]


class NodeChoiceField(_NodeChoiceField):
    def label_from_instance(self, obj: CatalogNode) -> str:
        return f"{obj.body.name} · {obj.name}" if self.show_body else obj.name

    show_body = False


# =============================================================================================
# Drafting and editing an item
# =============================================================================================


class ItemForm(BootstrapForm):
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
    # No default: a clerk who does not choose must not publish a notice as a 规章 (issue 10).
    category = forms.ChoiceField(
        label=_("信息类别"),
        choices=[("", _("请选择")), *CategoryChoice.choices],
        help_text=_(
            "规章只有省级、设区的市级人民政府和国务院部门才能制定；"
            "其他机关的文件请选行政规范性文件或其他。"
        ),
        error_messages={"required": _("请选择信息类别。")},
    )
    content = forms.ChoiceField(
        label=_("公开内容"),
        choices=[("", _("（按信息类别：规章、规范性文件为第二十条第（一）项）")), *CONTENT_CHOICES],
        required=False,
        help_text=_("条例第二十条、第二十一条规定的法定主动公开内容，专栏按此分组。"),
        error_messages={
            "invalid_choice": _("所选公开内容不是条例第二十条、第二十一条所列的一项。")
        },
    )
    summary = forms.CharField(
        label=_("内容概述"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    topic = forms.CharField(label=_("主题分类"), max_length=100, required=False)
    publisher = forms.CharField(label=_("发布机构"), max_length=200, required=False)
    made_on = date_field(_("成文日期"))
    valid_from = date_field(_("施行日期"), required=False, past_only=False)
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
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

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
                self.initial.update(node=item.node_id, version=item.version)
            if item.published_on is not None:
                self.fields["disclosure"].disabled = True
                self.fields["disclosure"].help_text = _("信息已经发布，公开属性不能再更改。")
        else:
            del self.fields["version"]
            node_field.queryset = nodes.filter(body__in=bodies.values("pk"))
            node_field.show_body = bodies.count() > 1
            if not self.is_bound:
                self.initial.setdefault("made_on", timezone.localdate())

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
        """The cleaned data as keyword arguments of :func:`actions.create_item` and
        :func:`actions.update_item`."""
        data = self.cleaned_data
        fields = {name: data[name] for name in EDITABLE_FIELDS if name in data}
        for name in ("summary", "topic", "publisher", "doc_number", "disclosure_reason"):
            fields[name] = (fields.get(name) or "").strip()
        if "content" in fields:
            fields["content"] = fields["content"] or None
        return fields


# =============================================================================================
# The operations on an item
# =============================================================================================


class SecrecyReviewForm(ActionForm):
    """保密审查: the conclusion and the date (the reviewer is the user)."""

    action = staticmethod(actions.review_secrecy)
    submit_label = _("保密审查")
    help = _("审查人为当前登录用户。结论为同意公开或修改后公开的信息才能发布。")

    secrecy_conclusion = forms.ChoiceField(
        label=_("审查结论"),
        choices=[("", _("请选择审查结论")), *SecrecyConclusion.choices],
        error_messages={"required": _("请选择审查结论。")},
    )
    reviewed_on = date_field(_("审查日期"))


class PublishForm(ActionForm):
    action = staticmethod(actions.publish_item)
    submit_label = _("发布")
    help = _(
        "条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起"
        " 20 个工作日内及时公开。"
    )

    published_on = date_field(_("发布日期"))
    channels = forms.MultipleChoiceField(
        label=_("公开渠道"),
        choices=[(c, c) for c in CHANNEL_VALUES],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少选择一个公开渠道。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("channels", [CHANNEL_VALUES[0]])
        self.fields["channels"].widget.attrs["class"] = "form-check-input"


class AmendForm(ActionForm):
    action = staticmethod(actions.amend_item)
    submit_label = _("登记修改")

    amended_on = date_field(_("修改日期"))


class RepealForm(ActionForm):
    action = staticmethod(actions.repeal_item)
    submit_label = _("登记废止/失效")

    validity = forms.ChoiceField(
        label=_("有效性"),
        choices=[
            (ValidityChoice.REPEALED.value, ValidityChoice.REPEALED.label),
            (ValidityChoice.EXPIRED.value, ValidityChoice.EXPIRED.label),
        ],
    )
    repealed_on = date_field(_("失效/废止日期"), past_only=False)


class AttachmentForm(ActionForm):
    action = staticmethod(actions.add_attachment)
    submit_label = _("上传")

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


class DeleteAttachmentForm(ActionForm):
    action = staticmethod(actions.delete_attachment)
    submit_label = _("删除附件")
    help = _("信息发布前可以删除附件；已发布的附件保持发布时的样子，不能删除。")

    attachment = forms.ModelChoiceField(
        label=_("附件"),
        queryset=CatalogAttachment.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("请选择要删除的附件。"),
            "invalid_choice": _("附件不存在或不属于这条信息。"),
        },
    )

    def __init__(self, *args: Any, obj: CatalogItem, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, **kwargs)
        field = self.fields["attachment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = obj.attachments.order_by("uploaded_at", "pk")


#: The operations of the item page (``catalog:action``): label, form.
ITEM_FORMS: dict[str, tuple[Any, type[ActionForm]]] = {
    "review": (_("保密审查"), SecrecyReviewForm),
    "publish": (_("发布"), PublishForm),
    "amend": (_("登记修改"), AmendForm),
    "repeal": (_("登记废止/失效"), RepealForm),
    "attach": (_("上传附件"), AttachmentForm),
    "detach": (_("删除附件"), DeleteAttachmentForm),
}


# =============================================================================================
# The catalog tree
# =============================================================================================


class NodeForm(BootstrapForm):
    """A new node of a body's tree (the body is the page's)."""

    name = forms.CharField(
        label=_("目录名称"), max_length=100, error_messages={"required": _("请填写目录名称。")}
    )
    parent = forms.ModelChoiceField(
        label=_("上级目录"),
        queryset=CatalogNode.objects.none(),
        required=False,
        empty_label=_("（顶级目录）"),
        help_text=_("信息只能归入末级目录；已有信息的目录不能再添加下级目录。"),
        error_messages={"invalid_choice": _("所选上级目录不存在。")},
    )
    submit_label = _("添加")

    def __init__(self, *args: Any, user: Any, body: Body, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ModelChoiceField)
        parent.queryset = CatalogNode.objects.filter(body=body).order_by("order", "pk")


class RenameNodeForm(ActionForm):
    action = staticmethod(actions.rename_node)
    submit_label = _("重命名")

    name = forms.CharField(
        label=_("新名称"), max_length=100, error_messages={"required": _("请填写目录名称。")}
    )

    def __init__(self, *args: Any, obj: CatalogNode, **kwargs: Any) -> None:
        super().__init__(*args, obj=obj, **kwargs)
        self.initial.setdefault("name", obj.name)


class MoveNodeForm(ActionForm):
    """One place up or down among the siblings (``step``)."""

    action = staticmethod(actions.move_node)
    step: ClassVar[int]

    def action_kwargs(self) -> dict[str, Any]:
        return {"step": self.step}


class MoveNodeUpForm(MoveNodeForm):
    step = -1
    submit_label = _("上移")


class MoveNodeDownForm(MoveNodeForm):
    step = 1
    submit_label = _("下移")


class DeleteNodeForm(ActionForm):
    action = staticmethod(actions.delete_node)
    submit_label = _("删除")
    help = _("只能删除没有下级目录、也没有信息条目的目录。")


#: The operations on a node (``catalog:node``): label, form.
NODE_FORMS: dict[str, tuple[Any, type[ActionForm]]] = {
    "rename": (_("重命名目录"), RenameNodeForm),
    "up": (_("上移目录"), MoveNodeUpForm),
    "down": (_("下移目录"), MoveNodeDownForm),
    "delete": (_("删除目录"), DeleteNodeForm),
}


# =============================================================================================
# 政策解读
# =============================================================================================


class InterpretationForm(BootstrapForm):
    """Register a 解读 of a document (``instance`` None) or correct one (its ``version``
    carried). Its publication is an operation of its own (:class:`PublishInterpretationForm`)."""

    kind = forms.ChoiceField(
        label=_("解读形式"),
        choices=InterpretationKind.choices,
        error_messages={"required": _("请选择解读形式。")},
    )
    title = forms.CharField(
        label=_("标题"), max_length=300, error_messages={"required": _("请填写解读标题。")}
    )
    text = forms.CharField(
        label=_("解读内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("文字解读的正文；图解、视频或发布会可只填链接。"),
    )
    url = forms.CharField(
        label=_("链接"),
        required=False,
        max_length=500,
        help_text=_("视频、新闻发布会或图解页面的网址（http:// 或 https://）。"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, user: Any, instance: Interpretation | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is None:
            del self.fields["version"]
            self.submit_label = _("登记")
        else:
            self.submit_label = _("保存")
            if not self.is_bound:
                self.initial.update(
                    {name: getattr(instance, name) for name in actions.INTERPRETATION_FIELDS}
                )
                self.initial["version"] = instance.version

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in actions.INTERPRETATION_FIELDS}

    @property
    def expected_version(self) -> int | None:
        seen = self.cleaned_data.get("version")
        return int(seen) if seen is not None else None


class PublishInterpretationForm(ActionForm):
    """发布解读: the day it was published (timely within the body's working days)."""

    action = staticmethod(actions.publish_interpretation)
    submit_label = _("发布解读")
    help = _("解读应与规范性文件同步发布，最迟在本机关设定的工作日数内发布。")

    published_on = date_field(_("发布日期"))


#: The operations of a 解读's page.
INTERPRETATION_FORMS: dict[str, tuple[Any, type[ActionForm]]] = {
    "publish": (_("发布解读"), PublishInterpretationForm),
}


class ItemChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A catalog item shown by its title and publication date (linking a record to the item
    that published it: a meeting's minutes, a notice's posting)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}（{obj.published_on or _('未发布')}）"


class LinkItemForm(ActionForm):
    """Link a record of a body (a meeting's minutes, a notice) to one catalog item of that body,
    or none: a search by title narrows the items shown (at most ``SHOWN``, the linked one
    first); the POST accepts any item of the body. A subclass declares its ``field_name`` as an
    :class:`ItemChoiceField` and may say what to show before any search (:meth:`default_shown`).
    """

    field_name: ClassVar[str] = "item"
    SHOWN: ClassVar[int] = 20

    def __init__(self, *args: Any, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record = self.obj
        items = CatalogItem.objects.filter(body_id=record.body_id).order_by("-published_on", "-pk")
        field = self.fields[self.field_name]
        assert isinstance(field, forms.ModelChoiceField)
        linked = getattr(record, f"{self.field_name}_id")
        shown = items.filter(title__icontains=query) if query else self.default_shown(items)
        pks = list(shown.values_list("pk", flat=True)[: self.SHOWN])
        if linked and linked not in pks:
            pks.insert(0, linked)
        self.shown_pks = pks
        # A POST is checked against every item of the body; a form shown again after an error
        # lists the search's choice (full_clean), not all the body's items.
        field.queryset = items if self.is_bound else items.filter(pk__in=pks)
        if not self.is_bound:
            self.initial.setdefault(self.field_name, linked)

    def full_clean(self) -> None:
        super().full_clean()
        field = self.fields[self.field_name]
        assert isinstance(field, forms.ModelChoiceField)
        chosen = (getattr(self, "cleaned_data", None) or {}).get(self.field_name)
        pks = [chosen.pk, *self.shown_pks] if chosen is not None else self.shown_pks
        field.queryset = CatalogItem.objects.filter(pk__in=pks).order_by("-published_on", "-pk")

    def default_shown(self, items: QuerySet[CatalogItem]) -> QuerySet[CatalogItem]:
        """The items shown before the user searches."""
        return items
