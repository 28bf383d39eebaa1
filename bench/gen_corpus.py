#!/usr/bin/env python3
"""Generates a synthetic news corpus for parley's speed benchmarks.

Every sentence comes from templates written for this project (no third-party text). Articles are
either diplomatic (calls, meetings, visits, talks and mediation between real office holders of the
day, with relative and absolute dates, attributions and context) or filler news (sports, economy,
weather, city life, science, culture). As in real news, most sentences carry no diplomatic event:
by default about 80% of all sentences are filler.

The output is deterministic for a given --seed and --size-mb (standard library only).

  python3 bench/gen_corpus.py --out bench/out/corpus.jsonl                 # 60 MB of text, JSONL
  python3 bench/gen_corpus.py --size-mb 2 --out sample.jsonl --stats s.json
  python3 bench/gen_corpus.py --txt-dir bench/out/txt --size-mb 5          # one .txt file per article
  python3 bench/gen_corpus.py --kind diplomatic --size-mb 1 --out -        # only diplomatic articles
  python3 bench/gen_corpus.py --kind filler --size-mb 1 --out -            # only filler articles

Sizes count the UTF-8 bytes of article text (1 MB = 1,000,000 bytes); the JSONL file is a little
larger because of its keys and escapes. --stats writes the counts (documents, bytes, sentences by
kind) as JSON.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys

D = dt.date

# ---------------------------------------------------------------------------------------------
# Office holders (public facts: name, surname, gender, country, title, first day, last day or None).
# Titles are written as they stand before a name ("President", "Foreign Minister").

P = [
    # United States
    ("Barack Obama", "Obama", "m", "USA", "President", D(2009, 1, 20), D(2017, 1, 20)),
    ("Donald Trump", "Trump", "m", "USA", "President", D(2017, 1, 20), D(2021, 1, 20)),
    ("Joe Biden", "Biden", "m", "USA", "President", D(2021, 1, 20), D(2025, 1, 20)),
    ("Donald Trump", "Trump", "m", "USA", "President", D(2025, 1, 20), None),
    ("Hillary Clinton", "Clinton", "f", "USA", "Secretary of State", D(2009, 1, 21), D(2013, 2, 1)),
    ("John Kerry", "Kerry", "m", "USA", "Secretary of State", D(2013, 2, 1), D(2017, 1, 20)),
    ("Rex Tillerson", "Tillerson", "m", "USA", "Secretary of State", D(2017, 2, 1), D(2018, 3, 31)),
    ("Mike Pompeo", "Pompeo", "m", "USA", "Secretary of State", D(2018, 4, 26), D(2021, 1, 20)),
    ("Antony Blinken", "Blinken", "m", "USA", "Secretary of State", D(2021, 1, 26), D(2025, 1, 20)),
    ("Marco Rubio", "Rubio", "m", "USA", "Secretary of State", D(2025, 1, 21), None),
    # Russia
    ("Dmitry Medvedev", "Medvedev", "m", "RUS", "President", D(2008, 5, 7), D(2012, 5, 7)),
    ("Vladimir Putin", "Putin", "m", "RUS", "Prime Minister", D(2008, 5, 8), D(2012, 5, 7)),
    ("Vladimir Putin", "Putin", "m", "RUS", "President", D(2012, 5, 7), None),
    ("Dmitry Medvedev", "Medvedev", "m", "RUS", "Prime Minister", D(2012, 5, 8), D(2020, 1, 16)),
    ("Mikhail Mishustin", "Mishustin", "m", "RUS", "Prime Minister", D(2020, 1, 16), None),
    ("Sergei Lavrov", "Lavrov", "m", "RUS", "Foreign Minister", D(2004, 3, 9), None),
    # France
    ("Nicolas Sarkozy", "Sarkozy", "m", "FRA", "President", D(2007, 5, 16), D(2012, 5, 15)),
    ("François Hollande", "Hollande", "m", "FRA", "President", D(2012, 5, 15), D(2017, 5, 14)),
    ("Emmanuel Macron", "Macron", "m", "FRA", "President", D(2017, 5, 14), None),
    ("Laurent Fabius", "Fabius", "m", "FRA", "Foreign Minister", D(2012, 5, 16), D(2016, 2, 11)),
    ("Jean-Yves Le Drian", "Le Drian", "m", "FRA", "Foreign Minister", D(2017, 5, 17), D(2022, 5, 20)),
    ("Catherine Colonna", "Colonna", "f", "FRA", "Foreign Minister", D(2022, 5, 20), D(2024, 1, 11)),
    ("Jean-Noël Barrot", "Barrot", "m", "FRA", "Foreign Minister", D(2024, 9, 21), None),
    # Germany
    ("Angela Merkel", "Merkel", "f", "DEU", "Chancellor", D(2005, 11, 22), D(2021, 12, 8)),
    ("Olaf Scholz", "Scholz", "m", "DEU", "Chancellor", D(2021, 12, 8), D(2025, 5, 6)),
    ("Friedrich Merz", "Merz", "m", "DEU", "Chancellor", D(2025, 5, 6), None),
    ("Frank-Walter Steinmeier", "Steinmeier", "m", "DEU", "Foreign Minister", D(2013, 12, 17), D(2017, 1, 27)),
    ("Frank-Walter Steinmeier", "Steinmeier", "m", "DEU", "President", D(2017, 3, 19), None),
    ("Heiko Maas", "Maas", "m", "DEU", "Foreign Minister", D(2018, 3, 14), D(2021, 12, 8)),
    ("Annalena Baerbock", "Baerbock", "f", "DEU", "Foreign Minister", D(2021, 12, 8), D(2025, 5, 6)),
    ("Johann Wadephul", "Wadephul", "m", "DEU", "Foreign Minister", D(2025, 5, 6), None),
    # United Kingdom
    ("David Cameron", "Cameron", "m", "GBR", "Prime Minister", D(2010, 5, 11), D(2016, 7, 13)),
    ("Theresa May", "May", "f", "GBR", "Prime Minister", D(2016, 7, 13), D(2019, 7, 24)),
    ("Boris Johnson", "Johnson", "m", "GBR", "Prime Minister", D(2019, 7, 24), D(2022, 9, 6)),
    ("Rishi Sunak", "Sunak", "m", "GBR", "Prime Minister", D(2022, 10, 25), D(2024, 7, 5)),
    ("Keir Starmer", "Starmer", "m", "GBR", "Prime Minister", D(2024, 7, 5), None),
    ("Dominic Raab", "Raab", "m", "GBR", "Foreign Secretary", D(2019, 7, 24), D(2021, 9, 15)),
    ("James Cleverly", "Cleverly", "m", "GBR", "Foreign Secretary", D(2022, 9, 6), D(2023, 11, 13)),
    ("David Cameron", "Cameron", "m", "GBR", "Foreign Secretary", D(2023, 11, 13), D(2024, 7, 5)),
    ("David Lammy", "Lammy", "m", "GBR", "Foreign Secretary", D(2024, 7, 5), D(2025, 9, 5)),
    ("Yvette Cooper", "Cooper", "f", "GBR", "Foreign Secretary", D(2025, 9, 5), None),
    # Turkey
    ("Recep Tayyip Erdoğan", "Erdoğan", "m", "TUR", "Prime Minister", D(2003, 3, 14), D(2014, 8, 28)),
    ("Recep Tayyip Erdogan", "Erdogan", "m", "TUR", "President", D(2014, 8, 28), None),
    ("Ahmet Davutoglu", "Davutoglu", "m", "TUR", "Foreign Minister", D(2009, 5, 1), D(2014, 8, 29)),
    ("Mevlut Cavusoglu", "Cavusoglu", "m", "TUR", "Foreign Minister", D(2015, 11, 24), D(2023, 6, 4)),
    ("Hakan Fidan", "Fidan", "m", "TUR", "Foreign Minister", D(2023, 6, 4), None),
    # China
    ("Hu Jintao", "Hu", "m", "CHN", "President", D(2009, 1, 1), D(2013, 3, 14)),
    ("Xi Jinping", "Xi", "m", "CHN", "President", D(2013, 3, 14), None),
    ("Li Keqiang", "Li", "m", "CHN", "Premier", D(2013, 3, 15), D(2023, 3, 11)),
    ("Li Qiang", "Li", "m", "CHN", "Premier", D(2023, 3, 11), None),
    ("Wang Yi", "Wang", "m", "CHN", "Foreign Minister", D(2013, 3, 16), D(2022, 12, 30)),
    ("Qin Gang", "Qin", "m", "CHN", "Foreign Minister", D(2022, 12, 30), D(2023, 7, 25)),
    ("Wang Yi", "Wang", "m", "CHN", "Foreign Minister", D(2023, 7, 25), None),
    # India
    ("Manmohan Singh", "Singh", "m", "IND", "Prime Minister", D(2004, 5, 22), D(2014, 5, 26)),
    ("Narendra Modi", "Modi", "m", "IND", "Prime Minister", D(2014, 5, 26), None),
    ("Subrahmanyam Jaishankar", "Jaishankar", "m", "IND", "External Affairs Minister", D(2019, 5, 30), None),
    # Armenia
    ("Serzh Sargsyan", "Sargsyan", "m", "ARM", "President", D(2008, 4, 9), D(2018, 4, 9)),
    ("Edward Nalbandian", "Nalbandian", "m", "ARM", "Foreign Minister", D(2008, 4, 24), D(2018, 5, 12)),
    ("Nikol Pashinyan", "Pashinyan", "m", "ARM", "Prime Minister", D(2018, 5, 8), None),
    ("Zohrab Mnatsakanyan", "Mnatsakanyan", "m", "ARM", "Foreign Minister", D(2018, 5, 12), D(2020, 11, 16)),
    ("Ararat Mirzoyan", "Mirzoyan", "m", "ARM", "Foreign Minister", D(2021, 8, 19), None),
    # Azerbaijan
    ("Ilham Aliyev", "Aliyev", "m", "AZE", "President", D(2003, 10, 31), None),
    ("Elmar Mammadyarov", "Mammadyarov", "m", "AZE", "Foreign Minister", D(2004, 4, 2), D(2020, 7, 16)),
    ("Jeyhun Bayramov", "Bayramov", "m", "AZE", "Foreign Minister", D(2020, 7, 16), None),
    # Ukraine
    ("Petro Poroshenko", "Poroshenko", "m", "UKR", "President", D(2014, 6, 7), D(2019, 5, 20)),
    ("Volodymyr Zelensky", "Zelensky", "m", "UKR", "President", D(2019, 5, 20), None),
    ("Dmytro Kuleba", "Kuleba", "m", "UKR", "Foreign Minister", D(2020, 3, 4), D(2024, 9, 5)),
    ("Andrii Sybiha", "Sybiha", "m", "UKR", "Foreign Minister", D(2024, 9, 5), None),
    # Iran
    ("Hassan Rouhani", "Rouhani", "m", "IRN", "President", D(2013, 8, 3), D(2021, 8, 3)),
    ("Ebrahim Raisi", "Raisi", "m", "IRN", "President", D(2021, 8, 3), D(2024, 5, 19)),
    ("Masoud Pezeshkian", "Pezeshkian", "m", "IRN", "President", D(2024, 7, 28), None),
    ("Mohammad Javad Zarif", "Zarif", "m", "IRN", "Foreign Minister", D(2013, 8, 15), D(2021, 8, 25)),
    ("Hossein Amir-Abdollahian", "Amir-Abdollahian", "m", "IRN", "Foreign Minister", D(2021, 8, 25), D(2024, 5, 19)),
    ("Abbas Araghchi", "Araghchi", "m", "IRN", "Foreign Minister", D(2024, 8, 21), None),
    # Israel
    ("Benjamin Netanyahu", "Netanyahu", "m", "ISR", "Prime Minister", D(2009, 3, 31), D(2021, 6, 13)),
    ("Naftali Bennett", "Bennett", "m", "ISR", "Prime Minister", D(2021, 6, 13), D(2022, 6, 30)),
    ("Yair Lapid", "Lapid", "m", "ISR", "Prime Minister", D(2022, 7, 1), D(2022, 12, 29)),
    ("Benjamin Netanyahu", "Netanyahu", "m", "ISR", "Prime Minister", D(2022, 12, 29), None),
    # Gulf, Egypt
    ("Mohammed bin Salman", "bin Salman", "m", "SAU", "Crown Prince", D(2017, 6, 21), None),
    ("Faisal bin Farhan", "bin Farhan", "m", "SAU", "Foreign Minister", D(2019, 10, 23), None),
    ("Tamim bin Hamad Al Thani", "Al Thani", "m", "QAT", "Emir", D(2013, 6, 25), None),
    ("Abdel Fattah al-Sisi", "Sisi", "m", "EGY", "President", D(2014, 6, 8), None),
    ("Sameh Shoukry", "Shoukry", "m", "EGY", "Foreign Minister", D(2014, 6, 17), D(2024, 7, 3)),
    ("Badr Abdelatty", "Abdelatty", "m", "EGY", "Foreign Minister", D(2024, 7, 3), None),
    # Central Asia
    ("Nursultan Nazarbayev", "Nazarbayev", "m", "KAZ", "President", D(2009, 1, 1), D(2019, 3, 20)),
    ("Kassym-Jomart Tokayev", "Tokayev", "m", "KAZ", "President", D(2019, 3, 20), None),
    ("Shavkat Mirziyoyev", "Mirziyoyev", "m", "UZB", "President", D(2016, 12, 14), None),
    # Japan, Brazil, Italy, Spain, Poland, Hungary, Serbia, Kosovo
    ("Shinzo Abe", "Abe", "m", "JPN", "Prime Minister", D(2012, 12, 26), D(2020, 9, 16)),
    ("Fumio Kishida", "Kishida", "m", "JPN", "Prime Minister", D(2021, 10, 4), D(2024, 10, 1)),
    ("Shigeru Ishiba", "Ishiba", "m", "JPN", "Prime Minister", D(2024, 10, 1), D(2025, 10, 21)),
    ("Sanae Takaichi", "Takaichi", "f", "JPN", "Prime Minister", D(2025, 10, 21), None),
    ("Jair Bolsonaro", "Bolsonaro", "m", "BRA", "President", D(2019, 1, 1), D(2023, 1, 1)),
    ("Luiz Inácio Lula da Silva", "Lula", "m", "BRA", "President", D(2023, 1, 1), None),
    ("Mario Draghi", "Draghi", "m", "ITA", "Prime Minister", D(2021, 2, 13), D(2022, 10, 22)),
    ("Giorgia Meloni", "Meloni", "f", "ITA", "Prime Minister", D(2022, 10, 22), None),
    ("Pedro Sánchez", "Sánchez", "m", "ESP", "Prime Minister", D(2018, 6, 2), None),
    ("Donald Tusk", "Tusk", "m", "POL", "Prime Minister", D(2023, 12, 13), None),
    ("Viktor Orbán", "Orbán", "m", "HUN", "Prime Minister", D(2010, 5, 29), None),
    ("Aleksandar Vučić", "Vučić", "m", "SRB", "President", D(2017, 5, 31), None),
    ("Vjosa Osmani", "Osmani", "f", "XKX", "President", D(2021, 4, 4), None),
    ("Albin Kurti", "Kurti", "m", "XKX", "Prime Minister", D(2021, 3, 22), None),
]

# International offices: (name, surname, gender, title, first, last).
INTL = [
    ("Ban Ki-moon", "Ban", "m", "UN Secretary-General", D(2007, 1, 1), D(2016, 12, 31)),
    ("António Guterres", "Guterres", "m", "UN Secretary-General", D(2017, 1, 1), None),
    ("Ursula von der Leyen", "von der Leyen", "f", "European Commission President", D(2019, 12, 1), None),
    ("Charles Michel", "Michel", "m", "European Council President", D(2019, 12, 1), D(2024, 11, 30)),
    ("António Costa", "Costa", "m", "European Council President", D(2024, 12, 1), None),
    ("Josep Borrell", "Borrell", "m", "EU foreign policy chief", D(2019, 12, 1), D(2024, 11, 30)),
    ("Kaja Kallas", "Kallas", "f", "EU foreign policy chief", D(2024, 12, 1), None),
]

# Countries: code -> (name, adjective, capital, other cities, leader office for attribution, news agency).
C = {
    "USA": ("the United States", "US", "Washington", ["New York", "Camp David", "Chicago"], "the White House", None),
    "RUS": ("Russia", "Russian", "Moscow", ["Sochi", "St Petersburg", "Kazan"], "the Kremlin", "TASS"),
    "FRA": ("France", "French", "Paris", ["Marseille", "Nice", "Lyon"], "the Elysee Palace", None),
    "DEU": ("Germany", "German", "Berlin", ["Munich", "Hamburg", "Bonn"], "the chancellery", None),
    "GBR": ("Britain", "British", "London", ["Edinburgh", "Chequers", "Manchester"], "Downing Street", None),
    "TUR": ("Turkey", "Turkish", "Ankara", ["Istanbul", "Antalya", "Izmir"], "the Turkish presidency", "Anadolu"),
    "CHN": ("China", "Chinese", "Beijing", ["Shanghai", "Xi'an", "Hangzhou"], "the Chinese foreign ministry", "Xinhua"),
    "IND": ("India", "Indian", "New Delhi", ["Mumbai", "Ahmedabad", "Bengaluru"], "the Ministry of External Affairs", None),
    "ARM": ("Armenia", "Armenian", "Yerevan", ["Gyumri", "Dilijan"], "the Armenian government", "Armenpress"),
    "AZE": ("Azerbaijan", "Azerbaijani", "Baku", ["Ganja", "Shusha", "Gabala"], "the Azerbaijani presidency", "APA"),
    "UKR": ("Ukraine", "Ukrainian", "Kyiv", ["Lviv", "Odesa", "Kharkiv"], "the Ukrainian presidency", "Ukrinform"),
    "IRN": ("Iran", "Iranian", "Tehran", ["Isfahan", "Mashhad", "Tabriz"], "the Iranian foreign ministry", "IRNA"),
    "ISR": ("Israel", "Israeli", "Jerusalem", ["Tel Aviv", "Haifa"], "the Prime Minister's Office", None),
    "SAU": ("Saudi Arabia", "Saudi", "Riyadh", ["Jeddah", "NEOM", "Dammam"], "the Saudi Press Agency", "SPA"),
    "QAT": ("Qatar", "Qatari", "Doha", ["Lusail"], "the Amiri Diwan", "QNA"),
    "EGY": ("Egypt", "Egyptian", "Cairo", ["Sharm el-Sheikh", "Alexandria"], "the Egyptian presidency", "MENA"),
    "KAZ": ("Kazakhstan", "Kazakh", "Astana", ["Almaty", "Shymkent"], "the Akorda", "Kazinform"),
    "UZB": ("Uzbekistan", "Uzbek", "Tashkent", ["Samarkand", "Bukhara"], "the Uzbek presidency", "UzA"),
    "JPN": ("Japan", "Japanese", "Tokyo", ["Osaka", "Hiroshima", "Kyoto"], "the Japanese foreign ministry", "Kyodo"),
    "BRA": ("Brazil", "Brazilian", "Brasilia", ["Sao Paulo", "Rio de Janeiro"], "the Planalto palace", None),
    "ITA": ("Italy", "Italian", "Rome", ["Milan", "Naples", "Florence"], "Palazzo Chigi", "ANSA"),
    "ESP": ("Spain", "Spanish", "Madrid", ["Barcelona", "Seville", "Granada"], "the Moncloa", "EFE"),
    "POL": ("Poland", "Polish", "Warsaw", ["Krakow", "Gdansk"], "the Polish government", "PAP"),
    "HUN": ("Hungary", "Hungarian", "Budapest", ["Debrecen"], "the Hungarian government", "MTI"),
    "SRB": ("Serbia", "Serbian", "Belgrade", ["Novi Sad", "Nis"], "the Serbian presidency", "Tanjug"),
    "XKX": ("Kosovo", "Kosovan", "Pristina", ["Prizren"], "the Kosovo government", None),
}

THIRD_PLACES = ["Geneva", "Vienna", "Brussels", "Davos", "Munich", "Abu Dhabi", "Doha", "Astana", "Samarkand",
                "Prague", "Granada", "Helsinki", "Oslo", "Istanbul", "New York", "Bali", "Johannesburg",
                "Tbilisi", "Minsk", "Dushanbe", "Alma-Ata", "Antalya", "Sharm el-Sheikh", "Dubai"]
FORUMS = ["the G20 summit", "the UN General Assembly", "the Munich Security Conference", "a NATO summit",
          "the European Political Community summit", "the BRICS summit", "the Antalya Diplomacy Forum",
          "the World Economic Forum", "the CIS summit", "the SCO summit", "the OSCE ministerial council",
          "the COP climate conference", "the ASEAN Regional Forum", "an informal summit"]
VENUES = ["the presidential palace", "the foreign ministry's guest house", "his residence", "the Kremlin",
          "the Elysee Palace", "the chancellery", "a government dacha", "the conference centre",
          "the prime minister's office", "a lakeside villa", "the parliament building"]

TOPICS = ["the peace treaty", "border delimitation", "transport links", "the exchange of prisoners",
          "a ceasefire", "humanitarian aid", "trade", "energy supplies", "regional security",
          "the grain corridor", "gas prices", "the nuclear programme", "sanctions", "visa rules",
          "the situation in the Middle East", "the war in Ukraine", "the reopening of the border",
          "the release of detainees", "investment projects", "climate finance", "migration",
          "the unblocking of regional communications", "bilateral relations", "the upcoming summit"]
CLAUSES = ["his country was ready to continue the dialogue",
           "the sides should keep working on a lasting settlement",
           "there was no alternative to negotiations",
           "the agreement reached earlier must be implemented in full",
           "the two governments would set up a joint working group",
           "the talks had been frank and constructive",
           "humanitarian issues should not be held hostage to politics",
           "trade between the two countries had grown by a quarter last year",
           "new sanctions would only deepen the crisis",
           "a settlement was closer than it had been for years"]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTHS_AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

OUTLETS = ["The Meridian Herald", "Eastgate Daily", "Caspian Ledger Online", "The Harbour Times",
           "Northbridge Wire", "Continental Dispatch", "The Evening Compass", "Riverton Gazette",
           "Plainsview News", "The Atlas Report", "Lakeshore Tribune", "Capital Observer"]


def month_name(d, rnd, ap=False):
    return (MONTHS_AP if ap else MONTHS)[d.month - 1]


def past_date_phrase(rnd, pub, ev):
    """A phrase saying when a past event `ev` happened, as a reporter writing on `pub` would."""
    days = (pub - ev).days
    wd = WEEKDAYS[ev.weekday()]
    m = MONTHS[ev.month - 1]
    ap = MONTHS_AP[ev.month - 1]
    opts = []
    if days == 0:
        opts += ["on " + wd, "today", "earlier today", "on " + wd + " morning", "late on " + wd]
    elif days == 1:
        opts += ["yesterday", "on " + wd, "late on " + wd, "yesterday (%d %s)" % (ev.day, m),
                 "on %s evening" % wd]
    elif days < 7:
        opts += ["on " + wd, "on %s (%d %s)" % (wd, ev.day, m), "on %s, %s %d" % (wd, m, ev.day),
                 "on %s, %s %d" % (wd, ap, ev.day), "earlier this week" if days < 4 else "last " + wd]
    elif days < 14:
        opts += ["last week", "last " + wd, "on %d %s" % (ev.day, m), "on %s %d" % (ap, ev.day)]
    else:
        opts += ["on %d %s" % (ev.day, m), "on %s %d" % (m, ev.day), "on %s %d, %d" % (m, ev.day, ev.year),
                 "on %d %s %d" % (ev.day, m, ev.year), "in early %s" % m if ev.day < 11 else "in mid-%s" % m,
                 "on %s %d" % (ap, ev.day), "on %d.%02d.%d" % (ev.day, ev.month, ev.year)]
    return rnd.choice(opts)


def future_date_phrase(rnd, pub, ev):
    days = (ev - pub).days
    wd = WEEKDAYS[ev.weekday()]
    m = MONTHS[ev.month - 1]
    if days < 7:
        opts = ["on " + wd, "on %s (%d %s)" % (wd, ev.day, m), "later this week", "on %s, %s %d" % (wd, m, ev.day)]
    elif days < 14:
        opts = ["next week", "next " + wd, "on %d %s" % (ev.day, m)]
    else:
        opts = ["next month" if ev.month != pub.month else "later this month", "on %d %s" % (ev.day, m),
                "on %s %d" % (m, ev.day), "in %s" % m, "on %s %d-%d" % (m, ev.day, ev.day + 1) if ev.day < 27 else "in late %s" % m]
    return rnd.choice(opts)


class Person:
    __slots__ = ("name", "surname", "gender", "country", "title")

    def __init__(self, name, surname, gender, country, title):
        self.name, self.surname, self.gender, self.country, self.title = name, surname, gender, country, title

    def adj(self):
        return C[self.country][1] if self.country else ""

    def full_role(self, rnd):
        """'Russian President Vladimir Putin', 'Azerbaijan's Foreign Minister Jeyhun Bayramov', ..."""
        if not self.country:
            return rnd.choice(["%s %s" % (self.title, self.name), "%s, the %s," % (self.name, self.title)]).rstrip(",")
        cname = C[self.country][0]
        poss = cname.replace("the ", "") + "'s" if not cname.startswith("the ") else None
        opts = ["%s %s %s" % (self.adj(), self.title, self.name), self.name]
        if poss:
            opts.append("%s %s %s" % (poss, self.title, self.name))
        return rnd.choice(opts)

    def short(self, rnd):
        return rnd.choice([self.surname, self.surname, self.name])

    def pron(self):
        return "her" if self.gender == "f" else "his"

    def subj(self):
        return "she" if self.gender == "f" else "he"


