from pathlib import Path

from dagster import AssetOut, multi_asset

from pipeline.assets._emit import rejects_output, table_output, validated
from pipeline.code_versions import code_version
from pipeline.ingest import ingest_folder
from pipeline.settings import KhabarSettings


@multi_asset(
    outs={
        "raw_documents": AssetOut(description="Decoded input documents with hashes", group_name="documents"),
        "rejects_raw_documents": AssetOut(description="Input files that could not be used", group_name="quarantine"),
    },
    code_version=code_version(__name__),
)
def raw_documents(context, settings: KhabarSettings):
    """Read the input folder: decode every file, reject the unusable ones with a reason."""
    result = ingest_folder(Path(settings.input_dir), settings.max_file_bytes)
    context.log.info(f"{result.documents.height} documents read from {settings.input_dir}, "
                     f"{len(result.rejects)} rejected")
    docs, bad = validated(context, "raw_documents", result.documents)
    yield table_output("raw_documents", docs)
    yield rejects_output(context, "rejects_raw_documents", result.rejects + bad)
