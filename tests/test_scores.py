"""The recorded quality figures: parsed from the scorers, current with the shipped models, in the card."""

import json

from pipeline.evaluation.scores import SCORES_FILE, artefact_hashes, figures, load_scores


def test_figures_are_read_from_the_scorers_last_lines_only():
    out = "noise precision=0.1\nfile=x.csv split=heldout\nprecision=0.5753 recall=0.5915\nf1=0.5833\n"
    assert figures(out, 2) == {"precision": 0.5753, "recall": 0.5915, "f1": 0.5833}
    assert figures("micro_f1=0.6630", 1) == {"micro_f1": 0.663}


def test_recorded_scores_describe_the_shipped_models():
    # Retrain a model without re-running `khabar eval scores --write` and this fails: stale figures.
    recorded = json.loads(SCORES_FILE.read_text(encoding="utf-8"))["model_artefacts_sha256"]
    assert recorded == artefact_hashes()


def test_every_release_card_shows_the_recorded_scores(release_dir):
    card = (release_dir / "README.md").read_text(encoding="utf-8")
    for task, values in load_scores().items():
        assert f"| {task} |" in card
        assert f"`{values['command']}`" in card
