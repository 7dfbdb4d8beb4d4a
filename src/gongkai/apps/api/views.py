"""The token page of a body (generic views only): its tokens, create one (shown once), revoke
one — the body's 管理员 only (``administer``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.api.forms import CreateTokenForm, RevokeTokenForm
from gongkai.apps.api.models import ApiToken
from gongkai.apps.orgs.models import Body
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import ActionSpec, ObjectActionView, ObjectDetailView

__all__ = ["routes"]

routes = Routes("api_tokens")
DENIED = gettext_lazy("只有本机关的管理员可以创建和吊销接口令牌。")


@routes("bodies/<int:pk>/", "body")
class BodyTokensView(ObjectDetailView):
    """/api-tokens/bodies/<pk>/: the body's API tokens (名称, 创建人, 创建/最近使用/吊销时间)."""

    queryset = Body.objects.all()
    template_name = "api/body.html"

    def get_title(self) -> str:
        return _("%(body)s 接口令牌") % {"body": self.object}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        body: Body = self.object
        context.update(
            body=body,
            may_administer=self.user_can("administer", body),
            tokens=ApiToken.objects.filter(body=body).select_related("created_by"),
        )
        return context


@routes("bodies/<int:pk>/actions/<slug:op>/", "create")
class CreateTokenView(ObjectActionView):
    """/api-tokens/bodies/<pk>/actions/create/: a new token, shown on the answer page once."""

    queryset = Body.objects.all()
    operations = {
        "create": ActionSpec(gettext_lazy("创建接口令牌"), CreateTokenForm, "administer", DENIED)
    }
    secret: str | None = None

    def get_cancel_url(self) -> str:
        return reverse("api_tokens:body", kwargs={"pk": self.kwargs["pk"]})

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def save(self, form: Any) -> Any:
        token, self.secret = form.perform()
        return token

    def success_message(self, obj: Any) -> str:
        return _("已创建接口令牌“%(name)s”。") % {"name": obj.name}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        if self.secret is None:
            return response
        page = self.response_class(
            request=self.request,
            template=["api/token_created.html"],
            context={
                **self.get_context_data(form=form),
                "token": self.object,
                "secret": self.secret,
            },
        )
        page["Cache-Control"] = "no-store"
        return page


@routes("<int:pk>/actions/<slug:op>/", "revoke")
class RevokeTokenView(ObjectActionView):
    """/api-tokens/<pk>/actions/revoke/: revoke a token (管理员)."""

    queryset = ApiToken.objects.select_related("body")
    operations = {
        "revoke": ActionSpec(gettext_lazy("吊销接口令牌"), RevokeTokenForm, "administer", DENIED)
    }

    def available(self, op: str, obj: ApiToken) -> bool:
        return not obj.is_revoked

    def state_message(self, op: str, obj: ApiToken) -> str:
        return _("这个令牌已经吊销。")

    def get_cancel_url(self) -> str:
        token = self.get_object() if self.object is None else self.object
        return reverse("api_tokens:body", kwargs={"pk": token.body_id})

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def success_message(self, obj: Any) -> str:
        return _("已吊销接口令牌“%(name)s”。") % {"name": obj.name}
