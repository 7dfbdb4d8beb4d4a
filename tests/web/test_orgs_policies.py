"""Bodies, their tree, codes, lookup, and the permission policies (restrict, user_can)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client

from gongkai.apps.applications.models import Application
from gongkai.apps.orgs.models import Body, Membership
from gongkai.apps.orgs.services import BodyLookupError, add_member, create_body, lookup_body
from gongkai.apps.orgs.validators import (
    credit_code_check_char,
    org_code_check_char,
    validate_credit_code,
    validate_org_code,
)
from gongkai.kernel.audit import entries_for
from gongkai.kernel.permissions import policy_for, user_can

pytestmark = pytest.mark.django_db


def credit_code(body17: str) -> str:
    return body17 + credit_code_check_char(body17)


# -- codes --------------------------------------------------------------------------------------


def test_credit_code_check_character_of_a_published_code() -> None:
    # 国务院办公厅's published 统一社会信用代码.
    validate_credit_code("11100000000013127D")
    with pytest.raises(ValidationError, match="校验位"):
        validate_credit_code("11100000000013127E")
    with pytest.raises(ValidationError, match="格式"):
        validate_credit_code("1110000000001312")


def test_org_code_check_character() -> None:
    assert org_code_check_char("D2143569") == "X"  # GB 11714 example: D2143569-X
    validate_org_code("D2143569X")
    with pytest.raises(ValidationError):
        validate_org_code("D21435691")


def test_create_body_stores_credit_or_org_code_and_rejects_duplicates(county: Body) -> None:
    code = credit_code("11341122MB1234567")
    body = create_body("某某县应急管理局", code=code, parent=county)
    assert body.credit_code == code and body.org_code == ""
    other = create_body("某某县统计局", code="D2143569-X", parent=county)
    assert other.org_code == "D2143569X"
    with pytest.raises(ValidationError) as info:
        create_body("另一个机关", code=code)
    assert "统一社会信用代码" in str(info.value)
    with pytest.raises(ValidationError):
        create_body("某某县应急管理局")  # duplicate name


# -- the tree -----------------------------------------------------------------------------------


def test_materialised_path_and_subtree(county: Body, dept_a: Body, dept_b: Body) -> None:
    township = create_body("某某镇人民政府", parent=county, kind="township_government")
    school = create_body("某某镇中心学校", parent=township)
    assert county.path == f"/{county.pk}/"
    assert school.path == f"/{county.pk}/{township.pk}/{school.pk}/"
    assert school.depth == 2
    assert set(county.subtree()) == {county, dept_a, dept_b, township, school}
    assert set(township.subtree()) == {township, school}
    assert school.is_in_subtree_of(county) and not county.is_in_subtree_of(school)


def test_moving_a_body_moves_its_descendants(county: Body, dept_a: Body, dept_b: Body) -> None:
    child = create_body("教育局下属单位", parent=dept_a)
    dept_a.parent = dept_b
    dept_a.save()
    child.refresh_from_db()
    assert child.path == f"/{county.pk}/{dept_b.pk}/{dept_a.pk}/{child.pk}/"
    assert set(dept_b.subtree()) == {dept_b, dept_a, child}


def test_a_body_cannot_become_its_own_descendant(dept_a: Body) -> None:
    child = create_body("教育局下属单位", parent=dept_a)
    dept_a.parent = child
    with pytest.raises(ValidationError, match="上级机关"):
        dept_a.full_clean()
    with pytest.raises(ValidationError, match="上级机关"):
        dept_a.save()


def _admin_body_form(body: Body, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The admin's change form of ``body`` with its membership inline ``rows``."""
    data: dict[str, Any] = {
        name: getattr(body, name)
        for name in (
            "name", "short_name", "kind", "credit_code", "org_code", "office_name",
            "office_address", "office_postcode", "office_phone", "office_fax", "office_email",
            "office_hours", "report_deadline_month", "report_deadline_day",
            "correction_period_working_days",
        )
    }  # fmt: skip
    data["parent"] = body.parent_id or ""
    initial = sum(1 for row in rows if row.get("id"))
    data.update(
        {
            "memberships-TOTAL_FORMS": len(rows),
            "memberships-INITIAL_FORMS": initial,
            "memberships-MIN_NUM_FORMS": 0,
            "memberships-MAX_NUM_FORMS": 1000,
        }
    )
    for i, row in enumerate(rows):
        for key, value in {"body": body.pk, **row}.items():
            data[f"memberships-{i}-{key}"] = value
    return data


