"""Text clean-up shared by the report reader.

Two kinds of normalisation, kept apart on purpose:

* :func:`clean_text` changes the text the narrative is cut from (line ends, HTML entities,
  page numbers such as ``- 4 -``), so narrative and tables see the same characters.
* :func:`simplify` maps 繁体 to 简体 **character for character** (same length), so every
  offset found in the simplified copy is valid in the original: sections and tables are
  located on the simplified copy and the narrative is cut from the original.

:func:`norm_label` is the aggressive form used only to compare table labels.
"""

from __future__ import annotations

import html
import re

__all__ = ["clean_text", "norm_label", "simplify", "strip_notes"]

# Pairs of (繁体, 简体) characters: enough for the form labels, section titles and the usual
# words around them. One character each, so the mapping keeps offsets.
_TRAD_SIMP_PAIRS = (
    "萬万與与專专業业東东兩两嚴严個个豐丰臨临為为舉举義义樂乐習习鄉乡書书買买亂乱爭争於于"
    "雲云亞亚產产親亲億亿僅仅從从價价眾众優优會会傳传體体餘余兒儿黨党關关興兴養养內内"
    "冊册寫写軍军農农決决況况減减幾几擊击劃划則则創创別别劇剧勸劝辦办務务動动勵励勞劳"
    "勢势勝胜匯汇區区醫医華华協协單单賣卖衛卫卻却廠厂廳厅曆历歷历壓压縣县參参雙双發发"
    "變变敘叙號号後后聽听啟启員员響响園园圍围國国圖图圓圆場场壞坏塊块堅坚壇坛墳坟牆墙"
    "聲声處处備备復复複复夠够頭头奪夺獎奖婦妇媽妈孫孙學学寧宁寶宝實实審审憲宪寬宽對对"
    "尋寻導导壽寿將将爾尔盡尽層层屆届屬属歲岁島岛幣币師师帳帐帶带幫帮莊庄慶庆庫库應应"
    "廢废開开異异張张彌弥彈弹強强歸归當当錄录徹彻憶忆憂忧懷怀態态總总戀恋懇恳惡恶惱恼"
    "悅悦懸悬驚惊懼惧慘惨懲惩慣惯憤愤願愿懶懒戲戏戰战戶户紮扎撲扑執执擴扩掃扫揚扬擾扰"
    "撫抚搶抢護护報报擔担擬拟擁拥攔拦撥拨擇择掛挂揮挥損损撿捡換换據据擠挤攜携攝摄擺摆"
    "搖摇攤摊敵敌斂敛數数鬥斗斬斩斷断無无舊旧時时曠旷晝昼顯显曬晒曉晓暫暂術术機机殺杀"
    "雜杂權权條条來来楊杨傑杰極极構构槍枪標标棧栈棟栋欄栏樹树樣样檔档橋桥夢梦檢检樓楼"
    "橫横歡欢歐欧殘残毀毁畢毕氣气漢汉湯汤溝沟沒没淚泪潑泼澤泽潔洁灑洒淺浅漿浆濁浊測测"
    "濟济渾浑濃浓濤涛潤润漲涨淵渊漸渐漁渔滲渗溫温遊游灣湾濕湿潰溃滯滞滿满濾滤濫滥濱滨"
    "灘滩潛潜瀕濒滅灭燈灯靈灵災灾燦灿爐炉點点煉炼爛烂煙烟煩烦燒烧熱热愛爱爺爷牽牵犧牺"
    "狀状猶犹獨独獄狱獵猎豬猪貓猫獻献環环現现瑪玛電电畫画暢畅療疗瘋疯癢痒發发盞盏鹽盐"
    "監监蓋盖盜盗盤盘睜睁瞞瞒礦矿碼码磚砖確确礙碍禮礼禍祸離离禿秃種种積积稱称穩稳窮穷"
    "竊窃窯窑豎竖競竞筆笔籌筹簽签籃篮簡简築筑類类糧粮緊紧糾纠紀纪約约紅红納纳紐纽純纯"
    "紙纸級级紛纷紡纺細细紹绍終终組组結结絕绝絡络給给絨绒統统絹绢綁绑經经綜综綠绿維维"
    "網网綴缀綱纲緒绪線线緝缉締缔緣缘編编緩缓練练縣县縮缩縱纵績绩織织繞绕繡绣繩绳繪绘"
    "繫系繳缴繼继續续纖纤罰罚罵骂罷罢羅罗聖圣聞闻聯联聰聪職职聽听肅肃脅胁脈脉脫脱腎肾"
    "膽胆腸肠膚肤膠胶臉脸臟脏臺台艦舰艱艰藝艺節节蘆芦蘇苏範范薦荐藍蓝蓮莲獲获營营蕭萧"
    "蔥葱藥药虛虚蟲虫雖虽蝦虾蝕蚀螞蚂補补襯衬褲裤裝装裡里裏里製制見见觀观規规視视覽览"
    "覺觉觸触計计訂订認认討讨讓让訓训議议訊讯記记講讲許许論论訟讼設设訪访訣诀證证評评"
    "識识詐诈訴诉診诊詞词譯译試试詩诗誠诚話话誕诞詢询該该詳详語语誤误誘诱說说請请諸诸"
    "諾诺讀读課课誰谁調调談谈誼谊謀谋謊谎謂谓諮咨謎谜謝谢謠谣謙谦謹谨譜谱讚赞貝贝貞贞"
    "負负財财貢贡貧贫貨货販贩貪贪貫贯責责貯贮貴贵貶贬貸贷費费貼贴貿贸賀贺賄贿資资賊贼"
    "賓宾賜赐賞赏賠赔賢贤賤贱賦赋質质賬账賭赌賴赖購购賽赛贈赠贊赞贏赢贖赎趙赵趕赶趨趋"
    "躍跃踐践蹤踪軀躯車车軌轨軟软軸轴較较載载輔辅輕轻輛辆輝辉輩辈輪轮輯辑輸输轄辖轉转"
    "轎轿轟轰辭辞辯辩邊边遼辽達达遷迁過过邁迈運运還还這这進进遠远違违連连遲迟適适選选"
    "遜逊遞递邏逻遺遗遙遥鄧邓郵邮鄰邻鄭郑醜丑醫医醬酱釀酿釋释鑒鉴針针釘钉鈔钞鈴铃鉛铅"
    "銀银銅铜銘铭銷销鋒锋鋪铺鋼钢錐锥錢钱錦锦錫锡錯错鍋锅鍵键鍛锻鎖锁鎮镇鏡镜鐘钟鐵铁"
    "鑄铸鑰钥鑽钻長长門门閃闪閉闭問问闖闯閒闲閑闲間间悶闷閘闸鬧闹閱阅閣阁閥阀闊阔闡阐"
    "隊队陽阳陰阴陣阵階阶際际陸陆隴陇陳陈險险隨随隱隐隸隶難难雞鸡雜杂霧雾靜静韋韦韓韩"
    "韻韵頁页頂顶項项順顺須须頑顽顧顾頓顿頒颁頌颂預预領领頗颇頸颈頻频顆颗題题額额顏颜"
    "顛颠顯显顫颤風风颱台飄飘飛飞飢饥飯饭飲饮飼饲飽饱飾饰餃饺餅饼館馆饋馈饒饶馬马馳驰"
    "駐驻駕驾駛驶騎骑騙骗騰腾驅驱驗验驛驿驟骤髒脏髮发鬆松鬍胡鬚须魚鱼魯鲁鮮鲜鳥鸟鳳凤"
    "鳴鸣鴻鸿鶴鹤鷹鹰鹹咸鹼碱麥麦黃黄齊齐齒齿齡龄龍龙龜龟徵征週周檯台佈布衝冲併并並并"
    "傢家祕秘採采蒐搜鉅巨錶表麵面隻只彙汇準准廣广稅税滙汇麼么註注僱雇闆板獎奖勳勋據据"
    "稟禀鑑鉴簿簿範范衆众纔才綫线牘牍辭辞處处屆届徑径擇择廈厦漁渔飭饬謄誊縱纵鑒鉴"
)
_TRAD_TO_SIMP: dict[int, str] = {ord(c): str(i) for i, c in enumerate("０１２３４５６７８９")}
for _i in range(0, len(_TRAD_SIMP_PAIRS), 2):
    _trad, _simp = _TRAD_SIMP_PAIRS[_i], _TRAD_SIMP_PAIRS[_i + 1]
    if _trad != _simp:
        _TRAD_TO_SIMP[ord(_trad)] = _simp

