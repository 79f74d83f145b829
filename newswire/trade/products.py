"""Products and sectors (mapped to HS chapters, from ``extract_products.json``) and trade actions."""

from __future__ import annotations

from functools import cache

from newswire.trade._text import WORD_CLASSES, Tokens
from newswire.trade.fields import Product
from newswire.trade.gazetteer import load_json

# canonical action -> word forms (lower case) that express it
ACTIONS: dict[str, tuple[str, ...]] = {
    "impose": ("impose", "imposes", "imposed", "imposing", "imposition", "slap", "slaps", "slapped", "levied",
               "introduce", "introduced", "reimpose", "reimposed"),
    "raise": ("raise", "raises", "raised", "raising", "hike", "hikes", "hiked", "increase", "increases",
              "increased", "double", "doubled", "triple", "tripled", "escalate", "escalated", "escalation"),
    "cut": ("cut", "cuts", "cutting", "reduce", "reduces", "reduced", "reducing", "reduction", "lower",
            "lowers", "lowered", "lowering", "slash", "slashed", "ease", "eased", "easing"),
    "eliminate": ("eliminate", "eliminates", "eliminated", "eliminating", "elimination", "abolish",
                  "abolished", "abolition", "scrap", "scraps", "scrapped", "remove", "removed", "removal",
                  "lift", "lifts", "lifted", "repeal", "repealed"),
    "suspend": ("suspend", "suspends", "suspended", "suspension", "pause", "paused", "delay", "delayed",
                "postpone", "postponed", "freeze", "froze", "frozen"),
    "negotiate": ("negotiate", "negotiates", "negotiated", "negotiating", "negotiation", "negotiations",
                  "negotiator", "negotiators", "talks"),
    "threaten": ("threaten", "threatens", "threatened", "threatening", "threat", "threats", "warned",
                 "warns"),
    "retaliate": ("retaliate", "retaliates", "retaliated", "retaliation", "retaliatory", "countermeasures",
                  "counter-tariffs", "reciprocal"),
    "exempt": ("exempt", "exempts", "exempted", "exemption", "exemptions", "waiver", "waivers", "carve-out"),
    "extend": ("extend", "extends", "extended", "extension"),
}
# an action other than negotiate counts only in a sentence that also names a trade measure
TRADE_MEASURES = frozenset(
    [
        "tariff", "tariffs", "duty", "duties", "levy", "levies", "quota", "quotas", "sanction", "sanctions",
        "ban", "bans", "embargo", "restriction", "restrictions", "curbs", "curb", "controls", "barriers",
        "surcharge", "surcharges", "anti-dumping", "countervailing", "safeguard", "safeguards", "retaliation",
        "import", "imports", "export", "exports", "trade",
    ]
)
_ACTION_OF = {form: action for action, forms in ACTIONS.items() for form in forms}


@cache
def _products() -> tuple[dict[tuple[str, ...], Product | None], dict[str, int]]:
    """Term (lower-case words) -> product (None for look-alikes), and first word -> longest term."""
    data = load_json("extract_products.json")
    table: dict[tuple[str, ...], Product | None] = {}
    for item in data["products"]:
        product = Product(item["name"], item["hs_chapter"])
        for term in item["terms"]:
            table[tuple(term.split())] = product
    for phrase in data["not_products"]:
        table[tuple(phrase.split())] = None
    widths: dict[str, int] = {}
    for phrase in table:
        widths[phrase[0]] = max(widths.get(phrase[0], 0), len(phrase))
    return table, widths


# word classes: the first word of a product term, a trade measure, a word form of an action
_PRODUCT_START = WORD_CLASSES.add(lambda word: word.lower() in _products()[1])
_MEASURE = WORD_CLASSES.add(lambda word: word.lower() in TRADE_MEASURES)
_ACTION = WORD_CLASSES.add(lambda word: word.lower() in _ACTION_OF)


def find_products(tokens: Tokens) -> list[Product]:
    """Products and sectors in order of first mention (longest term wins)."""
    table, widths = _products()
    words = tokens.words
    found: dict[str, Product] = {}
    n = len(words)
    free = 0  # first token not inside an earlier term
    for i in tokens.having(_PRODUCT_START):
        if i < free:
            continue
        longest = [word.lower() for word in words[i : i + min(widths[words[i].lower()], n - i)]]
        for width in range(len(longest), 0, -1):
            phrase = tuple(longest[:width])
            if phrase in table:
                product = table[phrase]
                if product is not None:
                    found.setdefault(product.name, product)
                free = i + width
                break
    return list(found.values())


def find_actions(tokens: Tokens) -> list[str]:
    """Canonical trade actions in order of first mention."""
    sentence, words = tokens.sentence, tokens.words
    measures_in = {sentence[i] for i in tokens.having(_MEASURE)}
    found: dict[str, None] = {}
    for i in tokens.having(_ACTION):
        action = _ACTION_OF[words[i].lower()]
        if action == "negotiate" or sentence[i] in measures_in:
            found.setdefault(action, None)
    return list(found)
