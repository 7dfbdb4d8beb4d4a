"""Choice lists of the meetings app (labels as the annual report writes them:
:data:`gongkai.domain.openness.meetings.MEETING_KINDS`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["MeetingKind", "MinutesState"]


class MeetingKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("党委会议")
    EXECUTIVE = "executive", _("政府常务会议")
    PLENARY = "plenary", _("政府全体会议")
    SPECIAL = "special", _("专题会议")
    HEARING = "hearing", _("听证会")
    FORUM = "forum", _("座谈会")
    OTHER = "other", _("其他会议")


class MinutesState(models.TextChoices):
    """Whether the minutes are public today (list filter; not stored)."""

    PUBLISHED = "published", _("纪要已公开")
    UNPUBLISHED = "unpublished", _("纪要未公开")
