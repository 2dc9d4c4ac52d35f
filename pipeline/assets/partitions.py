"""The partition key of the per-document stages: one input batch (see ``pipeline.batches``)."""

from dagster import DynamicPartitionsDefinition

batches = DynamicPartitionsDefinition(name="batches")
