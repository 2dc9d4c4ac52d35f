"""Word classes and clitic splitting used as CRF features."""

from pipeline.extract.ner.clusters import build_clusters, load_clusters, save_clusters
from pipeline.extract.ner.features import split_clitics


def _corpus():
    # two word families used in distinct contexts: cities after "في", verbs after "الرئيس"
    cities = ["بغداد", "دمشق", "عمان", "بيروت"]
    verbs = ["قال", "اكد", "اعلن", "اوضح"]
    sentences = []
    for k in range(60):
        city, verb = cities[k % 4], verbs[(k * 3) % 4]
        sentences.append(["الرييس", verb, "امس", "في", city, "ان", "الوضع", "مستقر"])
    return sentences, cities, verbs


def test_clusters_group_words_by_context_and_are_deterministic(tmp_path):
    sentences, cities, verbs = _corpus()
    clusters = build_clusters(sentences)
    assert clusters == build_clusters(sentences)
    coarse = lambda w: clusters[w][0]
    assert len({coarse(c) for c in cities}) == 1
    assert len({coarse(v) for v in verbs}) == 1
    path = tmp_path / "clusters.tsv"
    save_clusters(clusters, path)
    assert load_clusters(path) == clusters


def test_split_clitics_uses_known_forms():
    known = {"العراق", "بالعراق", "واشنطن", "لبنان"}
    assert split_clitics("وبالعراق", known) == ("وبال", "عراق")
    assert split_clitics("وبالموصل", known) == (
        "",
        "وبالموصل",
    )  # the rest is not a known form
    assert split_clitics("للعراق", known) == ("لال", "عراق")
    assert split_clitics("وواشنطن", known) == ("و", "واشنطن")
    assert split_clitics("لبنان", known) == ("", "لبنان")
    assert split_clitics("واشنطن", known) == ("", "واشنطن")
