"""URLs of the 信箱来信 and 建议提案 pages (mounted at /engagement/).

/engagement/ is the first register (信箱来信). 登记答复 and 公开答复 are the two operations of
the kernel's action view (``op``), each at its own address.
"""

from __future__ import annotations

from django.urls import path

from gongkai.apps.engagement import views

__all__ = ["app_name", "urlpatterns"]

app_name = "engagement"

_mailbox = views.MailboxEditView.as_view()
_proposal = views.ProposalEditView.as_view()
_mailbox_action = views.MailboxActionView.as_view()
_proposal_action = views.ProposalActionView.as_view()

urlpatterns = [
    path("", views.MailboxListView.as_view(), name="index"),
    path("mailbox/", views.MailboxListView.as_view(), name="mailbox_list"),
    path("mailbox/new/", _mailbox, name="mailbox_new"),
    path("mailbox/<int:pk>/", views.MailboxDetailView.as_view(), name="mailbox_detail"),
    path("mailbox/<int:pk>/edit/", _mailbox, name="mailbox_edit"),
    path("mailbox/<int:pk>/reply/", _mailbox_action, {"op": "reply"}, name="mailbox_reply"),
    path("mailbox/<int:pk>/publish/", _mailbox_action, {"op": "publish"}, name="mailbox_publish"),
    path("proposals/", views.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/new/", _proposal, name="proposal_new"),
    path("proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("proposals/<int:pk>/edit/", _proposal, name="proposal_edit"),
    path("proposals/<int:pk>/reply/", _proposal_action, {"op": "reply"}, name="proposal_reply"),
    path(
        "proposals/<int:pk>/publish/",
        _proposal_action,
        {"op": "publish"},
        name="proposal_publish",
    ),
]
