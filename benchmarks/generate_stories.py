"""Deterministic generator of realistic raw feed items (schemas/raw_item.v1.json) for benchmarks.

Writes N items as JSONL: Reuters-sized HTML bodies (2-4 KB of paragraphs, marked up as the
real feeds do: a picture in half of them, links, bold words, entities), about 15% trade
stories built from templates (tariffs, talks, export controls, trade remedies, trade data, WTO
disputes) and the rest non-trade, including hard negatives (sports trades, stock trading, trade
unions, trade fairs, trademarks, fair-trade coffee). About 5% of the items are exact duplicates
(the same item carried by a second feed), 5% near-duplicate syndicated copies (new guid, small
edits), 3% "UPDATE n-" versions of an earlier story; publication times spread over several days.

Seeded, no network, no clock: the same arguments give byte-identical output.

    python benchmarks/generate_stories.py --count 50000 --out var/bench/stories.jsonl --seed 7

``--truth FILE`` also writes one JSON line per item with the generator's ground truth
(id, kind, group, version, trade, subtopic) so a benchmark can check what the pipeline found.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson

CONNECTOR_VERSION = "bench-generator/1"
EXACT_SHARE = 0.05
NEAR_SHARE = 0.05
UPDATE_SHARE = 0.03
TRADE_SHARE = 0.15
MIN_BODY, MAX_BODY = 2000, 4000

# --- vocabulary (invented people and firms; real countries and cities) --------------------------

COUNTRIES = [
    # name, adjective, capital (used in datelines), currency
    ("the United States", "U.S.", "WASHINGTON", "dollars"),
    ("Japan", "Japanese", "TOKYO", "yen"),
    ("China", "Chinese", "BEIJING", "yuan"),
    ("Canada", "Canadian", "OTTAWA", "Canadian dollars"),
    ("Mexico", "Mexican", "MEXICO CITY", "pesos"),
    ("Germany", "German", "BERLIN", "euros"),
    ("France", "French", "PARIS", "euros"),
    ("India", "Indian", "NEW DELHI", "rupees"),
    ("Brazil", "Brazilian", "BRASILIA", "reais"),
    ("South Korea", "South Korean", "SEOUL", "won"),
    ("Australia", "Australian", "CANBERRA", "Australian dollars"),
    ("Vietnam", "Vietnamese", "HANOI", "dong"),
    ("Indonesia", "Indonesian", "JAKARTA", "rupiah"),
    ("the United Kingdom", "British", "LONDON", "pounds"),
    ("Turkey", "Turkish", "ANKARA", "lira"),
    ("South Africa", "South African", "PRETORIA", "rand"),
    ("Argentina", "Argentine", "BUENOS AIRES", "pesos"),
    ("Thailand", "Thai", "BANGKOK", "baht"),
    ("Malaysia", "Malaysian", "KUALA LUMPUR", "ringgit"),
    ("Chile", "Chilean", "SANTIAGO", "pesos"),
    ("Egypt", "Egyptian", "CAIRO", "pounds"),
    ("New Zealand", "New Zealand", "WELLINGTON", "NZ dollars"),
]
BLOCS = ["European Union", "ASEAN", "Mercosur", "the Gulf Cooperation Council", "the African Union"]
FIRST = ["Anna", "Kenji", "Maria", "David", "Li", "Priya", "Tomas", "Elena", "Samuel", "Yuki", "Omar",
         "Claire", "Rafael", "Ingrid", "Hassan", "Mei", "Daniel", "Sofia", "Arjun", "Nadia", "Paolo",
         "Hana", "Victor", "Lucia", "Martin", "Aiko", "Jonas", "Farah", "Graham", "Rosa"]
LAST = ["Calder", "Moriyama", "Okafor", "Lindqvist", "Tanaka", "Ferreira", "Novak", "Haddon", "Kwan",
        "Bramwell", "Sato", "Ostrowski", "Delgado", "Whitfield", "Rahman", "Castellano", "Iwata", "Brandt",
        "Mensah", "Aldana", "Petrov", "Hollis", "Varga", "Nakamura", "Sorensen", "Quist", "Abara",
        "Lemaire", "Pasternak", "Yilmaz"]
TRADE_TITLES = ["Trade Minister", "Commerce Minister", "Economy Minister", "Trade Representative",
                "chief trade negotiator", "Deputy Trade Minister", "Industry Minister", "Finance Minister"]
PRODUCTS = [("steel", "72"), ("aluminium", "76"), ("autos", "87"), ("auto parts", "87"),
            ("semiconductors", "85"), ("soybeans", "12"), ("corn", "10"), ("solar panels", "85"),
            ("lithium batteries", "85"), ("shrimp", "03"), ("wine", "22"), ("dairy products", "04"),
            ("textiles", "61"), ("ships", "89"), ("pharmaceuticals", "30"), ("lumber", "44"),
            ("rare earth magnets", "85"), ("beef", "02"), ("rice", "10"), ("copper wire", "74")]
MINISTRIES = ["Commerce Department", "trade ministry", "economy ministry", "customs agency"]
CHIP_ITEMS = ["advanced AI accelerators", "chipmaking equipment", "high-bandwidth memory",
              "lithography tools", "electronic design software", "gallium and germanium"]
COMPANIES = ["Norlake Industries", "Bexley Motors", "Harrowgate Steel", "Solvane Energy", "Kestrel Foods",
             "Orion Semiconductor", "Tarnwell Logistics", "Aventis Retail", "Blue Quarry Mining",
             "Lunaris Pharma", "Cobalt Ridge Bank", "Meadowvale Dairy", "Pyxis Telecom", "Graystone Cement",
             "Halcyon Airlines", "Verdant Agritech", "Ironbridge Shipping", "Ptarmigan Software"]
TEAMS = ["Riverton Hawks", "Lakeshore Comets", "Granite City Bears", "Bayside Mariners", "Northfield Storm",
         "Capital Rangers", "Desert Suns", "Harbor Kings", "Prairie Wolves", "Coastal Tide"]
AGENCIES = ["Wirewatch", "Meridian Press", "Continental News Service", "Pacific Newsline"]
PUBLISHERS = [
    # feed name, publisher, agency carried, format
    ("harbor-ledger-world", "Harbor Ledger", "Wirewatch", "rss20"),
    ("harbor-ledger-business", "Harbor Ledger", "Wirewatch", "rss20"),
    ("northgate-times", "Northgate Times", "Meridian Press", "rss20"),
    ("capital-bulletin", "Capital Bulletin", "Continental News Service", "atom10"),
    ("pacific-digest", "Pacific Wire Digest", "Pacific Newsline", "jsonfeed"),
    ("wirewatch-agency", "Wirewatch", "Wirewatch", "ninjs"),
    ("meridian-agency", "Meridian Press", "Meridian Press", "ninjs"),
    ("iberia-review", "Iberia Business Review", "Continental News Service", "rss20"),
    ("midland-courier", "Midland Courier", "Wirewatch", "rss20"),
    ("eastbay-chronicle", "Eastbay Chronicle", "Pacific Newsline", "atom10"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# --- sentence templates --------------------------------------------------------------------------
# Slots are filled from one context per story (see _context); every template uses only its keys.

TRADE: dict[str, dict[str, list[str]]] = {
    "tariffs": {
        "head": ["{adj} to raise tariffs on {product2} imports to {rate2}",
                 "{country} slaps {rate2} duties on {product} from {country2}",
                 "{country2} vows response as {adj} tariff on {product} takes effect",
                 "{adj} tariff hike on {product} rattles {adj2} exporters"],
        "lead": ["{country} will raise tariffs on imports of {product} from {country2} from {rate1} "
                 "to {rate2} "
                 "starting {date_future}, {title} {person} said on {weekday}.",
                 "The {adj} government said on {weekday} it would impose a {rate2} tariff on {product} from "
                 "{country2}, widening a dispute that has already hit {product2} shipments worth {money}."],
        "body": ["The new duties cover about {money} of annual imports, according to government estimates.",
                 "{person} told reporters the levy was needed to protect domestic producers of {product}.",
                 "{adj2} officials called the move unjustified and said they were studying countermeasures.",
                 "Importers said the tariff increase, the second this year, would push up prices for buyers.",
                 "The rate on {product2} will stay at {pct1} percent until a review due in {month}.",
                 "Analysts at {company} estimated the measure could cut {adj2} exports of {product} "
                 "by {pct2}%.",
                 "{country2} exported {num1} million tonnes of {product} last year, much of it to {country}.",
                 "Business groups urged both sides to return to talks before the duties take effect.",
                 "The customs agency said goods already in transit would be charged the old rate of {rate1}.",
                 "Retaliatory tariffs of {rate1} on {product2} were also under consideration, "
                 "{person} said."],
    },
    "talks": {
        "head": ["{country} and {country2} to hold {ordinal} round of trade talks on {date_future_short}",
                 "{adj} trade envoy heads to {capital2} as deal deadline looms",
                 "{country}, {country2} negotiators report progress on trade deal",
                 "{adj} and {adj2} officials agree to resume trade negotiations next week"],
        "lead": ["{title} {person} will travel to {capital2} next week for the {ordinal} round of "
                 "trade talks "
                 "with {country2}, the {adj} government said on {weekday}.",
                 "Negotiators from {country} and {country2} agreed to meet again on {date_future_short} to "
                 "narrow differences over tariffs on {product} and market access for {product2}."],
        "body": ["{person} is expected to meet {title2} {person2} and discuss a framework agreement.",
                 "The two sides have held {num_small} rounds of talks since {month} without a breakthrough.",
                 "{person2} said a deal was within reach but that {country2} would not accept quotas "
                 "on {product}.",
                 "Officials said the talks would also cover digital trade, investment rules and {product2}.",
                 "A joint statement after the meeting described the discussions as frank and constructive.",
                 "Trade between the two countries was worth about {money} last year.",
                 "Farm groups in {country2} have pressed the government to protect {product2} growers.",
                 "The next round is scheduled for {date_future_short}, a spokesperson for the ministry said.",
                 "{country} hopes to conclude a trade agreement before the end of the year, {person} said."],
    },
    "export_controls": {
        "head": ["{country} tightens export curbs on {chip} to {country2}",
                 "{adj} export licence rules widened to cover {chip}",
                 "{country2} protests {adj} restrictions on {chip} sales"],
        "lead": ["{country} on {weekday} widened restrictions on sales of {chip} to {country2}, requiring "
                 "licences for shipments that were previously exempt, the {ministry} said.",
                 "The {adj} government added {num_small} {adj2} companies to its export control entity list, "
                 "barring them from buying {chip} without a licence."],
        "body": ["The rules take effect on {date_future_short} and apply to products made with {adj} "
                 "technology.",
                 "{company} said it expected the curbs to cut its annual revenue by about {money}.",
                 "{adj2} officials said the restrictions violated market principles and vowed to respond.",
                 "Licence applications will be reviewed under a presumption of denial, the {ministry} said.",
                 "Industry groups warned the controls could push buyers toward suppliers in other countries.",
                 "Shares of {company} fell {pct2}% after the announcement.",
                 "The measures follow similar restrictions announced in {month} on {chip2}."],
    },
    "remedies": {
        "head": ["{country} imposes anti-dumping duties on {adj2} {product}",
                 "{country} sets countervailing duties of up to {rate2} on {product} from {country2}",
                 "{adj} probe finds {adj2} {product} sold below fair value"],
        "lead": ["{country} imposed provisional anti-dumping duties of up to {rate2} on {product} from "
                 "{country2} on {weekday}, after an investigation found the goods were sold below cost.",
                 "The {ministry} set countervailing duties ranging from {rate1} to {rate2} on {adj2} "
                 "{product}, "
                 "saying producers received unfair state subsidies."],
        "body": ["The investigation was opened in {month} after a complaint by domestic producers "
                 "led by {company}.",
                 "Dumping margins ranged from {pct1}% to {pct2}%, according to the preliminary "
                 "determination.",
                 "A final ruling is due by {date_future_short}, when the duties could be made permanent.",
                 "Imports of {product} from {country2} rose {pct2}% last year to {num1} thousand tonnes.",
                 "{adj2} producers said they would contest the findings and could appeal to the WTO.",
                 "The safeguard measure on {product2} adopted last year remains in force."],
    },
    "data": {
        "head": ["{adj} trade deficit widens to {money} in {month}",
                 "{country} posts record trade surplus as {product} exports jump",
                 "{adj} exports fall {pct1}% in {month}, imports slide"],
        "lead": ["{country}'s trade deficit widened to {money} in {month} from a revised {money2} the month "
                 "before, as imports of {product} rose faster than exports, official data showed on "
                 "{weekday}.",
                 "{country} recorded a trade surplus of {money} in {month}, as exports of {product} climbed "
                 "{pct2}% from a year earlier, the statistics office said."],
        "body": ["Economists polled by {agency} had expected a figure of {money2}.",
                 "Exports rose {pct1}% year on year while imports fell {pct2}%.",
                 "The bilateral deficit with {country2} narrowed to {money2}.",
                 "Shipments of {product2} to {country2} dropped for the {ordinal} consecutive month.",
                 "The current account balance is due to be published on {date_future_short}.",
                 "Analysts said front-loading of orders ahead of new tariffs had distorted the numbers."],
    },
    "wto": {
        "head": ["{country} files WTO complaint over {adj2} {product} duties",
                 "WTO panel rules against {country2} in {product} dispute",
                 "{country2} appeals WTO ruling on {product} subsidies"],
        "lead": ["{country} has asked the World Trade Organization to settle a dispute with {country2} over "
                 "duties on {product}, the WTO said on {weekday}, in a challenge that could take years.",
                 "A World Trade Organization panel ruled on {weekday} that {country2} broke global "
                 "trade rules "
                 "when it raised tariffs on {product} from {country}."],
        "body": ["The request for consultations is the first step in the WTO dispute settlement process.",
                 "If talks fail within 60 days, {country} can ask for a panel to rule on the case.",
                 "{person} said the duties were inconsistent with {country2}'s commitments under WTO rules.",
                 "The Appellate Body has been unable to hear appeals since it lost its quorum.",
                 "{country2} said it would study the report and consider its options.",
                 "The dispute covers about {money} of annual trade in {product} and {product2}."],
    },
}

OTHER: dict[str, dict[str, list[str]]] = {
    "sports_trade": {
        "head": ["{team} trade star guard {player} to {team2}", "{team2} acquire {player} in deadline deal",
                 "{player} traded to {team2} for two draft picks"],
        "lead": ["The {team} traded guard {player} to the {team2} on {weekday} for two future draft picks, "
                 "ending a {num_small}-season spell with the club.",
                 "{player} was dealt to the {team2} in a trade that also sends a reserve forward to "
                 "the {team}."],
        "body": ["{player} averaged {num_small}.{num_digit} points per game last season.",
                 "Coach {person} said the team wanted more flexibility under the salary cap.",
                 "The trade deadline passed at 3 p.m. local time with {num_small} other deals completed.",
                 "Fans reacted angrily on social media, and season ticket holders asked for a meeting.",
                 "The {team2} sit {ordinal} in the standings and play the {team} next week."],
    },
    "markets": {
        "head": ["Stocks close higher as tech rally extends", "Shares in {company} jump in heavy trading",
                 "{city} bourse ends flat after choppy session"],
        "lead": ["Stocks ended higher on {weekday} as investors bought technology shares, with the benchmark "
                 "index up {pct1}% in active trading on the {city} exchange.",
                 "Shares of {company} rose {pct2}% in heavy trading after the firm raised its profit "
                 "forecast."],
        "body": ["Trading volume was about {num1} million shares, above the 30-day average.",
                 "Bond yields slipped and the dollar was little changed against the yen.",
                 "Day traders piled into small-cap names, pushing several up by double digits.",
                 "{person}, a strategist at {company2}, said the rally looked stretched.",
                 "Oil prices fell {pct1}% while gold edged higher."],
    },
    "union_strike": {
        "head": ["Rail workers strike over pay as union talks collapse",
                 "Dockworkers' union calls {num_small}-day walkout at {city} port",
                 "Trade union rejects {company} wage offer"],
        "lead": ["Thousands of workers walked out on {weekday} after their trade union rejected a pay offer "
                 "from {company}, disrupting services across {city}.",
                 "The transport workers' union said the strike would last {num_small} days unless management "
                 "improved its offer of a {pct1}% raise."],
        "body": ["Union leader {person} said members had lost patience after months of talks.",
                 "{company} said it had offered a fair deal and urged staff to return to work.",
                 "Commuters faced long queues and cancelled services during the morning rush.",
                 "A mediator is expected to meet both sides on {date_future_short}.",
                 "The union represents about {num1} thousand workers in the sector."],
    },
    "trade_fair": {
        "head": ["{city} trade fair draws record crowds", "Exhibitors flock to {city} trade show for "
                                                          "new gadgets",
                 "Book fair opens in {city} with {num_small} hundred exhibitors"],
        "lead": ["More than {num1} thousand visitors attended the opening day of the annual trade "
                 "fair in {city}, "
                 "where {num_small} hundred exhibitors showed new consumer electronics.",
                 "The {city} trade show opened on {weekday} with robots, foldable phones and "
                 "electric bicycles."],
        "body": ["Organisers said hotel rooms in the city were fully booked for the week.",
                 "{company} unveiled a new smart-home speaker at its stand.",
                 "Admission costs {num_small}0 euros for a day pass.",
                 "The fair runs until {date_future_short}."],
    },
    "trademark": {
        "head": ["Court sides with {company} in trademark fight", "{company} sues rival over logo trademark",
                 "Judge rejects trademark claim over {product} brand name"],
        "lead": ["A court ruled on {weekday} that {company2} infringed the trademark of {company} by selling "
                 "sportswear under a confusingly similar name.",
                 "{company} has filed a trademark lawsuit accusing a rival of copying its logo."],
        "body": ["The judge ordered {company2} to stop using the name within {num_small}0 days.",
                 "Lawyers for {company2} said they would appeal the decision.",
                 "The dispute centres on a stylised letter registered as a trademark in {month}.",
                 "Damages will be assessed at a separate hearing."],
    },
    "fair_trade_coffee": {
        "head": ["Fair trade coffee sales climb as shoppers seek ethical brands",
                 "Cafe chain switches to fair trade beans"],
        "lead": ["Sales of fair trade coffee rose {pct2}% last year as shoppers paid more for beans "
                 "certified "
                 "to give growers a minimum price, an industry group said on {weekday}.",
                 "A cafe chain in {city} said all its coffee would be certified fair trade by {month}."],
        "body": ["Growers' cooperatives receive a premium that funds schools and clinics.",
                 "Prices paid to farmers have risen but remain volatile, {person} said.",
                 "Certified beans now make up about {pct1}% of the retail market."],
    },
    "weather": {
        "head": ["Heatwave grips {city} as temperatures near record", "Storm brings floods to coastal towns",
                 "Heavy snow closes mountain passes"],
        "lead": ["Temperatures in {city} reached {num_small}{num_digit} degrees Celsius on "
                 "{weekday}, close to "
                 "the record, and forecasters warned the heat would last until the weekend.",
                 "A storm dumped {num_small}0 millimetres of rain on coastal towns overnight, "
                 "flooding roads."],
        "body": ["Authorities opened cooling centres and urged residents to drink water.",
                 "The weather service issued an amber warning for {num_small} regions.",
                 "Power cuts affected about {num1} thousand homes.",
                 "Forecasters expect cooler air to arrive by {date_future_short}."],
    },
    "science": {
        "head": ["Astronomers spot water vapour on distant planet", "New antibiotic found in soil bacteria",
                 "Researchers map ocean floor with underwater drones"],
        "lead": ["Astronomers said on {weekday} they had detected water vapour in the atmosphere of a planet "
                 "{num1} light years from Earth.",
                 "Scientists at a university in {city} said a compound found in soil bacteria killed "
                 "drug-resistant germs in laboratory tests."],
        "body": ["The findings were published in a peer-reviewed journal.",
                 "{person}, who led the study, said more work was needed before human trials.",
                 "The team used data collected over {num_small} years.",
                 "Other researchers called the results promising but preliminary."],
    },
    "culture": {
        "head": ["Film about {city} fishermen wins festival prize", "Museum reopens after "
                                                                    "{num_small}-year renovation",
                 "Orchestra announces new season with premieres"],
        "lead": ["A film about fishermen in {city} won the top prize at an international festival on "
                 "{weekday}.",
                 "The city museum in {city} reopened to the public after a renovation costing {money}."],
        "body": ["Director {person} dedicated the award to the crew.",
                 "Tickets for the opening weekend sold out within hours.",
                 "The collection includes {num1} works, many never shown before.",
                 "Critics praised the restored galleries and new lighting."],
    },
    "corporate": {
        "head": ["{company} profit beats forecasts on strong demand", "{company} to cut {num1} jobs "
                                                                      "in restructuring",
                 "{company} agrees to buy {company2} for {money}"],
        "lead": ["{company} reported a {pct2}% rise in quarterly profit on {weekday}, beating analysts' "
                 "forecasts as demand held up.",
                 "{company} said on {weekday} it would buy {company2} for {money} to expand its "
                 "services business."],
        "body": ["Chief executive {person} said the outlook for the second half remained uncertain.",
                 "Revenue rose to {money2}, the company said.",
                 "The deal is subject to regulatory approval and is expected to close by {month}.",
                 "The company kept its full-year guidance unchanged."],
    },
    "politics": {
        "head": ["{adj} parliament passes budget after long debate", "{adj} prime minister "
                                                                     "reshuffles cabinet",
                 "Election date set in {country}"],
        "lead": ["{country}'s parliament approved the annual budget on {weekday} after a debate that lasted "
                 "into the night.",
                 "The {adj} prime minister replaced {num_small} ministers on {weekday} in a cabinet "
                 "reshuffle."],
        "body": ["Opposition lawmakers walked out before the vote.",
                 "{person} was named the new interior minister.",
                 "Polls show the governing coalition trailing by {pct1} points.",
                 "The next election must be held by {month} next year."],
    },
    "health": {
        "head": ["Hospitals report rise in flu cases", "Health ministry expands vaccination programme"],
        "lead": ["Hospitals in {city} reported a {pct2}% rise in flu admissions last week, health officials "
                 "said on {weekday}.",
                 "The health ministry said it would offer free vaccinations to people over {num_small}0."],
        "body": ["Doctors urged vulnerable people to get vaccinated.",
                 "{person}, a public health official, said the season had started early.",
                 "Pharmacies reported strong demand for booster shots."],
    },
}
# Quotes and background sentences are assembled from parts, so that unrelated stories share few
# word sequences (near-duplicate detection must not pair them) while reading like wire copy.
TRADE_CLAUSES = [
    "exporters needed clarity before signing contracts for next year",
    "supply chains for {product} would take years to move elsewhere",
    "the measures risked inflaming tensions with {country2}",
    "importers had stockpiled {product2} ahead of the deadline",
    "the tariff burden would ultimately fall on {adj} consumers",
    "a negotiated settlement remained the most likely outcome",
    "retaliation against {adj} farm goods could follow within weeks",
    "shipping rates on routes to {capital2} had already risen",
    "the dispute was weighing on investment plans across the region",
    "customs data pointed to a sharp drop in {product} shipments",
    "ministers were under pressure from domestic producers",
    "the talks had stalled over market access for {product2}",
    "the deal would lower duties on most industrial goods",
    "smaller manufacturers were least able to absorb higher duties",
    "the government was prepared to challenge the decision at the WTO",
    "quotas on {product} were not on the table",
    "the trade balance would worsen before it improved",
    "licensing delays were already disrupting deliveries",
    "the agreement still needed approval from lawmakers",
    "{adj2} buyers were turning to suppliers in third countries",
]
GENERAL_CLAUSES = [
    "the outlook for the rest of the year remained uncertain",
    "it was too early to judge the full impact",
    "the decision would be reviewed within {num_small} months",
    "costs had risen faster than expected since {month}",
    "the plan had broad support but faced legal questions",
    "public interest had been far higher than anticipated",
    "more details would be released in the coming days",
    "the timing had taken many observers by surprise",
    "the numbers were better than most people had feared",
    "a final decision was unlikely before {month}",
    "local authorities had been consulted at every stage",
    "similar efforts had failed in the past for lack of money",
    "the announcement reflected months of preparation",
    "residents in {city} had raised concerns about the project",
    "the organisation would publish a full report in {month}",
    "confidence had improved since the start of the year",
    "there was no sign of a quick resolution",
    "the change would affect about {num1} thousand people",
    "the target set last year was still within reach",
    "the figures included some one-off effects",
    "volunteers had played a large part in the effort",
    "the budget for the scheme had been doubled",
    "rival proposals would be considered in the autumn",
    "the project had been delayed twice by bad weather",
    "critics had underestimated the demand",
    "a court challenge could not be ruled out",
    "the programme would be extended to other regions",
    "staff shortages remained the biggest problem",
    "the results would be shared with international partners",
    "lessons had been learned from the previous attempt",
]
ROLES = ["an analyst", "a senior economist", "a spokesperson", "a director", "a professor",
         "the chief executive", "a researcher", "a board member", "a senior adviser", "the head of policy"]
ORGS = ["Eastgate Capital", "the Lindenfeld Institute", "Corvane Research", "Halvorsen & Partners",
        "the Institute for Applied Economics", "Brightwater Advisory", "Marrow Street Securities",
        "the National Chamber of Industry", "Tidewell Consulting", "the University of Westbury",
        "Rutherford Analytics", "the Consumer Federation"]
QUOTES = [
    "{qp}, {role} at {org}, said {clause}.",
    "\u201cWe think {clause},\u201d said {qp}, {role} at {org}.",
    "According to {qp} of {org}, {clause}.",
    "{org} said in a note to clients that {clause}.",
    "In a statement, {org} said {clause}.",
    "{qp} told {agency} that {clause}.",
    "{qp}, {role} at {org}, warned that {clause}.",
    "Speaking in {city} on {weekday}, {qp} said {clause}.",
]


@dataclass
class _Story:
    """An original story kept so later duplicates, copies and updates can refer to it."""

    record: dict[str, Any]
    paragraphs: list[str]
    trade: bool
    subtopic: str
    group: str
    versions: int = 1
    extra: list[str] = field(default_factory=list)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def item_id(guid: str) -> str:
    """Stable item id, as the connectors make it: the first 32 hex digits of SHA-256 of the guid."""
    return _digest(guid)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _person(rnd: random.Random) -> str:
    return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"


def _ordinal(n: int) -> str:
    return ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"][n - 1]


def _context(rnd: random.Random, published: datetime) -> dict[str, str]:
    c1, c2 = rnd.sample(COUNTRIES, 2)
    p1, p2 = rnd.sample(PRODUCTS, 2)
    low = rnd.choice([5, 7.5, 10, 12, 15, 20])
    high = low + rnd.choice([5, 10, 15, 25])
    future = published + timedelta(days=rnd.randint(3, 40))
    currency = c1[3]
    company, company2 = rnd.sample(COMPANIES, 2)
    team, team2 = rnd.sample(TEAMS, 2)

    def money() -> str:
        return f"{rnd.randint(2, 95)}.{rnd.randint(0, 9)} billion {currency}"

    return {
        "country": c1[0], "adj": c1[1], "capital": c1[2].title(),
        "country2": c2[0], "adj2": c2[1], "capital2": c2[2].title(),
        "product": p1[0], "product2": p2[0], "rate1": f"{low:g}%", "rate2": f"{high:g}%",
        "pct1": f"{rnd.randint(1, 19)}.{rnd.randint(0, 9)}", "pct2": str(rnd.randint(2, 40)),
        "num1": str(rnd.randint(12, 950)), "num_small": str(rnd.randint(2, 9)),
        "num_digit": str(rnd.randint(0, 9)), "money": money(), "money2": money(),
        "person": _person(rnd), "person2": _person(rnd), "player": _person(rnd),
        "title": f"{c1[1]} {rnd.choice(TRADE_TITLES)}", "title2": f"{c2[1]} {rnd.choice(TRADE_TITLES)}",
        "ministry": rnd.choice(MINISTRIES), "chip": rnd.choice(CHIP_ITEMS), "chip2": rnd.choice(CHIP_ITEMS),
        "company": company, "company2": company2, "team": team, "team2": team2,
        "city": rnd.choice(COUNTRIES)[2].title(), "agency": rnd.choice(AGENCIES),
        "weekday": WEEKDAYS[published.weekday()], "month": rnd.choice(MONTHS),
        "ordinal": _ordinal(rnd.randint(2, 8)),
        "date_future": f"{MONTHS[future.month - 1]} {future.day}",
        "date_future_short": f"{MONTHS[future.month - 1]} {future.day}",
    }


def _quote(rnd: random.Random, clause: str, ctx: dict[str, str]) -> str:
    parts = {**ctx, "qp": _person(rnd), "role": rnd.choice(ROLES), "org": rnd.choice(ORGS),
             "city": rnd.choice(COUNTRIES)[2].title()}
    parts["clause"] = clause.format(**parts)
    return _capital(rnd.choice(QUOTES).format(**parts))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _body(rnd: random.Random, pools: dict[str, list[str]], ctx: dict[str, str], dateline: str,
          trade: bool) -> list[str]:
    """Paragraphs of one story: dated lead, topic sentences and quotes to 2-4 KB, then the byline."""
    target = rnd.randint(MIN_BODY, MAX_BODY - 400)
    paragraphs = [dateline + _capital(rnd.choice(pools["lead"]).format(**ctx))]
    size = len(paragraphs[0])
    topic = pools["body"][:]
    rnd.shuffle(topic)
    clauses = rnd.sample(GENERAL_CLAUSES, len(GENERAL_CLAUSES))
    if trade:
        clauses = rnd.sample(TRADE_CLAUSES, 12) + clauses[:8]
        rnd.shuffle(clauses)
    while size < target and (topic or clauses):
        sentences = []
        for _ in range(rnd.randint(1, 3)):
            if topic and (rnd.random() < 0.6 or not clauses):
                sentences.append(_capital(topic.pop().format(**ctx)))
            elif clauses:
                sentences.append(_quote(rnd, clauses.pop(), ctx))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 7
    paragraphs.append(f"(Reporting by {_person(rnd)}; Editing by {_person(rnd)})")
    return paragraphs


def _link(word: str) -> str:
    return f'<a href="https://www.example.com/topic/{word.lower()}">{word}</a>'


def _paragraph_markup(rnd: random.Random, text: str, entities: bool) -> str:
    """One paragraph as feeds write it: escaped, sometimes a link or bold word, some entities."""
    text = text.replace("&", "&amp;")
    if entities:
        text = text.replace("\u201c", "&#8220;").replace("\u201d", "&#8221;").replace("'", "&#39;")
    words = text.split(" ")
    for chance, wrap in ((0.35, _link), (0.1, lambda w: f"<strong>{w}</strong>")):
        at = rnd.randrange(len(words))
        if rnd.random() < chance and words[at].isalpha():
            words[at] = wrap(words[at])
    opening = '<p dir="ltr">' if rnd.random() < 0.2 else "<p>"
    return f"{opening}{' '.join(words)}</p>"


def _html(paragraphs: list[str], guid: str) -> str:
    """Feed-like HTML of the paragraphs: a picture, links, bold words, entities (the forms the
    real feeds of ../shared/data/feeds use most). Chosen by a generator seeded with the guid, so
    the story's words, and the other stories, do not depend on the markup."""
    rnd = random.Random(guid)
    entities = rnd.random() < 0.6
    picture = (f'<p><img src="https://media.example.com/{_digest(guid)[:12]}.jpg" alt="" width="800" '
               'height="450" /></p>') if rnd.random() < 0.5 else ""
    return picture + "".join(_paragraph_markup(rnd, text, entities) for text in paragraphs)


