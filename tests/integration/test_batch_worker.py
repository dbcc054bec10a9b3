"""What a batch worker does with one input: every outcome is a result, never an exception."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from extractor.batch.worker import BatchTask, DeadlineExceeded, run_task, time_limit
from extractor.errors import EncryptedPDF, Reason


def task(tmp_path: Path, **changes) -> BatchTask:
    path = tmp_path / "artikel.txt"
    path.write_text("Daarvan is 47 procent man.\n", encoding="utf-8")
    fields = dict(index=3, id="artikel", path="in/artikel.txt", location=str(path), timeout=5.0)
    fields.update(changes)
    return BatchTask(**fields)


def document(article_id: str = "artikel", **changes) -> dict:
    text = "Daarvan is 47 procent man."
    record = {"id": f"{article_id}-1", "start": 11, "end": 21, "surface": "47 procent"}
    data = {
        "id": article_id, "source": {"path": "/elsewhere/artikel.txt"}, "pages": [1],
        "text": text, "records": [record], "warnings": [],
    }
    data.update(changes)
    return data


def returning(value):
    def extract(path, *, article_id):
        return value(article_id) if callable(value) else value

    return extract


def raising(error: BaseException):
    def extract(path, *, article_id):
        raise error

    return extract


def test_batch_worker_ok_document_gets_the_input_path(tmp_path):
    result = run_task(task(tmp_path), returning(document))
    assert (result.status, result.reason, result.records, result.pages) == ("ok", None, 1, 1)
    assert '"path": "in/artikel.txt"' in result.document_json
    assert result.index == 3


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"warnings": [{"code": "sum-over-100", "message": "x", "records": []}]}, "1 warning: sum-over-100"),
        ({"records": []}, "no statistics found"),
    ],
)
def test_batch_worker_warnings(tmp_path, changes, message):
    result = run_task(task(tmp_path), returning(lambda article_id: document(article_id, **changes)))
    assert (result.status, result.message) == ("warning", message)
    assert result.document_json is not None


@pytest.mark.parametrize(
    "extract,reason,message",
    [
        (raising(EncryptedPDF("x.pdf", "the PDF is protected by a password")), Reason.ENCRYPTED,
         "the PDF is protected by a password"),
        (raising(MemoryError()), Reason.TOO_LARGE, "ran out of memory"),
        (raising(ZeroDivisionError("division by zero")), Reason.INTERNAL,
         "ZeroDivisionError: division by zero"),
        (raising(SystemExit(3)), Reason.INTERNAL, "SystemExit: 3"),
        (returning(lambda article_id: document("other")), Reason.INVALID_OUTPUT,
         "document id 'other' is not 'artikel'"),
        (returning(lambda article_id: document(article_id, text="Daarvan is 48 procent man.")),
         Reason.INVALID_OUTPUT, "record artikel-1: text[11:21] is not '47 procent'"),
        (returning(lambda article_id: document(article_id, sample_size=float("nan"))),
         Reason.INVALID_OUTPUT, "not serialisable as JSON: Out of range float values are not JSON compliant"),
        (returning(["not", "a", "document"]), Reason.INVALID_OUTPUT, "the extractor returned list"),
    ],
)
def test_batch_worker_failures_become_results(tmp_path, extract, reason, message):
    result = run_task(task(tmp_path), extract)
    assert (result.status, result.reason) == ("failed", reason)
    assert result.message.startswith(message)
    assert result.document_json is None
    assert (result.traceback is not None) == (reason is Reason.INTERNAL)


def test_batch_worker_content_is_read_from_a_private_copy(tmp_path):
    seen = {}

    def extract(path, *, article_id):
        seen["name"], seen["text"] = Path(path).name, Path(path).read_text(encoding="utf-8")
        return document(article_id)

    result = run_task(task(tmp_path, location="/nowhere/artikel.txt", content=b"kopie"), extract)
    assert result.status == "ok"
    assert seen == {"name": "artikel.txt", "text": "kopie"}


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_batch_worker_time_limit_in_the_main_thread_uses_the_alarm():
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        with time_limit(0.3):
            spin(10)
    assert time.monotonic() - started < 2
    with time_limit(1):
        spin(0.05)
    time.sleep(1.2)  # the alarm is off: nothing goes off later


def test_batch_worker_time_limit_in_another_thread_plants_the_exception():
    outcome = {}

    def work() -> None:
        try:
            with time_limit(0.3):
                spin(10)
        except DeadlineExceeded:
            outcome["stopped"] = time.monotonic()
        try:
            with time_limit(0.3):
                spin(0.05)
            spin(0.8)  # past the limit of the finished block: nothing may go off
            outcome["after"] = "quiet"
        except DeadlineExceeded:
            outcome["after"] = "late exception"

    started = time.monotonic()
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(15)
    assert outcome["stopped"] - started < 2
    assert outcome["after"] == "quiet"


def test_batch_worker_timeout_result(tmp_path):
    def hang(path, *, article_id):
        spin(60)

    result = run_task(task(tmp_path, timeout=0.3), hang)
    assert (result.status, result.reason) == ("failed", Reason.TIMEOUT)
    assert result.message == "no result after 0.3 s"
