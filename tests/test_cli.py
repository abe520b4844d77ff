"""`newsgraph extract`: the readers (.txt, .jsonl, directories, stdin), the output formats and
the exit status. Most tests call `newsgraph.cli.main` in-process (the pipeline is loaded once);
a few run `python -m newsgraph` as a user would."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsgraph.cli import main

PRAISE = "Chile praised Peru for its help after the floods."
VISIT = "The Kenyan president visited Tanzania on Monday."
SANCTION = "Canada sanctioned Nicaragua over the election."


def run(capsys, *args: str) -> tuple[int, list[dict], str]:
    """Run the CLI in-process: (exit status, records from stdout, stderr)."""
    status = main(["extract", *args])
    out, err = capsys.readouterr()
    return status, [json.loads(line) for line in out.splitlines() if line.strip()], err


def run_process(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m newsgraph extract ...` in a child process (loads the pipeline: a few seconds)."""
    return subprocess.run(
        [sys.executable, "-m", "newsgraph", "extract", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def decode_concatenated(out: str) -> list[dict]:
    """Records from JSON documents written one after another (the `--format json` output)."""
    decoder, records, pos = json.JSONDecoder(), [], 0
    while out[pos:].strip():
        pos += len(out[pos:]) - len(out[pos:].lstrip())
        record, pos = decoder.raw_decode(out, pos)
        records.append(record)
    return records


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# ---- .txt files


def test_a_txt_file_is_one_article_whose_id_is_the_file_stem(tmp_path, capsys):
    path = tmp_path / "chile-peru.txt"
    path.write_text(PRAISE, encoding="utf-8")
    status, records, err = run(capsys, str(path))
    assert status == 0 and err == ""
    assert len(records) == 1
    assert records[0]["doc"]["id"] == "chile-peru"
    assert records[0]["text"] == PRAISE
    assert records[0]["schema"] == "newsgraph/1"


def test_a_txt_file_yields_its_events(tmp_path, capsys):
    path = tmp_path / "visit.txt"
    path.write_text(VISIT, encoding="utf-8")
    _, (record,), _ = run(capsys, str(path))
    assert [e["type"] for e in record["events"]] == ["CONSULT"]


def test_a_txt_file_with_a_byte_order_mark_is_read_without_it(tmp_path, capsys):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + PRAISE.encode("utf-8"))
    status, (record,), _ = run(capsys, str(path))
    assert status == 0
    assert record["text"] == PRAISE


def test_several_paths_give_records_in_argument_order(tmp_path, capsys):
    paths = []
    for name, text in [("zeta", PRAISE), ("alpha", VISIT), ("mid", SANCTION)]:
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / f"{name}.txt"))
    status, records, _ = run(capsys, *paths)
    assert status == 0
    assert [r["doc"]["id"] for r in records] == ["zeta", "alpha", "mid"]


# ---- .jsonl files


def test_a_jsonl_file_is_one_article_per_line_with_its_metadata(tmp_path, capsys):
    meta = {
        "id": "wire-7",
        "title": "Canada acts",
        "date": "2031-05-02",
        "source": "Test Wire",
        "url": "https://example.org/wire-7",
    }
    path = tmp_path / "batch.jsonl"
    path.write_text(jsonl({**meta, "text": SANCTION}, {"id": "wire-8", "text": PRAISE}), encoding="utf-8")
    status, records, err = run(capsys, str(path))
    assert status == 0 and err == ""
    assert [r["doc"]["id"] for r in records] == ["wire-7", "wire-8"]
    assert records[0]["doc"] == {**meta, "language": "en"}
    assert records[0]["text"] == SANCTION
    assert records[1]["doc"]["title"] is None


def test_a_jsonl_line_without_an_id_is_named_after_the_file_and_line(tmp_path, capsys):
    path = tmp_path / "wire.jsonl"
    path.write_text(jsonl({"text": PRAISE}, {"text": VISIT}), encoding="utf-8")
    _, records, _ = run(capsys, str(path))
    assert [r["doc"]["id"] for r in records] == ["wire-1", "wire-2"]


def test_blank_lines_in_jsonl_are_skipped(tmp_path, capsys):
    path = tmp_path / "gappy.jsonl"
    path.write_text("\n" + jsonl({"id": "a", "text": PRAISE}) + "\n   \n" + jsonl({"id": "b", "text": VISIT}))
    status, records, err = run(capsys, str(path))
    assert status == 0 and err == ""
    assert [r["doc"]["id"] for r in records] == ["a", "b"]