def in_office(day):
    out = []
    for name, sur, g, cc, title, a, b in P:
        if a <= day and (b is None or day < b):
            out.append(Person(name, sur, g, cc, title))
    for name, sur, g, title, a, b in INTL:
        if a <= day and (b is None or day < b):
            out.append(Person(name, sur, g, None, title))
    return out


# ---------------------------------------------------------------------------------------------
# Filler news: sports, economy, weather, city, science, culture. Slots are filled at random.

FIRST = ["Lena", "Marco", "Tomas", "Aiko", "Samuel", "Ines", "Dario", "Freya", "Kofi", "Mila", "Omar", "Petra",
         "Ravi", "Sofia", "Yusuf", "Nadia", "Elias", "Greta", "Hugo", "Amara", "Jonas", "Leila", "Mateo", "Zara"]
LAST = ["Varga", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Castillo", "Brennan", "Novak", "Haddad", "Petrov",
        "Keller", "Ansah", "Ruiz", "Duarte", "Holm", "Sato", "Bianchi", "Kowalski", "Mensah", "Fischer"]
TEAMS = ["Riverside United", "Northport City", "Athletic Valmora", "Kestrel Rovers", "Harbour Town",
         "Eastfield Wanderers", "Sporting Lindholm", "Castleford Albion", "Union Brightwater", "Real Ostrava FC",
         "Dynamo Kessel", "Olympic Marengo", "the Falcons", "the Mariners", "Westbrook Rangers", "FC Tornhill"]
