"""The Word templates of the letters (docxtpl: Jinja placeholders inside a .docx).

The platform ships one template per :class:`LetterKind` as package data (``templates/``, made by
``scripts/make_letter_templates.py`` and committed as the source a body downloads and edits).
A body's own version is accepted by :func:`check_template` only when it opens, its placeholders
parse, every placeholder of :data:`REQUIRED_PLACEHOLDERS` is still there, it names no value the
letters do not have, and it renders the sample case.

Templates come from users (a body's 管理员), so they are rendered in Jinja's sandbox
(:class:`jinja2.sandbox.SandboxedEnvironment`: no attribute of Python's internals, no call of an
unsafe method) and with escaping on (a value with ``<`` or ``&`` stays text in the XML).
"""

from __future__ import annotations

import io
import re
import zipfile
from importlib import resources
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment

from gongkai.domain.letters.context import letter_context
from gongkai.domain.letters.facts import LetterKind
from gongkai.domain.letters.samples import SAMPLE_BODY, SAMPLE_ISSUED_ON, sample_application
from gongkai.domain.limits import DOCX_ZIP, FileLimitError, check_zip

__all__ = [
    "REQUIRED_PLACEHOLDERS",
    "TemplateProblem",
    "check_template",
    "default_template",
    "render_letter",
    "sample_context",
    "template_placeholders",
]


class TemplateProblem(ValueError):
    """A template that cannot be used; the message is one Chinese line."""


_SIGNED = frozenset({"body_name", "number", "issued_on"})
_TO_APPLICANT = frozenset({"applicant_name", "received_on", "content"})

#: What each letter must still show after a body edits its template (the facts the law asks
#: the letter to state; see docs/letters.md).
REQUIRED_PLACEHOLDERS: dict[LetterKind, frozenset[str]] = {
    LetterKind.CORRECTION: _SIGNED | _TO_APPLICANT | {"correction_items", "correction_period_days"},
    LetterKind.EXTENSION: _SIGNED
    | _TO_APPLICANT
    | {"extension_days", "extension_reason", "extension_due_on"},
    LetterKind.CONSULTATION: _SIGNED | {"party", "received_on", "content", "answer_due_on"},
    LetterKind.FEE: _SIGNED | _TO_APPLICANT | {"fee_detail", "fee_amount", "pay_by", "remedies"},
    LetterKind.REPLY: (_SIGNED - {"issued_on"})
    | _TO_APPLICANT
    | {"replied_on", "variant", "ground", "basis", "reasons", "withheld", "remedies"},
    LetterKind.DELIVERY: frozenset({"body_name", "document", "recipient", "delivery_address"}),
}


#: What a letter template may contain besides text: values by name, conditions, a few
#: filters. No loop, call, arithmetic, attribute, assignment or macro: a letter's values are
#: plain strings, and a template a body uploads can then neither escape the sandbox nor spend
#: unbounded time or memory (``range`` loops, ``"x" * 10**9``), nor mark a value ``safe``.
_ALLOWED_NODES: tuple[type[nodes.Node], ...] = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.If,
    nodes.CondExpr,
    nodes.Compare,
    nodes.Operand,
    nodes.Not,
    nodes.And,
    nodes.Or,
    nodes.Concat,
    nodes.Filter,
    nodes.Test,
)
_ALLOWED_FILTERS = frozenset({"default", "d", "trim", "upper", "lower", "replace", "e", "escape"})
_ALLOWED_TESTS = frozenset({"defined", "undefined", "none", "eq", "ne", "equalto", "in"})
_NODE_NAMES = {
    "For": "循环（for）",
    "Call": "函数调用",
    "Getattr": "属性（.）",
    "Getitem": "下标（[ ]）",
    "Assign": "赋值（set）",
    "AssignBlock": "赋值（set）",
    "Macro": "宏（macro）",
    "Include": "引入（include）",
    "Import": "引入（import）",
    "FromImport": "引入（import）",
    "Extends": "继承（extends）",
}


def _check_node(node: nodes.Node) -> None:
    for child in node.find_all(nodes.Node):
        if not isinstance(child, _ALLOWED_NODES):
            kind = type(child).__name__
            what = _NODE_NAMES.get(kind, f"运算或语句（{kind}）")
            raise _Forbidden(f"模板中不能使用{what}")
        if isinstance(child, nodes.Filter) and child.name not in _ALLOWED_FILTERS:
            raise _Forbidden(f"模板中不能使用过滤器“{child.name}”")
        if isinstance(child, nodes.Test) and child.name not in _ALLOWED_TESTS:
            raise _Forbidden(f"模板中不能使用判断“{child.name}”")


