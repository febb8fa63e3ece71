"""Files are decoded in a worker process under a memory, CPU and wall-time budget; a
worker that runs over is ended and replaced, and the reader gets a clear refusal."""

import os

import pytest

from chenbao.tips import sandbox
from chenbao.tips.media import Limits, MediaError
from tests.tips import mediafiles

LIMITS = Limits()


def test_files_are_cleaned_in_another_process(photo):
    (cleaned,) = sandbox.clean_in_worker([photo], LIMITS)
    assert cleaned.kind == "image" and cleaned.ext == ".jpg" and b"SecretCam" not in cleaned.data
    assert sandbox._worker is not None and sandbox._worker.proc.pid != os.getpid()


def test_the_worker_answers_refusals_and_keeps_running(photo):
    with pytest.raises(MediaError, match="无法识别"):
        sandbox.clean_in_worker([b"<html>"], LIMITS)
    first = sandbox._worker
    assert sandbox.clean_in_worker([photo], LIMITS)
    assert sandbox._worker is first


def test_a_photo_over_the_memory_budget_is_refused_and_the_worker_replaced(photo):
    big = mediafiles.bilevel_png(6000, 6000)  # 36 Mpx at one byte each: fits in 200 MB
    # Two copies of 36 Mpx in RGB need over 200 MB: the worker is given less.
    budget = sandbox.Budget(memory_mb=200, cpu_seconds=20, wall_seconds=60)
    rgb = mediafiles.jpeg_of_size(6000, 6000)
    with pytest.raises(MediaError, match="图片尺寸过大"):
        sandbox.clean_in_worker([rgb, rgb], LIMITS, budget)
    assert sandbox.clean_in_worker([photo, big], LIMITS, budget)  # a fresh worker goes on


def test_a_job_over_its_wall_time_is_ended(photo):
    slow = mediafiles.jpeg_of_size(6000, 6000)
    budget = sandbox.Budget(memory_mb=2048, cpu_seconds=20, wall_seconds=0.05)
    with pytest.raises(MediaError, match="无法在限定时间内处理"):
        sandbox.clean_in_worker([slow], LIMITS, budget)
    assert sandbox.clean_in_worker([photo], LIMITS)


def test_a_job_over_its_cpu_time_is_ended_by_the_kernel(photo):
    slow = mediafiles.jpeg_of_size(7000, 7000)  # 49 Mpx: about 0.3 s of CPU each
    budget = sandbox.Budget(memory_mb=2048, cpu_seconds=0, wall_seconds=120)  # under 1 s
    generous = Limits(request_pixels=10**9)
    with pytest.raises(MediaError, match="无法在限定时间内处理"):
        sandbox.clean_in_worker([slow] * 9, generous, budget)
    assert sandbox.clean_in_worker([photo], LIMITS)