COMPANIES = ["Halvorsen Logistics", "Brightwater Foods", "Corvid Semiconductors", "Nordmark Energy",
             "Pellucid Pharma", "Atlas Rail Systems", "Kinmont Steel", "Solvane Retail", "Tessera Software",
             "Greyhaven Insurance", "Marlowe Motors", "Quillfield Media", "Ostrava Brewing", "Veltro Airlines"]
CITIES = ["Lyon", "Leeds", "Bologna", "Porto", "Gdansk", "Rotterdam", "Seville", "Hamburg", "Bristol", "Turin",
          "Valencia", "Utrecht", "Graz", "Malmo", "Aarhus", "Cork", "Brno", "Ghent", "Bilbao", "Krakow"]
REGIONS = ["the north", "the south-east", "coastal areas", "the mountains", "the capital region", "the west",
           "inland valleys", "the islands", "the central plains", "the border districts"]
SECTORS = ["retail", "manufacturing", "construction", "tourism", "farming", "shipping", "banking", "housing"]
INDEXES = ["the FTSE 100", "the DAX", "the S&P 500", "the Nikkei 225", "the CAC 40", "the Stoxx 600",
           "the Nasdaq Composite", "the Hang Seng"]
DISHES = ["fish stew", "lentil soup", "apple cake", "roast lamb", "mushroom risotto", "flatbread"]

