"""Must show (issue 12): for each outcome of the demo's applications, the reply letter as .docx
and .pdf, read back (python-docx, pypdfium2): the applicant, the request, the received and reply
dates in Chinese form, the outcome's article of 条例, and both 救济途径 naming the 复议机关 and
the 人民法院."""

from __future__ import annotations

from typing import Any

import pytest
from letters_world import docx_text, pdf_text, squeezed

from gongkai.apps.applications.models import Application
from gongkai.apps.letters.actions import generate_letter
from gongkai.apps.orgs.models import Body
from gongkai.demo.bodies import DEPT_NATURAL_RESOURCES
from gongkai.demo.county import FULL_YEAR
from gongkai.demo.loader import load_demo
from gongkai.domain.applications.outcomes import OUTCOME_KEYS
from gongkai.domain.applications.replies import reply_guide
from gongkai.domain.letters import cn_date
from gongkai.domain.render.pdf import docx_to_pdf

pytestmark = pytest.mark.django_db


def test_every_demo_outcome_has_a_reply_letter_that_states_what_the_law_requires(
    django_user_model: Any,
) -> None:
    load_demo()
    body = Body.objects.get(name=DEPT_NATURAL_RESOURCES)
    assert body.reconsideration_body and body.court
    made = {}
    for outcome in OUTCOME_KEYS:
        app = (
            Application.objects.filter(body=body, outcome=outcome, received_on__year=FULL_YEAR)
            .order_by("pk")
            .first()
        )
        assert app is not None, outcome
        letter = generate_letter(app, "reply", acting_user=None)
        word = squeezed(docx_text(bytes(letter.data)))
        pdf = pdf_text(docx_to_pdf(bytes(letter.data)))
        articles = reply_guide(outcome).articles
        expected = [
            app.applicant_name,
            app.content,
            cn_date(app.received_on),
            cn_date(app.replied_on),
            f"向{body.reconsideration_body}申请行政复议",
            f"向{body.court}提起行政诉讼",
            letter.number,
            *([articles] if articles else []),
        ]
        for text in (word, pdf):
            missing = [fact for fact in expected if squeezed(fact) not in text]
            assert missing == [], (outcome, missing)
        made[outcome] = letter.number
    assert len(set(made.values())) == len(OUTCOME_KEYS)
