#!/usr/bin/env python3
"""Builds the labelled K-content matching set: a catalogue of real Korean works (Korean, English, French titles)
and listing texts in the styles piracy sites use, each labelled with the work it offers or '-' (no work in the
catalogue). Hard negatives: remakes, sequels, spin-offs, same-named works of other countries, adaptations.
Run: python3 generate-kcontent.py  (writes kcontent-catalogue.json and kcontent-listings.tsv)"""
import json

works = [
    # id, kind, year, episodes (of the first season), titles [(text, lang)], aliases[, seasons [(number, episodes, year, titles)]]
    ("K001", "series", 2019, 16, [("사랑의 불시착", "ko"), ("Crash Landing on You", "en"), ("Crash Landing on You", "fr")], ["CLOY"]),
    ("K002", "series", 2024, 16, [("눈물의 여왕", "ko"), ("Queen of Tears", "en"), ("La Reine des larmes", "fr")], []),
    ("K003", "series", 2021, 9, [("오징어 게임", "ko"), ("Squid Game", "en")], [], [(1, 9, 2021, []), (2, 7, 2024, [])]),
    ("K004", "series", 2016, 16, [("도깨비", "ko"), ("Goblin", "en"), ("Guardian: The Lonely and Great God", "en")], []),
    ("K005", "series", 2015, 20, [("응답하라 1988", "ko"), ("Reply 1988", "en")], []),
    ("K006", "series", 2012, 16, [("응답하라 1997", "ko"), ("Reply 1997", "en")], []),
    ("K007", "series", 2019, 6, [("킹덤", "ko"), ("Kingdom", "en")], [], [(1, 6, 2019, []), (2, 6, 2020, [("킹덤 시즌2", "ko")])]),
    ("K008", "film", 2021, None, [("킹덤: 아신전", "ko"), ("Kingdom: Ashin of the North", "en")], []),
    ("K009", "series", 2021, 20, [("빈센조", "ko"), ("Vincenzo", "en")], []),
    ("K010", "series", 2022, 16, [("더 글로리", "ko"), ("The Glory", "en")], []),
    ("K011", "series", 2022, 16, [("이상한 변호사 우영우", "ko"), ("Extraordinary Attorney Woo", "en")], []),
    ("K012", "series", 2020, 12, [("슬기로운 의사생활", "ko"), ("Hospital Playlist", "en")], []),
    ("K013", "series", 2017, 16, [("슬기로운 감빵생활", "ko"), ("Prison Playbook", "en")], []),
    ("K014", "series", 2016, 16, [("시그널", "ko"), ("Signal", "en")], []),
    ("K015", "series", 2013, 20, [("굿 닥터", "ko"), ("Good Doctor", "en")], []),
    ("K016", "series", 2020, 10, [("스위트홈", "ko"), ("Sweet Home", "en")], []),
    ("K017", "series", 2018, 16, [("나의 아저씨", "ko"), ("My Mister", "en")], []),
    ("K018", "series", 2023, 20, [("무빙", "ko"), ("Moving", "en")], []),
    ("F001", "film", 2019, None, [("기생충", "ko"), ("Parasite", "en"), ("Parasite", "fr")], []),
    ("F002", "film", 2003, None, [("올드보이", "ko"), ("Oldboy", "en"), ("Old Boy", "fr")], []),
    ("F003", "film", 2016, None, [("부산행", "ko"), ("Train to Busan", "en"), ("Dernier train pour Busan", "fr")], []),
    ("F004", "film", 2016, None, [("아가씨", "ko"), ("The Handmaiden", "en"), ("Mademoiselle", "fr")], []),
    ("F005", "film", 2022, None, [("헤어질 결심", "ko"), ("Decision to Leave", "en")], []),
    ("F006", "film", 2009, None, [("마더", "ko"), ("Mother", "en")], []),
    ("F007", "film", 2017, None, [("신과함께-죄와 벌", "ko"), ("Along with the Gods: The Two Worlds", "en")], []),
    ("F008", "film", 2006, None, [("괴물", "ko"), ("The Host", "en"), ("The Host", "fr")], []),
    ("F009", "film", 2003, None, [("살인의 추억", "ko"), ("Memories of Murder", "en"), ("Memories of Murder", "fr")], []),
    ("F010", "film", 2022, None, [("헌트", "ko"), ("Hunt", "en")], []),
    ("M001", "music", 2020, None, [("Map of the Soul: 7", "en")], ["BTS Map of the Soul 7"]),
    ("M002", "music", 2021, None, [("라일락", "ko"), ("LILAC", "en")], ["IU LILAC"]),
    ("M003", "music", 2022, None, [("BORN PINK", "en")], ["BLACKPINK BORN PINK"]),
    ("M004", "music", 2023, None, [("Get Up", "en")], ["NewJeans Get Up"]),
    ("W001", "webtoon", 2018, 179, [("나 혼자만 레벨업", "ko"), ("Solo Leveling", "en")], []),
    ("W002", "webtoon", 2010, 600, [("신의 탑", "ko"), ("Tower of God", "en"), ("La Tour de Dieu", "fr")], []),
    ("W003", "webtoon", 2018, 230, [("여신강림", "ko"), ("True Beauty", "en")], []),
    ("W004", "webtoon", 2014, 500, [("외모지상주의", "ko"), ("Lookism", "en")], []),
]

