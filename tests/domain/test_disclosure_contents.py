"""The 法定主动公开内容 of 条例第二十条、第二十一条 (domain.catalog.contents)."""

from __future__ import annotations

import pytest

from gongkai.domain.catalog.contents import (
    A20,
    A21,
    CONTENT_KEYS,
    ContentError,
    content_label,
    content_scope_problem,
    contents_for_kind,
    default_content,
    get_content,
    parse_content,
)


def test_fifteen_items_of_article_20_in_order() -> None:
    assert [c.key for c in A20] == [f"a20.{n}" for n in range(1, 16)]
    assert A20[0].label == "行政法规、规章和规范性文件"
    assert A20[4].reference == "第二十条第（五）项"
    assert A20[14].reference == "第二十条第（十五）项"
    assert A20[6].display == "（七）财政预算、决算信息"
    assert len(set(CONTENT_KEYS)) == len(CONTENT_KEYS)


def test_article_21_lists_both_levels_with_shared_matters_once() -> None:
    labels = [c.label for c in A21]
    assert labels.count("土地征收") == 1
    land = get_content("a21.land_expropriation")
    assert {s.value for s in land.scopes} == {"city_county", "township"}
    assert get_content("a21.homestead").label == "宅基地使用情况审核"
    assert land.reference == "第二十一条"
    assert land.display == "第二十一条·土地征收"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("a20.5", "a20.5"),
        ("A20.5", "a20.5"),
        ("20.5", "a20.5"),
        ("第二十条第（五）项", "a20.5"),
        ("第二十条第(五)项", "a20.5"),
        ("条例第二十条第五项", "a20.5"),
        ("第20条第5项", "a20.5"),
        ("（十五）", "a20.15"),
        ("财政预算、决算信息", "a20.7"),
        ("（七）财政预算、决算信息", "a20.7"),
        (" 土地征收 ", "a21.land_expropriation"),
        ("第二十一条·筹资筹劳", "a21.fundraising_labour"),
        ("a21.homestead", "a21.homestead"),
        ("宅基地", "a21.homestead"),
        ("行政处罚", "a20.6"),
    ],
)
def test_parse_content_reads_keys_labels_and_references(text: str, key: str) -> None:
    assert parse_content(text).key == key


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("第二十条第（十六）项", "第（一）项至第（十五）项"),
        ("20.0", "第（一）项至第（十五）项"),
        ("第二十一条", "哪一方面"),
        ("人事任免", "“人事任免”不是条例第二十条、第二十一条"),
        ("信息", "可能是"),
        ("", "为空"),
    ],
)
def test_parse_content_refuses_in_chinese(text: str, words: str) -> None:
    with pytest.raises(ContentError, match=words):
        parse_content(text)


def test_defaults_only_where_the_law_is_clear() -> None:
    assert default_content("regulation") == "a20.1"
    assert default_content("normative") == "a20.1"
    assert default_content("other") is None


def test_contents_for_kind() -> None:
    township = {c.key for c in contents_for_kind("township_government")}
    county = {c.key for c in contents_for_kind("county_government")}
    assert "a21.homestead" in township and "a21.homestead" not in county
    assert "a21.public_order" in county and "a21.public_order" not in township
    assert "a21.social_assistance" in township & county
    assert {c.key for c in contents_for_kind("province_government")} == {c.key for c in A20}
    assert len(contents_for_kind("other")) == len(A20) + len(A21)


def test_content_label() -> None:
    assert content_label(None) == ""
    assert content_label("a20.1") == "（一）行政法规、规章和规范性文件"
    assert content_label("a99.x") == "a99.x"


def test_content_scope_problem() -> None:
    assert content_scope_problem("a20.3", "township_government", "某镇人民政府") is None
    assert content_scope_problem("a21.homestead", "township_government", "某镇") is None
    assert content_scope_problem("a21.homestead", "other", "某机关") is None
    problem = content_scope_problem("a21.homestead", "county_government", "某县人民政府")
    assert problem is not None
    assert "乡（镇）人民政府" in problem and "“某县人民政府”" in problem
