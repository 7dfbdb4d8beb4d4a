"""URLs of the 信箱来信 and 建议提案 pages (mounted at /engagement/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.engagement import views

__all__ = ["app_name", "urlpatterns"]

app_name = "engagement"

urlpatterns = [
    path("", views.EngagementIndexView.as_view(), name="index"),
    path("mailbox/", views.MailboxListView.as_view(), name="mailbox_list"),
    path("mailbox/new/", views.MailboxCreateView.as_view(), name="mailbox_new"),
    path("mailbox/<int:pk>/", views.MailboxDetailView.as_view(), name="mailbox_detail"),
    path("mailbox/<int:pk>/edit/", views.MailboxEditView.as_view(), name="mailbox_edit"),
    path("mailbox/<int:pk>/reply/", views.MailboxReplyView.as_view(), name="mailbox_reply"),
    path("mailbox/<int:pk>/publish/", views.MailboxPublishView.as_view(), name="mailbox_publish"),
    path("proposals/", views.ProposalListView.as_view(), name="proposal_list"),
    path("proposals/new/", views.ProposalCreateView.as_view(), name="proposal_new"),
    path("proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("proposals/<int:pk>/edit/", views.ProposalEditView.as_view(), name="proposal_edit"),
    path("proposals/<int:pk>/reply/", views.ProposalReplyView.as_view(), name="proposal_reply"),
    path(
        "proposals/<int:pk>/publish/",
        views.ProposalPublishView.as_view(),
        name="proposal_publish",
    ),
]
