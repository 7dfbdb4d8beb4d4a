"""Actions on offline notices: register (登记公示), correct (修改), link the catalog item it
posts (关联目录信息), upload photos (上传照片).

Each on the kernel's machinery (:func:`gongkai.kernel.actions.create` /
:func:`~gongkai.kernel.actions.locked`): the body's policy (any 经办人/审核人/管理员 of the body —
the village agent is a 经办人 of the township —, never 上级), one durable transaction on the
locked row, the ``version`` the user saw, the model's constraints as Chinese messages on their
fields, one audit entry (``notices.record`` / ``.update`` / ``.link_item`` / ``.photos``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.notices.choices import PlaceKind
from gongkai.apps.notices.models import NoticePhoto, OfflineNotice
from gongkai.apps.notices.photos import MAX_PHOTOS, PhotoRejected, check_photo, photo_storage
from gongkai.apps.orgs.models import Body
from gongkai.kernel.actions import create, locked, user_or_none
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError, constraint_fields, validation_error

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["NOTICE_FIELDS", "add_photos", "link_item", "record_notice", "update_notice"]

NOTICE_FIELDS = ("channel", "place_kind", "place_name", "title", "posted_on", "taken_down_on")

register_actions(
    {
        "notices.record": gettext_lazy("登记公示"),
        "notices.update": gettext_lazy("修改公示"),
        "notices.link_item": gettext_lazy("关联目录信息"),
        "notices.photos": gettext_lazy("上传照片"),
    }
)


def _denied(body: Body) -> str:
    return _("您没有登记或修改“%(body)s”公示与广播的权限。") % {"body": body.name}


@cache
def _constraint_fields() -> dict[str, str]:
    targets = {
        "notice_channel_known": "channel",
        "notice_down_not_before_posted": "taken_down_on",
        "notice_place_named": "place_name",
    }
    return constraint_fields([OfflineNotice], targets)


def _tidy(fields: dict[str, Any]) -> dict[str, Any]:
    tidy = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if tidy.get("place_kind") == PlaceKind.BODY:
        tidy["place_name"] = ""
    return tidy


def record_notice(
    body: Body,
    *,
    acting_user: UserLike | None,
    channel: str,
    title: str,
    posted_on: date,
    place_kind: str = PlaceKind.BODY,
    place_name: str = "",
    taken_down_on: date | None = None,
    item: CatalogItem | None = None,
) -> OfflineNotice:
    """Register a notice ``body`` posted (aired)."""
    notice = OfflineNotice(
        body=body,
        item=item,
        **_tidy(
            {
                "channel": channel,
                "place_kind": place_kind,
                "place_name": place_name,
                "title": title,
                "posted_on": posted_on,
                "taken_down_on": taken_down_on,
            }
        ),
    )
    if item is not None and item.body_id != body.pk:
        raise ActionError.on_field(
            "item", _("只能关联本机关（%(body)s）的目录信息。") % {"body": body.name}
        )
    return create(
        notice,
        "notices.record",
        acting_user=acting_user,
        denied=_denied(body),
        constraint_fields=_constraint_fields(),
    )


def _validated(notice: OfflineNotice) -> None:
    try:
        notice.full_clean()
    except ValidationError as exc:
        raise validation_error(exc, _constraint_fields()) from exc


def update_notice(
    notice: OfflineNotice,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    **fields: Any,
) -> OfflineNotice:
    """Correct the registered fields of a notice."""
    unknown = set(fields) - set(NOTICE_FIELDS)
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    with locked(
        notice,
        "notices.update",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_denied(notice.body),
    ) as step:
        fresh = step.obj
        for name, value in _tidy({"place_kind": fresh.place_kind, **fields}).items():
            setattr(fresh, name, value)
        _validated(fresh)
    return step.obj


def link_item(
    notice: OfflineNotice,
    item: CatalogItem | None,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> OfflineNotice:
    """关联目录信息: the catalog item of the body the notice posts (None: remove the link). A
    linked notice no longer counts as a channel publication of its own."""
    with locked(
        notice,
        "notices.link_item",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_denied(notice.body),
    ) as step:
        fresh = step.obj
        if item is not None and item.body_id != fresh.body_id:
            raise ActionError.on_field(
                "item", _("只能关联本机关（%(body)s）的目录信息。") % {"body": fresh.body.name}
            )
        fresh.item = item
        step.data["item"] = item.title if item is not None else ""
        step.data["note"] = (
            _("关联目录信息：%(item)s") % {"item": item.title} if item else _("取消关联目录信息")
        )
    return step.obj


def add_photos(
    notice: OfflineNotice,
    photos: Sequence[UploadedFile],
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> OfflineNotice:
    """上传照片: store one or more photos of the notice after :func:`photos.check_photo` (an
    image by its content, within the size cap, EXIF removed); all or none — one refused photo
    refuses the upload, naming the file."""
    if not photos:
        raise ActionError.on_field("photos", _("请选择要上传的照片。"))
    if len(photos) > MAX_PHOTOS:
        raise ActionError.on_field("photos", _("一次最多上传 %(n)d 张照片。") % {"n": MAX_PHOTOS})
    stored: list[str] = []
    try:
        with locked(
            notice,
            "notices.photos",
            acting_user=acting_user,
            expected_version=expected_version,
            denied=_denied(notice.body),
        ) as step:
            seen = set(step.obj.photos.values_list("sha256", flat=True))
            checked = []
            for upload in photos:
                try:
                    photo = check_photo(upload.name or "", upload.size or 0, upload)
                except PhotoRejected as exc:
                    raise ActionError.on_field("photos", str(exc)) from exc
                if photo.sha256 in seen:
                    raise ActionError.on_field(
                        "photos",
                        _("照片“%(name)s”已经上传过，不再重复保存。") % {"name": photo.name},
                    )
                seen.add(photo.sha256)
                checked.append(photo)
            for photo in checked:
                record = NoticePhoto(
                    notice=step.obj,
                    original_name=photo.name,
                    size=len(photo.data),
                    content_type=photo.content_type,
                    sha256=photo.sha256,
                    uploaded_by=user_or_none(acting_user),
                )
                record.file.save(photo.name, ContentFile(photo.data), save=False)
                stored.append(record.file.name or "")
                record.save()
            step.data["photos"] = [p.name for p in checked]
            step.data["note"] = _("照片：%(names)s") % {"names": "、".join(p.name for p in checked)}
    except BaseException:
        for name in stored:
            photo_storage().delete(name)
        raise
    return step.obj
