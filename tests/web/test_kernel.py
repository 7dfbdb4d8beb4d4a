"""The kernel's machinery on its own: the action step (lock, version, permission before and
after saving, one audit entry), creation, the audit log and its viewer, the policies."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.apps.applications.models import Application
from gongkai.apps.orgs.models import Body
from gongkai.kernel.actions import create, locked
from gongkai.kernel.audit import entries_for, log_many, trail
from gongkai.kernel.errors import ActionError, ActionPermissionError, ConcurrentEditError
from gongkai.kernel.models import AuditEntry
from gongkai.kernel.permissions import policy_for

pytestmark = pytest.mark.django_db


def test_a_step_saves_bumps_the_version_and_writes_one_entry(register: Any, clerk_a: Any) -> None:
    app = register()
    with locked(app, "test.rename", acting_user=clerk_a, data={"note": "改名"}) as step:
        step.obj.applicant_name = "王五"
    fresh = Application.objects.get(pk=app.pk)
    assert (fresh.applicant_name, fresh.version) == ("王五", app.version + 1)
    entry = entries_for(app).last()
    assert entry is not None and (entry.action, entry.user) == ("test.rename", clerk_a)
    assert entry.data == {"note": "改名", "changes": [["applicant_name", "李四", "王五"]]}


def test_a_stale_version_changes_nothing(register: Any, clerk_a: Any) -> None:
    app = register()
    before = AuditEntry.objects.count()
    stale = app.version - 1
    with (
        pytest.raises(ConcurrentEditError, match="已被他人修改"),
        locked(app, "test.rename", acting_user=clerk_a, expected_version=stale),
    ):
        raise AssertionError("the step must not run")
    assert Application.objects.get(pk=app.pk).version == app.version
    assert AuditEntry.objects.count() == before


def test_permission_is_checked_again_on_the_saved_record(
    register: Any, clerk_a: Any, dept_b: Body
) -> None:
    """A change that would move the record out of the user's reach is rolled back."""
    app = register()
    before = AuditEntry.objects.count()
    with (
        pytest.raises(ActionPermissionError),
        locked(app, "test.move", acting_user=clerk_a) as step,
    ):
        step.obj.body = dept_b
    fresh = Application.objects.get(pk=app.pk)
    assert fresh.body_id == app.body_id and fresh.version == app.version
    assert AuditEntry.objects.count() == before


def test_who_may_not_change_is_refused_before_anything(
    register: Any, clerk_b: Any, supervisor: Any
) -> None:
    app = register()
    for user in (clerk_b, supervisor, AnonymousUser()):
        denied = "您没有办理这件申请的权限。"
        with (
            pytest.raises(ActionPermissionError, match="没有办理"),
            locked(app, "test.rename", acting_user=user, denied=denied),
        ):
            raise AssertionError("the step must not run")


def test_create_validates_and_logs_the_initial_values(dept_a: Body, clerk_a: Any) -> None:
    bad = Application(body=dept_a, number="x", channel="in_person", applicant_type="?")
    with pytest.raises(ActionError) as info:
        create(bad, "test.create", acting_user=clerk_a)
    assert "applicant_name" in info.value.field_errors
    assert not Application.objects.exists()


def test_personal_data_is_audited_without_its_value(register: Any, clerk_a: Any) -> None:
    app = register(id_number="110101199001011234", phone="13800000000")
    changes = {c[0]: c[1:] for c in entries_for(app).get().data["changes"]}
    assert changes["id_number"] == ["—", "（个人信息，不显示）"]
    assert changes["phone"] == ["—", "（个人信息，不显示）"]
    assert "110101199001011234" not in str(entries_for(app).get().data)


def test_the_trail_reads_labels_and_field_names(register: Any, clerk_a: Any) -> None:
    app = register()
    rows = trail(app)
    assert [(r.label, r.who) for r in rows] == [("登记", clerk_a.username)]
    assert any(c.field == "申请人" and c.new == "李四" for c in rows[0].changes)


def test_log_many_writes_one_entry_each(register: Any, clerk_a: Any) -> None:
    first, second = register(), register(received_on=date(2026, 9, 28))
    written = log_many(
        [(first, "test.bulk", {"note": "台账导入：a.xlsx", "row": 2}), (second, "test.bulk", None)],
        clerk_a,
    )
    assert written == 2
    entry = entries_for(first).get(action="test.bulk")
    assert entry.user == clerk_a and entry.data == {"note": "台账导入：a.xlsx", "row": 2}
    assert entries_for(second).filter(action="test.bulk").count() == 1


def test_every_model_with_records_of_a_body_has_a_policy() -> None:
    from django.apps import apps

    for model in apps.get_models():
        if any(f.name == "body" for f in model._meta.get_fields()):
            assert policy_for(model) is not None, model
    with pytest.raises(LookupError):
        policy_for(AuditEntry)


def test_number_columns_put_the_header_over_the_figure() -> None:
    """A count's header sits at the right edge with its figure (the 工作台's 按经办人统计 had
    right-aligned figures under left-aligned headers: each read as the next column's)."""
    from django.test import RequestFactory
    from lxml import html as lxml_html

    from gongkai.apps.applications.tables import ClerkLoadTable

    row = {"handler": None, "total": 3, "overdue": 0, "due_soon": 1, "waiting": 1}
    request = RequestFactory().get("/workbench/")
    request.user = AnonymousUser()
    tree = lxml_html.fromstring(ClerkLoadTable([row]).as_html(request))
    headers = {th.text_content().strip(): th.get("class", "") for th in tree.iter("th")}
    figures = [td.get("class", "") for td in tree.iter("td")][1:]
    for label in ("办理中", "已超期", "3 个工作日内到期", "待补正"):
        assert "text-end" in headers[label].split(), (label, headers)
    assert all("text-end" in c.split() for c in figures), figures


def test_radio_buttons_get_the_check_class_not_form_control() -> None:
    """A RadioSelect (关联纪要, 对应的目录信息, 处理结果) renders radio buttons, not one wide
    empty box per choice; after an error each radio is marked invalid, still as a radio."""
    from django import forms

    from gongkai.kernel.forms import BootstrapForm

    class Choose(BootstrapForm):
        pick = forms.ChoiceField(choices=[("a", "甲"), ("b", "乙")], widget=forms.RadioSelect)
        many = forms.MultipleChoiceField(
            choices=[("a", "甲")], widget=forms.CheckboxSelectMultiple, required=False
        )

    html = str(Choose()["pick"])
    assert html.count('type="radio"') == 2
    assert "form-control" not in html
    assert "class=" not in html
    assert "form-control" not in str(Choose()["many"])
    invalid = Choose(data={"pick": "z"})
    assert not invalid.is_valid()
    html = str(invalid["pick"])
    assert "form-control" not in html
    assert html.count('class="is-invalid"') == 3  # the group and its two radios
