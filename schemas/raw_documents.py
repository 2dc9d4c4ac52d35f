import pandera.polars as pa


class RawDocuments(pa.DataFrameModel):
    """One row per accepted input document, as decoded from its bytes."""

    doc_id: str = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$", description="sha256 of the document's bytes, first 16 hex")
    source_path: str = pa.Field(description="Path relative to the input folder (jsonl: path#Lline)")
    source_format: str = pa.Field(isin=["txt", "html", "jsonl"], description="Input format")
    encoding: str = pa.Field(description="Detected text encoding")
    sha256: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", unique=True, description="Full sha256 of the bytes")
    n_bytes: int = pa.Field(gt=0, description="Size of the document in bytes")
    raw_text: str = pa.Field(nullable=True, description="Decoded text (HTML source for html documents); null in the public profile")

    class Config:
        strict = True

