"""Tariff rates ("25%", "15 percent", "from 10% to 25%") and money ("$550 billion", "1.2 trillion yen").

A percentage counts as a tariff rate only near a tariff word (tariff, duty, levy...), and not as
"25% of imports", "by 10%" or percentage points.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from decimal import Decimal

from newswire.trade._text import DIGIT, WORD_CLASSES, Tokens, fold, squash
from newswire.trade.fields import Money, TariffRate

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_PCT = r"(?:\s?%|\s*(?:percent|per\s+cent|pct)\b)"
_RATE = re.compile(
    rf"\bfrom\s+(?P<a1>{_NUM}){_PCT}?\s+to\s+(?P<b1>{_NUM}){_PCT}"
    rf"|\bto\s+(?P<b2>{_NUM}){_PCT}\s+from\s+(?P<a2>{_NUM}){_PCT}?"
    rf"|(?P<by>\b(?:by|or|up|down|rose|fell|gained|lost|dropped|climbed|declined|jumped)\s+)?(?P<r>{_NUM}){_PCT}"
    rf"(?P<tail>\s+(?:of|points?|percentage|decrease|increase|rise|fall|drop|gain|decline|jump|growth|"
    rf"share|stake|more|less|higher|lower|below|above)\b)?",
    re.IGNORECASE,
)
_TARIFF_WORD = re.compile(
    r"\b(?:tariffs?|dut(?:y|ies)|levy|levies|levied|customs|anti-dumping|countervailing|safeguards?|"
    r"surcharges?|import\s+taxe?s?|export\s+taxe?s?|margins?)\b",
    re.IGNORECASE,
)
# what every _TARIFF_WORD match begins with (lower case)
_TARIFF_OPENINGS = ("tariff", "dut", "lev", "customs", "anti-dumping", "countervailing", "safeguard",
                    "surcharge", "import", "export", "margin")
_WINDOW = 90  # characters either side of a percentage in which a tariff word must appear

_SCALE = {"thousand": 3, "k": 3, "million": 6, "mln": 6, "m": 6, "mn": 6, "billion": 9, "bln": 9, "bn": 9,
          "b": 9, "trillion": 12, "tn": 12, "trn": 12}  # powers of ten
_SCALE_RE = r"(?:\s*(?P<scale>thousand|million|mln|mn|billion|bln|bn|trillion|trn|tn|[kmb])\b)?"
_SYMBOLS = {"$": "USD", "us$": "USD", "u.s.$": "USD", "a$": "AUD", "c$": "CAD", "nz$": "NZD", "hk$": "HKD",
            "s$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR", "r$": "BRL"}
_WORDS = {
    "yen": "JPY", "euro": "EUR", "euros": "EUR", "dollars": "USD", "dollar": "USD", "dlrs": "USD",
    "yuan": "CNY", "renminbi": "CNY", "won": "KRW", "pounds": "GBP", "sterling": "GBP", "stg": "GBP",
    "swiss francs": "CHF",
    "roubles": "RUB", "rubles": "RUB", "reais": "BRL", "real": "BRL", "rand": "ZAR", "ringgit": "MYR",
    "baht": "THB", "rupiah": "IDR", "dong": "VND", "lira": "TRY", "liras": "TRY", "zloty": "PLN",
    "forint": "HUF", "riyals": "SAR", "dirhams": "AED", "shekels": "ILS", "crowns": "SEK", "kronor": "SEK",
    "krona": "SEK", "kroner": "NOK", "ecus": "XEU", "marks": "DEM", "guilders": "NLG",
}
# currency words several countries use: the story's country decides (dateline first), else the default
_SHARED_WORDS = {
    "francs": ({"FR": "FRF", "BE": "BEF", "LU": "LUF", "CH": "CHF"}, "CHF"),
    "crowns": ({"SE": "SEK", "DK": "DKK", "NO": "NOK", "CZ": "CZK", "IS": "ISK"}, "SEK"),
    "pesos": ({"MX": "MXN", "PH": "PHP", "AR": "ARS", "CL": "CLP", "CO": "COP", "UY": "UYU"}, "MXN"),
    "rupees": ({"IN": "INR", "PK": "PKR", "LK": "LKR", "NP": "NPR"}, "INR"),
    "rupee": ({"IN": "INR", "PK": "PKR", "LK": "LKR", "NP": "NPR"}, "INR"),
    "pounds": ({"EG": "EGP", "LB": "LBP", "SY": "SYP"}, "GBP"),
    "dinars": ({"IQ": "IQD", "KW": "KWD", "JO": "JOD", "DZ": "DZD", "TN": "TND", "BH": "BHD", "RS": "RSD"},
               "KWD"),
}
_ADJECTIVE_DOLLARS = {"u.s.": "USD", "us": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
                      "n.z.": "NZD", "nz": "NZD", "aust": "AUD", "hk": "HKD", "s'pore": "SGD",
                      "hong kong": "HKD", "new zealand": "NZD", "singapore": "SGD", "taiwan": "TWD"}
_ADJECTIVE_OTHER = {"indian": "INR", "mexican": "MXN", "philippine": "PHP", "chilean": "CLP",
                    "argentine": "ARS", "colombian": "COP", "swiss": "CHF", "danish": "DKK",
                    "norwegian": "NOK", "swedish": "SEK", "japanese": "JPY", "chinese": "CNY",
                    "south korean": "KRW"}
_MONEY = re.compile(
    rf"(?P<sym>US\$|U\.S\.\s?\$|A\$|C\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₩|₹)\s?(?P<num>{_NUM}){_SCALE_RE}"
    rf"|\b(?P<code>USD|EUR|JPY|CNY|GBP|CHF|KRW|INR|CAD|AUD|RMB)\s?(?P<num2>{_NUM})"
    rf"{_SCALE_RE.replace('scale', 'scale2')}"
    rf"|\b(?P<num3>{_NUM}){_SCALE_RE.replace('scale', 'scale3')}\s+"
    rf"(?:(?P<adj>U\.S\.|US|N\.Z\.|NZ|HK|Aust|American|Australian|Canadian|Hong Kong|New Zealand|Singapore|"
    rf"Taiwan|Indian|"
    rf"Mexican|Philippine|Chilean|Argentine|Colombian|Swiss|Danish|Norwegian|Swedish|Japanese|Chinese|"
    rf"South Korean)\s+)?"
    rf"(?P<word>yen|euros?|dollars?|[Dd]lrs|DLRS|yuan|renminbi|won|pounds(?:\s+sterling)?(?!\s+of\b)|sterling|stg|rupees?|pesos|"
    rf"francs|roubles|rubles|reais|rand|ringgit|baht|rupiah|dong|liras?|zloty|forint|riyals|dirhams|shekels|"
    rf"crowns|kronor|krona|kroner|ecus|marks|guilders|dinars|USD|EUR|JPY|CNY|GBP|RMB)\b",
)


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def find_tariff_rates(text: str, sentences: list[tuple[int, int]] | None = None,
                      folded: str | None = None) -> list[TariffRate]:
    """Tariff rates in percent, with the earlier rate when a change is stated (near a tariff word in
    the same sentence). ``folded``: :func:`fold` of ``text`` if already made."""
    sentences = sentences or [(0, len(text))]
    folded = fold(text) if folded is None else folded
    rates: list[TariffRate] = []
    for k in _sentences_with(text, [start for start, _ in sentences], ("%", "per", "pct")):
        start, end = sentences[k]
        for opening in _TARIFF_OPENINGS:  # no tariff word, no tariff rate
            if folded.find(opening, start, end) >= 0:
                rates.extend(_rates(text[start:end]))
                break
    return rates


def _sentences_with(text: str, starts: list[int], needles: tuple[str, ...]) -> list[int]:
    """Numbers (ascending) of the sentences (beginning at ``starts``) that contain a needle; a needle
    has no white space, and a sentence begins after white space, so no needle spans two sentences."""
    found: set[int] = set()
    for needle in needles:
        at = text.find(needle)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            found.add(k)
            following = starts[k + 1] if k + 1 < len(starts) else len(text)
            at = text.find(needle, max(following, at + 1))
    return sorted(found)


def _rates(text: str) -> list[TariffRate]:
    rates: list[TariffRate] = []
    for m in _RATE.finditer(text):
        if m.group("by") or m.group("tail"):
            continue
        around = text[max(0, m.start() - _WINDOW) : m.end() + _WINDOW]
        if not _TARIFF_WORD.search(around):
            continue
        if m.group("b1"):
            rate, before = _number(m.group("b1")), _number(m.group("a1"))
        elif m.group("b2"):
            rate, before = _number(m.group("b2")), _number(m.group("a2"))
        else:
            rate, before = _number(m.group("r")), None
        rates.append(TariffRate(rate=rate, from_rate=before, text=squash(m.group(0))))
    return rates


def _currency(m: re.Match[str], context: Sequence[str]) -> str:
    if m.group("sym"):
        return _SYMBOLS[m.group("sym").lower().replace(" ", "")]
    if m.group("code"):
        code = m.group("code")
        return "CNY" if code == "RMB" else code
    word = m.group("word").lower()
    adjective = (m.group("adj") or "").lower()
    if word in ("dollars", "dollar", "dlrs"):  # lower-cased above
        return _ADJECTIVE_DOLLARS.get(adjective, "USD")
    if adjective in _ADJECTIVE_OTHER:
        return _ADJECTIVE_OTHER[adjective]
    shared = _SHARED_WORDS.get(word.split()[0])
    if shared is not None and "sterling" not in word:
        by_country, default = shared
        return next((by_country[c] for c in context if c in by_country), default)
    if word.startswith("pounds"):
        return "GBP"
    return _WORDS.get(word, word.upper())


_MONEY_OPENERS = frozenset([
    "$", "€", "£", "¥", "₩", "₹", "US", "U.S.", "A", "C", "NZ", "HK", "S", "R", "USD", "EUR", "JPY", "CNY",
    "GBP", "CHF", "KRW", "INR", "CAD", "AUD", "RMB",
])
# the words that can follow the number of an amount: scales, currency adjectives and currency words
_AFTER_NUMBER = frozenset(
    [
        *_SCALE, "u.s.", "n.z.", *(a.split()[0] for a in [*_ADJECTIVE_DOLLARS, *_ADJECTIVE_OTHER]),
        *_WORDS, *_SHARED_WORDS, "euro", "euros", "dollar", "rupee", "lira", "usd", "eur", "jpy", "cny",
        "gbp", "rmb",
    ]
)


def _could_follow_number(word: str) -> bool:
    """Whether ``word`` can follow the number of an amount ("billion", "yen", "U.S." ...): only ASCII
    words are judged, case-blind (a superset of what the amount pattern takes)."""
    if not word.isascii():
        return True
    lower = word.lower()
    head = lower.replace("'", "-").replace("&", "-").split("-", 1)[0]  # "billion" of "billion-dollar"
    return lower in _AFTER_NUMBER or head in _AFTER_NUMBER


# word classes: a currency sign or code that can open an amount, a word that can follow its number
_MONEY_SIGN = WORD_CLASSES.add(_MONEY_OPENERS.__contains__)
_AFTER_AMOUNT = WORD_CLASSES.add(_could_follow_number)


def find_money(text: str, tokens: Tokens, context: Sequence[str] = ()) -> list[Money]:
    """Amounts with their ISO 4217 currency, scaled to units ("$550 billion" -> 5.5e11 USD); the regex
    is tried only at numbers and currency signs. ``context`` (ISO country codes, most relevant first)
    settles shared currency words such as francs or pesos."""
    found: list[Money] = []
    covered = -1
    starts = tokens.starts
    # a number starts an amount only before a scale or currency word
    for i in tokens.opening(_MONEY_SIGN, DIGIT, _AFTER_AMOUNT):
        if starts[i] < covered:
            continue
        m = _MONEY.match(text, starts[i])
        if m is None:
            continue
        covered = m.end()
        number = m.group("num") or m.group("num2") or m.group("num3")
        scale = (m.group("scale") or m.group("scale2") or m.group("scale3") or "").lower()
        amount = Decimal(number.replace(",", "")).scaleb(_SCALE.get(scale, 0))
        found.append(Money(amount=float(amount), currency=_currency(m, context),
                           text=squash(m.group(0))))
    return found
