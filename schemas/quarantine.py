import pandera.polars as pa

from schemas._common import ID_PATTERN


class Quarantine(pa.DataFrameModel):
    """Inputs and rows that were rejected, with the reason; nothing is dropped silently."""

    quarantine_id: str = pa.Field(unique=True, str_matches=ID_PATTERN, description="Content hash of stage, source and reason")
    stage: str = pa.Field(description="Stage (asset) that rejected it")
    source_path: str = pa.Field(nullable=True, description="Input file, when the rejection is of a file")
    doc_id: str = pa.Field(nullable=True, description="Document, when known")
    row_id: str = pa.Field(nullable=True, description="ID of the rejected row, when it is a row")
    reason: str = pa.Field(str_length={"min_value": 1}, description="Short machine-readable reason")
    detail: str = pa.Field(description="Human-readable detail")
    row_json: str = pa.Field(nullable=True, description="The rejected row as JSON")

    class Config:
        strict = True