def test_body_changes_are_audited(
    client: Client, django_user_model: Any, dept_a: Body, clerk_a: Any, reviewer_a: Any
) -> None:
    """Created by the service, changed in the admin (the body and its memberships inline):
    every step is an entry of the audit log, by whom it was done."""
    assert [e.action for e in entries_for(dept_a)] == ["orgs.create_body"]
    assert ["name", "—", "某某县教育局"] in entries_for(dept_a).get().data["changes"]
    admin = django_user_model.objects.create_superuser("root", password="root-password-1")
    newcomer = django_user_model.objects.create_user("newcomer")
    client.force_login(admin)
    clerk = Membership.objects.get(user=clerk_a, body=dept_a)
    reviewer = Membership.objects.get(user=reviewer_a, body=dept_a)
    dept_a.short_name = "教育局"
    rows = [
        {"id": clerk.pk, "user": clerk_a.pk, "role": "reviewer"},  # changed
        {"id": reviewer.pk, "user": reviewer_a.pk, "role": "reviewer", "DELETE": "on"},
        {"user": newcomer.pk, "role": "clerk"},  # added
    ]
    response = client.post(f"/admin/orgs/body/{dept_a.pk}/change/", _admin_body_form(dept_a, rows))
    assert response.status_code == 302, response.content.decode()[-3000:]

    changed = list(entries_for(dept_a))
    assert [(e.action, e.user) for e in changed] == [
        ("orgs.create_body", None),
        ("admin.change", admin),
    ]
    assert changed[1].data["changes"] == [["short_name", "—", "教育局"]]  # no path, no depth
    role = list(entries_for(clerk))
    assert [(e.action, e.user) for e in role] == [
        ("orgs.add_member", None),
        ("admin.change", admin),
    ]
    assert role[1].data["changes"] == [["role", "经办人", "审核人"]]
    assert not Membership.objects.filter(pk=reviewer.pk).exists()
    assert [e.action for e in entries_for(reviewer)] == ["orgs.add_member", "admin.delete"]
    added = Membership.objects.get(user=newcomer, body=dept_a)
    assert [(e.action, e.user) for e in entries_for(added)] == [("admin.add", admin)]
    # The admin's 历史 page of the body is its trail.
    history = client.get(f"/admin/orgs/body/{dept_a.pk}/history/")
    assert history.status_code == 200 and "在系统管理中修改" in history.content.decode()


# -- lookup -------------------------------------------------------------------------------------


def test_lookup_body_by_code_or_name(county: Body) -> None:
    code = credit_code("11341122MB7654321")
    body = create_body("某某县审计局", code=code, parent=county)
    assert lookup_body(code) == body
    assert lookup_body(code.lower()) == body
    assert lookup_body(" 某某县审计局 ") == body
    org = create_body("某某县档案馆", code="D2143569X")
    assert lookup_body("D2143569-X") == org
    with pytest.raises(BodyLookupError, match="找不到机关"):
        lookup_body("不存在的局")
    with pytest.raises(BodyLookupError):
        lookup_body("")


def test_lookup_body_ambiguous_org_code(county: Body) -> None:
    create_body("甲机关", code="D2143569X")
    create_body("乙机关", code="D2143569X")
    with pytest.raises(BodyLookupError, match="多个机关"):
        lookup_body("D2143569X")


# -- the policy ---------------------------------------------------------------------------------


def test_clerk_sees_and_changes_only_own_body(
    clerk_a: Any, dept_a: Body, dept_b: Body, county: Body
) -> None:
    assert set(Body.objects.restrict(clerk_a)) == {dept_a}
    assert set(Body.objects.restrict(clerk_a, "change")) == {dept_a}
    assert user_can(clerk_a, "view", dept_a) and user_can(clerk_a, "change", dept_a)
    assert not user_can(clerk_a, "view", dept_b) and not user_can(clerk_a, "change", dept_b)
    assert not user_can(clerk_a, "view", county)
    assert not user_can(clerk_a, "approve", dept_a)


def test_supervisor_sees_subtree_and_changes_nothing(
    supervisor: Any, county: Body, dept_a: Body, dept_b: Body
) -> None:
    outside = create_body("别的县人民政府")
    assert set(Body.objects.restrict(supervisor)) == {county, dept_a, dept_b}
    assert not Body.objects.restrict(supervisor, "change").exists()
    assert user_can(supervisor, "view", dept_b) and not user_can(supervisor, "view", outside)
    assert not user_can(supervisor, "change", dept_a) and not user_can(
        supervisor, "approve", dept_a
    )


