"""Form pieces every app uses: Bootstrap widgets, dates, notes, the version a form carries,
an action's errors on a form, the ledger upload, the login form."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.forms import BoundField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.kernel.errors import ActionError

__all__ = [
    "CONFIRMATION",
    "BootstrapBoundField",
    "BootstrapForm",
    "BootstrapModelForm",
    "DateInput",
    "LedgerUploadForm",
    "LoginForm",
    "PhoneInput",
    "apply_action_error",
    "bootstrapify",
    "confirmation_field",
    "date_field",
    "human_size",
    "not_in_future",
    "note_field",
    "upload_too_large",
]


class DateInput(forms.DateInput):
    """The browser's date picker; the value is ISO ``YYYY-MM-DD``."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PhoneInput(forms.TextInput):
    """A telephone number: ``type="tel"`` (a phone brings up its number pad) and the browser's
    own suggestion of the user's number (``autocomplete="tel"``)."""

    input_type = "tel"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"inputmode": "tel", "autocomplete": "tel", **(attrs or {})})


class BootstrapBoundField(BoundField):
    """Marks a field with errors ``is-invalid`` when it is rendered (after validation)."""

    def build_widget_attrs(self, attrs: Any, widget: Any = None) -> Any:
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            # These attrs override the widget's own: keep its form-control / form-select.
            widget = widget or self.field.widget
            base = attrs.get("class") or widget.attrs.get("class", "")
            attrs["class"] = f"{base} is-invalid".strip()
        return attrs


def bootstrapify(form: forms.BaseForm) -> None:
    """Bootstrap classes on every widget (``form-select``, ``form-check-input``, ``form-control``;
    none on radio buttons and checkbox lists)
    and a Chinese empty choice.

    Call it in ``__init__``; it must not validate the form (a subclass may still change a
    field's choices after it runs).
    """
    form.bound_field_class = BootstrapBoundField
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == "---------":
                field.empty_label = _("请选择")
        elif isinstance(field, forms.ChoiceField):
            choices: list[Any] = list(field.choices)  # type: ignore[arg-type]
            if choices and choices[0] == ("", "---------"):
                field.choices = [("", _("请选择")), *choices[1:]]
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.RadioSelect):
            # RadioSelect (and CheckboxSelectMultiple, a RadioSelect) puts the class both on
            # its wrapping <div> and on each choice's <input>: form-control drew every radio
            # as a wide empty box, form-check-input would shrink the wrapper to a 1em box.
            # Native radio buttons and checkboxes, no class.
            widget.attrs.pop("class", None)
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = css


class BootstrapForm(forms.Form):
    """A form with :func:`bootstrapify` applied."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class BootstrapModelForm(forms.ModelForm):  # type: ignore[type-arg]
    """A model form with :func:`bootstrapify` applied."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrapify(self)


def not_in_future(value: date) -> None:
    """A recorded fact cannot have happened after today."""
    if value > timezone.localdate():
        raise forms.ValidationError(
            _("日期 %(date)s 晚于今天，请填写实际发生的日期。"),
            code="future",
            params={"date": value.isoformat()},
        )


def date_field(
    label: Any, *, required: bool = True, help_text: Any = "", past_only: bool = True
) -> forms.DateField:
    """A date with the browser's picker; ``past_only``: a recorded fact, not after today."""
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        validators=[not_in_future] if past_only else [],
        help_text=help_text,
        error_messages={
            "required": _("请填写%(label)s。") % {"label": label},
            "invalid": _("请按“年-月-日”填写日期，例如 2026-03-02。"),
        },
    )


_NOTE_LABEL = _("说明")


def note_field(label: Any = _NOTE_LABEL, *, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写%(label)s。") % {"label": label}},
    )


#: The name of the confirmation box of a step (:func:`confirmation_field`): input of the
#: form, not a parameter of its action (:meth:`gongkai.kernel.views.ActionForm.action_kwargs`).
CONFIRMATION = "confirmed"


def confirmation_field(label: Any, refused: Any) -> forms.BooleanField:
    """The box a step that cannot simply be taken back needs ticked (name it
    :data:`CONFIRMATION`): the server refuses the step without it, and the form comes back
    with ``refused`` on the box and the rest as posted — the confirmation page."""
    return forms.BooleanField(
        label=label,
        required=True,
        error_messages={"required": refused},
        widget=forms.CheckboxInput(attrs={"data-testid": "confirm-step"}),
    )


def apply_action_error(
    form: forms.BaseForm, exc: ActionError, aliases: Mapping[str, str] | None = None
) -> None:
    """Put an action's Chinese errors on the form's fields (``aliases``: the action's name of a
    field → the form's), or on the form as a whole when none of them names a field of it."""
    placed = False
    for name, errors in exc.field_errors.items():
        target = (aliases or {}).get(name, name)
        if target in form.fields:
            for error in errors:
                form.add_error(target, error)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def upload_too_large(name: str, size: int) -> str | None:
    """Why the upload ``name`` of ``size`` bytes is refused (over ``GONGKAI_MAX_UPLOAD_BYTES``),
    naming the file, its size and the limit; None when it is within the limit. The one check
    of the ledger page and of the API's ledger import (413)."""
    limit = int(settings.GONGKAI_MAX_UPLOAD_BYTES)
    if size <= limit:
        return None
    return str(
        _("文件“%(name)s”有 %(size)s，超过上限 %(limit)s，请拆分后分别导入。")
        % {"name": name, "size": human_size(size), "limit": human_size(limit)}
    )


def human_size(size: int) -> str:
    """A byte count as people read it: ``512 B``, ``12.3 KB``, ``5 MB``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    if size >= 1024:
        return f"{size / 1024:.3g} KB"
    return f"{size} B"


class LedgerUploadForm(BootstrapForm):
    """The upload of a ledger file (.xlsx or .csv), size-checked; a page adds its own fields
    (the ledger kind) in a subclass."""

    file = forms.FileField(
        label=_("台账文件"),
        help_text=_("Excel（.xlsx）或 CSV（UTF-8）文件，表头为台账的中文列名。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": _("请选择要导入的台账文件。")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        refused = upload_too_large(upload.name, upload.size)
        if refused:
            raise forms.ValidationError(refused)
        return upload


class LoginForm(AuthenticationForm):
    """Django's login form with Chinese labels and Bootstrap widgets."""

    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "username", "class": "form-control"}
        ),
    )
    password = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "form-control"}
        ),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("用户名或密码不正确。请注意两者都区分大小写。"),
        "inactive": _("该账号已停用。"),
    }
