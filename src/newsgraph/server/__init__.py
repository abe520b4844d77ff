"""`newsgraph serve`: the JSON API and the analyst dashboard over a store, read-only.

    >>> from newsgraph.server import create_app
    >>> app = create_app(newsgraph.store.open(url, read_only=True))   # any ASGI server runs it

Pages: overview `/`, `/network`, `/timeline`, `/map`, `/events` (each row opens the evidence
view `/events/ID`), `/contested`, `/actors/ID`. The API is under `/api/` (schema at
`/api/openapi.json`). Everything the pages load is in this package (`static/`, `templates/`);
no CDN, no tile server, no request leaves the machine.
"""

from __future__ import annotations

import sys

from newsgraph.server.app import create_app
from newsgraph.server.security import LOCAL_HOSTS, is_local

__all__ = ["create_app", "serve"]


def _error(message: str) -> None:
    print(f"newsgraph: error: {message}", file=sys.stderr, flush=True)


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> int:
    """Serve the store at `db` until interrupted; the exit status.

    Binding anything but this machine (127.0.0.1, localhost, ::1) is refused unless a token is
    given, and then every request must carry it. The store is opened read-only."""
    import uvicorn

    from newsgraph import store

    if token is not None and not token.strip():
        _error("--token must not be empty")
        return 2
    if not is_local(host) and token is None:
        _error(f"refusing to serve on {host} without --token (anyone who can reach it could read the store)")
        return 2
    if not 0 <= port <= 65535:
        _error(f"not a port: {port}")
        return 2
    try:
        engine = store.open(db, read_only=True)
    except store.StoreError as e:
        _error(str(e))
        return 1
    allowed = [*LOCAL_HOSTS, "[::1]"] if is_local(host) and token is None else None
    app = create_app(engine, token=token, allowed_hosts=allowed, warm=True)
    shown = f"[{host}]" if ":" in host else host
    print(
        f"newsgraph: serving {store.db.describe(store.normalize_url(db))} at http://{shown}:{port}/",
        file=sys.stderr,
    )
    if token is not None:
        print(
            f"newsgraph: open http://{shown}:{port}/?token=… (the token you gave)",
            file=sys.stderr,
            flush=True,
        )
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, access_log=False)
    except KeyboardInterrupt:
        pass
    except SystemExit:  # uvicorn exits when it cannot bind (it has said why)
        _error(f"cannot serve on {host}:{port}")
        return 1
    except OSError as e:
        _error(f"cannot serve on {host}:{port}: {e}")
        return 1
    finally:
        engine.dispose()
    return 0
