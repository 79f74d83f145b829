"""The demo's wire stories, written for this project.

Every person, company, quote and figure here is invented (countries, cities and institutions are
real so that the extractor has something to resolve). build_feeds.py renders these stories into
the feed files and expected.json.

A story's body is plain text, paragraphs separated by a blank line; the dateline
("TOKYO, June 2 (Wirewatch) - ") and the byline paragraph are added when rendering. ``topics``
lists the trade subtopics (as in schemas/story.v1.json: tariffs, negotiations, export_controls,
trade_remedies, trade_data, disputes); an empty
tuple means the story is not about trade. ``hard_negative`` names the trap for a keyword
classifier (a sports trade, stock trading...).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    key: str
    home: str  # the feed that carries the original
    agency: str
    at: str  # publication time, ISO 8601 with the dateline's UTC offset
    dateline: str
    title: str
    body: str
    by: str | None = None
    topics: tuple[str, ...] = ()
    category: str = "World"
    hard_negative: str | None = None


@dataclass(frozen=True)
class Edit:
    """A copy editor's change: replace text, insert or append a paragraph, or trim the last one."""

    op: str
    old: str = ""
    new: str = ""
    index: int = 0


def rep(old: str, new: str) -> Edit:
    return Edit("replace", old=old, new=new)


def ins(index: int, text: str) -> Edit:
    return Edit("insert", new=text, index=index)


def app(index: int, text: str) -> Edit:
    return Edit("append", new=text, index=index)


TRIM = Edit("trim")


@dataclass(frozen=True)
class Copy:
    """A near-duplicate: another publisher carries the story with small edits (new guid and URL)."""

    of: str
    feed: str
    minutes: int
    title: str | None = None
    edits: tuple[Edit, ...] = ()


@dataclass(frozen=True)
class Dup:
    """An exact duplicate: same guid in a second feed, same URL with tracking tags, or same text."""

    of: str
    feed: str
    how: str  # guid | url | content
    minutes: int = 0


@dataclass(frozen=True)
class Version:
    """A later version of a story ("UPDATE 1", "REFILE", "(LEAD)"...), with its own guid."""

    of: str
    label: str
    at: str
    edits: tuple[Edit, ...] = ()
    title: str | None = None


@dataclass(frozen=True)
class Kill:
    """A withdrawal notice for a story."""

    of: str
    at: str
    body: str


@dataclass(frozen=True)
class Revision:
    """The same guid with changed content, served in the second pass (feeds/rev2/)."""

    of: str
    at: str
    edits: tuple[Edit, ...]


WW, MP, CNS, PN = "Wirewatch", "Meridian Press", "Continental News Service", "Pacific Newsline"

# --- trade stories -----------------------------------------------------------------------------

