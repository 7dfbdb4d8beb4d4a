"""The letters pages (generic views only): make a letter of a case (the case page's 文书
panel posts here), download it as issued, and a body's templates and letter settings
(downloaded by anyone who sees the body, changed by its 管理员)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications.models import Application
from gongkai.apps.letters.forms import (
    LetterSettingsForm,
    generate_form,
    reset_form,
    upload_form,
)
from gongkai.apps.letters.jobs import pdf_of
from gongkai.apps.letters.models import Letter, LetterTemplate
from gongkai.apps.letters.services import application_facts, current_template
from gongkai.apps.orgs.models import Body
from gongkai.domain.letters import (
    REQUIRED_PLACEHOLDERS,
    LetterKind,
    default_template,
    letters_called_for,
)
from gongkai.kernel.stored_pdf import pdf_response
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    DownloadView,
    ObjectActionView,
    ObjectDetailView,
    PageView,
)

__all__ = [
    "DOCX",
    "BodyLettersActionView",
    "BodyLettersView",
    "GenerateLetterView",
    "LetterDownloadView",
    "LettersIndexView",
    "TemplateDownloadView",
    "routes",
]

routes = Routes("letters")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _kind(value: str) -> LetterKind:
    try:
        return LetterKind(value)
    except ValueError:
        raise Http404(_("没有这种文书。")) from None


@routes("", "index")
class LettersIndexView(PageView):
    """/letters/: the bodies whose letter templates and settings the user may see."""

    template_name = "letters/index.html"
    title = gettext_lazy("文书模板")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        administered = set(Body.objects.restrict(user, "administer").values_list("pk", flat=True))
        context["bodies"] = [
            (body, body.pk in administered) for body in Body.objects.restrict(user, "view")
        ]
        return context


@dataclass(frozen=True)
class TemplateRow:
    kind: LetterKind
    current: LetterTemplate | None
    placeholders: list[str]


@routes("bodies/<int:pk>/", "body")
class BodyLettersView(ObjectDetailView):
    """/letters/bodies/<pk>/: each kind of letter, its default and current template, the
    placeholders a template must keep; the body's 文号 prefix and 救济途径 bodies."""

    queryset = Body.objects.all()
    template_name = "letters/body.html"

    def get_title(self) -> str:
        return _("%(body)s 文书模板") % {"body": self.object}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        body: Body = self.object
        current = {t.kind: t for t in LetterTemplate.objects.current().filter(body=body)}
        context.update(
            body=body,
            may_administer=self.user_can("administer", body),
            rows=[
                TemplateRow(kind, current.get(kind.value), sorted(REQUIRED_PLACEHOLDERS[kind]))
                for kind in LetterKind
            ],
        )
        return context


@routes("bodies/<int:pk>/templates/<slug:kind>/<slug:which>/", "template")
class TemplateDownloadView(DownloadView):
    """/letters/bodies/<pk>/templates/<kind>/default|current/: a template as a .docx (the
    current one is the body's upload, else the default)."""

    queryset = Body.objects.all()

    def get_file(self) -> tuple[bytes, str, str]:
        body = self.get_object()
        kind = _kind(self.kwargs["kind"])
        which = self.kwargs["which"]
        if which == "default":
            return default_template(kind), f"{kind.label}（默认模板）.docx", DOCX
        if which != "current":
            raise Http404(_("没有这个模板。"))
        template = current_template(body, kind)
        if template is None:
            return default_template(kind), f"{kind.label}（默认模板）.docx", DOCX
        return bytes(template.data), f"{kind.label}（{body.name}）.docx", DOCX


def _body_operations() -> dict[str, ActionSpec]:
    denied = gettext_lazy("只有本机关的管理员可以修改文书模板和文书设置。")
    operations = {
        "settings": ActionSpec(
            gettext_lazy("修改文书设置"), LetterSettingsForm, "administer", denied
        )
    }
    for kind in LetterKind:
        operations[f"upload-{kind.value}"] = ActionSpec(
            _("上传%(letter)s模板") % {"letter": kind.label},
            upload_form(kind),
            "administer",
            denied,
        )
        operations[f"reset-{kind.value}"] = ActionSpec(
            _("恢复%(letter)s默认模板") % {"letter": kind.label},
            reset_form(kind),
            "administer",
            denied,
        )
    return operations