def test_anonymous_and_inactive_users_see_nothing(clerk_a: Any, dept_a: Body) -> None:
    anonymous = AnonymousUser()
    assert not Body.objects.restrict(anonymous).exists()
    assert not user_can(anonymous, "view", dept_a)
    assert not Body.objects.restrict(anonymous).exists()
    clerk_a.is_active = False
    clerk_a.save()
    assert not Body.objects.restrict(clerk_a).exists()


def test_superuser_sees_and_changes_everything(
    django_user_model: Any, dept_a: Body, dept_b: Body
) -> None:
    admin = django_user_model.objects.create_superuser("root", password="root-password-1")
    assert set(Body.objects.restrict(admin, "change")) >= {dept_a, dept_b}
    assert user_can(admin, "change", dept_b) and user_can(admin, "approve", dept_b)


def test_may_do_on_some_body_agrees_with_the_bodies(
    clerk_a: Any, reviewer_a: Any, supervisor: Any, django_user_model: Any
) -> None:
    nobody = django_user_model.objects.create_user("nobody")
    for user in (clerk_a, reviewer_a, supervisor, nobody, AnonymousUser()):
        for action in ("view", "change", "approve", "supervise"):
            expected = Body.objects.restrict(user, action).exists()
            assert policy_for(Body).user_has_permission(user, action) == expected, (user, action)
    assert policy_for(Membership).user_has_permission(supervisor, "view")
    assert not policy_for(Membership).user_has_permission(supervisor, "change")


def test_a_superuser_may_work_before_the_first_body(django_user_model: Any) -> None:
    admin = django_user_model.objects.create_superuser("root", password="root-password-1")
    assert not Body.objects.exists()
    assert policy_for(Body).user_has_permission(admin, "change")


def test_reviewer_approves(reviewer_a: Any, dept_a: Body, dept_b: Body) -> None:
    assert user_can(reviewer_a, "approve", dept_a) and user_can(reviewer_a, "change", dept_a)
    assert not user_can(reviewer_a, "approve", dept_b)


def test_restrict_applications_by_body(
    register: Any, clerk_a: Any, clerk_b: Any, supervisor: Any, dept_b: Body
) -> None:
    app_a = register()
    from gongkai.apps.applications.actions import register_application

    app_b = register_application(
        dept_b,
        channel="online",
        received_on=app_a.received_on,
        applicant_type="commercial",
        applicant_name="某公司",
        content="财政预算",
        acting_user=clerk_b,
    )
    assert list(Application.objects.restrict(clerk_a)) == [app_a]
    assert list(Application.objects.restrict(clerk_b)) == [app_b]
    assert set(Application.objects.restrict(supervisor)) == {app_a, app_b}
    assert not Application.objects.restrict(supervisor, "change").exists()
    assert not Application.objects.restrict(AnonymousUser()).exists()
    # Related rows follow their application's body.
    from gongkai.apps.applications.models import ApplicationEvent

    assert set(
        ApplicationEvent.objects.restrict(clerk_a).values_list("application", flat=True)
    ) == {app_a.pk}


def test_the_model_policy_answers_for_an_application(
    register: Any, clerk_a: Any, clerk_b: Any, supervisor: Any
) -> None:
    app = register()
    policy = policy_for(Application)
    assert policy.user_has_permission_for_instance(clerk_a, "change", app)
    assert not policy.user_has_permission_for_instance(clerk_b, "view", app)
    assert policy.user_has_permission_for_instance(supervisor, "view", app)
    assert not policy.user_has_permission_for_instance(supervisor, "change", app)
    assert not policy.user_has_permission_for_instance(clerk_a, "approve", app)
    assert list(policy.instances_user_has_permission_for(clerk_a, "change")) == [app]
    assert policy.user_has_permission(clerk_a, "change")
    assert not policy.user_has_permission(supervisor, "change")
    with pytest.raises(ValueError, match="unknown action"):
        policy.user_has_permission_for_instance(clerk_a, "delete", app)


def test_memberships_are_audited(clerk_a: Any, dept_a: Body) -> None:
    membership = Membership.objects.get(user=clerk_a, body=dept_a)
    assert add_member(clerk_a, dept_a, "clerk") == membership  # idempotent: nothing new
    assert [e.action for e in entries_for(membership)] == ["orgs.add_member"]
    assert ["role", "—", "经办人"] in entries_for(membership).get().data["changes"]
    assert list(Membership.objects.restrict(clerk_a)) == [membership]