def _record(guid: str, url: str, title: str, paragraphs: list[str], published: datetime,
            feed: tuple[str, str, str, str], categories: list[str], authors: list[str]) -> dict[str, Any]:
    name, publisher, agency, fmt = feed
    content = _html(paragraphs, guid)
    summary = paragraphs[0][:280]
    return {
        "schema": "newswire.raw_item",
        "schema_version": 1,
        "id": item_id(guid),
        "revision": _digest(title, summary, content),
        "guid": guid,
        "url": url,
        "title": title,
        "summary": summary,
        "content": content,
        "authors": authors,
        "categories": categories,
        "language": "en",
        "published_at": _iso(published),
        "updated_at": None,
        "fetched_at": _iso(published + timedelta(seconds=37 + len(guid) % 200)),
        "source": {"feed_url": f"http://127.0.0.1:8000/bench/{name}.feed", "name": name,
                   "publisher": publisher, "agency": agency, "format": fmt, "tags": ["bench"]},
        "connector_version": CONNECTOR_VERSION,
    }


def _slug(title: str) -> str:
    return "-".join("".join(ch for ch in word if ch.isalnum()) for word in title.lower().split())[:60]


def _original(rnd: random.Random, n: int, published: datetime) -> _Story:
    trade = rnd.random() < TRADE_SHARE
    table = TRADE if trade else OTHER
    subtopic = rnd.choice(list(table))
    pools = table[subtopic]
    ctx = _context(rnd, published)
    feed = rnd.choice(PUBLISHERS)
    agency = feed[2]
    dateline_city = ctx["capital"].upper() if trade else ctx["city"].upper()
    dateline = f"{dateline_city}, {MONTHS[published.month - 1]} {published.day} ({agency}) - "
    title = rnd.choice(pools["head"]).format(**ctx)
    title = _capital(title)
    paragraphs = _body(rnd, pools, ctx, dateline, trade)
    guid = f"urn:bench:{_slug(feed[1])}:{n:07d}"
    url = f"https://{_slug(feed[1])}.example/{published:%Y/%m/%d}/{_slug(title)}-{n}"
    category = "trade" if trade else subtopic.replace("_", " ")
    record = _record(guid, url, title, paragraphs, published, feed, [category], [ctx["person"]])
    return _Story(record, paragraphs, trade, subtopic, record["id"])


