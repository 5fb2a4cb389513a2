"""Local HTTP servers for the external link tests: 127.0.0.1 only, in a thread.

`LocalServer` serves scripted replies per path and records what it was asked
(hits, methods, the most requests in flight at once), so tests can prove that
a request was made, or was not. `reset_port` accepts connections and resets
them; `closed_port` is a port where nothing listens. Every server stops when
its `with` block ends; no test touches any other address.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from aiohttp import web

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Reply:
    """One scripted response."""

    status: int = 200
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    head_status: int | None = None  # what HEAD gets instead (e.g. 405)
    content_type: str = "text/html"


def page(*ids: str, names: tuple[str, ...] = ()) -> Reply:
    """An HTML page with these element ids and `<a name>` anchors."""
    parts = [f'<h2 id="{anchor}">{anchor}</h2>' for anchor in ids]
    parts += [f'<a name="{anchor}"></a>' for anchor in names]
    return Reply(body="<html><body>" + "\n".join(parts) + "</body></html>")


def redirect(status: int, location: str) -> Reply:
    return Reply(status=status, headers={"Location": location})


class InFlight:
    """Counts requests being served at once (shareable between servers)."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0

    def enter(self) -> None:
        self.now += 1
        self.most = max(self.most, self.now)

    def leave(self) -> None:
        self.now -= 1


class LocalServer:
    """An aiohttp server on 127.0.0.1 with a random port, in its own thread.

    `routes` maps a path to a reply, or to a list of replies served in turn
    (the last one repeats). Unknown paths get 404. `extra_headers` go on every
    response.
    """

    def __init__(
        self,
        routes: dict[str, Reply | list[Reply]] | None = None,
        in_flight: InFlight | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> None:
        self.routes: dict[str, Reply | list[Reply]] = dict(routes or {})
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, str]] = []
        self.in_flight = InFlight()
        self.shared = in_flight
        self.extra_headers = dict(extra_headers or {})
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("test server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def _serve(self) -> None:
        self._loop.run_until_complete(self._main())
        self._loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, HOST, 0)
        await site.start()
        self.port = runner.addresses[0][1]
        self._ready.set()
        await self._stop.wait()
        await runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.hits[request.path] += 1
        self.requests.append((request.method, request.path))
        counters = [self.in_flight, *([self.shared] if self.shared else [])]
        for counter in counters:
            counter.enter()
        try:
            reply = self._reply_for(request.path)
            if reply.delay:
                await asyncio.sleep(reply.delay)
            status = reply.status
            if request.method == "HEAD" and reply.head_status is not None:
                status = reply.head_status
            return web.Response(
                status=status,
                text=reply.body,
                headers={**self.extra_headers, **reply.headers},
                content_type=reply.content_type,
            )
        finally:
            for counter in counters:
                counter.leave()

    def _reply_for(self, path: str) -> Reply:
        script = self.routes.get(path, Reply(status=404, body="not found"))
        if isinstance(script, Reply):
            return script
        return script[min(self.hits[path], len(script)) - 1]


@contextmanager
def reset_port() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and resets them at once
    (SO_LINGER 0 turns close into an RST)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((HOST, 0))
    listener.listen(16)
    listener.settimeout(0.2)
    stop = threading.Event()

    def accept_and_reset() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.settimeout(1.0)
            with contextlib.suppress(OSError):  # a silent client is reset anyway
                connection.recv(1024)
            connection.close()

    thread = threading.Thread(target=accept_and_reset, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        listener.close()


@contextmanager
def loopback_only() -> Iterator[list[object]]:
    """A safety net for tests about refusals: while active, any socket
    connect to an address outside 127.0.0.0/8 and ::1 fails at once, before
    a packet is sent, and is recorded in the yielded list (which a test
    expects to stay empty). Covers asyncio too: the selector loop's
    `sock_connect` calls `socket.connect`."""
    attempts: list[object] = []
    original = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if not (isinstance(host, str) and (host.startswith("127.") or host == "::1")):
            attempts.append(address)
            raise ConnectionRefusedError(f"test safety net: no connection to {address!r}")
        original(self, address)  # type: ignore[arg-type]

    socket.socket.connect = connect  # type: ignore[method-assign,assignment]
    try:
        yield attempts
    finally:
        socket.socket.connect = original  # type: ignore[method-assign]


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
    return port
