"""The entity scorer on composed documents and gold (the full seed run is `khabar eval entities`)."""

from __future__ import annotations

import json

from pipeline.evaluation.entities import GoldEntity, load_gold, main, mention_keys, score
from pipeline.extract.mention import Mention
from pipeline.extract.resolve import resolve
from pipeline.text.normalize import match_key


def _doc(doc_id, text, spans):
    out = []
    for surface, label, *adj in spans:
        start = text.index(surface)
        out.append(Mention(start, start + len(surface), label, surface, 1.0, bool(adj)))
    return doc_id, text, sorted(out, key=lambda m: (m.start, m.end))


def _gold(canonical, etype, *surfaces):
    return GoldEntity(canonical, etype, frozenset(match_key(s) for s in (canonical, *surfaces)))


def test_mention_keys_tolerate_a_leading_clitic():
    assert match_key("العراق") in mention_keys("وبالعراق")
    assert match_key("الولايات المتحدة") in mention_keys("«الولايات المتحدة»")


def test_recall_precision_and_purity_count_documents_and_entities():
    docs = [
        _doc("a", "قال سامي الدباغ إن أمريكا تدعم الخطة وإن الدباغ موافق، وشارك نادي الرشيد.",
             [("سامي الدباغ", "PERSON"), ("أمريكا", "GPE"), ("الدباغ", "PERSON"), ("نادي الرشيد", "ORG")]),
        _doc("b", "وأعلنت أميركا موقفها من العراق.", [("أميركا", "GPE")]),
    ]
    gold = {
        "a": [_gold("سامي الدباغ", "PERSON", "الدباغ"), _gold("الولايات المتحدة", "GPE", "أمريكا"),
              _gold("مجلس الوزراء", "ORG")],
        "b": [_gold("الولايات المتحدة", "GPE", "أميركا"), _gold("العراق", "GPE")],
    }
    s = score(docs, gold, resolve(docs))
    assert s["gold"] == {"PERSON": 1, "GPE": 3, "ORG": 1}
    assert s["found"] == {"PERSON": 1, "GPE": 2, "ORG": 0}
    # predicted: the person, the US (in both documents) and a club no gold entity names
    assert sum(s["predicted"].values()) == 4 and sum(s["correct"].values()) == 3
    assert s["predicted"]["ORG"] == 1 and s["correct"]["ORG"] == 0
    # both US mentions share one id, both mentions of the person too
    assert s["pure_mentions"] == s["matched_mentions"] == 4
    assert s["single_id"] == s["matched_entities"] == 2


def test_impure_merge_lowers_purity():
    docs = [_doc("a", "قالت أمريكا كلاما.", [("أمريكا", "PERSON")]), _doc("b", "قالت أميركا.", [("أميركا", "GPE")])]
    gold = {d: [_gold("الولايات المتحدة", "GPE", "أمريكا", "أميركا")] for d in ("a", "b")}
    s = score(docs, gold, resolve(docs))
    assert s["matched_mentions"] == 2 and s["single_id"] == 0


def test_load_gold_and_missing_gold(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps([{"canonical": "العراق", "type": "GPE", "surfaces": ["بغداد"], "adjectival": ["العراقية"]}]),
                    encoding="utf-8")
    [entity] = load_gold(path)
    assert entity.keys == {match_key(w) for w in ("العراق", "بغداد", "العراقية")}
    assert main(["--gold", str(tmp_path / "none")]) == 2
