"""Bad input never stops a batch: each unreadable record gives one line on stderr,
`newsgraph: error: FILE[:LINE]: why`, with no traceback; the other records are still extracted
and the exit status is 1. Odd but readable input (huge, non-English, control characters) is
extracted without a crash."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import extract
from newsgraph.cli import main

GOOD = "Chile praised Peru on Monday."
GOOD_TOO = "Canada sanctioned Nicaragua over the election."
BIG_BYTES = 5_000_000

# name -> file content; each of these is one unreadable record
BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "blank.txt": b"   \n\t  \r\n  ",
    "binary.txt": b"\x00\x01\x02PK\x03\x04\x00\x00" + bytes(range(256)),
    "latin1.txt": "Perú criticó a Chile por la sanción.".encode("latin-1"),
}

# JSONL lines of bad.jsonl: (line, why it is bad or None when it is good)
JSONL_LINES: list[tuple[bytes, str | None]] = [
    (json.dumps({"id": "jsonl-good-1", "text": GOOD}).encode(), None),
    (b'{"id": "broken", "text": "Chile praised', "not JSON"),
    (b'["Chile praised Peru."]', "a JSON array"),
    (b"42", "a JSON number"),
    (json.dumps({"id": "no-text", "title": "Headline only"}).encode(), "no text"),
    (json.dumps({"id": "text-not-string", "text": 17}).encode(), "text not a string"),
    (json.dumps({"id": "blank-text", "text": "  \n "}).encode(), "whitespace-only text"),
    (b'{"id": "latin1", "text": "Per\xfa"}', "not UTF-8"),
    (json.dumps({"id": "jsonl-good-2", "text": GOOD_TOO}).encode(), None),
]
BAD_JSONL_LINES = [n for n, (_, why) in enumerate(JSONL_LINES, 1) if why]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-input")
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, content in BAD_FILES.items():
        (root / name).write_bytes(content)
    (root / "bad.jsonl").write_bytes(b"".join(line + b"\n" for line, _ in JSONL_LINES))
    (root / "empty-dir").mkdir()
    return root


@pytest.fixture(scope="module")
def batch(inputs):
    """One CLI run over the good file, every bad file, the JSONL file, a missing path and an
    empty directory, as a user would run it."""
    paths = [
        inputs / "good.txt",
        *(inputs / name for name in BAD_FILES),
        inputs / "bad.jsonl",
        inputs / "missing.txt",
        inputs / "empty-dir",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "newsgraph", "extract", *map(str, paths)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


# ---- the whole batch


def test_a_batch_with_bad_records_exits_1(batch):
    status, _, _ = batch
    assert status == 1


def test_no_traceback_is_printed(batch):
    _, _, err = batch
    assert "Traceback" not in err


def test_every_stderr_line_is_a_newsgraph_error(batch):
    _, _, err = batch
    for line in error_lines(err):
        assert line.startswith("newsgraph: error: "), line


def test_one_error_line_per_bad_record(batch):
    _, _, err = batch
    bad = len(BAD_FILES) + len(BAD_JSONL_LINES) + 2  # + the missing path and the empty directory
    assert len(error_lines(err)) == bad, err


def test_the_good_records_are_still_extracted_in_order(batch):
    _, out, _ = batch
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["doc"]["id"] for r in records] == ["good", "jsonl-good-1", "jsonl-good-2"]
    assert all(r["events"] for r in records)


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_named_in_its_error(batch, inputs, name):
    _, _, err = batch
    lines = [line for line in error_lines(err) if str(inputs / name) in line]
    assert len(lines) == 1, err


@pytest.mark.parametrize("line_no", BAD_JSONL_LINES, ids=[JSONL_LINES[n - 1][1] for n in BAD_JSONL_LINES])
def test_a_bad_jsonl_line_is_named_by_file_and_line(batch, inputs, line_no):
    _, _, err = batch
    where = f"{inputs / 'bad.jsonl'}:{line_no}:"
    assert len([line for line in error_lines(err) if where in line]) == 1, err


def test_the_good_jsonl_lines_give_no_error(batch, inputs):
    _, _, err = batch
    for n, (_, why) in enumerate(JSONL_LINES, 1):
        if why is None:
            assert f"bad.jsonl:{n}:" not in err


def test_a_missing_path_is_named_in_its_error(batch, inputs):
    _, _, err = batch
    (line,) = [line for line in error_lines(err) if "missing.txt" in line]
    assert "no such file" in line.lower()


def test_an_empty_directory_is_named_in_its_error(batch, inputs):
    _, _, err = batch
    assert len([line for line in error_lines(err) if line.rstrip().split(": ")[2].endswith("empty-dir")]) == 1


# ---- each bad input on its own, beside one good file (in-process)


def run_with_good(capsys, inputs, bad: str) -> tuple[int, list[dict], list[str]]:
    status = main(["extract", bad, str(inputs / "good.txt")])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines()], error_lines(err)


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("empty.txt", "empty"),
        ("blank.txt", "empty"),
        ("binary.txt", "binary"),
        ("latin1.txt", "utf-8"),
    ],
)
def test_a_bad_file_alone_gives_one_error_and_the_good_file_is_extracted(capsys, inputs, name, why):
    status, records, errors = run_with_good(capsys, inputs, str(inputs / name))
    assert status == 1
    assert [r["doc"]["id"] for r in records] == ["good"]
    (line,) = errors
    assert line.startswith(f"newsgraph: error: {inputs / name}: ")
    assert why in line.lower()


def test_a_missing_path_alone_gives_one_error(capsys, inputs):
    status, records, errors = run_with_good(capsys, inputs, str(inputs / "nowhere" / "gone.txt"))
    assert status == 1
    assert [r["doc"]["id"] for r in records] == ["good"]
    assert errors == [f"newsgraph: error: {inputs / 'nowhere' / 'gone.txt'}: no such file or directory"]


def test_jsonl_errors_say_why(capsys, inputs):
    status, _, errors = run_with_good(capsys, inputs, str(inputs / "bad.jsonl"))
    assert status == 1
    why = {int(line.split(".jsonl:")[1].split(":")[0]): line.lower() for line in errors}
    assert "json" in why[2]
    assert "object" in why[3] and "list" in why[3]
    assert "object" in why[4] and "int" in why[4]
    assert "text" in why[5] and "text" in why[6]
    assert "empty" in why[7]
    assert "utf-8" in why[8]


# ---- odd but readable input


def test_a_5mb_single_line_article_does_not_crash(tmp_path, capsys):
    # a few seconds: 5 MB go through the tokenizer (one huge token, so the parser stays fast)
    text = GOOD + " " + "x" * (BIG_BYTES - len(GOOD) - 1)
    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps({"id": "huge", "text": text}) + "\n", encoding="utf-8")
    assert path.stat().st_size > BIG_BYTES
    status = main(["extract", str(path)])
    out, err = capsys.readouterr()
    assert status == 0, err
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["doc"]["id"] == "huge"
    assert len(record["text"]) == len(text)
    assert [e["type"] for e in record["events"]] == ["SUPPORT"]


def test_non_english_text_gives_a_record_without_crashing(tmp_path, capsys):
    path = tmp_path / "foreign.jsonl"
    path.write_text(
        json.dumps({"id": "de", "text": "Die Regierung in Berlin kritisierte am Montag die Entscheidung."})
        + "\n"
        + json.dumps({"id": "zh", "text": "中国外交部星期一批评了日本的决定。"}, ensure_ascii=False)
        + "\n"
        + json.dumps({"id": "ar", "text": "انتقدت الحكومة المصرية القرار يوم الاثنين."}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    status = main(["extract", str(path)])
    out, err = capsys.readouterr()
    assert status == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["doc"]["id"] for r in records] == ["de", "zh", "ar"]
    for record in records:
        assert record["schema"] == "newsgraph/1"
        for actor in record["actors"]:
            for start, end in actor["mentions"]:
                assert 0 <= start < end <= len(record["text"])


CONTROL_TEXT = (
    "Chile\x07 praised\x1b Peru\x00 on Monday.\x0c\nCanada\x7f sanctioned\x08 Nicaragua over the vote."
)


def test_control_characters_keep_offsets_valid():
    rec = extract(CONTROL_TEXT)
    assert len(rec["text"]) == len(CONTROL_TEXT)
    assert {e["type"] for e in rec["events"]} == {"SUPPORT", "SANCTION"}
    for event in rec["events"]:
        trigger = event["trigger"]
        assert CONTROL_TEXT[trigger["start"] : trigger["end"]] == trigger["text"]
    for actor in rec["actors"]:
        for start, end in actor["mentions"]:
            assert CONTROL_TEXT[start:end] == rec["text"][start:end]
            assert actor["name"] in CONTROL_TEXT[start:end] or CONTROL_TEXT[start:end] in actor["name"]


def test_control_characters_in_a_jsonl_line_are_read(tmp_path, capsys):
    path = tmp_path / "control.jsonl"
    path.write_text(json.dumps({"id": "ctl", "text": CONTROL_TEXT}) + "\n", encoding="utf-8")
    status = main(["extract", str(path)])
    out, err = capsys.readouterr()
    assert status == 0, err
    (record,) = [json.loads(line) for line in out.splitlines()]
    for event in record["events"]:
        trigger = event["trigger"]
        assert CONTROL_TEXT[trigger["start"] : trigger["end"]] == trigger["text"]


def test_windows_line_endings_keep_offsets_valid():
    text = "Chile praised Peru on Monday.\r\nCanada sanctioned Nicaragua over the vote.\r\n"
    rec = extract(text)
    assert {e["type"] for e in rec["events"]} == {"SUPPORT", "SANCTION"}
    for event in rec["events"]:
        trigger = event["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