def _near_copy(rnd: random.Random, n: int, story: _Story, published: datetime) -> dict[str, Any]:
    """A syndicated copy: another publisher, new guid and URL, headline punctuation and one small edit
    (last text paragraph trimmed, a sentence added, or two paragraphs swapped); never the same text."""
    src = story.record
    feed = rnd.choice([f for f in PUBLISHERS if f[1] != src["source"]["publisher"]])
    title = src["title"]
    title = title.replace(" as ", ", as ", 1) if " as " in title else f"{title} | {feed[1]}"
    paragraphs = story.paragraphs[:]
    edit = rnd.randrange(3)
    if edit == 0 and len(paragraphs) > 4:
        del paragraphs[-2]  # trimmed last text paragraph, byline kept
    elif edit == 1:
        paragraphs.insert(len(paragraphs) - 1, f"{feed[1]} contributed to this report.")
    elif len(paragraphs) > 4:  # two middle paragraphs swapped
        paragraphs[2], paragraphs[3] = paragraphs[3], paragraphs[2]
    else:
        paragraphs[0] += " Officials gave no further details."
    guid = f"urn:bench:{_slug(feed[1])}:{n:07d}"
    url = f"https://{_slug(feed[1])}.example/{published:%Y/%m/%d}/{_slug(title)}-{n}"
    return _record(guid, url, title, paragraphs, published, feed, src["categories"], src["authors"])


