"""Extraction on a Dask cluster, for `newsgraph ingest --cluster ADDRESS`.

Design: Dask does the distribution, newsgraph keeps one writer.

- `cluster_extractor(address)` is a context manager giving an `Extractor` for
  `newsgraph.store.ingest(..., extractor=...)`. The store, the deduplication, the batching of
  commits and the resume logic are those of local ingest, unchanged: ingest hands the
  extractor only the articles it has decided to extract, and writes the records it gets back
  from this process (the only writer), so idempotence and resuming after a kill are the same
  as for a local run. Nothing is written by the workers, and nothing is staged on disk.
- The article stream is cut into batches of `batch_size`; each batch is one Dask task,
  `extract_batch`, which runs `newsgraph.extract_many` on it in the worker. The spaCy
  pipeline is loaded once per worker process (`newsgraph.load` is cached per process, and a
  Dask worker process lives for the whole run), on the first task that worker gets.
- At most `in_flight` batches are submitted and not yet collected (by default two per worker
  thread: one running, one queued), so the articles read ahead and the records waiting are
  bounded and memory stays flat however long the input (Dask's log of recent scheduler-worker
  messages, which holds whole batches, is kept to `MESSAGE_LOG_LENGTH`; a remote scheduler
  should be started with `DASK_DISTRIBUTED__ADMIN__LOW_LEVEL_LOG_LENGTH=16`). Results are
  collected in submission order, so records come back in input order, as `Extractor` requires.
- A failing task is retried (`retries`, default 2) on any worker. A worker that dies (killed,
  out of memory) loses nothing: the scheduler sends its tasks to another worker (the nanny of a
  local cluster also starts a new worker). A batch that still fails, e.g. because it kills
  every worker it runs on (Dask gives up after `distributed.scheduler.allowed-failures`), is
  not fatal: each of its articles comes back as a record with an "extraction failed" warning,
  which ingest reports and does not store, so a rerun tries those articles again. Losing the
  scheduler itself is fatal: `ClusterError`; the batches committed before stay.
- `address` is `tcp://HOST:PORT` (a running scheduler; its workers need newsgraph and the
  model package installed, and should run one thread per process, `dask worker --nthreads 1
  --nworkers N`: extraction in one process is serialised anyway) or `local:N` (a
  `LocalCluster` of N single-threaded worker processes, started here and closed on exit).

Only the articles' fields travel to the workers and only the records travel back (pickled by
Dask); the store's connection never leaves this process.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from newsgraph.article import Article
from newsgraph.record import Doc, Record
from newsgraph.store.ingest import Extractor, batched

EXTRACTION_FAILED = "extraction failed"  # the warning prefix ingest treats as a failed article
CONNECT_TIMEOUT = 30  # seconds to reach a scheduler
WORKER_TIMEOUT = 120  # seconds to wait for a first worker to join

# One extraction at a time in a worker process: a spaCy pipeline is not meant to be shared by
# threads, and the first call loads it (`newsgraph.load` is cached, not locked).
_lock = threading.Lock()


class ClusterError(RuntimeError):
    """The cluster cannot be reached or was lost; the message says which and where."""


def extract_batch(articles: list[Article], batch_size: int) -> list[dict[str, Any]]:
    """The task each worker runs: one batch of articles to their records, in order."""
    import newsgraph

    with _lock:
        return list(newsgraph.extract_many(articles, batch_size=batch_size))


def failed_record(article: Article, why: str) -> dict[str, Any]:
    """The record of an article whose batch could not be extracted on the cluster."""
    doc = Doc(id=article.id, title=article.title, date=article.date, source=article.source, url=article.url)
    record = Record(doc=doc, text=article.text)
    record.warnings.append(f"{EXTRACTION_FAILED} (on the cluster: {why}); not stored, run again")
    return record.to_dict()


# Dask keeps the last `low-level-log-length` messages (default 1,000) of every scheduler-worker
# stream for debugging, each under 1 MB in full: our tasks carry their articles and records, so
# that log alone held ~0.5 MB per batch, growing with the run. A short log keeps memory flat.
MESSAGE_LOG_LENGTH = 16


@contextmanager
def cluster_extractor(
    address: str, *, batch_size: int = 64, retries: int = 2, in_flight: int | None = None
) -> Iterator[Extractor]:
    """An `Extractor` that runs extraction on the Dask cluster at `address` (`tcp://HOST:PORT`
    or `local:N`). `in_flight` bounds the batches submitted and not yet collected (default:
    twice the worker threads)."""
    import dask
    from distributed import Client, LocalCluster

    with (
        dask.config.set({"distributed.admin.low-level-log-length": MESSAGE_LOG_LENGTH}),
        _cluster_extractor(address, batch_size, retries, in_flight, Client, LocalCluster) as extract,
    ):
        yield extract


@contextmanager
def _cluster_extractor(
    address: str, batch_size: int, retries: int, in_flight: int | None, Client: Any, LocalCluster: Any
) -> Iterator[Extractor]:
    batch_size = max(1, batch_size)
    cluster: Any = None
    if address.startswith("local:"):
        try:
            n = int(address.removeprefix("local:"))
        except ValueError:
            raise ClusterError(f"{address}: expected local:N, N a number of workers") from None
        if n < 1:
            raise ClusterError(f"{address}: a local cluster needs at least one worker")
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0")
        target: Any = cluster
    elif address.startswith("tcp://"):
        target = address
    else:
        raise ClusterError(f"{address}: expected tcp://HOST:PORT or local:N")
    try:
        try:
            client = Client(target, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError) as e:
            raise ClusterError(f"{address}: cannot connect to the Dask scheduler ({e})") from None
        try:
            try:
                client.wait_for_workers(1, timeout=WORKER_TIMEOUT)
            except TimeoutError:
                raise ClusterError(f"{address}: no worker joined in {WORKER_TIMEOUT} s") from None
            threads = sum(client.nthreads().values())
            limit = max(2, in_flight if in_flight is not None else 2 * threads)
            yield _extractor(client, address, batch_size=batch_size, retries=retries, limit=limit)
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _extractor(client: Any, address: str, *, batch_size: int, retries: int, limit: int) -> Extractor:
    from distributed import CancelledError

    def collect(future: Any, batch: list[Article]) -> list[dict[str, Any]]:
        try:
            records: list[dict[str, Any]] = future.result()
        except CancelledError:
            raise ClusterError(f"{address}: lost the Dask scheduler (a task was cancelled)") from None
        except Exception as e:  # the batch failed on every try; its articles fail, the run goes on
            if client.status not in ("running", "connecting"):
                raise ClusterError(f"{address}: lost the Dask scheduler ({type(e).__name__})") from None
            why = f"{type(e).__name__}: {' '.join(str(e).split())[:200]}"
            return [failed_record(a, why) for a in batch]
        finally:
            future.release()
        if len(records) != len(batch):  # a worker running another version of newsgraph
            raise ClusterError(
                f"{address}: a worker returned {len(records)} records for {len(batch)} articles"
            )
        return records

    def extract(articles: Iterator[Article]) -> Iterable[dict[str, Any]]:
        pending: deque[tuple[Any, list[Article]]] = deque()
        try:
            for batch in batched(articles, batch_size):
                pending.append(
                    (client.submit(extract_batch, batch, batch_size, pure=False, retries=retries), batch)
                )
                while len(pending) >= limit:
                    yield from collect(*pending.popleft())
            while pending:
                yield from collect(*pending.popleft())
        finally:
            for future, _ in pending:  # stopped early (an error, a kill): drop the queued work
                future.cancel()

    return extract