TRADE = [
    Story("ww-japan-us-talks", "wirewatch", WW, "2026-06-02T09:15:00+09:00", "TOKYO",
          "Japan's trade envoy to head to Washington for fifth round of tariff talks",
          """
Japan's chief trade negotiator, Economic Security Minister Haruto Kanzaki, will travel to
Washington next week for a fifth round of talks aimed at lowering U.S. tariffs on Japanese cars
and auto parts, the government said on Tuesday.

Kanzaki is scheduled to meet U.S. Commerce Secretary Miriam Oduya and U.S. Trade Representative
Colin Arbaugh on June 10, Chief Cabinet Secretary Sachiko Hirano told a regular news conference
in Tokyo.

Washington imposed a 25% tariff on imported vehicles in April and has kept a 10% levy on most
other Japanese goods. Tokyo wants both removed, arguing that Japanese automakers employ tens of
thousands of people at plants across the United States.

"We will negotiate calmly but firmly. A deal that leaves the auto tariff in place is not a deal we
can accept," Kanzaki told reporters before a cabinet meeting.

U.S. officials have signalled they want Japan to buy more American corn, soybeans and liquefied
natural gas, and to open its market further to U.S. rice. People familiar with the talks said
cooperation in shipbuilding was also on the table.

Prime Minister Daisuke Morioka is expected to discuss the negotiations with President Walter
Grissom if the two leaders meet on the sidelines of the Group of Seven summit in Canada later this
month.
""", by="Reporting by Kaito Mizushima and Ellen Brandt; Editing by Rowan Pike",
          topics=("negotiations", "tariffs"), category="Trade"),

    Story("ww-ev-battery-tariff", "wirewatch", WW, "2026-06-02T10:30:00-04:00", "WASHINGTON",
          "U.S. to double tariff on Chinese EV batteries to 50% from August",
          """
The United States will raise tariffs on lithium-ion batteries for electric vehicles imported from
China from 25% to 50% on August 1, the Office of the U.S. Trade Representative said on Tuesday,
extending a campaign to shield American battery plants from cheaper Chinese rivals.

The increase also covers battery parts and graphite anodes, which will face a new 25% duty.
Tariffs on non-vehicle lithium batteries, such as those used in laptops and power tools, will rise
to 15 percent from 7.5 percent next January.

"Chinese overcapacity in batteries is a direct threat to the investments American workers and
companies are making," Trade Representative Colin Arbaugh said in a statement.

China's Commerce Ministry said it firmly opposed the decision and would take "necessary measures"
to defend the rights of Chinese companies, without giving details.

The United States imported about $14.6 billion of lithium-ion batteries from China last year,
according to Census Bureau data, more than from any other country.

Industry groups representing U.S. automakers warned that the higher duties would raise costs at a
time when electric vehicle sales are already slowing. Several carmakers have said they still
depend on Chinese cells for lower-priced models.

The tariff increase follows a review of duties first imposed in 2018 under Section 301 of the
Trade Act of 1974.
""", by="Reporting by Dana Whitlock; Additional reporting by Liang Qiu in Beijing; Editing by Marcus Feld",
          topics=("tariffs",), category="Trade"),

    Story("ww-dutch-chip-tools", "wirewatch", WW, "2026-06-03T11:00:00+02:00", "THE HAGUE",
          "Netherlands widens licence requirement for chipmaking tools bound for China",
          """
The Dutch government will require exporters to obtain a licence before shipping more types of
advanced chipmaking equipment to China, Foreign Minister Pieter van Doorn said on Wednesday,
tightening rules first introduced two years ago.

The expanded rules, which take effect on July 1, cover certain deposition and measurement tools as
well as spare parts and software updates for deep ultraviolet lithography systems already
installed in Chinese factories.

Van Doorn told parliament the measure was taken for national security reasons and was
"country-neutral" in its wording, although officials acknowledged that China would be most
affected.

Equipment maker Veldhoven Photonics said it expected the new requirements to reduce its sales in
China by a low single-digit percentage of group revenue next year. Its shares fell 2.3% in
Amsterdam.

China's embassy in The Hague said the Netherlands was "abusing export control measures" under
pressure from Washington and urged the government to respect market principles.

The United States has pressed allies including Japan and the Netherlands to align their rules on
semiconductor equipment with its own restrictions on sales of advanced computing chips to China.
""", by="Reporting by Femke Aalders; Editing by Tomasz Wierzbicki",
          topics=("export_controls",), category="Technology"),

    Story("mp-eu-steel-antidumping", "northgate-times", MP, "2026-06-02T12:20:00+02:00", "BRUSSELS",
          "EU imposes anti-dumping duties on hot-rolled steel from four countries",
          """
The European Commission imposed provisional anti-dumping duties of between 11.4% and 34.7% on
hot-rolled flat steel from Egypt, India, Japan and Vietnam on Tuesday, after finding that the
products were sold in the European Union below their normal value.

The Commission said imports from the four countries had more than doubled over the past three
years and had cut the market share of European steelmakers, several of which have idled blast
furnaces.

Vietnamese producers face the highest rates. Exporters from India were also hit with a separate
countervailing duty of 7.9% to offset what the Commission described as export subsidies and cheap
loans from state-owned banks.

The European steel association said the duties were necessary but late. "Every month of delay has
cost jobs," its director general Annelie Krüger said.

India's commerce ministry said it would examine the findings and "take up the matter" with the
Commission. Vietnam's industry ministry said its companies had cooperated fully with the
investigation.

The provisional duties apply for six months. The Commission must decide by early December whether
to make them definitive for five years.
""", by="Reporting by Lorenzo Bassani; Editing by Greta Holm",
          topics=("trade_remedies",), category="Trade"),

    Story("cns-german-surplus", "capital-bulletin", CNS, "2026-06-03T08:05:00+02:00", "BERLIN",
          "German trade surplus shrinks to 14.2 billion euros as exports to U.S. slump",
          """
Germany's trade surplus narrowed to 14.2 billion euros in April from 17.8 billion euros in March,
as exports to the United States fell sharply after new U.S. tariffs took effect, the Federal
Statistical Office said on Wednesday.

Exports fell 3.9% month on month in seasonally adjusted terms, while imports rose 0.6%. Economists
polled by Continental had expected exports to fall 1.5%.

Shipments to the United States, Germany's largest export market, dropped 10.3% to 12.1 billion
euros. Exports to China fell 2.4%, while trade with other European Union countries was broadly
stable.

"The tariff shock is now clearly visible in the data," said Ines Wohlgemuth, chief economist at
Lindenhof Bank. "Car and machinery makers are bearing the brunt."

The economy ministry said it expected exports to stabilise in the second half if talks between
Brussels and Washington produced an agreement.
""", by="Reporting by Jonas Reuther; Editing by Pia Lindqvist",
          topics=("trade_data",), category="Economy"),

    Story("ww-wto-pulses", "wirewatch", WW, "2026-06-03T16:45:00+02:00", "GENEVA",
          "Canada takes India to WTO over pulse import duties",
          """
Canada has launched a World Trade Organization dispute against India over duties on lentils and
yellow peas, the WTO said on Wednesday, escalating a row that has cut shipments from Canadian farms
to their largest overseas buyer.

In a request for consultations circulated to WTO members, Ottawa said India's 30% duty on lentils
and its minimum import price for peas were inconsistent with New Delhi's commitments under the
General Agreement on Tariffs and Trade.

"Canadian growers deserve predictable access to the Indian market," Canada's Minister of
International Trade Nadine Arsenault said in a statement.

India's ambassador to the WTO, Anil Bhardwaj, said the measures were consistent with WTO rules and
were needed to protect the livelihoods of Indian farmers.

If consultations fail to settle the matter within 60 days, Canada may ask the WTO's Dispute
Settlement Body to set up a panel to rule on the case.

Canadian exports of lentils to India fell to 410,000 tonnes last year from more than 1 million
tonnes two years earlier, according to industry figures.
""", by="Reporting by Mathilde Ravel; Editing by Rowan Pike",
          topics=("disputes", "tariffs"), category="Trade"),

    Story("cns-mexico-steel-tariff", "capital-bulletin", CNS, "2026-06-02T17:30:00-06:00", "MEXICO CITY",
          "Mexico sets 15 percent tariff on steel from countries without trade deals",
          """
Mexico will charge a 15 percent tariff on steel and aluminium products imported from countries
with which it has no free trade agreement, the Economy Ministry said on Tuesday, in a move aimed
mainly at shipments from China and Vietnam.

The decree, published in the official gazette, raises duties on 144 tariff lines from between 0%
and 5%, and will remain in force for two years. Imports from the United States and Canada,
Mexico's partners in the USMCA agreement, are not affected.

Economy Minister Rodrigo Salcedo said the measure would help domestic steelmakers, who have
complained that a flood of cheap imports was forcing plant closures in Coahuila and Nuevo Leon.

Analysts said the decision also aimed to ease concerns in Washington that Asian steel was being
routed through Mexico to avoid U.S. duties.
""", by="Reporting by Valeria Ochoa; Editing by Paul Whitmore",
          topics=("tariffs",), category="Trade"),

    Story("mp-uk-india-deal", "northgate-times", MP, "2026-06-03T14:10:00+01:00", "LONDON",
          "Britain and India sign trade deal cutting whisky and car tariffs",
          """
Britain and India signed a free trade agreement on Wednesday that will cut Indian tariffs on
Scotch whisky from 150% to 75% immediately and to 40% over ten years, and lower duties on British
cars under a quota system.

Business and Trade Secretary Harriet Colvin and India's Commerce and Industry Minister Rajiv Menon
signed the deal at a ceremony in London after more than three years of negotiations.

India will also reduce tariffs on medical devices, aerospace parts and lamb, while Britain will
remove duties on most Indian textiles, footwear and processed foods.

"This is the biggest trade deal Britain has done since leaving the European Union," Colvin said.

Menon said the agreement would help Indian exporters of garments and gems compete with rivals
from Bangladesh and Vietnam. The deal still needs to be approved by India's cabinet and laid
before the British parliament.

Trade between the two countries was worth about 42 billion pounds last year.
""", by="Reporting by Oliver Haines and Nikhil Rao; Editing by Greta Holm",
          topics=("negotiations", "tariffs"), category="Trade"),

    Story("pn-korea-us-talks", "pacific-digest", PN, "2026-06-04T10:20:00+09:00", "SEOUL",
          "S. Korea, U.S. to hold tariff talks in Seoul on June 12",
          """
South Korea and the United States will hold a new round of talks in Seoul on June 12 on U.S.
tariffs on Korean steel, cars and semiconductors, the trade ministry said Thursday.

Trade Minister Park Ji-hoon will lead the South Korean delegation, while the U.S. side will be
headed by Deputy Trade Representative Sandra Keel, the ministry said.

Seoul hopes to win an exemption from the 25 percent tariff on steel and aluminum and a lower rate
on automobiles, which are South Korea's largest export item to the U.S.
""", by="Reporting by Kim Soo-ah; Editing by Daniel Roe",
          topics=("negotiations", "tariffs"), category="Trade"),

    Story("cns-canada-counter-tariffs", "capital-bulletin", CNS, "2026-06-04T09:00:00-04:00", "OTTAWA",
          "Canada extends 25% counter-tariffs on U.S. steel and aluminium",
          """
Canada will keep 25% retaliatory tariffs on about C$15 billion of U.S. steel and aluminium
products in place until at least the end of the year, Finance Minister Eleanor Prescott said on
Thursday, saying Washington had not lifted its own duties.

The counter-measures, first imposed in March, will be extended to cover a further C$2.3 billion
of U.S. goods including boats, bourbon and household appliances from July 15, Prescott told
reporters in Ottawa.

"We will not sit still while our workers are penalized by unjustified tariffs," she said, adding
that Canada remained ready to negotiate.

Canada is the largest foreign supplier of steel and aluminium to the United States.
""", by="Reporting by Maxime Girard; Editing by Paul Whitmore",
          topics=("tariffs",), category="Trade"),

    Story("ww-vietnam-aluminium-cvd", "harbor-ledger", WW, "2026-06-04T16:25:00-04:00", "WASHINGTON",
          "U.S. sets preliminary countervailing duties on Vietnamese aluminium extrusions",
          """
The U.S. Commerce Department on Thursday set preliminary countervailing duties of up to 41.8% on
aluminium extrusions from Vietnam, finding that producers benefited from subsidised land,
electricity and loans.

The decision follows a petition filed last year by a coalition of U.S. extruders and the United
Steelworkers union, who said unfairly priced imports had taken market share and depressed prices.

Commerce also said it was on track to announce preliminary anti-dumping duties in the parallel
investigation by mid-July. Importers will have to post cash deposits at the new rates starting
next week.

Vietnam's Ministry of Industry and Trade said the findings did not reflect market reality and
urged the United States to ensure a "fair and objective" investigation.

The U.S. International Trade Commission is due to make a final injury determination later this
year.
""", by="Reporting by Dana Whitlock; Editing by Marcus Feld",
          topics=("trade_remedies",), category="Trade"),

    Story("ww-us-trade-deficit", "wirewatch", WW, "2026-06-04T08:45:00-04:00", "WASHINGTON",
          "U.S. trade deficit narrows sharply in April as imports fall",
          """
The U.S. trade deficit narrowed 19.6% in April to $61.4 billion as imports dropped after
businesses front-loaded purchases ahead of new tariffs, the Commerce Department said on Thursday.

Economists polled by Wirewatch had forecast a deficit of $66.0 billion. The March figure was
revised to $76.4 billion from $77.1 billion.

Imports of goods fell 5.7% to $271.2 billion, led by declines in pharmaceuticals, consumer
electronics and cars. Exports edged up 0.8% to $259.9 billion on higher shipments of aircraft and
soybeans.

The goods deficit with China shrank to $14.2 billion, the smallest in more than two decades, while
the gap with Mexico widened.

Narrower trade gaps could add to gross domestic product in the second quarter, economists said.
""", by="Reporting by Lucia Brennan; Editing by Rowan Pike",
          topics=("trade_data",), category="Economy"),

    Story("pn-japan-exports", "pacific-digest", PN, "2026-06-03T08:50:00+09:00", "TOKYO",
          "Japan's April exports fall for second month as U.S. car shipments drop",
          """
Japan's exports fell 1.7% in April from a year earlier, the second straight monthly decline, as
shipments of cars to the United States slumped under U.S. tariffs, Ministry of Finance data showed
on Wednesday.

Exports to the United States dropped 11.1%, with car exports down 24.7% in value. Shipments to
China rose 0.9% and those to the rest of Asia climbed 3.2%.

Imports fell 7.7%, leaving a trade deficit of 637.6 billion yen, smaller than the 893 billion yen
gap forecast by economists.

"Japanese automakers have so far absorbed much of the tariff cost by cutting export prices," said
Kenta Morishige, senior economist at Sakuragi Research Institute.
""", by="Reporting by Kaito Mizushima; Editing by Daniel Roe",
          topics=("trade_data",), category="Economy"),

    Story("pn-china-magnet-licences", "pacific-digest", PN, "2026-06-02T18:10:00+08:00", "BEIJING",
          "China adds licence checks for exports of rare earth magnets",
          """
China will require exporters of high-performance rare earth magnets and related processing
equipment to apply for licences from August 1, the Ministry of Commerce said on Tuesday, adding to
controls on gallium, germanium and graphite.

The ministry said the measure was intended to safeguard national security and fulfil international
non-proliferation obligations, and that licences would be granted for legitimate civilian uses.

China refines about 90% of the world's rare earths and produces most of the permanent magnets used
in electric vehicle motors, wind turbines and missiles.

Automakers in Europe and Japan have warned that delays in licence approvals earlier this year
briefly disrupted production lines.
""", by="Reporting by Liang Qiu; Editing by Daniel Roe",
          topics=("export_controls",), category="Business"),

    Story("ww-entity-list", "wirewatch", WW, "2026-06-03T17:20:00-04:00", "WASHINGTON",
          "U.S. adds 19 Chinese firms to entity list over AI chip purchases",
          """
The U.S. Commerce Department added 19 Chinese companies to its entity list on Wednesday, saying
they had helped obtain advanced artificial intelligence chips for military end users in violation
of U.S. export rules.

Companies on the list cannot receive U.S.-origin goods or technology without a licence, which the
department said it would review under a presumption of denial.

Under Secretary for Industry and Security Gregory Lantz said the firms had used shell companies in
Singapore and Malaysia to acquire graphics processors that are banned for export to China.

China's foreign ministry spokesperson Wang Lei said the United States was "overstretching the
concept of national security" and that Beijing would take measures to protect its companies.
""", by="Reporting by Dana Whitlock; Editing by Marcus Feld",
          topics=("export_controls",), category="Technology"),

    Story("cns-wto-nickel-panel", "capital-bulletin", CNS, "2026-06-04T12:00:00+02:00", "GENEVA",
          "WTO panel faults Indonesia's nickel ore export ban in EU dispute",
          """
A World Trade Organization panel ruled on Thursday that Indonesia's ban on exports of nickel ore
breaches global trade rules, siding with the European Union in a dispute over the metal used in
stainless steel and batteries.

The panel rejected Jakarta's argument that the ban was justified by a shortage of domestic supply
and by the need to develop a local smelting industry, and recommended that Indonesia bring its
measures into conformity.

EU Trade Commissioner Stefan Lindahl welcomed the report, saying it confirmed that "export
restrictions to grab raw materials are not allowed".

Indonesia's Minister of Energy and Mineral Resources Hendra Wirawan said the government would
appeal. Because the WTO's Appellate Body has been unable to hear cases since 2019, an appeal would
leave the dispute unresolved.
""", by="Reporting by Mathilde Ravel; Editing by Paul Whitmore",
          topics=("disputes", "export_controls"), category="Trade"),

    Story("mp-india-motorcycle-duty", "northgate-times", MP, "2026-06-03T11:30:00+05:30", "NEW DELHI",
          "India cuts import duty on large motorcycles, bourbon ahead of U.S. talks",
          """
India has cut import duties on motorcycles with engines larger than 1,600 cc from 50% to 30% and
on bourbon whiskey from 150% to 100%, a government notification showed on Wednesday, days before a
visit by U.S. negotiators.

The reductions are seen as a goodwill gesture as New Delhi seeks to finalise the first tranche of
a bilateral trade agreement with Washington by the autumn.

Commerce Secretary Arvind Kulkarni will host Assistant U.S. Trade Representative Megan Holloway
for talks in New Delhi next week, officials said.

India runs a goods trade surplus of about $45 billion with the United States, which has threatened
reciprocal tariffs on Indian goods.
""", by="Reporting by Nikhil Rao; Editing by Greta Holm",
          topics=("tariffs", "negotiations"), category="Trade"),

    Story("mp-brazil-ethanol", "northgate-times", MP, "2026-06-04T15:40:00-03:00", "BRASILIA",
          "Brazil raises tariff on ethanol imports to 18%, citing U.S. duties",
          """
Brazil's foreign trade chamber Gecex raised the import tariff on ethanol to 18% from 16% on
Thursday, rejecting pressure from Washington to scrap the levy.

The Development, Industry and Trade Ministry said the decision reflected the lack of reciprocity
from the United States, which keeps tariffs on Brazilian sugar and has imposed a 10% duty on most
Brazilian goods.

Vice Minister Fernanda Albuquerque said Brazil remained open to negotiating a deal that would open
the U.S. market to Brazilian sugar in exchange for lower ethanol duties.

U.S. ethanol exports to Brazil fell to about 150 million liters last year from more than 1.5
billion liters in 2018, according to industry data.
""", by="Reporting by Marina Teles; Editing by Paul Whitmore",
          topics=("tariffs",), category="Trade"),

    Story("pn-asean-china-pact", "pacific-digest", PN, "2026-06-03T19:00:00+08:00", "KUALA LUMPUR",
          "ASEAN economic ministers agree to speed up upgrade of China trade pact",
          """
Economic ministers from the Association of Southeast Asian Nations agreed on Wednesday to conclude
talks on upgrading their free trade agreement with China by October, as the region seeks to
diversify markets amid higher U.S. tariffs.

Malaysia's Investment, Trade and Industry Minister Tengku Aziz Rahman, who chaired the meeting,
said negotiators would hold the next round in Hanoi on June 23.

The upgraded pact would cover the digital economy, green technology and supply chain
connectivity, and cut remaining tariffs on some agricultural products.

Trade between ASEAN and China reached nearly $1 trillion last year, making China the bloc's biggest
trading partner.
""", by="Reporting by Aisyah Karim; Editing by Daniel Roe",
          topics=("negotiations",), category="Trade"),

    Story("ww-eu-us-paris-meeting", "wirewatch", WW, "2026-06-02T15:30:00+02:00", "BRUSSELS",
          "EU's Lindahl to meet U.S. trade chief Arbaugh in Paris next week",
          """
European Union Trade Commissioner Stefan Lindahl will meet U.S. Trade Representative Colin Arbuagh
in Paris next week on the sidelines of an OECD ministerial meeting, in a new attempt to avert a
tariff increase on EU goods, a Commission spokesperson said on Tuesday.

Washington has threatened to raise its tariff on most EU imports from 10% to 20% on July 9 unless
the two sides reach an agreement. The EU has prepared counter-measures on 95 billion euros of U.S.
goods, including aircraft, cars and bourbon.

Lindahl has offered to cut tariffs on industrial goods to zero on both sides and to increase
purchases of U.S. liquefied natural gas.

"We want a deal, but not at any price," the spokesperson, Olaf Bergström, told a daily briefing.
""", by="Reporting by Hanne Vos; Editing by Rowan Pike",
          topics=("negotiations", "tariffs"), category="Trade"),

    Story("mp-china-exports-eu", "northgate-times", MP, "2026-06-04T11:10:00+08:00", "BEIJING",
          "China's exports to EU jump 14% as shipments to U.S. slide",
          """
China's exports to the European Union rose 14% in April from a year earlier, while shipments to
the United States fell 21%, customs data showed on Thursday, as exporters redirected goods away
from the U.S. market.

Overall exports grew 6.1% and imports fell 0.8%, leaving a trade surplus of $103.2 billion, up
from $96.2 billion a year earlier.

Exports to Southeast Asian countries climbed 18%, fuelling concerns in Washington that Chinese
goods were being routed through third countries to avoid U.S. tariffs.

"Diversification is working for Chinese exporters, but it is creating friction elsewhere," said
Zhou Minghui, an economist at Hengtai Securities.
""", by="Reporting by Wen Jiahui; Editing by Greta Holm",
          topics=("trade_data",), category="Economy"),

    Story("ww-vietnam-lng-tariffs", "wirewatch", WW, "2026-06-03T10:40:00+07:00", "HANOI",
          "Vietnam to scrap tariffs on U.S. LNG and ethanol, minister says",
          """
Vietnam will remove import tariffs on U.S. liquefied natural gas and ethanol from July 1 as part
of efforts to narrow its trade surplus with the United States, Industry and Trade Minister Tran
Quoc Hung said on Wednesday.

Hung said the government would also cut the tariff on U.S. pork to 5% from 15% and ease inspection
rules for U.S. farm products.

Vietnam's surplus with the United States was about $123 billion last year, the third largest after
China and Mexico.
""", by="Reporting by Nguyen Thu Ha; Editing by Rowan Pike",
          topics=("tariffs",), category="Trade"),

    Story("hl-swiss-us-talks", "harbor-ledger", WW, "2026-06-04T11:30:00+02:00", "BERN",
          "Switzerland and U.S. set June 16 date for next tariff talks",
          """
Swiss and U.S. negotiators will meet in Bern on June 16 for a new round of talks on lowering the
31% tariff Washington has imposed on Swiss goods, the State Secretariat for Economic Affairs said
on Thursday.

State Secretary Livia Frischknecht will lead the Swiss team. The U.S. delegation will include
officials from the Treasury and the Office of the U.S. Trade Representative.

Switzerland's exports of watches, machinery and pharmaceuticals to the United States have fallen
since the tariff was imposed.
""", by="Reporting by Anna Gruber; Editing by Jill Carver",
          topics=("negotiations", "tariffs"), category="Trade"),

    Story("ib-olive-oil-duty", "iberia-review", CNS, "2026-06-02T11:45:00+02:00", "MADRID",
          "Spanish olive oil exporters brace for 15 percent U.S. duty",
          """
Spanish olive oil producers expect exports to the United States to fall by a fifth this year after
Washington confirmed a 15 percent tariff on European food products, the sector's main association
said on Tuesday.

"We have spent thirty years building this market and we could lose part of it in a season," said
José Ángel Muñoz, president of the association, at a news conference in Jaén.

Spain's Minister of Agriculture, Begoña Echevarría, said the government would ask the European
Commission to include olive oil in any tariff negotiation with Washington and to release emergency
funds for affected cooperatives.

The United States is the largest market outside Europe for Spanish olive oil, with sales of about
1.1 billion euros last year.
""", by="Reporting by Inés Carrasco; Editing by Joaquim Sá",
          topics=("tariffs",), category="Trade"),

    Story("ib-mercosur-efta", "iberia-review", CNS, "2026-06-03T18:20:00-03:00", "BUENOS AIRES",
          "Mercosur and EFTA ministers close talks on free trade pact",
          """
Ministers from the Mercosur bloc and the European Free Trade Association concluded negotiations on
a free trade agreement on Wednesday, which will eliminate tariffs on most industrial goods and open
quotas for South American beef and soybeans.

Argentina's Foreign Minister Matías Ibáñez said the agreement showed that Mercosur could "open
itself to the world without waiting for anyone".

Brazil's chief negotiator, Ambassador João Gonçalves, said the deal would be signed in Geneva in
the second half of the year, after a legal review.

EFTA, whose members are Switzerland, Norway, Iceland and Liechtenstein, is Mercosur's ninth largest
trading partner.
""", by="Reporting by Lucía Ferrán; Editing by Joaquim Sá",
          topics=("negotiations",), category="Trade"),

    Story("ib-steel-safeguard", "iberia-review", CNS, "2026-06-04T13:00:00+01:00", "LISBON",
          "EU tightens steel safeguard, Portuguese builders warn of higher costs",
          """
The European Commission's decision to cut tariff-free steel import quotas by 15% and impose a 50%
duty on volumes above them will raise construction costs, Portugal's builders' federation said on
Thursday.

The safeguard measure, which the Commission says is needed to protect European steelmakers from
global overcapacity, takes effect on July 1 and replaces an earlier regime that expires at the end
of June.

"Prices of rebar have already gone up by 8% in two weeks," said the federation's president, Rui
Conceição. Portugal imports most of its reinforcing steel from Turkey and Algeria.

Economy Minister Cláudia Vasconcelos said Lisbon would ask Brussels for a specific quota for
construction steel.
""", by="Reporting by Sofia Antunes; Editing by Joaquim Sá",
          topics=("trade_remedies", "tariffs"), category="Trade"),

    Story("pn-nz-dairy-wto", "pacific-digest", PN, "2026-06-04T09:30:00+12:00", "WELLINGTON",
          "New Zealand asks WTO panel to rule on Canada's dairy quotas",
          """
New Zealand has asked the World Trade Organization to establish a dispute panel over the way
Canada allocates its dairy import quotas, Trade Minister Rhys Calloway said on Thursday.

Calloway said Canada reserved most of the quotas for its own processors, preventing New Zealand
exporters from filling them, despite commitments made under the CPTPP trade pact.

"We have tried consultation for more than a year. It is time for an independent ruling," Calloway
said.

Canada's trade ministry said its quota system complied with its international obligations.
""", by="Reporting by Aroha Tait; Editing by Daniel Roe",
          topics=("disputes",), category="Trade"),

    Story("pn-japan-chip-licences", "pacific-digest", PN, "2026-06-02T16:00:00+09:00", "TOKYO",
          "Japan adds quantum computers and chip inspection tools to export licence list",
          """
Japan will require government approval for overseas shipments of quantum computers, advanced chip
inspection equipment and certain high-purity chemicals used in semiconductor production from
September, the industry ministry said on Tuesday.

The ministry said the revision of its foreign exchange law ordinances was needed to prevent
sensitive technology from being diverted to military use. The rules apply to all destinations
except a list of 27 partner countries.

Shares of chip equipment maker Sakuragawa Instruments fell 3.1% in Tokyo.
""", by="Reporting by Haruka Ono; Editing by Daniel Roe",
          topics=("export_controls",), category="Technology"),

    Story("mp-india-steel-safeguard", "northgate-times", MP, "2026-06-02T19:15:00+05:30", "NEW DELHI",
          "India imposes 12% safeguard duty on flat steel imports for three years",
          """
India imposed a 12% safeguard duty on imports of flat steel products for three years on Tuesday,
after its trade remedies authority found that a surge in shipments from China, South Korea and
Japan had hurt domestic mills.

The duty will fall to 11.5% in the second year and 11% in the third, according to a finance
ministry notification.

Steel Minister Kavita Deshmukh said the measure would protect investments of more than $40 billion
planned by Indian steelmakers.

Engineering goods exporters, who use steel as a raw material, said the duty would make them less
competitive.
""", by="Reporting by Nikhil Rao; Editing by Greta Holm",
          topics=("trade_remedies",), category="Trade"),

    Story("ww-us-copper-tariff", "harbor-ledger", WW, "2026-06-03T19:40:00-04:00", "WASHINGTON",
          "U.S. to impose 50% tariff on copper imports from August 1",
          """
The United States will impose a 50% tariff on imports of semi-finished copper products and
copper-intensive goods from August 1, Commerce Secretary Miriam Oduya said on Wednesday, after a
national security review of the metal.

Refined copper cathodes, the main form in which the metal is traded, will be exempt for now but
could face a 15% duty from 2027, Oduya said.

Chile, the largest supplier of refined copper to the United States, said it would seek an
exemption. Canada and Mexico, which also ship large volumes of copper wire and pipe, said they were
studying the decision.

Copper prices in New York fell 6% after the announcement, erasing a premium that had built up over
London prices in anticipation of tariffs.
""", by="Reporting by Lucia Brennan; Editing by Marcus Feld",
          topics=("tariffs",), category="Trade"),

    Story("ww-g7-trade-ministers", "wirewatch", WW, "2026-06-04T07:00:00-04:00", "QUEBEC CITY",
          "G7 trade ministers to tackle steel overcapacity at Quebec meeting on June 18",
          """
Trade ministers from the Group of Seven will meet in Quebec City on June 18 to discuss global steel
overcapacity, supplies of critical minerals and reform of the World Trade Organization, Canada's
Minister of International Trade Nadine Arsenault said on Wednesday.

Arsenault, who will chair the meeting, said she hoped ministers would agree on a joint approach to
subsidised exports of steel and aluminium, which several G7 members blame for plant closures.

"No single country can fix overcapacity alone," she told reporters in Ottawa.

Officials said U.S. Trade Representative Colin Arbaugh was expected to attend, a week before the
G7 leaders' summit in Kananaskis.
""", by="Reporting by Maxime Girard; Editing by Rowan Pike",
          topics=("negotiations",), category="Trade"),

    Story("mp-australia-wheels-dumping", "northgate-times", MP, "2026-06-03T16:30:00+10:00", "CANBERRA",
          "Australia imposes anti-dumping duties on Chinese aluminium wheels",
          """
Australia imposed anti-dumping duties of up to 26.5% on aluminium road wheels from China on
Wednesday, after the Anti-Dumping Commission found they were exported at prices below those in
China's domestic market.

The commission said the dumped imports had caused material injury to Australian manufacturers,
who lost sales to importers supplying car dealers and tyre shops.

Industry Minister Fiona Cartwright accepted the commission's recommendation. The duties apply for
five years.

China's embassy said Canberra should "avoid abusing trade remedy measures" and treat Chinese
companies fairly.
""", by="Reporting by Jack Morrow; Editing by Greta Holm",
          topics=("trade_remedies",), category="Trade"),

    Story("cns-eu-countermeasures-list", "capital-bulletin", CNS, "2026-06-02T18:00:00+02:00", "BRUSSELS",
          "EU publishes list of U.S. goods for possible counter-tariffs if talks fail",
          """
The European Commission published a list of U.S. products worth 95 billion euros on Tuesday that
could face EU tariffs if negotiations with Washington fail, ranging from aircraft and cars to
bourbon, soybeans and beef.

The Commission said the counter-measures would take effect only if the United States went ahead
with a threatened increase of its tariff on EU goods from 10% to 20% on July 9.

Member states and companies have four weeks to comment on the list. Spokesperson Olaf Bergström
said the Commission's priority remained "a negotiated outcome".

The EU also opened a consultation on restricting exports of steel scrap and some chemicals to the
United States.
""", by="Reporting by Hanne Vos; Editing by Paul Whitmore",
          topics=("tariffs", "negotiations"), category="Trade"),

    Story("pn-indonesia-eu-cepa", "pacific-digest", PN, "2026-06-04T16:40:00+07:00", "JAKARTA",
          "Indonesia and EU sign economic partnership agreement after nine years of talks",
          """
Indonesia and the European Union signed a comprehensive economic partnership agreement in Jakarta
on Thursday, which will eliminate tariffs on more than 90% of goods traded between them over
fifteen years.

Indonesia's Coordinating Minister for Economic Affairs Bambang Sasongko said the agreement would
lift exports of palm oil products, footwear and textiles to Europe, while European carmakers and
dairy producers would gain access to a market of 280 million people.

EU Trade Commissioner Stefan Lindahl said the deal included commitments on deforestation and
labour rights, and a chapter on critical raw materials such as nickel.

The agreement must be approved by the European Parliament and Indonesia's House of Representatives.
""", by="Reporting by Dewi Lestari; Editing by Daniel Roe",
          topics=("negotiations",), category="Trade"),

    Story("hl-us-china-london-talks", "harbor-ledger", WW, "2026-06-02T07:50:00-04:00", "WASHINGTON",
          "U.S., China trade negotiators to meet in London next week",
          """
Senior U.S. and Chinese officials will meet in London next week to try to resolve disputes over
tariffs and export curbs on rare earths and chip technology, the U.S. Treasury said on Monday
evening.

Treasury Secretary Graham Pell and Commerce Secretary Miriam Oduya will lead the U.S. side. China's
delegation will be headed by Vice Premier Zhao Renqing, Beijing's top economic official.

The two countries agreed last month to lower tariffs on each other's goods for 90 days while they
negotiate. U.S. officials have accused China of slowing licences for rare earth exports since
then, which Beijing denies.

Markets in Asia rose on hopes of progress.
""", by="Reporting by Dana Whitlock and Liang Qiu; Editing by Jill Carver",
          topics=("negotiations", "tariffs", "export_controls"), category="Trade"),

    Story("ib-chile-wine-tariff", "iberia-review", CNS, "2026-06-02T16:30:00-04:00", "SANTIAGO",
          "Chilean winemakers look to Asia after 10% U.S. tariff",
          """
Chilean wine exporters are stepping up sales efforts in China, South Korea and India to make up
for lost business in the United States, where a 10% tariff on Chilean goods has hit demand for
mid-priced bottles, the industry association said on Tuesday.

Association president Andrés Peñaloza said U.S. orders had fallen by about 12% since the tariff was
imposed, and that some importers were asking wineries to share the cost.

Chile's Deputy Foreign Minister for International Economic Affairs, Carolina Núñez, said Santiago
was seeking an exemption for wine and fresh fruit in talks with Washington.
""", by="Reporting by Lucía Ferrán; Editing by Joaquim Sá",
          topics=("tariffs", "negotiations"), category="Trade"),
]