class _Forbidden(TemplateError):
    """A construct a letter template may not use (the message is Chinese)."""


class _LetterEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, parsing only what :data:`_ALLOWED_NODES` allows (every part docxtpl
    renders — body, headers, footers, properties, footnotes — is parsed here)."""

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        _check_node(tree)
        return tree


def _environment() -> SandboxedEnvironment:
    return _LetterEnvironment(autoescape=True)


def default_template(kind: LetterKind) -> bytes:
    """The platform's template of ``kind`` (the .docx a body downloads)."""
    name = f"{LetterKind(kind).value}.docx"
    return resources.files("gongkai.domain.letters").joinpath("templates", name).read_bytes()


def sample_context(kind: LetterKind) -> dict[str, Any]:
    """The context of ``kind`` for the sample case (every name a template of ``kind`` may use)."""
    return letter_context(
        kind,
        sample_application(),
        SAMPLE_BODY,
        number="示政办信〔2024〕7号",
        issued_on=SAMPLE_ISSUED_ON,
    )


def _open(data: bytes) -> DocxTemplate:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TemplateProblem(
            "模板是旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再上传"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise TemplateProblem("模板不是 Word（.docx）文件，无法打开") from None
    if "word/document.xml" not in names:
        raise TemplateProblem("模板不是 Word（.docx）文件：其中没有正文（word/document.xml）")
    try:
        check_zip(data, DOCX_ZIP)
    except FileLimitError as exc:
        raise TemplateProblem(f"模板文件过大：{exc}") from None
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise TemplateProblem(f"模板文件已损坏，无法打开（{type(exc).__name__}）") from None
    return template


def _syntax_problem(exc: TemplateError) -> TemplateProblem:
    return TemplateProblem(
        f"模板中的占位符写法有误（{exc.message or exc}）：请检查 {{{{ }}}} 与 {{% %}} 是否成对、"
        "拼写是否正确"
    )


def _forbidden(exc: _Forbidden) -> TemplateProblem:
    return TemplateProblem(
        f"{exc.message}：占位符只能是文书的取值 {{{{ 名称 }}}} 和条件 {{% if … %}}"
    )


def template_placeholders(data: bytes) -> frozenset[str]:
    """The names a template's placeholders use (raises :class:`TemplateProblem`)."""
    template = _open(data)
    try:
        names = template.get_undeclared_template_variables(_environment())
    except _Forbidden as exc:
        raise _forbidden(exc) from None
    except TemplateError as exc:
        raise _syntax_problem(exc) from None
    return frozenset(names)


def _names(names: set[str] | frozenset[str]) -> str:
    return "、".join(f"{{{{ {n} }}}}" for n in sorted(names))


def check_template(kind: LetterKind, data: bytes) -> None:
    """Refuse a template of ``kind`` that cannot be used (one Chinese line)."""
    kind = LetterKind(kind)
    found = template_placeholders(data)
    missing = REQUIRED_PLACEHOLDERS[kind] - found
    if missing:
        raise TemplateProblem(f"{kind.label}模板缺少必需的占位符：{_names(missing)}")
    known = sample_context(kind)
    unknown = found - set(known)
    if unknown:
        raise TemplateProblem(f"{kind.label}模板中有无法填写的占位符：{_names(unknown)}")
    render_letter(kind, known, data)


#: What XML 1.0 cannot hold (control characters, lone surrogates). docxtpl re-reads the
#: rendered XML with a recovering parser, which would silently drop the rest of the paragraph
#: after such a character: they are removed from every value first.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(value: Any) -> Any:
    """A string value as XML can hold it: line ends as ``\n`` (docxtpl makes each a line
    break in the paragraph), without the characters of :data:`_NOT_XML`."""
    if not isinstance(value, str):
        return value
    return _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def render_letter(
    kind: LetterKind, context: dict[str, Any], template: bytes | None = None
) -> bytes:
    """The letter as .docx: ``template`` (default: the platform's) filled with ``context``."""
    kind = LetterKind(kind)
    document = _open(default_template(kind) if template is None else template)
    values = {name: _xml_safe(value) for name, value in context.items()}
    try:
        document.render(values, _environment(), autoescape=True)
    except _Forbidden as exc:
        raise _forbidden(exc) from None
    except TemplateSyntaxError as exc:
        raise _syntax_problem(exc) from None
    except Exception as exc:  # a template's expression failing on the values
        raise TemplateProblem(f"{kind.label}模板无法填写：{exc}") from None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
