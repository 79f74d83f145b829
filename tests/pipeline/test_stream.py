"""The streaming follow mode's option handling and end report (the job itself: tests/deploy)."""

from __future__ import annotations

from apache_beam.options.pipeline_options import JobServerOptions, StandardOptions
from apache_beam.runners.runner import PipelineState

from pipeline.options import NewswireOptions
from pipeline.stream import STREAM_DEFAULTS, StreamReport, streaming_options


def test_streaming_options_fill_defaults_and_keep_what_the_user_set() -> None:
    given = NewswireOptions(
        ["--runner=FlinkRunner", "--checkpointing_interval=60000", "--parallelism=2"],
        mode="follow", kafka_io="xlang", topic_prefix="x.",
    )
    options = streaming_options(given, "/tmp/artifacts")
    values = options.get_all_options(drop_default=True, retain_unknown_options=True)
    assert options.view_as(StandardOptions).streaming
    assert options.view_as(StandardOptions).runner == "FlinkRunner"
    assert options.view_as(JobServerOptions).artifacts_dir == "/tmp/artifacts"
    assert options.view_as(NewswireOptions).topic_prefix == "x."
    assert values["parallelism"] == 2
    assert str(values["checkpointing_interval"]) == "60000"  # the user's, not the default
    assert str(values["max_bundle_time_mills"]) == str(STREAM_DEFAULTS["max_bundle_time_mills"])


def test_a_cancelled_job_is_a_success_only_when_stopping_was_asked() -> None:
    assert StreamReport(PipelineState.CANCELLED, 61.0, stopped=True).ok
    assert not StreamReport(PipelineState.CANCELLED, 61.0, stopped=False).ok
    assert not StreamReport(PipelineState.FAILED, 5.0, stopped=False).ok
    assert StreamReport(PipelineState.DONE, 5.0, stopped=False).ok
    assert "final state CANCELLED" in StreamReport(PipelineState.CANCELLED, 61.0, True).summary()
