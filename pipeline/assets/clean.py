import polars as pl
from dagster import AssetIn, AssetOut, Output, asset, multi_asset

from pipeline.assets._emit import LazyBatches, by_batch, progress, rejects_output, table_output, validated
from pipeline.assets.partitions import batches
from pipeline.code_versions import code_version
from pipeline.tables.documents import clean_documents_tables, corpus_copies
from pipeline.tables.parallel import default_workers


@multi_asset(
    ins={"raw_documents": AssetIn()},
    outs={
        "clean_documents": AssetOut(description="Article text without boilerplate, with metadata", group_name="documents"),
        "removed_spans": AssetOut(description="What cleaning removed, where, and why", group_name="documents"),
        "document_sketches": AssetOut(description="sha256 and MinHash signature of each clean text, for corpus-wide "
                                                  "duplicate detection", group_name="documents"),
        "sentences": AssetOut(description="Sentences with paragraph index and offsets", group_name="documents"),
        "rejects_clean_documents": AssetOut(description="Documents with no body text left", group_name="quarantine"),
        "rejects_sentences": AssetOut(group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def clean_documents(context, raw_documents):
    """Remove boilerplate, normalise, extract title/date/byline/outlet/dateline, flag duplicates within the batch;
    split the clean texts into paragraphs and sentences with character offsets (in the same pass: a text is
    segmented on the process that cleaned it)."""
    done = progress(context, "clean_documents + sentences", raw_documents.height)
    tables = clean_documents_tables(raw_documents, workers=default_workers(), progress=done)
    done.finish()
    clean, bad_docs = validated(context, "clean_documents", tables.clean)
    removed, bad_spans = validated(context, "removed_spans", tables.removed)
    kept = tables.sentences.filter(pl.col("doc_id").is_in(clean["doc_id"].implode()))  # none of a quarantined document
    sentences, bad_sentences = validated(context, "sentences", kept)
    yield table_output("clean_documents", clean)
    yield table_output("removed_spans", removed)
    yield Output(tables.sketches, output_name="document_sketches", metadata={"rows": tables.sketches.height})
    yield table_output("sentences", sentences)
    yield rejects_output(context, "rejects_clean_documents", tables.rejects + bad_docs + bad_spans)
    yield rejects_output(context, "rejects_sentences", bad_sentences)


@asset(ins={"document_sketches": AssetIn(dagster_type=LazyBatches),
           "clean_documents": AssetIn(dagster_type=LazyBatches, metadata={"columns": ["doc_id", "clean_text"]})},
       group_name="documents", code_version=code_version(__name__))
def document_duplicates(context, document_sketches, clean_documents):
    """Exact and near copies across the whole corpus: the copy columns the release gives clean_documents.
    Every batch's sketches are read; texts only of documents whose signatures collide."""
    sketches = by_batch(context, "document_sketches", document_sketches)
    done = progress(context, "duplicate detection", sum(lf.select(pl.len()).collect().item() for lf in sketches.values()))
    table = corpus_copies(sketches, by_batch(context, "clean_documents", clean_documents))
    done.finish()
    return Output(table, metadata={
        "rows": table.height,
        "exact": table["duplicate_of"].is_not_null().sum(),
        "near": table["near_duplicate_of"].is_not_null().sum(),
    })
