"""The browser renderer: the standard library's HTTP server on 127.0.0.1.

    GET  /?token=T          the page (static/index.html; gui.js, gui.css beside it)
    GET  /events?token=T    Server-Sent Events: the model's messages (model.py), a
                            "reset" snapshot first
    POST /event             one event (JSON), header X-Ranvier-Token: T
    GET  /state?token=T     the snapshot as JSON

Every client has its own bounded queue: sending never waits for a page.  A client
that falls behind gets a fresh snapshot instead of the messages it missed.  The
random token keeps other local users and web pages from driving the model.
"""
import json
import os
import queue
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from .model import SESSION

STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png"}
QUEUE_LIMIT = 2000


def _clean(v):
    if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
        return str(v)
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    return v


def dumps(msg):
    """JSON for the page: NaN and infinities (which JSON lacks) as strings."""
    try:
        return json.dumps(msg, separators=(",", ":"), allow_nan=False)
    except ValueError:
        return json.dumps(_clean(msg), separators=(",", ":"), allow_nan=False)


class _Client:
    def __init__(self):
        self.q = queue.Queue(maxsize=QUEUE_LIMIT)

    def put(self, msg):
        try:
            self.q.put_nowait(msg)
        except queue.Full:
            with self.q.mutex:
                self.q.queue.clear()
            self.q.put_nowait("snapshot")


class GuiServer:
    """A renderer (model.Session.attach) that serves the page."""

    def __init__(self, host="127.0.0.1", port=0, token=None):
        self.token = token or secrets.token_urlsafe(16)
        self.clients = []
        self.lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"gui": self})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = "http://%s:%d/?token=%s" % (host, self.port, self.token)
        self.thread = None

    def start(self):
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="ranvier-gui-http",
                                       daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        with self.lock:
            for c in self.clients:
                c.put(None)

    def send(self, msg):
        with self.lock:
            clients = list(self.clients)
        for c in clients:
            c.put(msg)

    def connected(self):
        with self.lock:
            return len(self.clients)


class _Handler(BaseHTTPRequestHandler):
    gui = None
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):          # no access log on the user's terminal
        pass

    def _ok_token(self, query):
        token = self.headers.get("X-Ranvier-Token") or (parse_qs(query).get("token") or [""])[0]
        return secrets.compare_digest(token, self.gui.token)

    def _reply(self, code, body=b"", ctype="text/plain; charset=utf-8"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):
        url = urlparse(self.path)
        path = url.path
        if path in ("/", "/index.html"):
            if not self._ok_token(url.query):
                return self._reply(403, b"ranvier GUI: open the address printed by the program "
                                        b"(it carries the token)\n")
            return self._file("index.html")
        if path == "/favicon.ico":
            return self._reply(204)
        if path.startswith("/static/"):
            return self._file(path[len("/static/"):])
        if path == "/events":
            if not self._ok_token(url.query):
                return self._reply(403, b"bad token\n")
            return self._events()
        if path == "/state":
            if not self._ok_token(url.query):
                return self._reply(403, b"bad token\n")
            return self._reply(200, dumps(SESSION.snapshot()).encode(), "application/json")
        return self._reply(404, b"not found\n")

    def _file(self, name):
        if "/" in name or "\\" in name or name.startswith("."):
            return self._reply(404, b"not found\n")
        full = os.path.join(STATIC, name)
        if not os.path.isfile(full):
            return self._reply(404, b"not found\n")
        with open(full, "rb") as f:
            body = f.read()
        return self._reply(200, body, TYPES.get(os.path.splitext(name)[1], "application/octet-stream"))

    def _events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        client = _Client()
        with SESSION.lock:                 # the snapshot, then every later message
            client.put(SESSION.snapshot())
            with self.gui.lock:
                self.gui.clients.append(client)
        try:
            while True:
                try:
                    msg = client.q.get(timeout=10)
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    continue
                if msg is None:
                    break
                if msg == "snapshot":       # fell behind: start again from the state
                    with SESSION.lock:
                        with client.q.mutex:
                            client.q.queue.clear()
                        msg = SESSION.snapshot()
                data = dumps(msg)
                self.wfile.write(b"data: " + data.encode() + b"\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass
        finally:
            with self.gui.lock:
                if client in self.gui.clients:
                    self.gui.clients.remove(client)
            self.close_connection = True

    def do_POST(self):
        url = urlparse(self.path)
        if url.path != "/event":
            return self._reply(404, b"not found\n")
        if not self._ok_token(url.query):
            return self._reply(403, b"bad token\n")
        n = int(self.headers.get("Content-Length") or 0)
        try:
            event = json.loads(self.rfile.read(n) or b"{}")
        except ValueError:
            return self._reply(400, b"bad JSON\n")
        if not isinstance(event, dict):
            return self._reply(400, b"an event is a JSON object\n")
        SESSION.post(event)
        return self._reply(204)
