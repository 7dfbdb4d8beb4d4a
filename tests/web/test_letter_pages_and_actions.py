"""Letters of a case (issue 12): made from the records, numbered, stored as issued, recorded on
the case; a body's templates (upload checked, reset) and settings, changed by its 管理员."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from letters_world import (
    REPLIED,
    corrected_case,
    docx_text,
    extended_case,
    make_admin,
    replied_case,
    set_up_body,
    without_placeholder,
)

from gongkai.apps.applications.choices import EventKind
from gongkai.apps.letters.actions import (
    generate_letter,
    reset_template,
    set_letter_settings,
    upload_template,
)
from gongkai.apps.letters.models import Letter, LetterCounter, LetterTemplate
from gongkai.domain.letters import REQUIRED_PLACEHOLDERS, LetterKind, default_template
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import ActionError, ActionPermissionError

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(dept_a: Any) -> Any:
    return set_up_body(dept_a)


@pytest.fixture
def admin_a(django_user_model: Any, body: Any) -> Any:
    return make_admin(django_user_model, body)


def test_a_reply_letter_is_numbered_stored_and_recorded_on_the_case(
    body: Any, register: Any, clerk_a: Any
) -> None:
    app = replied_case(register, clerk_a)

    letter = generate_letter(app, "reply", acting_user=clerk_a)

    assert letter.number == "某教信公〔2026〕1号"
    assert letter.issued_on == REPLIED  # the letter bears the reply date of the file
    assert letter.template is None
    assert (
        letter.template_sha256
        == __import__("hashlib").sha256(default_template(LetterKind.REPLY)).hexdigest()
    )
    text = docx_text(bytes(letter.data))
    assert "李四" in text and "某教信公〔2026〕1号" in text
    event = app.events.get(kind=EventKind.LETTER)
    assert (event.by, event.data["number"], event.note) == (
        clerk_a,
        letter.number,
        LetterKind.REPLY.label,
    )
    entry = entries_for(app).get(action="letters.generate")
    assert entry.user == clerk_a and entry.data["number"] == letter.number
    # The next reply letter of the body and year is the next number.
    again = generate_letter(app, LetterKind.REPLY, acting_user=clerk_a)
    assert again.number == "某教信公〔2026〕2号"


def test_each_kind_has_its_own_series(body: Any, register: Any, clerk_a: Any) -> None:
    generate_letter(replied_case(register, clerk_a), "reply", acting_user=clerk_a)
    correction = generate_letter(
        corrected_case(register, clerk_a), "correction", acting_user=clerk_a
    )
    assert correction.number == "某教信公补〔2026〕1号"
    assert correction.issued_on.isoformat() == "2026-09-03"  # the day the notice was sent


def test_a_letter_the_case_does_not_call_for_is_refused_and_takes_no_number(
    body: Any, register: Any, clerk_a: Any
) -> None:
    app = replied_case(register, clerk_a)
    with pytest.raises(ActionError) as refused:
        generate_letter(app, "extension", acting_user=clerk_a)
    assert "延期" in str(refused.value)
    assert not Letter.objects.exists()
    assert not app.events.filter(kind=EventKind.LETTER).exists()
    assert not LetterCounter.objects.filter(last__gt=0).exists()
    with pytest.raises(ActionError, match="没有“memo”这种文书"):
        generate_letter(app, "memo", acting_user=clerk_a)


def test_a_refusal_without_its_reason_cannot_be_generated(
    body: Any, register: Any, clerk_a: Any
) -> None:
    app = replied_case(register, clerk_a, "denied.third_party", reasons="")
    with pytest.raises(ActionError, match="理由"):
        generate_letter(app, "reply", acting_user=clerk_a)
    assert not Letter.objects.exists()
    # With its reason, it is made and states it.
    app2 = replied_case(register, clerk_a, "denied.third_party", applicant_name="王五")
    letter = generate_letter(app2, "reply", acting_user=clerk_a)
    assert "商业秘密" in docx_text(bytes(letter.data))
    assert letter.number == "某教信公〔2026〕1号"  # the refused one took no number


def test_a_partial_disclosure_states_what_is_withheld(
    body: Any, register: Any, clerk_a: Any
) -> None:
    app = replied_case(register, clerk_a, "partial", withheld="第三方的身份证号码和住址")
    assert app.withheld == "第三方的身份证号码和住址"
    text = docx_text(bytes(generate_letter(app, "reply", acting_user=clerk_a).data))
    assert "第三方的身份证号码和住址" in text


def test_the_extension_notice_needs_an_approved_extension(
    body: Any, register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    app = extended_case(register, clerk_a, reviewer_a)
    letter = generate_letter(app, "extension", acting_user=clerk_a)
    assert letter.number == "某教信公延〔2026〕1号"
    assert "15" in docx_text(bytes(letter.data))


def test_who_may_make_letters(
    body: Any, register: Any, clerk_a: Any, clerk_b: Any, supervisor: Any
) -> None:
    app = replied_case(register, clerk_a)
    for user in (clerk_b, supervisor):
        with pytest.raises(ActionPermissionError):
            generate_letter(app, "reply", acting_user=user)
    assert not Letter.objects.exists()


# ---------------------------------------------------------------------------------------------
# Templates and settings
# ---------------------------------------------------------------------------------------------


def _custom(kind: LetterKind, line: str) -> bytes:
    doc = Document(io.BytesIO(default_template(kind)))
    doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_an_uploaded_template_missing_a_placeholder_is_refused_and_replaces_nothing(
    body: Any, register: Any, clerk_a: Any, admin_a: Any
) -> None:
    good = upload_template(
        body, "reply", _custom(LetterKind.REPLY, "本机关第一版模板"), acting_user=admin_a
    )
    name = sorted(REQUIRED_PLACEHOLDERS[LetterKind.REPLY])[0]
    bad = without_placeholder(default_template(LetterKind.REPLY), name)

    with pytest.raises(ActionError) as refused:
        upload_template(body, "reply", bad, acting_user=admin_a)

    assert name in str(refused.value)
    assert len(str(refused.value).splitlines()) == 1
    assert list(LetterTemplate.objects.current().filter(body=body)) == [good]
    assert LetterTemplate.objects.count() == 1
    with pytest.raises(ActionError):
        upload_template(body, "reply", b"not a word file", acting_user=admin_a)
    assert LetterTemplate.objects.count() == 1


def test_a_good_template_is_used_for_the_next_letter_and_reset_goes_back(
    body: Any, register: Any, clerk_a: Any, admin_a: Any
) -> None:
    app = replied_case(register, clerk_a)
    template = upload_template(
        body,
        "reply",
        _custom(LetterKind.REPLY, "特此函复，欢迎监督。"),
        acting_user=admin_a,
        filename="答复书.docx",
    )
    assert entries_for(template).get().action == "letters.template_upload"

    letter = generate_letter(app, "reply", acting_user=clerk_a)

    assert letter.template == template
    assert "特此函复，欢迎监督。" in docx_text(bytes(letter.data))
    reset_template(body, "reply", acting_user=admin_a)
    after = generate_letter(app, "reply", acting_user=clerk_a)
    assert after.template is None
    assert "特此函复，欢迎监督。" not in docx_text(bytes(after.data))
    assert entries_for(template).filter(action="letters.template_reset").exists()
    # The letter made from the upload still downloads as issued.
    letter.refresh_from_db()
    assert "特此函复，欢迎监督。" in docx_text(bytes(letter.data))
    with pytest.raises(ActionError, match="已经在使用默认模板"):
        reset_template(body, "reply", acting_user=admin_a)


def test_only_the_bodys_admin_changes_templates_and_settings(
    body: Any, clerk_a: Any, reviewer_a: Any, supervisor: Any, admin_a: Any
) -> None:
    data = default_template(LetterKind.FEE)
    for user in (clerk_a, reviewer_a, supervisor):
        with pytest.raises(ActionPermissionError):
            upload_template(body, "fee", data, acting_user=user)
        with pytest.raises(ActionPermissionError):
            set_letter_settings(
                body, letter_number_prefix="X", reconsideration_body="", court="", acting_user=user
            )
    assert not LetterTemplate.objects.exists()
    changed = set_letter_settings(
        body,
        letter_number_prefix="徐政信公",
        reconsideration_body="中宁县人民政府",
        court="中宁县人民法院",
        acting_user=admin_a,
    )
    assert changed.letter_number_prefix == "徐政信公"
    assert entries_for(body).filter(action="letters.settings", user=admin_a).exists()
    with pytest.raises(ActionError, match="文号前缀"):
        set_letter_settings(
            body,
            letter_number_prefix="徐政〔信〕",
            reconsideration_body="",
            court="",
            acting_user=admin_a,
        )


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


def test_the_case_page_lists_the_letters_it_calls_for_and_downloads_them_unchanged(
    body: Any, register: Any, clerk_a: Any
) -> None:
    app = replied_case(register, clerk_a)
    client = Client()
    client.force_login(clerk_a)
    page = client.get(app.get_absolute_url()).content.decode()
    assert 'data-kind="reply"' in page and 'data-kind="delivery"' in page
    assert 'data-kind="extension"' not in page
    assert "未制作" in page

    response = client.post(
        reverse("letters:generate", kwargs={"pk": app.pk, "op": "reply"}),
        {"version": app.version},
        follow=True,
    )

    letter = Letter.objects.get()
    text = response.content.decode()
    assert "已制作政府信息公开申请答复书，文号 某教信公〔2026〕1号" in text
    assert reverse("letters:download", kwargs={"pk": letter.pk}) in text
    download = client.get(reverse("letters:download", kwargs={"pk": letter.pk}))
    assert download.status_code == 200
    assert b"".join(download) == bytes(letter.data)
    assert ".docx" in download["Content-Disposition"]


def test_a_refused_letter_on_the_page_says_why(body: Any, register: Any, clerk_a: Any) -> None:
    app = replied_case(register, clerk_a, "denied.third_party", reasons="")
    client = Client()
    client.force_login(clerk_a)
    response = client.post(
        reverse("letters:generate", kwargs={"pk": app.pk, "op": "reply"}), {"version": app.version}
    )
    assert response.status_code == 400
    assert "理由" in response.content.decode()
    assert not Letter.objects.exists()


def test_the_admin_uploads_and_resets_a_template_on_the_body_page(
    body: Any, admin_a: Any, clerk_a: Any
) -> None:
    client = Client()
    client.force_login(admin_a)
    page = reverse("letters:body", kwargs={"pk": body.pk})
    upload = reverse("letters:body_action", kwargs={"pk": body.pk, "op": "upload-fee"})
    name = sorted(REQUIRED_PLACEHOLDERS[LetterKind.FEE])[0]
    bad = io.BytesIO(without_placeholder(default_template(LetterKind.FEE), name))
    bad.name = "收费通知书.docx"

    refused = client.post(upload, {"file": bad})

    assert refused.status_code == 400
    assert name in refused.content.decode()
    assert not LetterTemplate.objects.exists()
    good = io.BytesIO(_custom(LetterKind.FEE, "缴费地点：本机关财务室。"))
    good.name = "收费通知书.docx"
    done = client.post(upload, {"file": good}, follow=True)
    assert done.redirect_chain[-1][0] == page
    assert "已启用上传的收费通知书模板（收费通知书.docx）" in done.content.decode()
    assert "本机关模板 收费通知书.docx" in client.get(page).content.decode()
    current = LetterTemplate.objects.current().get(body=body, kind="fee")
    template_url = reverse(
        "letters:template", kwargs={"pk": body.pk, "kind": "fee", "which": "current"}
    )
    assert b"".join(client.get(template_url)) == bytes(current.data)

    reset = reverse("letters:body_action", kwargs={"pk": body.pk, "op": "reset-fee"})
    done = client.post(reset, {}, follow=True)
    assert "收费通知书已恢复为默认模板" in done.content.decode()
    assert not LetterTemplate.objects.current().exists()
    # A clerk of the body sees the page but may not change it.
    clerk = Client()
    clerk.force_login(clerk_a)
    assert clerk.get(page).status_code == 200
    assert clerk.get(upload).status_code == 403


def test_the_fee_notice_states_how_the_body_takes_payment(
    body: Any, register: Any, clerk_a: Any, admin_a: Any
) -> None:
    """The 收费通知书 tells the applicant how to pay as the body's 管理员 set it (收费通知书
    under 国办函〔2020〕109号); unset, the letter says nothing of it rather than a blank."""
    from datetime import date

    from gongkai.apps.applications.actions import issue_fee_notice

    app = issue_fee_notice(
        register(), "by_volume", date(2026, 10, 12), pages=250, acting_user=clerk_a
    )
    plain = docx_text(bytes(generate_letter(app, "fee", acting_user=clerk_a).data))
    assert "缴款书" not in plain
    set_letter_settings(
        body,
        letter_number_prefix=body.letter_number_prefix,
        reconsideration_body=body.reconsideration_body,
        court=body.court,
        fee_payment_info="请持本通知书到本机关办公室领取非税收入一般缴款书缴纳",
        acting_user=admin_a,
    )
    app.refresh_from_db()
    stated = docx_text(bytes(generate_letter(app, "fee", acting_user=clerk_a).data))
    assert "请持本通知书到本机关办公室领取非税收入一般缴款书缴纳" in stated
    entry = entries_for(body).filter(action="letters.settings").latest("pk")
    assert entry.user == admin_a
