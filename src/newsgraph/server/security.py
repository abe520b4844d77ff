"""What keeps a local dashboard over hostile article text safe.

- Every response carries a Content-Security-Policy that allows scripts, styles, images and
  fetches from this origin only: no inline script, no `on…` handlers, no `javascript:` URLs,
  nothing from another host. The pages build the DOM with `textContent`, never `innerHTML`,
  so article text is always text.
- With a token (`--token`, required to bind other than 127.0.0.1), every request must carry
  it: `Authorization: Bearer T`, or the `newsgraph_token` cookie, which a page request with
  `?token=T` sets (HttpOnly, SameSite=Strict) before redirecting to the same URL without it,
  so the token does not stay in the address bar or in the history.
"""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

COOKIE = "newsgraph_token"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

Next = Callable[[Request], Awaitable[Response]]


def is_local(host: str) -> bool:
    """Whether binding `host` keeps the server on this machine."""
    return host in LOCAL_HOSTS


def _matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def _presented(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    return request.cookies.get(COOKIE)


def guard(token: str | None) -> Callable[[Request, Next], Awaitable[Response]]:
    """HTTP middleware: the token check (when there is a token) and the security headers."""

    async def middleware(request: Request, call_next: Next) -> Response:
        if token is not None and not _matches(_presented(request), token):
            if _matches(request.query_params.get("token"), token):
                rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
                path = "/" + request.url.path.lstrip("/")  # never "//host": no redirect off this site
                response: Response = RedirectResponse(path + (f"?{rest}" if rest else ""), 303)
                response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/")
            else:
                response = JSONResponse(
                    {
                        "error": "unauthorized",
                        "message": "this server needs its token (Authorization: Bearer T)",
                    },
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
        else:
            response = await call_next(request)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return middleware
