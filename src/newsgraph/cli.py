"""The command line: argument parsing over the library API, nothing more."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from typing import Any

from newsgraph import extract_many
from newsgraph.article import Article
from newsgraph.read import ReadError, read_paths

TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
STATUSES = ["asserted", "reported", "possible", "denied", "negated"]
EXPORT_FORMATS = ["parquet", "csv", "jsonl", "plover-json", "graphml", "gexf", "geojson"]
DEFAULT_DB = "sqlite:///newsgraph.db"  # newsgraph.store.DEFAULT_URL, without importing the store


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="newsgraph", description="Who did and said what to whom, from news.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="articles to newsgraph/1 JSON Lines on stdout")
    ex.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt, .jsonl, a directory, or - for stdin (JSONL)"
    )
    ex.add_argument(
        "--format",
        choices=["jsonl", "json"],
        default="jsonl",
        help="jsonl: one record per line (default); json: pretty-printed records",
    )
    ex.add_argument("--workers", type=int, default=1, help="parallel spaCy processes (default 1)")
    ex.add_argument("--batch-size", type=int, default=64)

    ing = sub.add_parser("ingest", help="extract articles into the store (skips what it already holds)")
    ing.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt, .jsonl, a directory, or - for stdin (JSONL)"
    )
    _db_option(ing)
    ing.add_argument("--workers", type=int, default=1, help="parallel spaCy processes (default 1)")
    ing.add_argument(
        "--batch-size", type=_positive, default=64, help="articles per batch and per transaction (default 64)"
    )
    ing.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    ing.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="extract on a Dask cluster: tcp://HOST:8786, or local:N for a local cluster of N workers",
    )

    ev = _query_parser(sub, "events", "events in the store, oldest first")
    _event_filters(ev, status=True)
    ev.add_argument("--min-sources", type=_positive, metavar="N", help="reported by at least N sources")
    ev.add_argument("--article", metavar="ID", help="only events of this article")

    ac = _query_parser(sub, "actors", "actors in the store, most written about first")
    ac.add_argument("--name", help="an actor id, or a piece of its name or of a name it is mentioned by")
    ac.add_argument("--country", type=str.upper, help="ISO 3166-1 alpha-3 code (or IGO, NGO, MNC)")
    ac.add_argument("--kind", choices=["person", "organization", "state", "group"])

    cl = _query_parser(sub, "claims", "claims (who said what) in the store")
    cl.add_argument("--speaker", help="an actor id or a piece of the speaker's name")
    cl.add_argument("--country", type=str.upper, help="the speaker's country")
    cl.add_argument("--stance", choices=["assert", "deny", "accuse", "speculate"])
    cl.add_argument("--kind", choices=["direct", "indirect", "mixed"])
    cl.add_argument("--since", type=_iso_date, help="articles dated on or after (yyyy[-mm[-dd]])")
    cl.add_argument("--until", type=_iso_date, help="articles dated on or before (yyyy[-mm[-dd]])")
    cl.add_argument("--article", metavar="ID", help="only claims of this article")

    co = _query_parser(sub, "contested", "events some sources assert or report and others deny")
    _event_filters(co, status=False)

    tl = _query_parser(sub, "timeline", "events per day and type", limit=False)
    _event_filters(tl, status=True)

    xp = sub.add_parser("export", help="the store as files for other tools")
    _db_option(xp)
    xp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    xp.add_argument(
        "--output", required=True, metavar="PATH", help="file to write (- for stdout, text formats)"
    )
    _event_filters(xp, status=True)

    sv = sub.add_parser("serve", help="the HTTP API and the analyst dashboard")
    _db_option(sv)
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--token", help="required on every request; needed to bind other than 127.0.0.1")
    return ap


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _iso_date(value: str) -> str:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value.strip()):
        raise argparse.ArgumentTypeError(f"not an ISO date (yyyy, yyyy-mm or yyyy-mm-dd): {value!r}")
    return value.strip()


def _db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db",
        default=DEFAULT_DB,
        metavar="URL",
        help=f"sqlite:///PATH (default {DEFAULT_DB}) or postgresql://USER@HOST/DB",
    )


def _query_parser(sub: Any, name: str, help: str, *, limit: bool = True) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help)
    _db_option(p)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument(
        "--json", dest="format", action="store_const", const="json", help="JSON Lines, every field"
    )
    fmt.add_argument("--csv", dest="format", action="store_const", const="csv", help="CSV, every field")
    p.set_defaults(format="table")
    if limit:
        p.add_argument("--limit", type=_positive, metavar="N", help="at most N rows")
    return p


def _event_filters(p: argparse.ArgumentParser, *, status: bool) -> None:
    p.add_argument("--actor", help="an actor id or a piece of its name (either side)")
    p.add_argument("--country", type=str.upper, help="an actor's country on either side (ISO alpha-3)")
    p.add_argument("--type", type=str.upper, choices=TYPES, metavar="TYPE", help="PLOVER type, e.g. ASSAULT")
    if status:
        p.add_argument("--status", type=str.lower, choices=STATUSES)
    p.add_argument("--since", type=_iso_date, help="events dated on or after (yyyy[-mm[-dd]])")
    p.add_argument("--until", type=_iso_date, help="events dated on or before (yyyy[-mm[-dd]])")


# What each query prints as a table (--json and --csv print every field).
TABLE_COLUMNS = {
    "events": [
        "event",
        "date",
        "type",
        "actors",
        "recipients",
        "status",
        "according_to",
        "article",
        "trigger",
    ],
    "actors": ["id", "name", "kind", "country", "sector", "articles", "mentions", "events"],
    "claims": ["claim", "date", "article", "speaker", "cue", "content", "stance"],
    "contested": [
        "type",
        "actors",
        "recipients",
        "statuses",
        "reported_by",
        "denied_by",
        "articles",
        "events",
    ],
    "timeline": ["date", "type", "events"],
}
QUERY_OPTIONS = {
    "events": ["actor", "country", "type", "status", "since", "until", "min_sources", "article", "limit"],
    "actors": ["name", "country", "kind", "limit"],
    "claims": ["speaker", "country", "stance", "kind", "since", "until", "article", "limit"],
    "contested": ["actor", "country", "type", "since", "until", "limit"],
    "timeline": ["actor", "country", "type", "status", "since", "until"],
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "extract":
        return run_extract(args.paths, fmt=args.format, workers=args.workers, batch_size=args.batch_size)
    if args.command == "ingest":
        return run_ingest(
            args.paths,
            db=args.db,
            workers=args.workers,
            batch_size=args.batch_size,
            progress=not args.no_progress,
            cluster=args.cluster,
        )
    if args.command == "export":
        filters = {k: getattr(args, k) for k in ("actor", "country", "type", "status", "since", "until")}
        return run_export(db=args.db, fmt=args.format, output=args.output, **filters)
    if args.command == "serve":
        from newsgraph.server import serve

        return serve(db=args.db, host=args.host, port=args.port, token=args.token)
    options = {k: getattr(args, k) for k in QUERY_OPTIONS[args.command]}
    return run_query(args.command, db=args.db, fmt=args.format, **options)


def _error(message: str) -> None:
    print(f"newsgraph: error: {message}", file=sys.stderr, flush=True)


def run_ingest(
    paths: list[str], *, db: str, workers: int, batch_size: int, progress: bool, cluster: str | None = None
) -> int:
    from contextlib import nullcontext

    from newsgraph import store
    from newsgraph.cluster import ClusterError
    from newsgraph.store.ingest import summary_lines

    try:
        engine = store.open(db)
    except store.StoreError as e:
        _error(str(e))
        return 1
    try:
        if cluster:
            from newsgraph.cluster import cluster_extractor

            on_cluster: Any = cluster_extractor(cluster, batch_size=batch_size)
        else:
            on_cluster = nullcontext(None)
        with on_cluster as extractor:
            stats = store.ingest(
                engine,
                read_paths(paths),
                batch_size=batch_size,
                n_process=max(1, workers),
                progress=progress,
                report=lambda message: print(f"newsgraph: {message}", file=sys.stderr, flush=True),
                extractor=extractor,
            )
        print("\n".join(summary_lines(stats, store.query.summary(engine))), flush=True)
    except (store.StoreError, ClusterError) as e:
        _error(str(e))
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        engine.dispose()
    return 0 if stats.ok else 1


def run_query(command: str, *, db: str, fmt: str, **options: Any) -> int:
    from newsgraph import store
    from newsgraph.store.output import write_rows

    try:
        engine = store.open(db, create=False)
    except store.StoreError as e:
        _error(str(e))
        return 1
    func: Callable[..., list[dict[str, Any]]] = getattr(store.query, command)
    try:
        rows = func(engine, **{k: v for k, v in options.items() if v is not None})
        empty = {"contested": "no contested events", "timeline": "no dated events"}.get(
            command, f"no {command}"
        )
        write_rows(rows, fmt, sys.stdout, table_columns=TABLE_COLUMNS[command], empty=empty)
        sys.stdout.flush()
    except BrokenPipeError:
        return 0
    finally:
        engine.dispose()
    return 0


def run_export(*, db: str, fmt: str, output: str, **filters: Any) -> int:
    from newsgraph import store
    from newsgraph.store.export import export

    try:
        engine = store.open(db, create=False)
    except store.StoreError as e:
        _error(str(e))
        return 1
    try:
        n = export(engine, fmt, output, **{k: v for k, v in filters.items() if v is not None})
    except (OSError, ValueError) as e:
        _error(str(e))
        return 1
    finally:
        engine.dispose()
    print(f"newsgraph: wrote {n} {fmt} items to {output}", file=sys.stderr, flush=True)
    return 0


def run_extract(paths: list[str], *, fmt: str, workers: int, batch_size: int) -> int:
    failed = 0

    def articles() -> Iterator[Article]:
        nonlocal failed
        for item in read_paths(paths):
            if isinstance(item, ReadError) and item.skipped:  # e.g. not English: counted, not failed
                print(f"newsgraph: note: {item}", file=sys.stderr, flush=True)
            elif isinstance(item, ReadError):
                failed += 1
                print(f"newsgraph: error: {item}", file=sys.stderr, flush=True)
            else:
                for warning in item.warnings:
                    print(f"newsgraph: warning: {item.id}: {warning}", file=sys.stderr, flush=True)
                yield item

    indent = 2 if fmt == "json" else None
    out = sys.stdout
    try:
        for record in extract_many(articles(), batch_size=batch_size, n_process=max(1, workers)):
            for warning in record.pop("warnings", []):
                print(f"newsgraph: warning: {record['doc']['id']}: {warning}", file=sys.stderr)
            out.write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")
    except BrokenPipeError:
        return failed and 1
    except KeyboardInterrupt:
        return 130
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