def _update(rnd: random.Random, n: int, story: _Story, published: datetime) -> dict[str, Any]:
    """The next "UPDATE n-" version: a new guid, the title prefixed, one or two paragraphs added."""
    src = story.record
    ctx = _context(rnd, published)
    pools = (TRADE if story.trade else OTHER)[story.subtopic]
    added = " ".join(_capital(rnd.choice(pools["body"]).format(**ctx)) for _ in range(2))
    story.extra.append(added)
    paragraphs = story.paragraphs[:1] + story.extra + story.paragraphs[1:]
    title = f"UPDATE {story.versions}-{src['title']}"
    story.versions += 1
    feed = next(f for f in PUBLISHERS if f[0] == src["source"]["name"])
    guid = f"urn:bench:{_slug(feed[1])}:{n:07d}"
    url = f"https://{_slug(feed[1])}.example/{published:%Y/%m/%d}/{_slug(title)}-{n}"
    return _record(guid, url, title, paragraphs, published, feed, src["categories"], src["authors"])


def generate(count: int, seed: int = 7, start: datetime | None = None,
             days: int = 3) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Yield ``count`` (raw item, truth) pairs; the same arguments always give the same items."""
    rnd = random.Random(seed)
    start = start or datetime(2026, 6, 1, 0, 0, tzinfo=timezone.utc)
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    span = days * 86400
    recent: list[_Story] = []
    for n in range(count):
        published = start + timedelta(seconds=span * n / max(count, 1) + rnd.randint(0, 59))
        draw = rnd.random()
        if recent and draw < EXACT_SHARE + NEAR_SHARE + UPDATE_SHARE:
            story = rnd.choice(recent)
            later = published + timedelta(minutes=rnd.randint(1, 5))
            if draw < EXACT_SHARE:
                record = dict(story.record)
                feed = rnd.choice([f for f in PUBLISHERS if f[0] != record["source"]["name"]])
                record["source"] = {**record["source"], "feed_url": f"http://127.0.0.1:8000/bench/{feed[0]}.feed",
                                    "name": feed[0], "publisher": feed[1], "format": feed[3]}
                record["fetched_at"] = _iso(later)
                kind, version = "exact_duplicate", 1
            elif draw < EXACT_SHARE + NEAR_SHARE:
                record = _near_copy(rnd, n, story, later)
                kind, version = "near_duplicate", 1
            else:
                record = _update(rnd, n, story, later)
                kind, version = "update", story.versions
        else:
            story = _original(rnd, n, published)
            recent.append(story)
            if len(recent) > 500:
                recent.pop(0)
            record, kind, version = story.record, "original", 1
        truth = {"id": record["id"], "guid": record["guid"], "kind": kind, "group": story.group,
                 "version": version, "trade": story.trade, "subtopic": story.subtopic}
        yield record, truth


def write(count: int, out: Path, seed: int, days: int = 3, truth: Path | None = None) -> dict[str, int]:
    """Write the JSONL (and optional truth JSONL); returns the count of items per kind."""
    out.parent.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, int] = {"trade": 0}
    truth_file = truth.open("wb") if truth else None
    try:
        with out.open("wb") as sink:
            for record, fact in generate(count, seed=seed, days=days):
                sink.write(orjson.dumps(record) + b"\n")
                if truth_file:
                    truth_file.write(orjson.dumps(fact) + b"\n")
                kinds[fact["kind"]] = kinds.get(fact["kind"], 0) + 1
                kinds["trade"] += fact["trade"]
    finally:
        if truth_file:
            truth_file.close()
    return kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50000, help="number of items (default 50000)")
    parser.add_argument("--out", type=Path, default=Path("var/bench/stories.jsonl"), help="output JSONL")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--days", type=int, default=3, help="days the publication times span (default 3)")
    parser.add_argument("--truth", type=Path, default=None, help="also write the ground truth as JSONL")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    kinds = write(args.count, args.out, args.seed, args.days, args.truth)
    elapsed = time.perf_counter() - began
    size = args.out.stat().st_size
    print(f"wrote {args.count} items ({size / 1e6:.1f} MB) to {args.out} in {elapsed:.1f} s; "
          + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
