"""Typed events (PLOVER) with arguments, dates, magnitudes and modality."""

from pipeline.extract.events.extract import detect, extract_events
from pipeline.extract.events.model import PLOVER_TYPES, Event, EventResult, NoEvent

__all__ = ["PLOVER_TYPES", "Event", "EventResult", "NoEvent", "detect", "extract_events"]
