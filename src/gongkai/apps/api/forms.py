"""The forms of the token page: create (a name) and revoke (a confirmation)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from gongkai.apps.api import actions
from gongkai.kernel.views import ActionForm

__all__ = ["CreateTokenForm", "RevokeTokenForm"]


class CreateTokenForm(ActionForm):
    action = staticmethod(actions.create_token)
    submit_label = gettext_lazy("创建令牌")
    help = gettext_lazy(
        "令牌让本机关的其他系统（如公文系统）通过开放接口登记主动公开目录条目，"
        "以您的名义办理，只能写入本机关。令牌只在创建后显示一次，请立即保存到该系统。"
    )

    name = forms.CharField(label=gettext_lazy("名称（使用它的系统）"), max_length=100)


class RevokeTokenForm(ActionForm):
    action = staticmethod(actions.revoke_token)
    submit_label = gettext_lazy("吊销")
    help = gettext_lazy("吊销后，使用这个令牌的请求都被拒绝；吊销不能撤回。")