@routes("bodies/<int:pk>/actions/<slug:op>/", "body_action")
class BodyLettersActionView(ObjectActionView):
    """/letters/bodies/<pk>/actions/<op>/: settings, upload-<kind>, reset-<kind> (管理员)."""

    queryset = Body.objects.all()
    operations = _body_operations()

    def available(self, op: str, obj: Body) -> bool:
        if op.startswith("reset-"):
            return current_template(obj, LetterKind(op.removeprefix("reset-"))) is not None
        return True

    def state_message(self, op: str, obj: Body) -> str:
        return _("已经在使用默认模板。")

    def get_cancel_url(self) -> str:
        # After the step ``self.object`` is what the action returned (an uploaded template).
        return reverse("letters:body", kwargs={"pk": self.kwargs["pk"]})

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def success_message(self, obj: Any) -> str:
        if self.op == "settings":
            return _(
                "已保存文书设置：文号前缀“%(prefix)s”，行政复议机关“%(rb)s”，人民法院“%(court)s”，"
                "缴费方式“%(pay)s”。"
            ) % {
                "prefix": obj.letter_number_prefix or "—",
                "rb": obj.reconsideration_body or "—",
                "court": obj.court or "—",
                "pay": obj.fee_payment_info or "—",
            }
        kind = LetterKind(self.op.split("-", 1)[1])
        if self.op.startswith("upload-"):
            return _("已启用上传的%(letter)s模板（%(name)s），下一份%(letter)s将按它制作。") % {
                "letter": kind.label,
                "name": obj.filename or obj.sha256[:8],
            }
        return _("%(letter)s已恢复为默认模板。") % {"letter": kind.label}


@routes("applications/<int:pk>/actions/<slug:op>/", "generate")
class GenerateLetterView(ObjectActionView):
    """/letters/applications/<pk>/actions/<kind>/: make a letter the case calls for."""

    queryset = Application.objects.select_related("body")
    operations = {
        kind.value: ActionSpec(
            _("制作%(letter)s") % {"letter": kind.label},
            generate_form(kind),
            "change",
            gettext_lazy("您只能查看这件申请，不能制作文书。"),
        )
        for kind in LetterKind
    }

    def available(self, op: str, obj: Application) -> bool:
        return LetterKind(op) in letters_called_for(application_facts(obj))

    def state_message(self, op: str, obj: Application) -> str:
        return _("这件申请目前不需要%(letter)s。") % {"letter": LetterKind(op).label}

    def get_cancel_url(self) -> str:
        # After the step ``self.object`` is the letter made; the page goes back to the case.
        return reverse("applications:detail", kwargs={"pk": self.kwargs["pk"]})

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def success_message(self, obj: Letter) -> str:
        return _("已制作%(letter)s，文号 %(number)s，成文日期 %(on)s，已记入办理记录。") % {
            "letter": obj.get_kind_display(),
            "number": obj.number,
            "on": obj.issued_on.isoformat(),
        }


@routes("<int:pk>/download/", "download")
class LetterDownloadView(DownloadView):
    """/letters/<pk>/download/: the letter's Word file exactly as it was issued; ``?fmt=pdf``
    its PDF, made from that file by a background job and stored
    (:func:`gongkai.apps.letters.jobs.pdf_of`): the file, or a page that says it is being made
    (202) or why it cannot be (503, LibreOffice missing) beside the Word file."""

    queryset = Letter.objects.select_related("application")

    def get_file(self) -> tuple[bytes, str, str]:
        letter: Letter = self.get_object()
        return bytes(letter.data), f"{letter.filename_stem}.docx", DOCX

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.GET.get("fmt") != "pdf":
            return super().get(request, *args, **kwargs)
        letter: Letter = self.get_object()
        return pdf_response(
            request,
            pdf_of(letter),
            title=letter.filename_stem,
            word_url=letter.get_absolute_url(),
            back_url=letter.application.get_absolute_url(),
            back_label=_("返回申请"),
        )