# --- stories that are not about trade (several are traps for a keyword classifier) --------------

OTHER = [
    Story("ww-hawks-trade-guard", "harbor-ledger", WW, "2026-06-02T22:10:00-04:00", "RIVERTON",
          "Hawks trade All-Star guard Tillery to Comets for three draft picks",
          """
The Riverton Hawks traded All-Star guard Marcus Tillery to the Lakeshore Comets on Tuesday for two
first-round draft picks and a second-round pick, ending his seven-season run with the club.

Tillery, 29, averaged 24.3 points and 6.1 assists last season and had asked for a trade after the
Hawks missed the playoffs for a third straight year.

"Marcus gave everything to this city," Hawks general manager Doreen Pascal said. "This deal gives
us the flexibility to build the next contender."

The Comets, who lost in the conference finals, also sent forward Ray Lindgren to Riverton to
match salaries under league rules.
""", by="Reporting by Sam Okoye; Editing by Jill Carver", category="Sports", hard_negative="sports_trade"),

    Story("cns-bears-reliever-trade", "capital-bulletin", CNS, "2026-06-03T22:55:00-05:00", "GRANITE CITY",
          "Bears acquire reliever Santos from Mariners in trade for two prospects",
          """
The Granite City Bears acquired left-handed reliever Tomás Santos from the Bayside Mariners on
Wednesday in exchange for two minor league prospects, bolstering a bullpen that has blown 11 saves
this season.

Santos, 31, has a 2.14 earned run average in 28 appearances and is under contract through next
season.

The Mariners, last in their division, are expected to trade more veterans before the deadline.
""", by="Reporting by Ben Castillo; Editing by Jill Carver", category="Sports", hard_negative="sports_trade"),

    Story("ww-wall-street-close", "harbor-ledger", WW, "2026-06-02T16:35:00-04:00", "NEW YORK",
          "Wall St ends higher as chip stocks rally; trading volume light",
          """
U.S. stocks closed higher on Tuesday, led by a rally in semiconductor shares, as investors bet
that cooling inflation would allow the Federal Reserve to cut interest rates in the autumn.

The S&P 500 rose 0.8%, the Nasdaq Composite gained 1.3% and the Dow Jones Industrial Average added
0.4%.

Volume on U.S. exchanges was 10.9 billion shares, below the 12.4 billion average over the last 20
trading days.

Shares of Orion Semiconductor jumped 7.2% after the company raised its revenue forecast, while
energy stocks fell as oil prices slipped.

"People are trading on the hope of rate cuts, not on earnings," said Carla Mendez, chief market
strategist at Eastgate Capital.
""", by="Reporting by Priya Natarajan; Editing by Jill Carver", category="Markets",
          hard_negative="equity_trading"),

    Story("mp-cobalt-ridge-suspended", "northgate-times", MP, "2026-06-03T10:15:00+01:00", "LONDON",
          "Trading in Cobalt Ridge shares suspended after accounting review",
          """
Trading in shares of Cobalt Ridge Holdings was suspended on the London Stock Exchange on Wednesday
after the mining company said it had found irregularities in the accounts of its African
subsidiary.

The company said it had appointed forensic accountants and would not publish its annual results on
time. The shares had fallen 38% over the previous week.

Chief executive Howard Penfold said he was "deeply disappointed" and that the board was
cooperating with the Financial Conduct Authority.
""", by="Reporting by Oliver Haines; Editing by Greta Holm", category="Markets",
          hard_negative="equity_trading"),

    Story("cns-german-rail-strike", "capital-bulletin", CNS, "2026-06-04T06:45:00+02:00", "BERLIN",
          "German rail strike halts trains as trade union rejects pay offer",
          """
Most long-distance trains in Germany were cancelled on Thursday as train drivers began a 48-hour
strike after their trade union rejected the latest pay offer from state rail operator Deutsche
Schienen.

The union is demanding a 7% pay rise and a shorter working week for shift workers. Management
offered 4.5% over two years.

"Our members are exhausted and they are angry," union leader Katrin Hollmann told reporters at
Berlin's main station.

Commuters in Frankfurt, Munich and Hamburg faced long queues for buses, and airlines added extra
domestic flights.
""", by="Reporting by Jonas Reuther; Editing by Pia Lindqvist", category="Business",
          hard_negative="trade_union"),

    Story("pn-nsw-teachers-strike", "pacific-digest", PN, "2026-06-02T14:00:00+10:00", "SYDNEY",
          "Australian teachers' union announces statewide strike over workloads",
          """
Public school teachers in New South Wales will strike for a day next week after their union said
talks with the state government on workloads and pay had failed.

The teachers' federation said 65,000 members would walk out on June 10, closing most public
schools in the state.

Education Minister Claire Donnelly said the strike was "disappointing" and urged the union to
return to the bargaining table.
""", by="Reporting by Jack Morrow; Editing by Daniel Roe", category="World", hard_negative="trade_union"),

    Story("cns-frankfurt-trade-fair", "capital-bulletin", CNS, "2026-06-02T09:40:00+02:00", "FRANKFURT",
          "Robots and drones draw crowds as Frankfurt industrial trade fair opens",
          """
More than 4,000 exhibitors from 62 countries opened their stands at an industrial trade fair in
Frankfurt on Tuesday, with humanoid robots, inspection drones and hydrogen engines among the main
attractions.

Organisers expect about 130,000 visitors over five days, up from 115,000 at the previous edition
two years ago.

Bexley Motors showed a self-driving forklift, while several start-ups demonstrated software that
lets factory workers program robots by speaking to them.

"Every hall is full. People want to see automation with their own eyes," said fair director
Monika Strasser.
""", by="Reporting by Jonas Reuther; Editing by Pia Lindqvist", category="Technology",
          hard_negative="trade_fair"),

    Story("ww-dubai-food-show", "harbor-ledger", WW, "2026-06-03T13:00:00+04:00", "DUBAI",
          "Dubai food trade show opens with record number of exhibitors",
          """
A food and hospitality trade show opened in Dubai on Wednesday with more than 5,500 exhibitors, the
largest number since it was first held in 1996, organisers said.

Plant-based proteins, date-based sweeteners and vertical farming systems were among the most
visited stands on the first day.

The show runs until Saturday at the Dubai World Trade Centre.
""", by="Reporting by Yasmin Haddad; Editing by Jill Carver", category="Business",
          hard_negative="trade_fair"),

    Story("mp-flat-white-trademark", "northgate-times", MP, "2026-06-02T15:00:00+01:00", "LONDON",
          "Coffee chain loses trademark fight over 'Flat White Co' name",
          """
A London coffee chain lost its bid on Tuesday to stop a rival from using the name "Flat White Co",
after the High Court ruled that the term was too descriptive to be protected as a trademark.

Judge Caroline Ashby said customers would understand "flat white" as the name of a drink, not as
an indication of who made it.

The chain, Kestrel Coffee Houses, had argued that it registered the mark in 2014 and had spent
millions promoting it. It said it would consider an appeal.
""", by="Reporting by Oliver Haines; Editing by Greta Holm", category="Business", hard_negative="trademark"),

    Story("cns-brick-colour-trademark", "capital-bulletin", CNS, "2026-06-04T10:30:00+02:00", "LUXEMBOURG",
          "EU court backs toy maker in trademark dispute over building brick colour",
          """
The European Union's General Court on Thursday upheld a trademark held by Danish toy maker Brikhus
for the shade of yellow used on its construction sets, dismissing a challenge by a Polish
competitor.

The court said evidence showed consumers across the bloc associated the colour with Brikhus
products, giving it the distinctive character needed for protection.

The Polish firm, Klocki Nowak, can appeal to the Court of Justice on points of law.
""", by="Reporting by Mathilde Ravel; Editing by Paul Whitmore", category="Business",
          hard_negative="trademark"),

    Story("pn-fair-trade-coffee", "pacific-digest", PN, "2026-06-03T10:00:00+10:00", "SYDNEY",
          "Fair trade coffee growers get higher minimum price as bean costs soar",
          """
Coffee farmers certified under fair trade schemes will receive a higher guaranteed minimum price
for their beans from August, the certification body said on Wednesday, after a surge in production
costs in Latin America and East Africa.

The minimum price for washed arabica will rise by 22%, and the premium paid to cooperatives for
community projects will increase by a fifth.

Fair trade coffee accounts for less than 5% of global coffee sales but has grown steadily among
younger consumers, the body said.

"Farmers cannot live on good intentions. They need prices that cover the cost of growing coffee,"
said Ana Luci\u0301a Pe\u0301rez, who represents growers from Honduras.
""", by="Reporting by Jack Morrow; Editing by Daniel Roe", category="Business", hard_negative="fair_trade"),

    Story("ww-trade-winds-record", "wirewatch", WW, "2026-06-04T18:00:00-04:00", "POINTE-A-PITRE",
          "Trade winds carry French skipper to record Atlantic crossing",
          """
French skipper Margaux Le Bihan set a solo record for the Atlantic crossing from the Canary Islands
to Guadeloupe on Thursday, covering the 2,700 nautical miles in 6 days, 21 hours and 14 minutes.

Le Bihan said strong and steady trade winds had allowed her trimaran to average more than 16 knots
for most of the race.

"The trade winds were generous this year. I hardly touched the sails for three days," she said
after arriving in Pointe-a-Pitre.
""", by="Reporting by Claire Fontaine; Editing by Jill Carver", category="Sports",
          hard_negative="trade_winds"),

    Story("mp-crypto-app-fraud", "northgate-times", MP, "2026-06-04T14:00:00-04:00", "NEW YORK",
          "Founder of crypto trading app charged with fraud in New York",
          """
U.S. prosecutors charged the founder of a cryptocurrency trading app with fraud on Thursday,
accusing him of diverting $310 million in customer deposits to buy real estate and fund a private
jet.

Dmitri Varnel, 34, was arrested at his home in Miami and is expected to appear in court on Friday.
His lawyer did not respond to a request for comment.

The app, Tradewell, attracted more than 600,000 users by promising automated trading strategies
with guaranteed returns, according to the indictment.
""", by="Reporting by Erin Vasquez; Editing by Greta Holm", category="Markets", hard_negative="trading"),

    Story("ib-andalusia-heatwave", "iberia-review", CNS, "2026-06-03T12:30:00+02:00", "SEVILLE",
          "Heatwave pushes temperatures above 44C in southern Spain",
          """
Temperatures rose above 44 degrees Celsius in parts of Andalusia on Wednesday as Spain's first
heatwave of the summer arrived unusually early, the state weather agency said.

The agency issued red alerts for the provinces of Seville, Córdoba and Jaén, where the thermometer
reached 44.6C in the town of Montoro.

Health authorities urged people to avoid going outside between noon and 6 p.m., and several towns
opened air-conditioned libraries and civic centres to residents.

Meteorologist Rubén Alcázar said the hot air mass from North Africa would stay over the peninsula
until at least Saturday, with night-time temperatures above 25C.

Farmers' groups warned that the heat could damage olive blossoms and reduce the autumn harvest.
""", by="Reporting by Inés Carrasco; Editing by Joaquim Sá", category="Weather"),

    Story("pn-typhoon-okinawa", "pacific-digest", PN, "2026-06-04T07:20:00+09:00", "NAHA, Japan",
          "Typhoon Mirei nears Okinawa, hundreds of flights cancelled",
          """
Typhoon Mirei approached Japan's southern island of Okinawa on Thursday with winds gusting up to
180 km per hour, forcing airlines to cancel more than 300 flights and schools to close.

The Japan Meteorological Agency warned of storm surges and landslides and said the typhoon would
turn north-east toward Kyushu over the weekend.

About 42,000 households on the island were without power by early morning, the local utility said.
""", by="Reporting by Haruka Ono; Editing by Daniel Roe", category="Weather"),

    Story("ww-italy-floods", "harbor-ledger", WW, "2026-06-02T19:00:00+02:00", "MILAN",
          "Floods in northern Italy force thousands to leave homes",
          """
Heavy rain caused rivers to burst their banks in northern Italy on Tuesday, forcing about 6,000
people to leave their homes in the regions of Piedmont and Lombardy, civil protection officials
said.

More than 200 millimetres of rain fell in 24 hours in some valleys north of Turin, and several
bridges were closed as a precaution.

No deaths were reported, but two people were missing after their car was swept away near Biella,
officials said.
""", by="Reporting by Giulia Ferraro; Editing by Jill Carver", category="Weather"),

    Story("ww-asteroid-probe", "wirewatch", WW, "2026-06-02T14:00:00+02:00", "DARMSTADT, Germany",
          "European probe returns first close-up images of asteroid pair",
          """
A European spacecraft sent back its first close-up images of a double asteroid on Tuesday, showing
boulders and fresh craters on the smaller body, which was struck by a NASA probe four years ago.

Scientists at the mission control centre in Darmstadt cheered as the pictures arrived, about 11
minutes after being transmitted from 180 million kilometres away.

"We can see that the impact reshaped the moonlet far more than we expected," said mission
scientist Elena Vukovic.

The probe will spend six months mapping both asteroids to help researchers understand how to
deflect objects that could threaten Earth.
""", by="Reporting by Claire Fontaine; Editing by Rowan Pike", category="Science"),

    Story("pn-tiny-frog", "pacific-digest", PN, "2026-06-02T20:30:00+10:00", "PORT MORESBY",
          "Scientists discover tiny frog species in Papua New Guinea rainforest",
          """
Researchers have identified a new species of frog in the rainforests of Papua New Guinea that
measures less than 8 millimetres as an adult, making it one of the smallest vertebrates known,
according to a study published on Tuesday.

The frog, which lives in leaf litter on the forest floor, was found after the team recorded its
high-pitched call, which resembles the chirp of an insect.

Lead author Benjamin Kauna said the discovery showed how much of the island's biodiversity remained
undocumented.
""", by="Reporting by Jack Morrow; Editing by Daniel Roe", category="Science"),

    Story("cns-fusion-record", "capital-bulletin", CNS, "2026-06-03T15:00:00+01:00", "OXFORD, England",
          "British fusion experiment holds plasma for record 48 seconds",
          """
A British fusion energy experiment held a superheated plasma stable for 48 seconds, a record for
its type of reactor, scientists said on Wednesday.

The team said the result, achieved with a new tungsten wall design, was an important step toward
future power plants, though commercial fusion electricity remains decades away.

"Every second we add teaches us how materials behave under these extreme conditions," said
programme director Alastair Finch.
""", by="Reporting by Harriet Lowe; Editing by Paul Whitmore", category="Science"),

    Story("mp-malaria-booster", "northgate-times", MP, "2026-06-04T09:00:00+03:00", "NAIROBI",
          "Malaria vaccine booster shows 78% protection in Kenyan trial",
          """
A booster dose of a malaria vaccine gave 78% protection against clinical malaria in young children
over 18 months in a trial in western Kenya, researchers said on Thursday.

The results, published in a medical journal, were based on 4,200 children aged between five
months and three years.

"This is the kind of durable protection we have been waiting for," said trial leader Dr. Wanjiru
Kamau of the Kenya Medical Research Institute.

Malaria killed an estimated 600,000 people last year, most of them children in Africa.
""", by="Reporting by Daniel Otieno; Editing by Greta Holm", category="Health"),

    Story("ib-fado-festival", "iberia-review", CNS, "2026-06-04T21:00:00+01:00", "LISBON",
          "Fado festival returns to Lisbon's Alfama with 40 free concerts",
          """
Lisbon's summer fado festival opened on Thursday with 40 free concerts in the narrow streets of the
Alfama district, where the melancholic Portuguese song was born in the 19th century.

Singer Leonor Gusmão, 24, opened the festival with a set of songs written by her grandmother, who
performed in the taverns of Mouraria in the 1960s.

City councillor António Brás said the festival would run until June 13, the feast of Saint
Anthony, Lisbon's patron saint.
""", by="Reporting by Sofia Antunes; Editing by Joaquim Sá", category="Culture"),

    Story("ww-vienna-dinosaur-hall", "harbor-ledger", WW, "2026-06-03T11:00:00+02:00", "VIENNA",
          "Vienna natural history museum reopens dinosaur hall after five-year revamp",
          """
Vienna's natural history museum reopened its dinosaur hall on Wednesday after a five-year
renovation that added a moving model of a long-necked sauropod and a laboratory where visitors can
watch fossils being prepared.

The renovation cost 18 million euros, funded partly by private donors, museum director Helga
Pichler said.

More than 3,000 people queued in the rain on the first morning.
""", by="Reporting by Anna Gruber; Editing by Jill Carver", category="Culture"),

    Story("pn-kpop-awards", "pacific-digest", PN, "2026-06-03T22:00:00+09:00", "SEOUL",
          "K-pop group Solaris sweeps Seoul music awards",
          """
K-pop group Solaris won five prizes including artist of the year at a music awards ceremony in
Seoul on Wednesday, capping a year in which their second album topped charts in 14 countries.

The seven-member group thanked fans in Korean, English and Spanish, and dedicated the main award to
their late vocal coach.

Solo singer Yoon Ha-rin won best female artist.
""", by="Reporting by Kim Soo-ah; Editing by Daniel Roe", category="Culture"),

    Story("mp-welsh-novel-prize", "northgate-times", MP, "2026-06-04T22:30:00+01:00", "LONDON",
          "Debut novel about Welsh mining town wins literary prize",
          """
A debut novel about three generations of a family in a Welsh mining town won a leading literary
prize for fiction on Thursday.

Author Gwen Pritchard, a former primary school teacher, receives 30,000 pounds. The judges called
the book "funny, furious and tender".

Pritchard said she wrote most of the novel on her phone during bus journeys to work.
""", by="Reporting by Tom Aldridge; Editing by Greta Holm", category="Culture"),

    Story("ww-ecb-rate-cut", "wirewatch", WW, "2026-06-04T14:15:00+02:00", "FRANKFURT",
          "ECB cuts interest rates by quarter point, signals pause",
          """
The European Central Bank cut its deposit rate by 25 basis points to 2.00% on Thursday, its eighth
reduction in a year, and signalled it might pause as inflation settles near its 2% target.

ECB President Mireille Castagnet told a news conference that the bank was "well positioned" to
handle uncertainty, and that policymakers would decide meeting by meeting.

Economists polled before the decision had unanimously expected the cut.

The euro rose 0.3% against the dollar after the announcement.
""", by="Reporting by Hanne Vos; Editing by Rowan Pike", category="Economy"),

    Story("mp-halcyon-airlines-profit", "northgate-times", MP, "2026-06-03T07:00:00+02:00", "STOCKHOLM",
          "Halcyon Airlines swings to quarterly profit on strong summer bookings",
          """
Halcyon Airlines reported an operating profit of 412 million Swedish crowns for the February-April
quarter on Wednesday, compared with a loss a year earlier, as strong bookings for the summer season
lifted ticket prices.

Revenue rose 11% to 9.6 billion crowns, while fuel costs fell 7%.

Chief executive Linnea Ekdahl said bookings for June to August were 9% ahead of last year and that
the airline would add 14 new routes from Stockholm and Gothenburg.
""", by="Reporting by Erik Sundqvist; Editing by Greta Holm", category="Business"),

    Story("cns-iceland-election", "capital-bulletin", CNS, "2026-06-04T20:45:00+00:00", "REYKJAVIK",
          "Centre-left alliance leads Iceland election count",
          """
A centre-left alliance was leading in Iceland's parliamentary election on Thursday with about a
third of the votes counted, according to preliminary results from the national electoral
commission.

The Reform and Labour Alliance and its partners had 41% of the votes counted so far, ahead of the
governing coalition on 33%. Turnout was 79%.

Alliance leader Hrafnhildur Jónsdóttir told supporters in Reykjavik it was "too early to
celebrate" but that voters wanted change on housing costs.
""", by="Reporting by Sigrid Dahl; Editing by Paul Whitmore", category="Politics"),

    Story("pn-foldable-phone", "pacific-digest", PN, "2026-06-04T11:00:00+08:00", "SHENZHEN, China",
          "Smartphone maker Lumio unveils foldable with week-long battery",
          """
Chinese smartphone maker Lumio unveiled a foldable phone on Thursday that it said could run for a
week on a single charge, thanks to a new silicon-carbon battery.

The phone will go on sale in China next month at 7,999 yuan, and in Europe in September, the
company said.

Analysts said battery life had become a key selling point as foldable phones, long criticised for
their weight and short battery life, moved into the mass market.
""", by="Reporting by Vivian Chow; Editing by Daniel Roe", category="Technology"),

    Story("cns-paris-driverless-metro", "capital-bulletin", CNS, "2026-06-03T06:00:00+02:00", "PARIS",
          "Paris opens first section of driverless suburban metro line",
          """
The first section of a driverless metro line circling Paris opened on Wednesday, linking southern
suburbs to the city's main business district in 20 minutes instead of more than an hour by bus.

The 15-kilometre section has seven stations. The full 200-kilometre network, one of Europe's
largest transport projects, is due to be completed in 2031.

Transport minister Aurélie Marchand, who rode the first train, said the line would "change daily
life for hundreds of thousands of people".
""", by="Reporting by Lucas Bernard; Editing by Paul Whitmore", category="World"),

    Story("ib-araujo-transfer", "iberia-review", CNS, "2026-06-02T22:15:00+02:00", "MADRID",
          "Atlético Ribera sign Brazilian striker Araújo for 38 million euros",
          """
Atlético Ribera have signed Brazilian striker Thiago Araújo from Porto Azul for 38 million euros,
the Spanish club said on Tuesday, the biggest transfer in its history.

Araújo, 23, scored 27 goals in all competitions last season and has signed a five-year contract.

Club president Ramón Izquierdo said the signing showed the club's ambition to return to the
Champions League.
""", by="Reporting by Lucía Ferrán; Editing by Joaquim Sá", category="Sports"),

    Story("ib-portugal-forest-fire", "iberia-review", CNS, "2026-06-04T17:00:00+01:00",
          "CASTELO BRANCO, Portugal",
          "Firefighters contain forest fire in central Portugal after 30 hours",
          """
Firefighters brought a forest fire in central Portugal under control on Thursday after it burned
for more than 30 hours and destroyed about 4,300 hectares of pine and eucalyptus, civil protection
officials said.

More than 900 firefighters and 12 aircraft were deployed. Two villages near Sertã were evacuated
as a precaution and residents were allowed home on Thursday afternoon.

The cause of the fire is under investigation.
""", by="Reporting by Sofia Antunes; Editing by Joaquim Sá", category="Weather"),

    Story("ib-asturias-cave-art", "iberia-review", CNS, "2026-06-03T09:00:00+02:00", "OVIEDO, Spain",
          "Hand stencils in Asturias cave dated to at least 41,000 years ago",
          """
Red hand stencils in a cave in Asturias are at least 41,000 years old, researchers said on
Wednesday, which would place them among the oldest known cave art in Europe.

The team, led by archaeologist Marta Llaneza of the University of Oviedo, dated mineral crusts that
had formed over the paintings.

"The question of who made them, Neanderthals or early modern humans, is now wide open," Llaneza
said.
""", by="Reporting by Inés Carrasco; Editing by Joaquim Sá", category="Science"),

    Story("ww-arctic-sea-ice", "wirewatch", WW, "2026-06-03T15:00:00-06:00", "BOULDER, Colorado",
          "Arctic sea ice at record low for early June, scientists say",
          """
Arctic sea ice covered 11.2 million square kilometres on Tuesday, the smallest extent on record
for early June, scientists at the U.S. National Snow and Ice Data Center said on Wednesday.

The ice was about 640,000 square kilometres below the 1981-2010 average for the date, after an
unusually warm spring in Siberia.

"We are seeing the melt season start earlier and earlier," said senior scientist Rebecca Tolman.
""", by="Reporting by Lucia Brennan; Editing by Rowan Pike", category="Science"),

    Story("mp-kovalenko-upset", "northgate-times", MP, "2026-06-02T18:40:00+02:00", "PARIS",
          "Kovalenko stuns top seed to reach Roland Garros quarter-finals",
          """
Unseeded Ukrainian Daria Kovalenko beat top seed Ingrid Halvorsen 6-4 3-6 7-5 on Tuesday to reach
the quarter-finals at Roland Garros for the first time.

Kovalenko, 20, saved four break points in the final set and sealed the win with a backhand down
the line after two hours and 41 minutes.

She will play Argentina's Camila Robles for a place in the semi-finals.
""", by="Reporting by Martin Keane; Editing by Greta Holm", category="Sports"),

    Story("ww-windsor-union-contract", "harbor-ledger", WW, "2026-06-04T12:30:00-04:00", "WINDSOR, Ontario",
          "Autoworkers' union ratifies three-year contract at Windsor plant",
          """
Members of Canada's largest private-sector union voted 81% in favour of a new three-year contract
at Bexley Motors' assembly plant in Windsor, ending the threat of a strike, the union said on
Thursday.

The agreement gives workers a 15% wage increase over the life of the contract and a commitment to
build a new electric model at the plant from 2028.

"This deal protects jobs in this community for years to come," union president Dale Morrissette
said.
""", by="Reporting by Sam Okoye; Editing by Jill Carver", category="Business", hard_negative="trade_union"),

    Story("pn-battery-maker-debut", "pacific-digest", PN, "2026-06-02T12:00:00+08:00", "HONG KONG",
          "Battery maker's shares soar 40% in Hong Kong trading debut",
          """
Shares of Chinese battery maker Qingtian Energy jumped 40% in their Hong Kong trading debut on
Tuesday, after the company raised HK$12.4 billion in the city's largest listing this year.

The stock closed at HK$58.10, against an offer price of HK$41.50. More than 210 million shares
changed hands.

The company said it would use the proceeds to build a battery plant in Hungary and expand
research.
""", by="Reporting by Vivian Chow; Editing by Daniel Roe", category="Markets",
          hard_negative="equity_trading"),

    Story("pn-trade-school-enrolment", "pacific-digest", PN, "2026-06-04T13:15:00+12:00", "AUCKLAND",
          "Trade school enrolments jump as school leavers turn to apprenticeships",
          """
Enrolments in trade training courses in New Zealand rose 17% this year, as more school leavers
chose apprenticeships in plumbing, electrical work and carpentry over university degrees, the
education ministry said on Thursday.

Training providers said fees-free study for the first year and a shortage of qualified builders
had made the trades more attractive.

"A good electrician will never be short of work," said Tama Wihongi, who runs a training centre in
South Auckland.
""", by="Reporting by Aroha Tait; Editing by Daniel Roe", category="World", hard_negative="trade_school"),

    Story("cns-iceland-eruption", "capital-bulletin", CNS, "2026-06-02T05:30:00+00:00", "REYKJAVIK",
          "Volcano erupts near Icelandic fishing town, residents evacuated",
          """
A volcanic eruption began early on Tuesday on the Reykjanes peninsula in south-west Iceland,
sending lava fountains up to 50 metres into the air, the Icelandic Meteorological Office said.

Residents of the fishing town of Grindavik were evacuated overnight after a series of earthquakes,
and a nearby geothermal spa was closed.

Flights at Keflavik international airport were operating normally.
""", by="Reporting by Sigrid Dahl; Editing by Paul Whitmore", category="Science"),

    Story("mp-giro-stage", "northgate-times", MP, "2026-06-03T17:20:00+02:00", "BORMIO, Italy",
          "Dutch rider Bakker wins mountain stage as race leader cracks",
          """
Dutch rider Sven Bakker won the 17th stage of the Giro on Wednesday with a solo attack on the final
climb to Bormio, as race leader Luca Marchetti lost more than two minutes.

Bakker, 25, crossed the line 38 seconds ahead of a group of favourites and moved up to third
overall.

"I felt good, so I just went. I didn't look back," Bakker said.
""", by="Reporting by Giulia Ferraro; Editing by Greta Holm", category="Sports"),

    Story("ww-opera-season", "harbor-ledger", WW, "2026-06-03T20:00:00+01:00", "LONDON",
          "London opera house announces season with three world premieres",
          """
The Royal Opera House in London announced its new season on Wednesday, with three world premieres
including an opera based on the life of a Victorian lighthouse keeper.

Music director Benedikt Lorenz said the season would also bring back a 1980s staging of a Verdi
classic that has not been seen in London for 20 years.

Ticket prices for a quarter of all seats will be capped at 25 pounds.
""", by="Reporting by Tom Aldridge; Editing by Jill Carver", category="Culture"),

    Story("pn-boj-holds-rates", "pacific-digest", PN, "2026-06-04T12:30:00+09:00", "TOKYO",
          "Bank of Japan holds rates, flags slower price gains",
          """
The Bank of Japan kept its short-term policy rate unchanged at 0.5% on Thursday and said inflation
was likely to slow in the coming months as food price increases eased.

Governor Tadashi Kurokawa told reporters the bank would keep raising rates if the economy and
prices moved in line with its forecasts, but that it saw no need to hurry.

The yen weakened slightly against the dollar after the decision.
""", by="Reporting by Haruka Ono; Editing by Daniel Roe", category="Economy"),

    Story("ib-chile-earthquake", "iberia-review", CNS, "2026-06-02T07:40:00-04:00", "SANTIAGO",
          "Magnitude 6.1 earthquake shakes central Chile, no major damage",
          """
A magnitude 6.1 earthquake struck central Chile early on Tuesday, shaking buildings in Santiago and
Valparaíso, but there were no immediate reports of serious damage or injuries, authorities said.

The quake's epicentre was 45 km north-west of the town of Los Andes at a depth of 90 km, according
to the national seismological centre.

Interior Minister Felipe Gutiérrez said the metro in Santiago had been briefly halted for
inspections.
""", by="Reporting by Lucía Ferrán; Editing by Joaquim Sá", category="World"),
]

