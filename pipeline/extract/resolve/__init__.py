"""Entity resolution within and across documents, with the reason for every link."""

from pipeline.extract.resolve.model import Description, Entity, Link, Resolution
from pipeline.extract.resolve.resolver import resolve

__all__ = ["Description", "Entity", "Link", "Resolution", "resolve"]