FILLER = {
    "sports": [
        "{team} beat {team2} {score} on {weekday}, moving up to {ordinal} place in the table.",
        "{first} {last} scored twice in the second half as {team} came from behind to win {score}.",
        "The referee called a penalty in the {minute}th minute after {last} was brought down in the box.",
        "{team} coach {first} {last} said after the match that his players had shown great character.",
        "The club confirmed that {last} would miss the next {num} games with a hamstring injury.",
        "Tickets for the cup final in {city} sold out within {num} minutes of going on sale.",
        "{first} {last} won the {ordinal} stage of the race, finishing {num} seconds ahead of the pack.",
        "In tennis, {first} {last} needed three sets to get past the defending champion in {city}.",
        "The league said it had met with club owners to discuss a salary cap but no deal was reached.",
        "{team} have now gone {num} matches without a defeat, their best run since {year}.",
        "Attendance at {team}'s stadium averaged {bignum} this season, up {pct} percent on last year.",
        "The transfer of {first} {last} to {team} was completed for a reported {money} million euros.",
        "{last} talks to the press after training about the pressure of the title race.",
        "A late goal from {first} {last} rescued a {draw} draw for {team} away at {team2}.",
        "The marathon in {city} drew {bignum} runners, with {first} {last} winning the women's race.",
        "Fans called for the manager to be sacked after a {ordinal} straight defeat.",
        "The basketball side won {score2} at home, with {last} finishing on {num} points.",
    ],
    "economy": [
        "Inflation eased to {pct}.{digit} percent in {month}, the statistics office said on {weekday}.",
        "{index} closed {updown} {digit}.{digit} percent as investors weighed the latest jobs figures.",
        "{company} reported a {pct} percent rise in quarterly profit, beating analysts' forecasts.",
        "Shares in {company} fell {digit}.{digit} percent after the group cut its full-year outlook.",
        "The central bank held its key rate at {digit}.{digit} percent and signalled no change before {month}.",
        "Unemployment in {sector} rose to {digit}.{digit} percent, the highest level since {year}.",
        "{company} said it would cut {bignum} jobs over the next two years to reduce costs.",
        "Wage talks between the union and {company} are due to resume next week after a two-day strike.",
        "Exports of machinery grew {pct} percent year on year, helped by strong demand in Asia.",
        "The government expects the economy to grow {digit}.{digit} percent this year, down from {digit}.{digit} percent.",
        "House prices in {city} rose {pct} percent over the past twelve months, an industry survey showed.",
        "{company} agreed to buy a smaller rival for {money} million dollars in cash and shares.",
        "Oil prices slipped below {oil} dollars a barrel as stockpiles rose for a {ordinal} week.",
        "Consumer confidence improved in {month} for the {ordinal} month in a row, a survey showed.",
        "The finance minister said the budget deficit would narrow to {digit}.{digit} percent of output.",
        "Retail sales were flat in {month} as shoppers held back on spending on clothes and electronics.",
        "{company} called off its planned listing, citing volatile market conditions.",
        "Analysts said the figures met expectations and pointed to a gradual recovery in {sector}.",
    ],
    "weather": [
        "Forecasters expect temperatures of up to {temp} degrees in {region} on {weekday}.",
        "Heavy rain is expected across {region} overnight, with up to {num} millimetres in places.",
        "The weather service issued a yellow warning for strong winds along {region}.",
        "Snow closed several mountain passes in {region}, and drivers were told to carry chains.",
        "After a dry {month}, farmers in {region} said the harvest could be {pct} percent smaller.",
        "Fog delayed dozens of flights at {city} airport on {weekday} morning.",
        "It will stay mild and mostly cloudy, with sunny spells in {region} by the afternoon.",
        "Night frosts are likely in {region}, with lows of minus {digit} degrees.",
        "The river in {city} rose {digit} metres in a day, and residents were urged to move valuables upstairs.",
        "A heatwave is forecast to last until {weekday}, with health officials advising people to stay indoors at midday.",
        "Storm damage left {bignum} homes in {region} without power, the grid operator said.",
    ],
    "city": [
        "The city council in {city} voted {num} to {digit} to extend the tram line to the new hospital.",
        "Residents met with planners on {weekday} evening to discuss the redevelopment of the old port.",
        "Police in {city} said a {age}-year-old man had been arrested after a break-in at a jewellery shop.",
        "A new bridge across the river in {city} will open to cyclists and pedestrians in {month}.",
        "The mayor of {city}, {first} {last}, said parking fees in the centre would rise from {month}.",
        "Schools in {region} will stay closed on {weekday} because of a strike by bus drivers.",
        "The fire brigade was called to a blaze at a warehouse on the edge of {city} shortly after midnight.",
        "Volunteers planted {bignum} trees in the parks of {city} over the weekend.",
        "Rents for student flats in {city} have risen by {pct} percent since last autumn.",
        "The library in {city} reopened after a renovation that took {num} months and cost {money} million.",
        "Roadworks on the ring road around {city} will continue until the end of {month}.",
    ],
    "science": [
        "Researchers at the university in {city} said a new battery design could charge in {num} minutes.",
        "A study of {bignum} adults found that regular walking cut the risk of heart disease by {pct} percent.",
        "The space agency said the probe had sent back its first images from orbit on {weekday}.",
        "Scientists warned that the glacier had lost {pct} percent of its mass since {year}.",
        "{company} said its new chip was {pct} percent more efficient than the previous generation.",
        "Health officials reported {bignum} new flu cases last week, up from {num} hundred the week before.",
        "A team led by {first} {last} found traces of a Roman settlement beneath a car park in {city}.",
        "The app, downloaded {bignum} times in its first month, lets users track their energy use at home.",
    ],
    "culture": [
        "The film festival in {city} opens on {weekday} with a comedy about a family restaurant.",
        "{first} {last}'s debut novel, about three sisters on a farm, won the {city} book prize.",
        "The museum in {city} will show {num} paintings on loan from private collections from {month}.",
        "Tickets for the band's {ordinal} tour went on sale on {weekday} and sold out within hours.",
        "The orchestra played to a full hall in {city} on its first concert after the renovation.",
        "A recipe for {dish} from {region} topped the list of the most searched dishes this year.",
        "The theatre said its new production had been seen by {bignum} people in its first month.",
        "Critics called the exhibition a bold look at the city's industrial past.",
    ],
}
FILLER_HEADLINES = {
    "sports": ["{team} beat {team2} {score}", "{last} double lifts {team}", "{team} extend unbeaten run",
               "Late drama in {city} as {team} held", "{first} {last} wins {ordinal} stage"],
    "economy": ["Inflation eases to {pct}.{digit}%", "{company} profit beats forecasts", "{index} slips as rates bite",
                "{company} to cut {bignum} jobs", "Central bank holds rates"],
    "weather": ["Storm warning for {region}", "Heatwave to last until {weekday}", "Frost and fog ahead",
                "Floods feared as river rises in {city}"],
    "city": ["{city} council backs tram extension", "Bridge to open in {month}", "Rents keep rising in {city}"],
    "science": ["Faster-charging battery unveiled in {city}", "Walking cuts heart risk, study finds",
                "Glacier loss speeds up"],
    "culture": ["{city} festival opens with comedy", "{first} {last} wins book prize", "Museum shows private collections"],
}