STORIES = TRADE + OTHER

# --- near-duplicates: the same agency story carried by other publishers with small edits -------

COPIES = [
    Copy("ww-ev-battery-tariff", "harbor-ledger", 12,
         title="U.S. to double tariff on Chinese EV batteries, to 50% from August",
         edits=(rep("said in a statement.", "said in a written statement."),)),
    Copy("ww-ev-battery-tariff", "northgate-times", 25,
         edits=(app(5, "Unions in the Midwest, where several battery plants are under construction, "
                       "welcomed the decision."),)),
    Copy("ww-ev-battery-tariff", "pacific-digest", 41,
         title="U.S. to double tariff on Chinese EV batteries to 50% from Aug. 1", edits=(TRIM,)),
    Copy("ww-dutch-chip-tools", "capital-bulletin", 30,
         title="Netherlands Widens Licence Requirement for Chipmaking Tools Bound for China",
         edits=(app(3, "Analysts said the impact on earnings would be limited."),)),
    Copy("mp-eu-steel-antidumping", "iberia-review", 55,
         title="EU imposes anti-dumping duties on hot-rolled steel from 4 countries", edits=(TRIM,)),
    Copy("mp-uk-india-deal", "pacific-digest", 35,
         title="Britain, India sign trade deal cutting whisky and car tariffs",
         edits=(app(4, "Officials said the agreement could enter into force next year."),)),
    Copy("ww-us-trade-deficit", "pacific-digest", 20, edits=(TRIM,)),
    Copy("cns-wto-nickel-panel", "iberia-review", 45,
         title="WTO panel faults Indonesia nickel ore export ban in EU dispute",
         edits=(rep("a dispute over the metal used in", "a long-running dispute over the metal used in"),)),
    Copy("ib-andalusia-heatwave", "capital-bulletin", 28,
         title="Heatwave pushes temperatures above 44 C in southern Spain", edits=(TRIM,)),
    Copy("ww-hawks-trade-guard", "northgate-times", 18,
         edits=(app(1, "He is owed $98 million over the next three seasons."),)),
    Copy("ww-ecb-rate-cut", "harbor-ledger", 9, title="ECB cuts rates by quarter point, signals pause",
         edits=(TRIM,)),
]