# str.translate with this table costs ~1 ms on a report; most reports need none of it.
_NEEDS_MAP_RE = re.compile("[" + "".join(map(chr, _TRAD_TO_SIMP)) + "]")

# Automatic 简→繁 converters (Taiwan usage) turn 文件 into 檔案; undone before the character
# map so that a genuine simplified 档案 (档案馆) is left alone. Same length, offsets kept.
_TAIWAN_FILE = "檔案"

_PAGE_NUMBER_RE = re.compile(
    r"^[ \t\u3000]*"
    r"(?:[-－—–]\s*\d{1,3}\s*[-－—–]|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?)"
    r"[ \t\u3000]*$\n?",
    re.MULTILINE,
)
_ODD_SPACES = {"\u3000": " ", "\xa0": " ", "\u200b": "", "\ufeff": ""}
_ODD_SPACE_RE = re.compile("[" + "".join(_ODD_SPACES) + "]")

# Parenthesised notes of four or more characters ("（区分处理的，只计这一情形…）",
# "(指2019年事项数)"): they never carry a cell value but may carry digits and row words.
_NOTE_RE = re.compile(r"[（(][^（）()|\t]{4,240}?[）)]")

_ENUM_RE = re.compile(r"(\d)\s*[、．.]")
_LABEL_DROP = str.maketrans(
    dict.fromkeys(" \t\n\r\u3000“”\"‘’'「」『』，,、。：:；;·•*_") | {"（": "(", "）": ")"}
)


def clean_text(text: str) -> str:
    """Normalise line ends, odd spaces, HTML entities and drop page-number lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD_SPACE_RE.sub(lambda m: _ODD_SPACES[m.group(0)], text)
    if "&" in text:
        text = html.unescape(text)
    return _PAGE_NUMBER_RE.sub("", text)


def simplify(text: str) -> str:
    """繁体 → 简体, character for character (the result has the same length)."""
    if _TAIWAN_FILE in text:
        text = text.replace(_TAIWAN_FILE, "文件")
    if _NEEDS_MAP_RE.search(text) is None:
        return text
    return text.translate(_TRAD_TO_SIMP)


def strip_notes(text: str) -> str:
    """Remove parenthesised filling notes (enumerators like "（一）" are kept)."""
    return _NOTE_RE.sub("", text)


def norm_label(text: str) -> str:
    """The comparable form of a label: no spaces, quotes or punctuation, ASCII brackets,
    and "1、" / "1．" enumerators written "1."."""
    return _ENUM_RE.sub(r"\1.", text).translate(_LABEL_DROP)