def test_jsonl_text_keeps_unicode(tmp_path, capsys):
    text = "São Tomé praised Côte d’Ivoire for its help."
    path = tmp_path / "unicode.jsonl"
    path.write_text(jsonl({"id": "u", "text": text}), encoding="utf-8")
    _, (record,), _ = run(capsys, str(path))
    assert record["text"] == text


# ---- directories


@pytest.fixture
def article_dir(tmp_path):
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(PRAISE, encoding="utf-8")
    (root / "c.jsonl").write_text(jsonl({"text": VISIT}, {"id": "named", "text": SANCTION}), encoding="utf-8")
    (root / "sub" / "b.txt").write_text(VISIT, encoding="utf-8")
    (root / "notes.md").write_text("Not an article.", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return root


def test_a_directory_means_every_txt_and_jsonl_file_under_it(article_dir, capsys):
    status, records, err = run(capsys, str(article_dir))
    assert status == 0 and err == ""
    assert sorted(r["doc"]["id"] for r in records) == ["a", "b", "c-1", "named"]


def test_a_directory_is_read_in_sorted_path_order(article_dir, capsys):
    _, records, _ = run(capsys, str(article_dir))
    assert [r["doc"]["id"] for r in records] == ["a", "c-1", "named", "b"]


# ---- stdin


def test_dash_reads_jsonl_from_stdin():
    result = run_process(
        "-", stdin=jsonl({"id": "in-1", "text": PRAISE}, {"id": "in-2", "text": VISIT}).encode()
    )
    assert result.returncode == 0, result.stderr.decode()
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["doc"]["id"] for r in records] == ["in-1", "in-2"]
    assert result.stderr == b""


def test_stdin_lines_without_an_id_are_numbered():
    result = run_process("-", stdin=jsonl({"text": PRAISE}).encode())
    (record,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert "stdin" in record["doc"]["id"] and record["doc"]["id"].endswith("1")


# ---- output formats and exit status


def test_default_output_is_one_json_record_per_line(tmp_path, capsys):
    path = tmp_path / "two.jsonl"
    path.write_text(jsonl({"id": "x", "text": PRAISE}, {"id": "y", "text": VISIT}), encoding="utf-8")
    main(["extract", str(path)])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 2 and out.endswith("\n")
    assert [json.loads(line)["doc"]["id"] for line in lines] == ["x", "y"]


def test_format_json_pretty_prints_each_record(tmp_path, capsys):
    path = tmp_path / "two.jsonl"
    path.write_text(jsonl({"id": "x", "text": PRAISE}, {"id": "y", "text": VISIT}), encoding="utf-8")
    status = main(["extract", "--format", "json", str(path)])
    out = capsys.readouterr().out
    assert status == 0
    assert '\n  "schema": "newsgraph/1"' in out
    records = decode_concatenated(out)
    assert [r["doc"]["id"] for r in records] == ["x", "y"]


def test_output_is_not_ascii_escaped(tmp_path, capsys):
    path = tmp_path / "accents.txt"
    path.write_text("Peru praised São Tomé.", encoding="utf-8")
    main(["extract", str(path)])
    assert "São Tomé" in capsys.readouterr().out


def test_cli_records_match_the_library(tmp_path, capsys):
    import newsgraph

    path = tmp_path / "lib.txt"
    path.write_text(SANCTION, encoding="utf-8")
    _, (record,), _ = run(capsys, str(path))
    library = newsgraph.extract(SANCTION, id="lib")
    library.pop("warnings", None)
    assert record == library


def test_exit_status_is_0_when_every_record_is_read(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text(PRAISE, encoding="utf-8")
    status, _, err = run(capsys, str(tmp_path / "ok.txt"))
    assert status == 0
    assert err == ""


def test_workers_option_parses_in_parallel_with_the_same_result(tmp_path, capsys):
    # spawns worker processes: a few seconds
    path = tmp_path / "many.jsonl"
    path.write_text(jsonl(*({"id": str(n), "text": t} for n, t in enumerate([PRAISE, VISIT, SANCTION] * 2))))
    _, serial, _ = run(capsys, str(path))
    status, parallel, _ = run(capsys, "--workers", "2", "--batch-size", "1", str(path))
    assert status == 0
    assert parallel == serial


def test_the_module_runs_as_a_program(tmp_path):
    path = tmp_path / "prog.txt"
    path.write_text(VISIT, encoding="utf-8")
    result = run_process(str(path))
    assert result.returncode == 0, result.stderr.decode()
    (record,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert record["doc"]["id"] == "prog"


def test_extract_without_paths_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["extract"])
    assert exit_info.value.code == 2
    assert "usage" in capsys.readouterr().err


def test_an_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["summarise", "x.txt"])
    assert exit_info.value.code == 2