SHARED = {"team", "company", "city", "region", "month", "sector", "index"}


class Slots(dict):
    """Fills {slot} names at random; a trailing digit gives a second, different draw ({team2}).

    One Slots object fills one sentence. Places, teams, companies and months come from the
    article's `shared` Slots when given, so an article stays about one city or one club."""

    def __init__(self, rnd, shared=None):
        super().__init__()
        self.rnd = rnd
        self.shared = shared

    def __missing__(self, key):
        r = self.rnd
        base = key.rstrip("0123456789")
        if self.shared is not None and base in SHARED:
            v = self.shared[key]
            self[key] = v
            return v
        if base == "team":
            v = r.choice(TEAMS)
            if key != base:
                while v == self.get(base):
                    v = r.choice(TEAMS)
        elif base == "first":
            v = r.choice(FIRST)
        elif base == "last":
            v = r.choice(LAST)
        elif base == "company":
            v = r.choice(COMPANIES)
        elif base == "city":
            v = r.choice(CITIES)
        elif base == "region":
            v = r.choice(REGIONS)
        elif base == "sector":
            v = r.choice(SECTORS)
        elif base == "index":
            v = r.choice(INDEXES)
        elif base == "dish":
            v = r.choice(DISHES)
        elif base == "weekday":
            v = r.choice(WEEKDAYS)
        elif base == "month":
            v = r.choice(MONTHS)
        elif base == "score":
            a = r.randint(1, 5)
            v = "%d-%d" % (a, r.randint(0, a - 1))
        elif base == "draw":
            a = r.randint(0, 3)
            v = "%d-%d" % (a, a)
        elif base == "ordinal":
            v = r.choice(["second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"])
        elif base == "num":
            v = str(r.randint(2, 60))
        elif base == "digit":
            return str(r.randint(0, 9))  # fresh digit at each use
        elif base == "pct":
            v = str(r.randint(2, 45))
        elif base == "bignum":
            v = "{:,}".format(r.randint(1200, 95000))
        elif base == "oil":
            v = str(r.randint(45, 120))
        elif base == "money":
            v = str(r.randint(12, 950))
        elif base == "year":
            v = str(r.randint(1995, 2019))
        elif base == "minute":
            v = str(r.randint(10, 89))
        elif base == "temp":
            v = str(r.randint(24, 41))
        elif base == "age":
            v = str(r.randint(17, 72))
        elif base == "updown":
            v = r.choice(["up", "down"])
        elif base == "score2":
            a = r.randint(70, 115)
            v = "%d-%d" % (a, a - r.randint(1, 20))
        else:
            raise KeyError(key)
        self[key] = v
        return v