# --- exact duplicates ----------------------------------------------------------------------------

DUPLICATES = [
    Dup("ww-japan-us-talks", "harbor-ledger", "guid"),
    Dup("ww-us-trade-deficit", "harbor-ledger", "guid"),
    Dup("ww-entity-list", "harbor-ledger", "guid"),
    Dup("ww-asteroid-probe", "harbor-ledger", "guid"),
    Dup("cns-mexico-steel-tariff", "iberia-review", "guid"),
    Dup("cns-frankfurt-trade-fair", "iberia-review", "guid"),
    Dup("cns-canada-counter-tariffs", "northgate-times", "url", minutes=7),
    Dup("ww-us-copper-tariff", "northgate-times", "content", minutes=16),
]

# --- versions: UPDATE n-, (LEAD), REFILE-, CORRECTED- ---------------------------------------------

VERSIONS = [
    Version("ww-japan-us-talks", "UPDATE 1", "2026-06-02T13:40:00+09:00", edits=(
        ins(2, "Shares of Japanese automakers rose after the announcement, with an index of transport "
               "equipment makers up 1.8% in Tokyo."),
        ins(-1, "Japan's exports of cars to the United States fell 9.4% in April from a year earlier, "
                "finance ministry data showed last month."),
    )),
    Version("ww-japan-us-talks", "UPDATE 2", "2026-06-02T19:05:00+09:00",
            title="Japan's trade envoy to head to Washington for fifth round of tariff talks, "
                  "eyes deal before G7",
            edits=(
                ins(1, "Kanzaki said in the evening that he hoped the two sides could reach an agreement "
                       "before the G7 summit, but that Tokyo would not accept quotas on its car exports."),
                ins(-1, "Opposition lawmakers urged the government not to rush into a deal that would open "
                        "Japan's rice market."),
            )),
    Version("pn-korea-us-talks", "(LEAD)", "2026-06-04T15:05:00+09:00", edits=(
        ins(-1, "Park told reporters that Seoul was prepared to expand purchases of U.S. energy and to "
                "increase investment in American shipyards in exchange for tariff relief."),
        ins(-1, "\"We will make it clear that Korean companies are among the biggest job creators among "
                "foreign investors in the U.S.,\" he said."),
    )),
    Version("ww-eu-us-paris-meeting", "REFILE", "2026-06-02T15:52:00+02:00", edits=(
        rep("Colin Arbuagh", "Colin Arbaugh"),
        ins(0, "(Fixes spelling of U.S. Trade Representative's name in paragraph 1)"),
    )),
    Version("mp-china-exports-eu", "CORRECTED", "2026-06-04T12:35:00+08:00",
            title="China's exports to EU jump 11% as shipments to U.S. slide", edits=(
                rep("rose 14% in April", "rose 11% in April"),
                ins(0, "(Corrects growth of exports to the EU to 11% from 14% in headline and paragraph 1)"),
            )),
]

