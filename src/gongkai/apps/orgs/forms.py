"""Form pieces about bodies that every feature app's register shares."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import BootstrapForm

__all__ = ["BodyRecordForm", "body_choice_field"]


_BODY_LABEL = _("承办机关")
_BODY_REQUIRED = _("请选择承办机关。")


def body_choice_field(label: Any = _BODY_LABEL, required: Any = _BODY_REQUIRED) -> Any:
    """The body a new record is registered for, chosen among the user's (the queryset is set by
    :class:`BodyRecordForm`)."""
    return forms.ModelChoiceField(
        label=label,
        queryset=Body.objects.none(),
        empty_label=None,
        error_messages={"required": required, "invalid_choice": _("您不能为所选机关登记。")},
    )


class BodyRecordForm(BootstrapForm):
    """The registered fields of a body's record: a registration (``instance`` None: the body
    chosen among those the user may change) or a correction (the body fixed, the ``version``
    the user saw carried, so a form opened before someone else's change is refused instead of
    overwriting it). A subclass names its fields in ``editable`` (as its actions take them) and
    may redeclare ``body`` with its own label (:func:`body_choice_field`)."""

    editable: ClassVar[tuple[str, ...]] = ()

    body = body_choice_field()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, instance: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance = instance
        if instance is None:
            body_field = self.fields["body"]
            assert isinstance(body_field, forms.ModelChoiceField)
            body_field.queryset = Body.objects.restrict(user, "change").order_by("path")
            del self.fields["version"]
            self.submit_label = _("登记")
            if not self.is_bound:
                for name, value in self.initial_for_new().items():
                    self.initial.setdefault(name, value)
        else:
            del self.fields["body"]
            self.submit_label = _("保存")
            if not self.is_bound:
                self.initial.update({name: getattr(instance, name) for name in self.editable})
                self.initial["version"] = instance.version

    def initial_for_new(self) -> dict[str, Any]:
        """Defaults of a new record's empty form (e.g. today's date)."""
        return {}

    def values(self) -> dict[str, Any]:
        """The registered fields as the action takes them."""
        return {name: self.cleaned_data[name] for name in self.editable}

    @property
    def expected_version(self) -> int | None:
        """The version the user saw (None on a form without it: the record as loaded)."""
        seen = self.cleaned_data.get("version")
        return int(seen) if seen is not None else None
