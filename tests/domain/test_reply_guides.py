"""The legal help of a reply (条例第三十六条): one entry per outcome of table 三, each citing
条例 and ending with the remedies."""

from __future__ import annotations

import re

from gongkai.domain.applications.outcomes import OUTCOME_KEYS
from gongkai.domain.applications.replies import LAW, REMEDIES, REPLY_GUIDES, reply_guide

ARTICLE = re.compile(r"^第[一二三四五六七八九十]+条")


def test_every_outcome_has_one_guide_in_table_order() -> None:
    assert tuple(REPLY_GUIDES) == OUTCOME_KEYS


def test_each_guide_cites_its_article_in_basis_and_wording() -> None:
    for key, guide in REPLY_GUIDES.items():
        assert guide.wording.endswith(REMEDIES), key
        if key == "other.other":
            assert guide.basis == ""  # no article of its own: the clerk writes it
            continue
        assert ARTICLE.match(guide.articles), key
        assert guide.basis == LAW + guide.articles
        assert f"{guide.articles}的规定" in guide.wording, key


def test_refusal_grounds_cite_articles_14_15_16() -> None:
    assert reply_guide("denied.state_secret").articles.startswith("第十四条")
    assert reply_guide("denied.third_party").articles.startswith("第十五条")
    assert reply_guide("denied.internal_affairs").articles.startswith("第十六条第一款")
    assert reply_guide("denied.process_info").articles.startswith("第十六条第二款")
    assert reply_guide("granted").articles == "第三十六条第（一）项、第（二）项"
    assert reply_guide("partial").articles.endswith("第三十七条")
    assert reply_guide("unable.not_held").articles.startswith("第三十六条第（四）项")
