"""The one way release JSON is written: UTF-8, Arabic unescaped, indented, newline-terminated.

Checksums and byte-identical rebuilds depend on every JSON file being serialised the same way.
"""

from __future__ import annotations

import json
from pathlib import Path


def write_json(path: Path, data: object) -> Path:
    path = Path(path)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