KILLS = [
    Kill("ww-vietnam-lng-tariffs", "2026-06-03T12:05:00+07:00", """
HANOI, June 3 (Wirewatch) - Wirewatch has withdrawn the story headlined "Vietnam to scrap tariffs on
U.S. LNG and ethanol, minister says", published at 0340 GMT on June 3. The minister's comments
referred to proposals under discussion, not a decision. There will be no replacement story.
"""),
]

# --- the same guid with changed content, served on the second poll (feeds/rev2/) -----------------

REVISIONS = [
    Revision("hl-swiss-us-talks", "2026-06-04T14:10:00+02:00", edits=(
        rep("lowering the 31% tariff", "lowering the 39% tariff"),
        ins(2, "Economy Minister Beat Ammann said Switzerland had offered to increase investment by Swiss "
               "companies in the United States and to buy more U.S. liquefied natural gas."),
    )),
]

# --- key fields the extractor must find (at least these) in some trade stories ----------------
# countries: ISO 3166-1 alpha-2; people: name -> title as written; tariff_rates: percentages
# (new rate; "from" rate where the text gives one); hs_chapters: of the products named;
# events: explicit dates in the text, resolved to ISO dates.

FIELDS: dict[str, dict[str, object]] = {
    "ww-japan-us-talks": {
        "countries": ["JP", "US", "CA"],
        "people": {"Haruto Kanzaki": "Economic Security Minister", "Miriam Oduya": "Commerce Secretary",
                   "Colin Arbaugh": "Trade Representative", "Sachiko Hirano": "Chief Cabinet Secretary",
                   "Daisuke Morioka": "Prime Minister", "Walter Grissom": "President"},
        "tariff_rates": [{"rate": 25}, {"rate": 10}],
        "hs_chapters": [87, 10, 12, 89],
        "events": [{"date": "2026-06-10", "text": "June 10"}],
        "dateline": "Tokyo", "agency": "Wirewatch",
        "bylines": ["Kaito Mizushima", "Ellen Brandt"], "editors": ["Rowan Pike"],
    },
    "ww-ev-battery-tariff": {
        "countries": ["US", "CN"],
        "people": {"Colin Arbaugh": "Trade Representative"},
        "tariff_rates": [{"rate": 50, "from_rate": 25}, {"rate": 15, "from_rate": 7.5}],
        "hs_chapters": [85],
        "events": [{"date": "2026-08-01", "text": "August 1"}],
        "dateline": "Washington", "agency": "Wirewatch",
        "bylines": ["Dana Whitlock"], "editors": ["Marcus Feld"],
    },
    "cns-mexico-steel-tariff": {
        "countries": ["MX", "CN", "VN", "US", "CA"],
        "people": {"Rodrigo Salcedo": "Economy Minister"},
        "tariff_rates": [{"rate": 15}],
        "hs_chapters": [72, 76],
        "dateline": "Mexico City", "agency": "Continental News Service",
        "bylines": ["Valeria Ochoa"], "editors": ["Paul Whitmore"],
    },
    "mp-uk-india-deal": {
        "countries": ["GB", "IN"],
        "people": {"Harriet Colvin": "Business and Trade Secretary",
                   "Rajiv Menon": "Commerce and Industry Minister"},
        "tariff_rates": [{"rate": 75, "from_rate": 150}, {"rate": 40}],
        "hs_chapters": [22, 87],
        "dateline": "London", "agency": "Meridian Press",
        "bylines": ["Oliver Haines", "Nikhil Rao"], "editors": ["Greta Holm"],
    },
    "pn-korea-us-talks": {
        "countries": ["KR", "US"],
        "people": {"Park Ji-hoon": "Trade Minister", "Sandra Keel": "Deputy Trade Representative"},
        "tariff_rates": [{"rate": 25}],
        "hs_chapters": [72, 76, 87, 85],
        "events": [{"date": "2026-06-12", "text": "June 12"}],
        "dateline": "Seoul", "agency": "Pacific Newsline",
        "bylines": ["Kim Soo-ah"], "editors": ["Daniel Roe"],
    },
    "ww-wto-pulses": {
        "countries": ["CA", "IN"],
        "people": {"Nadine Arsenault": "Minister of International Trade"},
        "organisations": ["World Trade Organization"],
        "tariff_rates": [{"rate": 30}],
        "hs_chapters": [7],
        "dateline": "Geneva", "agency": "Wirewatch",
        "bylines": ["Mathilde Ravel"], "editors": ["Rowan Pike"],
    },
    "mp-eu-steel-antidumping": {
        "countries": ["EG", "IN", "JP", "VN"],
        "organisations": ["European Commission"],
        "tariff_rates": [{"rate": 11.4}, {"rate": 34.7}, {"rate": 7.9}],
        "hs_chapters": [72],
        "dateline": "Brussels", "agency": "Meridian Press",
        "bylines": ["Lorenzo Bassani"], "editors": ["Greta Holm"],
    },
    "ib-olive-oil-duty": {
        "countries": ["ES", "US"],
        "people": {"Begoña Echevarría": "Minister of Agriculture"},
        "tariff_rates": [{"rate": 15}],
        "hs_chapters": [15],
        "dateline": "Madrid", "agency": "Continental News Service",
        "bylines": ["Inés Carrasco"], "editors": ["Joaquim Sá"],
    },
    "ww-us-trade-deficit": {
        "countries": ["US", "CN", "MX"],
        "money": [{"amount": 61.4e9, "currency": "USD"}],
        "dateline": "Washington", "agency": "Wirewatch",
        "bylines": ["Lucia Brennan"], "editors": ["Rowan Pike"],
    },
    "hl-swiss-us-talks": {
        "countries": ["CH", "US"],
        "people": {"Livia Frischknecht": "State Secretary"},
        "tariff_rates": [{"rate": 31}],
        "events": [{"date": "2026-06-16", "text": "June 16"}],
        "dateline": "Bern", "agency": "Wirewatch",
        "bylines": ["Anna Gruber"], "editors": ["Jill Carver"],
    },
}