def dotted(t): return "".join(c if c.isalnum() or c == " " else " " for c in t).split()

def series_listings(w):
    id_, kind, year, eps, titles, aliases = w[:6]
    ko = next(t for t, l in titles if l == "ko"); en = next(t for t, l in titles if l == "en")
    fr = next((t for t, l in titles if l == "fr"), en)
    e = min(5, eps); d = ".".join(dotted(en))
    yy = str(year)[2:]
    return [
        f"Watch {en} Episode {e} English Sub Online Free | DramaCool",
        f"{ko} {e}회 다시보기",
        f"{ko} {e}회 다시보기 무료",
        f"Regarder {fr} épisode {e} VOSTFR",
        f"{d}.S01E0{e}.1080p.NF.WEB-DL.DDP2.0.x264-NTb",
        f"{d}.E0{e}.{yy}0312.720p-NEXT",
        f"[{ko}] {ko}.E0{e}.1080p.WEB-DL.H264-NEXT.mkv",
        f"{en} ({year}) Complete Series 1080p",
        f"{en} Ep {eps} Eng Sub",
    ]

def film_listings(w):
    id_, kind, year, eps, titles, aliases = w[:6]
    ko = next(t for t, l in titles if l == "ko"); en = next(t for t, l in titles if l == "en")
    fr = next((t for t, l in titles if l == "fr"), en)
    d = ".".join(dotted(en))
    return [
        f"{d}.{year}.KOREAN.1080p.BluRay.x264.DTS-FGT",
        f"{fr} ({year}) streaming VF",
        f"Watch {en} ({year}) Full Movie English Sub Online Free",
        f"{ko} ({year}) 다시보기 고화질",
        f"{en} {year} 720p WEBRip x264 AAC",
    ]

def music_listings(w):
    id_, kind, year, eps, titles, aliases = w[:6]
    en = next(t for t, l in titles if l == "en")
    alias = aliases[0]
    return [
        f"Download {alias} Album Zip",
        f"{alias} ({year}) [FLAC]",
        f"{alias} MP3 320kbps",
    ]

def webtoon_listings(w):
    id_, kind, year, eps, titles, aliases = w[:6]
    ko = next(t for t, l in titles if l == "ko"); en = next(t for t, l in titles if l == "en")
    c = min(110, eps)
    out = [f"{en} Chapter {c}", f"{ko} {c}화", f"Read {en} Chapter {c} Online Free", f"{en} Ch.{c} Raw"]
    fr = next((t for t, l in titles if l == "fr"), None)
    if fr: out.append(f"{fr} Chapitre {c} Scan VF")
    return out

rows = []
for w in works:
    make = {"series": series_listings, "film": film_listings, "music": music_listings, "webtoon": webtoon_listings}[w[1]]
    for listing in make(w):
        rows.append((w[0], listing))