def filler_sentence(rnd, topic, slots=None):
    return rnd.choice(FILLER[topic]).format_map(slots if slots is not None else Slots(rnd))


# ---------------------------------------------------------------------------------------------
# Diplomatic sentences. Each function returns (sentence, kind) where kind is "event" or "context".

def attribution(rnd, a, b):
    ca = C.get(a.country) if a.country else None
    opts = ["%s said in a statement" % (ca[4] if ca else "his office"),
            "according to %s" % (ca[4] if ca else "a spokesperson"),
            "%s's office said" % a.surname,
            "a readout from %s said" % (ca[4] if ca else "the office"),
            "the foreign ministry in %s said" % (C[b.country][2] if b.country else "Brussels")]
    if ca and ca[5]:
        opts.append("the %s news agency reported" % ca[5])
        opts.append("%s reported" % ca[5])
    return rnd.choice(opts)


def call_sentence(rnd, a, b, when, topic, src):
    t = rnd.randrange(12)
    A, B = a.full_role(rnd), b.full_role(rnd)
    if t == 0:
        s = "%s held a phone call with %s %s, %s." % (A, B, when, src)
    elif t == 1:
        s = "%s spoke by phone with %s %s and discussed %s." % (A, B, when, topic)
    elif t == 2:
        s = "%s and %s discussed %s in a telephone conversation %s, %s." % (A, B, topic, when, src)
    elif t == 3:
        s = "%s phoned %s %s to discuss %s." % (A, B, when, topic)
    elif t == 4:
        s = "In a phone call %s, %s told %s that %s." % (when, A, b.short(rnd), rnd.choice(CLAUSES))
    elif t == 5:
        s = "%s called %s %s, %s." % (A, B, when, src)
    elif t == 6 and b.country:
        s = "%s talked by phone with %s %s counterpart %s %s." % (A, a.pron(), b.adj(), b.name, when)
    elif t == 7:
        s = "%s and %s held telephone talks %s on %s, %s." % (A, B, when, topic, src)
    elif t == 8:
        s = "%s had a phone conversation with %s %s." % (A, B, when)
    elif t == 9:
        s = "During a video call %s, %s and %s reviewed progress on %s." % (when, a.short(rnd), B, topic)
    elif t == 10:
        s = "%s, %s, %s spoke with %s by telephone about %s." % (src[0].upper() + src[1:], when, A, B, topic)
    else:
        s = "The phone conversation between %s and %s took place %s at the %s side's initiative, %s." % (
            a.short(rnd), b.short(rnd), when, b.adj() or "European", src)
    return s


def meeting_sentence(rnd, a, b, when, topic, src, place):
    t = rnd.randrange(11)
    A, B = a.full_role(rnd), b.full_role(rnd)
    if t == 0:
        s = "%s met %s in %s %s." % (A, B, place, when)
    elif t == 1:
        s = "%s met with %s on the sidelines of %s in %s %s." % (A, B, rnd.choice(FORUMS), place, when)
    elif t == 2:
        s = "%s hosted %s in %s %s for talks on %s." % (A, B, place, when, topic)
    elif t == 3:
        s = "%s received %s at %s %s, %s." % (A, B, rnd.choice(VENUES), when, src)
    elif t == 4:
        s = "%s and %s held talks in %s %s, focusing on %s." % (A, B, place, when, topic)
    elif t == 5:
        s = "The meeting between %s and %s in %s %s lasted about %s hours, %s." % (
            a.short(rnd), b.short(rnd), place, when, rnd.choice(["two", "three", "four"]), src)
    elif t == 6:
        s = "%s sat down with %s %s for what both sides called a substantive discussion of %s." % (A, B, when, topic)
    elif t == 7:
        s = "%s welcomed %s to %s %s." % (A, B, place, when)
    elif t == 8:
        s = "At their meeting in %s %s, %s and %s agreed to intensify contacts on %s." % (place, when, a.short(rnd), B, topic)
    elif t == 9:
        s = "%s and %s shook hands in front of cameras in %s %s before going into a closed session." % (A, B, place, when)
    else:
        s = "%s held a bilateral meeting with %s %s, %s." % (A, B, when, src)
    return s


