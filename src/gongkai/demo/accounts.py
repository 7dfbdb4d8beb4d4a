"""The accounts of the demo: one 经办人 + 审核人 per body, the county's 上级 and a superuser.

They exist only where the demo is loaded (``gongkai demo``, ``make run``): their passwords are
published in the README, so a real deployment never has them. ``gongkai serve`` creates no
account at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongkai.demo import bodies
from gongkai.web.runtime import ensure_database

__all__ = [
    "DEMO_ACCOUNTS",
    "DEMO_BODY_ACCOUNTS",
    "DemoAccount",
    "account_of",
    "ensure_demo_accounts",
]


@dataclass(frozen=True)
class DemoAccount:
    """A demo login printed by ``gongkai demo`` (never use these on a real deployment)."""

    username: str
    password: str
    name: str
    superuser: bool = False
    # (body name, role) pairs given to the account in the demo bodies.
    roles: tuple[tuple[str, str], ...] = ()


# The accounts of the demo jurisdiction: the county and the township of the seed report.
# ``gongkai demo load`` adds the city, more townships and departments, their accounts and
# records (gongkai.demo).
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        "demo",
        "gongkai-demo",
        "演示工作人员",
        # also the township's 管理员: the 指南, its contact facts and the API tokens are
        # walked through in the demo
        roles=(
            (bodies.TOWNSHIP, "clerk"),
            (bodies.TOWNSHIP, "reviewer"),
            (bodies.TOWNSHIP, "admin"),
        ),
    ),
    DemoAccount(
        "county", "gongkai-county", "县政府办（上级）", roles=((bodies.COUNTY, "supervisor"),)
    ),
    DemoAccount("admin", "gongkai-admin", "系统管理员", superuser=True),
)


def _clerk(username: str, name: str, body: str) -> DemoAccount:
    return DemoAccount(username, "gongkai-demo", name, roles=((body, "clerk"), (body, "reviewer")))


# The accounts of the full demo (``gongkai demo``): one 经办人 + 审核人 per further body.
DEMO_BODY_ACCOUNTS: tuple[DemoAccount, ...] = (
    _clerk("xzf", "县政府办政务公开科", bodies.COUNTY),
    _clerk("zrzy", "县自然资源局办公室", bodies.DEPT_NATURAL_RESOURCES),
    _clerk("jyj", "县教育局办公室", bodies.DEPT_EDUCATION),
    _clerk("scjg", "县市场监管局办公室", bodies.DEPT_MARKET),
    _clerk("rsj", "县人社局办公室", bodies.DEPT_HRSS),
    _clerk("shikong", "石空镇党政办", bodies.TOWN_SHIKONG),
    _clerk("ningan", "宁安镇党政办", bodies.TOWN_NINGAN),
    DemoAccount(
        "zhongwei",
        "gongkai-demo",
        "市政府办政务公开科",
        roles=((bodies.CITY, "clerk"), (bodies.CITY, "reviewer"), (bodies.CITY, "supervisor")),
    ),
)


def account_of(body: str, role: str) -> str | None:
    """The username of the (first) demo account holding ``role`` in ``body``."""
    for account in DEMO_ACCOUNTS + DEMO_BODY_ACCOUNTS:
        if (body, role) in account.roles:
            return account.username
    return None


def _ensure_demo_bodies(full: bool = False) -> dict[str, Any]:
    """The demo county and township (idempotent); with ``full`` every body of
    :data:`gongkai.demo.bodies.ALL_BODIES` (the city above the county, more townships and
    departments). Returns them by name.

    A body that exists already keeps what someone entered; blank contact data, a blank code
    (the demo's 索引号 need it) and an unknown kind (其他) are filled in.
    """
    from gongkai.apps.orgs.models import Body

    wanted = {bodies.COUNTY, bodies.TOWNSHIP}
    specs = [s for s in bodies.ALL_BODIES if full or s.name in wanted]
    made: dict[str, Any] = {}
    for spec in specs:
        parent = made.get(spec.parent) if spec.parent else None
        body, _created = Body.objects.get_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "short_name": spec.short_name,
                "parent": parent,
                "office_name": spec.office_name,
                "office_address": spec.office_address,
                "office_postcode": spec.office_postcode,
                "office_phone": spec.office_phone,
                "office_email": spec.office_email,
                "office_hours": spec.office_hours,
                "report_deadline_month": spec.report_deadline[0],
                "report_deadline_day": spec.report_deadline[1],
            },
        )
        changed = []
        if not body.credit_code and not body.org_code:
            taken = Body.objects.filter(credit_code=spec.credit_code).exclude(pk=body.pk)
            if not taken.exists():
                body.credit_code = spec.credit_code
                changed.append("credit_code")
        if body.parent_id is None and parent is not None:
            body.parent = parent
            changed.append("parent")
        if body.kind == "other" and spec.kind != "other":  # unknown (e.g. after orgs 0003)
            body.kind = spec.kind
            changed.append("kind")
        for attr in (
            "office_name",
            "office_address",
            "office_postcode",
            "office_phone",
            "office_email",
            "office_hours",
        ):
            if not getattr(body, attr):
                setattr(body, attr, getattr(spec, attr))
                changed.append(attr)
        letters = bodies.LETTER_SETTINGS[spec.name]
        for attr, value in (
            ("letter_number_prefix", letters.prefix),
            ("reconsideration_body", letters.reconsideration_body),
            ("court", letters.court),
            ("fee_payment_info", letters.fee_payment_info),
        ):
            if not getattr(body, attr):
                setattr(body, attr, value)
                changed.append(attr)
        if changed:
            body.save()
        made[spec.name] = body
    return made


def ensure_demo_accounts(full: bool = False) -> list[tuple[str, str]]:
    """Create the demo bodies and accounts if missing; return the (username, password) pairs
    that work. ``full``: also the further bodies and their accounts (``gongkai demo``).

    Existing accounts are left alone: if someone changed a demo password, that account is not
    returned (so ``serve`` never prints a password that does not work).
    """
    ensure_database()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import check_password, make_password
    from django.db import transaction

    from gongkai.apps.orgs.services import add_member

    user_model = get_user_model()
    working: list[tuple[str, str]] = []
    with transaction.atomic():
        demo_bodies = _ensure_demo_bodies(full)
    # A password hash costs ~0.5 s (PBKDF2): accounts sharing a demo password share its hash,
    # and a stored hash is checked once per password.
    hashes: dict[str, str] = {}
    checked: dict[tuple[str, str], bool] = {}
    accounts = DEMO_ACCOUNTS + (DEMO_BODY_ACCOUNTS if full else ())
    for account in accounts:
        with transaction.atomic():
            user, created = user_model._default_manager.get_or_create(
                **{user_model.USERNAME_FIELD: account.username},
                defaults={
                    "first_name": account.name,
                    "is_staff": account.superuser,
                    "is_superuser": account.superuser,
                },
            )
            if created:
                if account.password not in hashes:
                    hashes[account.password] = make_password(account.password)
                user.password = hashes[account.password]
                user.save(update_fields=["password"])
                checked[(user.password, account.password)] = True
                for body_name, role in account.roles:
                    add_member(user, demo_bodies[body_name], role)
        key = (user.password, account.password)
        if key not in checked:
            checked[key] = check_password(account.password, user.password)
        if user.is_active and checked[key]:
            working.append((account.username, account.password))
    return working