negatives = [
    # remakes
    "Oldboy.2013.1080p.BluRay.x264-SPARKS", "Oldboy (2013) streaming VF", "The Good Doctor S03E05 720p HDTV x264-AVS",
    "Signal.2018.E05.1080p.WEB-DL.JAPANESE-GRP", "Mother.2018.E03.720p.HDTV.x264-NEXT", "Mother (2017) 1080p BluRay x264 - Darren Aronofsky",
    "The Host (2013) 1080p BluRay x264-SPARKS",
    # sequels and spin-offs
    "Peninsula.2020.KOREAN.1080p.BluRay.x264-FGT", "Train to Busan 2 Peninsula (2020) streaming VF",
    "Along with the Gods: The Last 49 Days (2018) 720p WEBRip", "Kingdom.2019.KOREAN.Ashin.of.the.North.Special.1080p-GRP",
    "Squid Game: The Challenge S01E03 1080p WEB h264-EDITH", "Train to Busan Presents Peninsula 2020 720p",
    "Reply 1994 Episode 5 English Sub", "Hospital Playlist 2 Episode 5 English Sub", "Sweet Home 2 Episode 3 Eng Sub",
    "Map of the Soul: Persona (2019) [FLAC]", "Solo Leveling: Ragnarok Chapter 12", "Goblin Slayer Episode 5 English Sub",
    # same title, other kind (adaptations)
    "Solo Leveling Episode 5 English Sub 1080p", "True Beauty Episode 3 English Sub Online Free | DramaCool",
    "Lookism.S01E03.1080p.NF.WEB-DL.x264-NTb", "Tower of God S02E05 1080p CR WEB-DL",
    "Parasite.S01E03.1080p.WEB.h264-GRP", "Decision to Leave Episode 2 Eng Sub",
    # same words, other works
    "Parasite Eve (2000) PS1 ISO", "Hunting Season S01E01 720p", "The Glory Days (1994) DVDRip",
    "Moving On 2023 720p WEBRip", "Kingdom of Heaven 2005 Directors Cut 1080p BluRay", "Get Up Stand Up Bob Marley MP3",
    "Signal Hill 2019 1080p WEB", "Crash Landing 2020 1080p", "The Glory of Tang Dynasty Episode 12", "Prison Break S01E05 720p",
    "Queen of Tears Chapter 12", "Hospital Playlist Chapter 5", "My Mister Right 2021 720p", "Vincenzo Nibali Tour de France highlights",
    # beyond the episode range, and seasons the catalogue does not have
    "Sweet.Home.S02E03.1080p.NF.WEB-DL.DDP5.1.x264-GRP", "스위트홈 시즌3 2화 다시보기", "Hospital.Playlist.S02E05.1080p.WEB-DL-GRP",
    "Queen.of.Tears.E22.240316.720p-NEXT", "Kingdom S01E09 1080p NF WEB-DL",
    # nothing in the catalogue
    "Watch Random Show Episode 3 English Sub Online Free", "무한도전 500회 다시보기", "Regarder Les Revenants épisode 2 VOSTFR",
    "Avengers.Endgame.2019.1080p.BluRay.x264-SPARKS", "Download Taylor Swift Midnights Album Zip", "One Piece Chapter 1100",
    "", "1080p WEB-DL x264", "다시보기 무료 고화질",
]
rows += [("-", n) for n in negatives]
# Later seasons the catalogue knows, and the spin-off, are the catalogue's own works.
rows += [("K003", "Squid.Game.S02E03.1080p.NF.WEB-DL.DDP5.1.x264-FLUX"),
         ("K008", "Kingdom.Ashin.of.the.North.2021.KOREAN.1080p.NF.WEB-DL.DDP5.1.x264-ExREN")]

catalogue = {"works": [
    {"id": w[0], "kind": w[1], **({"year": w[2]} if w[2] else {}),
     **({"episodes": sum(x[1] for x in w[6]) if len(w) > 6 else w[3]} if w[3] else {}),
     "titles": [{"text": t, "lang": l} for t, l in w[4]], **({"aliases": w[5]} if w[5] else {}),
     **({"seasons": [{"number": n, "episodes": c, "year": y, **({"titles": [{"text": t, "lang": l} for t, l in st]} if st else {})}
                     for n, c, y, st in w[6]]} if len(w) > 6 else {})} for w in works]}
with open("kcontent-catalogue.json", "w", encoding="utf-8") as f:
    json.dump(catalogue, f, ensure_ascii=False, indent=1)
with open("kcontent-listings.tsv", "w", encoding="utf-8") as f:
    f.write("expected\tlisting\n")
    for expected, listing in rows:
        f.write(f"{expected}\t{listing}\n")
print(len(works), "works,", len(rows), "listings,", len(negatives), "negatives")