def visit_sentence(rnd, a, b, when, place, planned):
    cname = C[b.country][0] if b.country else "Brussels"
    if planned:
        t = rnd.randrange(5)
        if t == 0:
            return "%s is due to visit %s %s, %s said." % (a.full_role(rnd), cname, when, rnd.choice(["officials", "diplomats", "a government source"]))
        if t == 1:
            return "%s will travel to %s %s to meet %s." % (a.full_role(rnd), place, when, b.full_role(rnd))
        if t == 2:
            return "%s is expected to pay an official visit to %s %s." % (a.full_role(rnd), cname, when)
        if t == 3:
            return "%s has invited %s to visit %s %s." % (b.full_role(rnd), a.short(rnd), place, when)
        return "A visit by %s to %s is planned for %s, the ministry said." % (a.short(rnd), place, when.replace("on ", "").replace("in ", ""))
    t = rnd.randrange(5)
    if t == 0:
        return "%s arrived in %s %s for a %s-day official visit." % (a.full_role(rnd), place, when, rnd.choice(["two", "three"]))
    if t == 1:
        return "%s visited %s %s and met %s." % (a.full_role(rnd), place, when, b.full_role(rnd))
    if t == 2:
        return "%s's visit to %s %s was the first by a %s leader in %s years." % (a.short(rnd), cname, when, a.adj() or "European", rnd.choice(["five", "ten", "twelve"]))
    if t == 3:
        return "During a visit to %s %s, %s laid a wreath at the memorial and held talks with %s." % (place, when, a.full_role(rnd), b.short(rnd))
    return "%s was in %s %s on a working visit, %s." % (a.full_role(rnd), place, when, attribution(rnd, b, a))


def talks_sentence(rnd, a, b, m, when, place, topic):
    t = rnd.randrange(5)
    if t == 0:
        return "Negotiations between %s and %s on %s resumed in %s %s, mediated by %s." % (a.full_role(rnd), b.full_role(rnd), topic, place, when, m.full_role(rnd))
    if t == 1:
        return "%s mediated talks between %s and %s in %s %s." % (m.full_role(rnd), a.short(rnd), b.short(rnd), place, when)
    if t == 2:
        return "%s hosted %s and %s for trilateral talks in %s %s." % (m.full_role(rnd), a.full_role(rnd), b.full_role(rnd), place, when)
    if t == 3:
        return "A new round of negotiations on %s between %s and %s opened in %s %s." % (topic, a.short(rnd), b.short(rnd), place, when)
    return "Delegations led by %s and %s negotiated %s until late at night in %s %s." % (a.full_role(rnd), b.full_role(rnd), when, place, topic.replace("the ", "on the ") if topic.startswith("the ") else "on " + topic)


def other_sentence(rnd, a, b, when, place):
    """Cancelled, denied, hypothetical and separate-call phrasings."""
    t = rnd.randrange(5)
    if t == 0:
        return "%s's planned visit to %s %s was postponed, %s said." % (a.short(rnd), place, when, rnd.choice(["his spokesman", "the ministry", "officials"]))
    if t == 1:
        return "%s denied reports that %s had met %s in secret %s." % (attribution(rnd, a, b).split(" said")[0].replace("according to ", "").capitalize(), a.short(rnd), b.short(rnd), when)
    if t == 2:
        return "%s said %s was ready to meet %s if the other side showed goodwill." % (a.full_role(rnd), a.subj(), b.short(rnd))
    if t == 3:
        return "A meeting between %s and %s %s was called off at the last minute." % (a.short(rnd), b.short(rnd), when)
    return "%s also held separate phone calls with %s and %s %s." % (a.full_role(rnd), b.full_role(rnd), rnd.choice(["European leaders", "the leaders of the Gulf states", "several counterparts"]), when)


def context_sentence(rnd, a, b, topic):
    t = rnd.randrange(10)
    if t == 0:
        return "The two countries have been at odds over %s since %d." % (topic, rnd.randint(1994, 2022))
    if t == 1:
        return "%s said the sides had agreed to keep in contact." % a.short(rnd)
    if t == 2:
        return "The %s side stressed the importance of %s." % (a.adj() or "European", topic)
    if t == 3:
        return "%s thanked %s for %s support." % (b.short(rnd), a.short(rnd), a.pron())
    if t == 4:
        return "Officials gave no further details of the conversation."
    if t == 5:
        return "%s, who took office in %d, has made %s a priority." % (a.surname, rnd.randint(2008, 2024), topic)
    if t == 6:
        return "Relations between %s and %s have improved since the spring." % (C[a.country][0] if a.country else "the bloc", C[b.country][0] if b.country else "the bloc")
    if t == 7:
        return "The statement said the leaders also touched on %s and %s." % (topic, rnd.choice(TOPICS))
    if t == 8:
        return "Analysts said the contact was a sign that %s wanted to keep channels open." % (C[a.country][0] if a.country else "Brussels")
    return "%s told reporters afterwards that %s." % (a.short(rnd), rnd.choice(CLAUSES))


def place_for(rnd, a, b, host_is_a, home=0.75):
    host = a if host_is_a else b
    if host.country and rnd.random() < home:
        c = C[host.country]
        return rnd.choice([c[2], c[2], rnd.choice(c[3])])
    return rnd.choice(THIRD_PLACES)


def diplomatic_article(rnd, pub, stats):
    people = in_office(pub)
    a = rnd.choice(people)
    b = rnd.choice(people)
    while b.name == a.name or (b.country and b.country == a.country):
        b = rnd.choice(people)
    m = rnd.choice(people)
    while m.name in (a.name, b.name):
        m = rnd.choice(people)
    topic = rnd.choice(TOPICS)
    sents = []  # (sentence, kind)
    n_events = rnd.choice([1, 1, 2, 2, 3, 4])
    kinds = []
    for _ in range(n_events):
        kinds.append(rnd.choices(["call", "meeting", "visit", "talks", "other"], [35, 30, 15, 10, 10])[0])
    headline = None
    dateline = None
    for k in kinds:
        planned = k == "visit" and rnd.random() < 0.4 or k == "meeting" and rnd.random() < 0.1
        if planned:
            ev = pub + dt.timedelta(days=rnd.choice([1, 2, 3, 5, 8, 10, 20, 35]))
            when = future_date_phrase(rnd, pub, ev)
        else:
            ev = pub - dt.timedelta(days=rnd.choice([0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 9, 12, 25, 60]))
            when = past_date_phrase(rnd, pub, ev)
        src = attribution(rnd, a, b)
        # A visit goes to the other side's country; meetings and talks are at home or elsewhere.
        place = place_for(rnd, a, b, False, 1.0) if k == "visit" else place_for(rnd, a, b, rnd.random() < 0.5)
        if k == "call":
            s = call_sentence(rnd, a, b, when, topic, src)
            headline = headline or "%s and %s discuss %s by phone" % (a.surname, b.surname, topic.replace("the ", ""))
        elif k == "meeting":
            if planned:
                s = "%s and %s will meet in %s %s, %s." % (a.full_role(rnd), b.full_role(rnd), place, when, src)
            else:
                s = meeting_sentence(rnd, a, b, when, topic, src, place)
            headline = headline or "%s meets %s in %s" % (a.surname, b.surname, place)
        elif k == "visit":
            s = visit_sentence(rnd, a, b, when, place, planned)
            headline = headline or "%s %s %s" % (a.surname, "to visit" if planned else "visits", place)
        elif k == "talks":
            s = talks_sentence(rnd, a, b, m, when, place, topic)
            headline = headline or "Talks on %s resume in %s" % (topic.replace("the ", ""), place)
        else:
            s = other_sentence(rnd, a, b, when, place)
            headline = headline or "%s, %s and the question of %s" % (a.surname, b.surname, topic.replace("the ", ""))
        dateline = dateline or place
        sents.append((s, "event"))
        for _ in range(rnd.choice([0, 1, 1, 2])):
            c = context_sentence(rnd, a, b, topic)
            if all(c != x for x, _ in sents):
                sents.append((c, "context"))
        if rnd.random() < 0.3 and b.country:
            # A second mention by role, as news does.
            sents.append(("The %s %s said %s." % (b.adj(), "leader" if b.title in ("President", "Prime Minister", "Chancellor", "Premier", "Emir", "Crown Prince") else "minister", rnd.choice(CLAUSES)), "context"))
    # Background and the rest of a news page: mostly filler.
    slots = Slots(rnd)
    ftopic = rnd.choice(["economy", "economy", "city", "sports", "weather", "science"])
    for tpl in rnd.sample(FILLER[ftopic], rnd.randint(0, 6)):
        sents.append((tpl.format_map(Slots(rnd, slots)), "filler"))
    return headline, sents, dateline


