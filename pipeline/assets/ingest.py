from pathlib import Path

from dagster import AssetOut, multi_asset

from pipeline.assets._emit import progress, rejects_output, table_output, validated
from pipeline.assets.partitions import batches
from pipeline.batches import batch_files
from pipeline.code_versions import code_version
from pipeline.ingest import ingest_folder
from pipeline.settings import KhabarSettings


@multi_asset(
    outs={
        "raw_documents": AssetOut(description="Decoded input documents with hashes", group_name="documents"),
        "rejects_raw_documents": AssetOut(description="Input files that could not be used", group_name="quarantine"),
    },
    partitions_def=batches,
    code_version=code_version(__name__),
)
def raw_documents(context, settings: KhabarSettings):
    """Read one input batch (a first-level folder of the input): decode every file, reject the unusable ones."""
    root = Path(settings.input_dir)
    files = batch_files(root, context.partition_key)
    done = progress(context, "raw_documents", len(files))
    result = ingest_folder(root, settings.max_file_bytes, files=files)
    done.finish()
    context.log.info(f"batch {context.partition_key}: {result.documents.height} documents read from {root}, "
                     f"{len(result.rejects)} rejected")
    docs, bad = validated(context, "raw_documents", result.documents)
    yield table_output("raw_documents", docs)
    yield rejects_output(context, "rejects_raw_documents", result.rejects + bad)
