"""`ingest --cluster`: extraction on a Dask cluster (a LocalCluster of 2 worker processes),
one writer, the same store as a local ingest.

- the bundled examples ingested on the cluster give the same store, row for row by natural
  keys, as a local ingest, and each worker loads the spaCy pipeline once;
- a second run (through the command line, on a `local:2` cluster of its own) changes nothing;
- a worker killed with SIGKILL while it extracts a batch loses nothing: the run completes
  with the same store as a clean local run.

Everything is real: the pipeline, the store, the Dask scheduler and worker processes."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster
from sqlalchemy import text

from newsgraph import store
from newsgraph.article import Article
from newsgraph.cli import main
from newsgraph.cluster import ClusterError, cluster_extractor
from newsgraph.nlp import load
from newsgraph.read import read_paths
from test_ingest import content

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
COPIES = 3  # the kill test ingests the examples this many times over
BATCH = 2


@pytest.fixture(scope="module")
def dask_cluster() -> Iterator[LocalCluster]:
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    yield cluster
    cluster.close()


@pytest.fixture(scope="module")
def client(dask_cluster: LocalCluster) -> Iterator[Client]:
    with Client(dask_cluster, set_as_default=False) as c:
        yield c


def local_store(tmp_path: Path, name: str, paths: list[str]) -> dict[str, Any]:
    eng = store.open(f"sqlite:///{tmp_path / name}")
    try:
        assert store.ingest(eng, read_paths(paths), batch_size=BATCH).ok
        return content(eng)
    finally:
        eng.dispose()


@pytest.fixture(scope="module")
def local_examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return local_store(tmp_path_factory.mktemp("local"), "local.db", [str(EXAMPLES)])


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples COPIES times over as one JSON Lines file (distinct ids, URLs and texts)."""
    arts = [a for a in read_paths([str(EXAMPLES)]) if isinstance(a, Article)]
    path = tmp_path_factory.mktemp("copies") / "copies.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for k in range(COPIES):
            for a in arts:
                rec = {
                    "id": f"{a.id}~{k}",
                    "title": a.title,
                    "date": a.date,
                    "text": f"{a.text}\n\n(copy {k})",
                }
                f.write(json.dumps(rec) + "\n")
    return path


def _pipeline_loads() -> tuple[int, int]:
    info = load.cache_info()
    return info.misses, info.hits


def test_cluster_ingest_gives_the_same_store_as_local_ingest(
    dask_cluster: LocalCluster, client: Client, tmp_path: Path, local_examples: dict[str, Any]
) -> None:
    eng = store.open(f"sqlite:///{tmp_path / 'cluster.db'}")
    try:
        with cluster_extractor(dask_cluster.scheduler_address, batch_size=BATCH) as extractor:
            stats = store.ingest(eng, read_paths([str(EXAMPLES)]), batch_size=BATCH, extractor=extractor)
        assert stats.ok and stats.new == local_examples["articles"][0]
        assert content(eng) == local_examples
    finally:
        eng.dispose()
    loads = client.run(_pipeline_loads)
    assert len(loads) == 2
    # each worker loaded the pipeline once, however many batches it ran
    assert all(misses == 1 for misses, _ in loads.values()), loads
    assert sum(hits for _, hits in loads.values()) > 0, loads


def test_a_second_run_on_a_cluster_changes_nothing(
    dask_cluster: LocalCluster, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'twice.db'}"
    eng = store.open(db)
    try:
        with cluster_extractor(dask_cluster.scheduler_address, batch_size=BATCH) as extractor:
            first = store.ingest(eng, read_paths([str(EXAMPLES)]), batch_size=BATCH, extractor=extractor)
        before = content(eng)
        with eng.connect() as conn:
            stamps = {r[0]: r[1] for r in conn.execute(text("SELECT id, ingested_at FROM articles"))}
    finally:
        eng.dispose()

    status = main(["ingest", str(EXAMPLES), "--db", db, "--no-progress", "--cluster", "local:2"])
    out, _ = capsys.readouterr()
    assert status == 0
    assert f"0 new, 0 duplicate, {first.new} skipped (already stored: {first.new})" in out
    eng = store.open(db)
    try:
        assert content(eng) == before
        with eng.connect() as conn:
            assert {r[0]: r[1] for r in conn.execute(text("SELECT id, ingested_at FROM articles"))} == stamps
    finally:
        eng.dispose()


def test_the_schedulers_message_log_is_kept_short_so_memory_stays_flat() -> None:
    # Dask logs the last messages of each scheduler-worker stream in full; ours carry whole
    # batches of articles and records, so a long log grows the writer by ~0.5 MB a batch
    import dask

    from newsgraph.cluster import MESSAGE_LOG_LENGTH

    before = dask.config.get("distributed.admin.low-level-log-length")
    with cluster_extractor("local:1") as extract:
        assert dask.config.get("distributed.admin.low-level-log-length") == MESSAGE_LOG_LENGTH
        records = list(extract(iter([Article(id="a", text="Russia attacked Ukraine on Monday.")])))
    assert [r["doc"]["id"] for r in records] == ["a"]
    assert dask.config.get("distributed.admin.low-level-log-length") == before


def test_a_bad_address_is_refused_clearly() -> None:
    for address, why in [
        ("http://127.0.0.1:8786", "expected tcp://HOST:PORT or local:N"),
        ("local:two", "expected local:N"),
        ("local:0", "at least one worker"),
    ]:
        with pytest.raises(ClusterError, match=why), cluster_extractor(address):
            pass


def test_a_worker_killed_mid_batch_loses_nothing(
    dask_cluster: LocalCluster, client: Client, tmp_path: Path, copies: Path
) -> None:
    clean = local_store(tmp_path, "clean.db", [str(copies)])
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        busy = [w for w, tasks in client.processing().items() if tasks]
        assert busy, "no worker was extracting"
        pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    eng = store.open(f"sqlite:///{tmp_path / 'killed.db'}")
    try:
        # a deep queue, so that workers are still extracting when the writer is a few batches
        # in (with the default of two batches per worker, fast workers can be idle by then)
        with cluster_extractor(dask_cluster.scheduler_address, batch_size=BATCH, in_flight=16) as extractor:

            def with_a_kill(articles: Iterator[Article]) -> Iterator[dict[str, Any]]:
                for n, record in enumerate(extractor(articles), 1):
                    if n == 3 * BATCH:  # a few batches in: others are running and queued
                        kill_a_busy_worker()
                    yield record

            stats = store.ingest(eng, read_paths([str(copies)]), batch_size=BATCH, extractor=with_a_kill)
        assert len(killed) == 1
        assert stats.ok and stats.new == clean["articles"][0]
        assert content(eng) == clean
    finally:
        eng.dispose()
