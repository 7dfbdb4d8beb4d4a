"""Actions on assessments: create (with the default indicator set), correct an indicator, give a
manual score with its evidence, publish.

Each is a typed function on the kernel's machinery (:func:`gongkai.kernel.actions.create` /
:func:`~gongkai.kernel.actions.locked`): the supervision's policy (``supervise`` on the
assessment's body: :mod:`gongkai.apps.assessment.policies`), one durable transaction, the
``version`` the user saw, one audit entry (``assessment.create`` …), Chinese messages. An
assessment is changed only while it is a draft; once published its sheets are what the bodies
see (the computed values still follow the records).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.assessment.choices import AssessmentStatus, IndicatorKind
from gongkai.apps.assessment.models import Assessment, Indicator, Score
from gongkai.apps.catalog.attachments import AttachmentRejected, CheckedUpload, check_upload
from gongkai.apps.orgs.models import Body
from gongkai.domain.assessment import DEFAULT_INDICATORS, WeightError, check_weights
from gongkai.kernel.actions import create, locked, require
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError, TransitionError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "INDICATOR_FIELDS",
    "create_assessment",
    "publish_assessment",
    "score_manual",
    "update_indicator",
]

#: The fields of an indicator the supervisor may correct (its kind and metric are fixed).
INDICATOR_FIELDS = ("label", "weight", "order", "description")

register_actions(
    {
        "assessment.create": gettext_lazy("创建考核"),
        "assessment.indicator_update": gettext_lazy("修改考核指标"),
        "assessment.score": gettext_lazy("人工评分"),
        "assessment.publish": gettext_lazy("发布考核结果"),
    }
)


def _denied(body: Body) -> str:
    return _("只有“%(body)s”的上级才能管理它的考核。") % {"body": body.name}


def _draft(assessment: Assessment) -> None:
    if assessment.status != AssessmentStatus.DRAFT:
        raise TransitionError(_("考核已发布，不能再修改指标或评分。"))


def create_assessment(
    body: Body,
    *,
    acting_user: UserLike | None,
    year: int,
    title: str = "",
    with_defaults: bool = True,
) -> Assessment:
    """A draft assessment of the bodies below ``body`` for ``year``, with the default
    indicators (five computed, two manual; 100 points) unless ``with_defaults`` is False."""
    title = title.strip() or _("%(year)d 年度政务公开工作考核") % {"year": year}
    assessment = Assessment(body=body, year=year, title=title)
    with transaction.atomic(durable=True):
        created = create(
            assessment,
            "assessment.create",
            acting_user=acting_user,
            permission="supervise",
            denied=_denied(body),
            durable=False,
            constraint_fields={_("本机关这一年度的考核已存在。"): "year"},
        )
        if with_defaults:
            Indicator.objects.bulk_create(
                Indicator(
                    assessment=created,
                    key=spec.key,
                    label=spec.label,
                    kind=spec.kind,
                    metric=spec.metric,
                    weight=spec.weight,
                    order=order,
                    description=spec.description,
                )
                for order, spec in enumerate(DEFAULT_INDICATORS, start=1)
            )
    return created


def update_indicator(
    indicator: Indicator,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    **fields: Any,
) -> Indicator:
    """Correct an indicator's label, weight (points), order or 评分标准 (a draft only)."""
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    with locked(
        indicator,
        "assessment.indicator_update",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_denied(indicator.assessment.body),
    ) as step:
        fresh = step.obj
        _draft(fresh.assessment)
        weight = fields.get("weight", fresh.weight)
        if weight is None or int(weight) < 0 or int(weight) > 100:
            raise ActionError.on_field("weight", _("分值应在 0 到 100 之间。"))
        for name, value in fields.items():
            setattr(fresh, name, value.strip() if isinstance(value, str) else value)
        if not fresh.label:
            raise ActionError.on_field("label", _("请填写指标名称。"))
        step.data["assessment"] = fresh.assessment_id
    return step.obj


def _checked_file(upload: UploadedFile) -> CheckedUpload:
    if upload.file is None:
        raise ActionError.on_field("evidence_file", _("没有收到上传的文件。"))
    try:
        return check_upload(upload.name or "", upload.size or 0, upload.file)
    except AttachmentRejected as exc:
        raise ActionError.on_field("evidence_file", str(exc)) from exc


def _attach(score: Score, upload: UploadedFile | None, checked: CheckedUpload | None) -> None:
    if upload is None or checked is None:
        return
    score.evidence_file = upload
    score.evidence_name = checked.name
    score.evidence_content_type = checked.content_type


def score_manual(
    indicator: Indicator,
    body: Body,
    *,
    acting_user: UserLike | None,
    value: Decimal,
    evidence: str = "",
    evidence_file: UploadedFile | None = None,
    expected_version: int | None = None,
) -> Score:
    """Give (or correct) ``body``'s score on a manual ``indicator``, with its evidence: at
    most the indicator's weight, with the 评分依据 written."""
    assessment = Assessment.objects.select_related("body").get(pk=indicator.assessment_id)
    require(acting_user, "change", assessment, _denied(assessment.body))
    if indicator.kind != IndicatorKind.MANUAL:
        raise TransitionError(
            _("“%(label)s”由平台计算，不能人工评分。") % {"label": indicator.label}
        )
    if body.pk == assessment.body_id or not body.is_in_subtree_of(assessment.body):
        raise ActionError(_("“%(body)s”不在本考核的范围内。") % {"body": body.name})
    _draft(assessment)
    if value is None or value < 0 or value > indicator.weight:
        raise ActionError.on_field(
            "value", _("得分应在 0 到 %(weight)d 分之间。") % {"weight": indicator.weight}
        )
    if not evidence.strip():
        raise ActionError.on_field("evidence", _("请填写评分依据。"))
    checked = _checked_file(evidence_file) if evidence_file is not None else None
    existing = Score.objects.filter(indicator=indicator, body=body).first()
    if existing is None:
        score = Score(
            assessment=assessment,
            body=body,
            indicator=indicator,
            value=value,
            evidence=evidence.strip(),
        )
        _attach(score, evidence_file, checked)
        return create(
            score,
            "assessment.score",
            acting_user=acting_user,
            denied=_denied(assessment.body),
            data={"indicator": indicator.label, "body": body.name},
        )
    with locked(
        existing,
        "assessment.score",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_denied(assessment.body),
        data={"indicator": indicator.label, "body": body.name},
    ) as step:
        _draft(step.obj.assessment)
        step.obj.value = value
        step.obj.evidence = evidence.strip()
        _attach(step.obj, evidence_file, checked)
    return step.obj


def publish_assessment(
    assessment: Assessment,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Assessment:
    """发布: the bodies see their sheets from now on. The weights must total 100."""
    with locked(
        assessment,
        "assessment.publish",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_denied(assessment.body),
    ) as step:
        fresh = step.obj
        _draft(fresh)
        weights = list(fresh.indicators.values_list("weight", flat=True))
        if not weights:
            raise ActionError(_("考核还没有指标，不能发布。"))
        try:
            check_weights(weights)
        except WeightError as exc:
            raise ActionError(str(exc)) from exc
        fresh.status = AssessmentStatus.PUBLISHED
        fresh.published_at = timezone.now()
    return step.obj
