"""The reasons the demo's replies give (pure data): the ledger of applications has no column for
the reply's wording, so the loader writes these onto the imported replies, one per outcome of
table 三, so that every demo case's 答复书 can be made (a refusal without its reason cannot:
条例第三十六条 asks the reply to state it)."""

from __future__ import annotations

__all__ = ["OTHER_BASIS", "REASONS", "WITHHELD"]

REASONS: dict[str, str] = {
    "granted": "您申请获取的信息属于公开范围，现以电子文档形式提供，详见附件。",
    "partial": "所申请信息中包含第三方的个人信息，公开会对第三方合法权益造成损害。",
    "denied.state_secret": "所申请信息经依法认定为国家秘密。",
    "denied.law_forbidden": "所申请信息属于法律、行政法规禁止公开的信息。",
    "denied.three_security_one_stability": "所申请信息公开后可能危及经济安全和社会稳定。",
    "denied.third_party": (
        "所申请信息涉及第三方商业秘密，经书面征求意见，第三方不同意公开，"
        "公开会对其合法权益造成损害。"
    ),
    "denied.internal_affairs": "所申请信息属于本机关的人事管理、后勤管理等内部事务信息。",
    "denied.process_info": "所申请信息属于本机关履行行政管理职能过程中形成的讨论记录和过程稿。",
    "denied.enforcement_file": "所申请信息属于行政执法案卷信息。",
    "denied.admin_query": (
        "所申请信息属于不动产登记资料，有关法律、行政法规规定了专门的查询途径，"
        "请按不动产登记资料查询的规定办理。"
    ),
    "unable.not_held": "经检索，本机关未制作、获取所申请的信息。",
    "unable.needs_creation": (
        "所申请信息需要本机关对现有政府信息进行加工、分析方可形成，本机关不负有此项义务。"
    ),
    "unable.unclear_after_correction": (
        "本机关已告知您补正，补正后申请内容仍不明确，无法确定所申请的政府信息。"
    ),
    "not_processed.petition": (
        "您提出的是信访、投诉、举报事项，不属于政府信息公开申请，请通过相应渠道提出。"
    ),
    "not_processed.repeat": "您重复申请公开相同的政府信息，本机关已于此前作出答复。",
    "not_processed.publication": "您要求提供的是公开出版物，请通过公开发行渠道获取。",
    "not_processed.excessive": "您申请公开政府信息的数量、频次明显超过合理范围，且未说明理由。",
    "not_processed.confirm_or_reissue": (
        "您要求本机关确认或重新出具已获取的信息，不属于政府信息公开申请。"
    ),
    "other.no_correction": (
        "本机关在补正告知书中告知了补正事项和期限，您无正当理由逾期未补正，视为放弃申请。"
    ),
    "other.no_fee_payment": "本机关已发出收费通知，您逾期未缴纳信息处理费，视为放弃申请。",
    "other.other": "您已于答复期限内书面撤回申请。",
}

#: What a partial disclosure of the demo withholds (条例第三十七条).
WITHHELD = "涉及第三方的姓名、身份证号码和联系方式"

#: 其他处理 has no article of its own: the clerk names the basis.
OTHER_BASIS = "《中华人民共和国政府信息公开条例》第三十六条第（七）项"