def filler_article(rnd, stats):
    topic = rnd.choice(list(FILLER))
    slots = Slots(rnd)
    headline = rnd.choice(FILLER_HEADLINES[topic]).format_map(slots)
    n = rnd.randint(5, 18)
    main = rnd.sample(FILLER[topic], len(FILLER[topic]))
    others = [(t, s) for t in FILLER if t != topic for s in FILLER[t]]
    rnd.shuffle(others)
    sents = []
    for _ in range(n):
        if main and rnd.random() < 0.85:
            sents.append((main.pop().format_map(Slots(rnd, slots)), "filler"))
        else:
            _, tpl = others.pop()
            sents.append((tpl.format_map(Slots(rnd)), "filler"))
    return headline, sents, slots["city"]


def layout(rnd, headline, sents, pub, dateline_city):
    """Headline, optional dateline, and paragraphs of 1-3 sentences."""
    paras = []
    i = 0
    while i < len(sents):
        n = rnd.choice([1, 1, 2, 2, 3])
        paras.append(" ".join(s[0].upper() + s[1:] for s, _ in sents[i:i + n]))
        i += n
    if dateline_city and paras:
        style = rnd.randrange(3)
        if style == 0:
            paras[0] = "%s — %s" % (dateline_city.upper(), paras[0])
        elif style == 1:
            paras[0] = "%s, %s %d (%s) - %s" % (dateline_city.upper(), MONTHS[pub.month - 1], pub.day, rnd.choice(["Northbridge Wire", "Continental Dispatch"]), paras[0])
    return headline + "\n\n" + "\n\n".join(paras)


def date_line(rnd, pub):
    style = rnd.randrange(4)
    if style == 0:
        return "%d %s %d" % (pub.day, MONTHS[pub.month - 1], pub.year)
    if style == 1:
        return "%s %d, %d %02d:%02d GMT" % (MONTHS[pub.month - 1], pub.day, pub.year, rnd.randint(6, 22), rnd.randint(0, 59))
    if style == 2:
        return "Published: %02d.%02d.%d" % (pub.day, pub.month, pub.year)
    return "%s, %d %s %d" % (WEEKDAYS[pub.weekday()], pub.day, MONTHS[pub.month - 1], pub.year)


def generate(args, sink):
    rnd = random.Random(args.seed)
    target = int(args.size_mb * 1_000_000)
    start, end = D(2009, 6, 1), D(2026, 11, 21)
    span = (end - start).days
    stats = {"seed": args.seed, "kind": args.kind, "documents": 0, "diplomatic_documents": 0, "text_bytes": 0,
             "sentences": {"event": 0, "context": 0, "filler": 0}, "published_missing": 0}
    i = 0
    while stats["text_bytes"] < target:
        i += 1
        pub = start + dt.timedelta(days=rnd.randrange(span))
        if args.kind == "diplomatic":
            dip = True
        elif args.kind == "filler":
            dip = False
        else:
            dip = rnd.random() < args.diplomatic_share
        if dip:
            headline, sents, dateline = diplomatic_article(rnd, pub, stats)
            stats["diplomatic_documents"] += 1
        else:
            headline, sents, dateline = filler_article(rnd, stats)
        for _, k in sents:
            stats["sentences"][k] += 1
        city = dateline
        body = layout(rnd, headline, sents, pub, city if rnd.random() < 0.5 else None)
        known = rnd.random() >= args.missing_published
        if not known:
            stats["published_missing"] += 1
            # Without a given date, the text carries one as pages do.
            body = headline + "\n\n" + date_line(rnd, pub) + body[len(headline):]
        doc = {"id": "bench-%07d" % i, "text": body,
               "published": pub.isoformat() if known else None, "outlet": rnd.choice(OUTLETS)}
        stats["documents"] += 1
        stats["text_bytes"] += len(body.encode("utf-8"))
        sink(doc, pub)
    total = sum(stats["sentences"].values())
    stats["filler_share"] = round(stats["sentences"]["filler"] / total, 4) if total else 0
    return stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=60.0, help="article text to generate, in MB (10^6 bytes; default 60)")
    ap.add_argument("--seed", type=int, default=20261122, help="random seed (default 20261122)")
    ap.add_argument("--out", default=None, help='JSONL output file ("-" for stdout)')
    ap.add_argument("--txt-dir", default=None, help="also (or instead) write one .txt file per article below this directory")
    ap.add_argument("--kind", choices=["mixed", "diplomatic", "filler"], default="mixed",
                    help="mixed (default: news as it comes), or only diplomatic / only filler articles")
    ap.add_argument("--diplomatic-share", type=float, default=0.42,
                    help="share of diplomatic articles in a mixed corpus (default 0.42, about 20%% of sentences)")
    ap.add_argument("--missing-published", type=float, default=0.05,
                    help="share of documents without a publication date (default 0.05)")
    ap.add_argument("--stats", default=None, help="write the corpus counts as JSON to this file")
    args = ap.parse_args()
    if args.out is None and args.txt_dir is None:
        ap.error("give --out FILE.jsonl (or -) and/or --txt-dir DIR")

    out = None
    if args.out == "-":
        out = sys.stdout
    elif args.out:
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        out = open(args.out + ".part", "w", encoding="utf-8")
    file_bytes = [0]
    made = set()

    def sink(doc, pub):
        if out is not None:
            line = json.dumps(doc, ensure_ascii=False) + "\n"
            file_bytes[0] += len(line.encode("utf-8"))
            out.write(line)
        if args.txt_dir:
            n = int(doc["id"].split("-")[1])
            d = os.path.join(args.txt_dir, "%04d" % (n // 1000))
            if d not in made:
                os.makedirs(d, exist_ok=True)
                made.add(d)
            text = doc["text"]
            if doc["published"]:
                # Plain files carry their date under the headline, as saved pages do.
                head, _, rest = text.partition("\n\n")
                text = head + "\n\n" + "%d %s %d" % (pub.day, MONTHS[pub.month - 1], pub.year) + "\n\n" + rest
            with open(os.path.join(d, doc["id"] + ".txt"), "w", encoding="utf-8") as f:
                f.write(text + "\n")

    stats = generate(args, sink)
    stats["jsonl_bytes"] = file_bytes[0]
    if out is not None and out is not sys.stdout:
        out.close()
        os.replace(args.out + ".part", args.out)
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(stats, f, indent=2)
            f.write("\n")
    print("gen_corpus: %d documents (%d diplomatic), %.1f MB of text, %.1f%% filler sentences"
          % (stats["documents"], stats["diplomatic_documents"], stats["text_bytes"] / 1e6, 100 * stats["filler_share"]),
          file=sys.stderr)


if __name__ == "__main__":
    main()
