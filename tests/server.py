#!/usr/bin/env python3
"""Loopback HTTP server for evidex's tests (python3 standard library only).

Usage:
  python3 tests/server.py --root DIR [--port 0] [--port-file F] [--log LOG]
                          [--routes ROUTES.json] [--timeout SECONDS]

Binds 127.0.0.1 only. --port 0 picks a free port; the port number is
written to --port-file (atomically, via rename) once the server listens,
so a test waits for that file to appear and reads the port from it.

Files under --root are served for GET/HEAD (POST too, same answer) with:
  - Content-Type by extension (.xml .rss .atom .html .txt .json .vtt .srt
    .mp3 ...; unknown: application/octet-stream),
  - a strong ETag (sha1 of the content; "-gz" appended when gzipped) and
    Last-Modified (the file's mtime); a matching If-None-Match (or,
    without one, an If-Modified-Since not older than the mtime) gets 304,
  - gzip when Accept-Encoding allows it, for .xml .html .txt .json .vtt
    .srt .rss .atom files,
  - 404 for what is missing; "/" and directories are not listed.

--log appends one JSON object per request (JSON Lines), written when the
answer is complete:
  {"t": 1700000000.123456,     start (request line read), epoch seconds
   "t_end": 1700000000.223456, when the answer was ready (after any delay)
   "method": "GET", "path": "/a?b=1", "status": 200,
   "if_none_match": ..., "if_modified_since": ..., "user_agent": ...,
   "accept_encoding": ..., "body": "POST body or null",
   "content_encoding": "gzip or null (of the answer)"}
so a test can check what was sent and at what rate. The line is written
just before the answer is sent: a client that has its answer finds the
request in the log (for an endless body: when streaming starts).

--routes names a JSON object mapping a path (with its query, or without
to match any query) to a special answer; every key is optional:
  {"/feed.xml": {
     "times": 1,              answer specially the first N times only,
                              then as if there were no route (default:
                              always)
     "status": 429,           status code (default 200)
     "headers": {"Retry-After": "2"},
     "body": "text",          body (default empty); or
     "file": "a.xml",         a file under --root as the body
     "redirect": "/b.xml",    Location header (status default 302)
     "delay": 0.5,            seconds to sleep before answering
     "endless": true,         send body bytes until the client hangs up
                              (no Content-Length, Connection: close)
     "size": 1048576,         send this many filler bytes as the body
     "gzip": true             gzip the body if the client accepts it
  }}
Special paths: GET /__shutdown answers 200 and stops the server; SIGTERM
and SIGINT stop it too, and so does --timeout SECONDS (a guard against
servers a crashed test left behind). Exit status 0.
"""

import argparse
import email.utils
import gzip
import hashlib
import http.server
import json
import os
import signal
import socket
import sys
import threading
import time
import urllib.parse

TYPES = {
    ".xml": "application/xml", ".rss": "application/rss+xml",
    ".atom": "application/atom+xml", ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8",
    ".json": "application/json", ".vtt": "text/vtt", ".srt": "application/x-subrip",
    ".opml": "text/x-opml", ".mp3": "audio/mpeg", ".gif": "image/gif",
}
GZIP_EXT = (".xml", ".html", ".txt", ".json", ".vtt", ".srt", ".rss", ".atom")

LOCK = threading.Lock()
COUNTS = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def version_string(self):
        return "evidex-test"

    def log_message(self, fmt, *args):  # quiet: we keep our own log
        pass

    def _log(self, status, body, encoding=None):
        rec = {
            "t": self.t_start, "t_end": time.time(), "method": self.command,
            "path": self.path, "status": status,
            "if_none_match": self.headers.get("If-None-Match"),
            "if_modified_since": self.headers.get("If-Modified-Since"),
            "user_agent": self.headers.get("User-Agent"),
            "accept_encoding": self.headers.get("Accept-Encoding"),
            "body": body.decode("utf-8", "replace") if body is not None else None,
            "content_encoding": encoding,
        }
        if self.server.log_path:
            with LOCK, open(self.server.log_path, "a") as f:
                f.write(json.dumps(rec) + "\n")

    def _gzip_ok(self):
        return "gzip" in (self.headers.get("Accept-Encoding") or "")

    def setup(self):
        super().setup()
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _send(self, status, headers, body, reqbody):
        self._log(status, reqbody, headers.get("Content-Encoding"))
        try:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if status not in (204, 304):
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD" and status not in (204, 304):
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _route(self, reqbody):
        routes = self.server.routes
        path = self.path
        key = path if path in routes else urllib.parse.urlsplit(path).path
        r = routes.get(key)
        if r is None:
            return False
        with LOCK:
            n = COUNTS.get(key, 0)
            COUNTS[key] = n + 1
        if "times" in r and n >= r["times"]:
            return False
        if r.get("delay"):
            time.sleep(float(r["delay"]))
        headers = dict(r.get("headers", {}))
        status = r.get("status", 302 if "redirect" in r else 200)
        if "redirect" in r:
            headers["Location"] = r["redirect"]
        if r.get("endless"):
            self._endless(status, headers, reqbody)
            return True
        if "file" in r:
            with open(os.path.join(self.server.root, r["file"]), "rb") as f:
                body = f.read()
        elif "size" in r:
            body = (b"ketamine depression evidence " * (int(r["size"]) // 29 + 1))[: int(r["size"])]
        else:
            body = r.get("body", "").encode()
        if r.get("gzip") and self._gzip_ok():
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        self._send(status, headers, body, reqbody)
        return True

    def _endless(self, status, headers, reqbody):
        self.close_connection = True
        self._log(status, reqbody)
        try:
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"endless " * 8192
            deadline = time.time() + 60
            while time.time() < deadline:
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass

    def _file(self, reqbody):
        rel = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path).lstrip("/")
        root = os.path.realpath(self.server.root)
        full = os.path.realpath(os.path.join(root, rel))
        if not full.startswith(root + os.sep) or not os.path.isfile(full):
            self._send(404, {"Content-Type": "text/plain"}, b"not found\n", reqbody)
            return
        with open(full, "rb") as f:
            body = f.read()
        mtime = int(os.stat(full).st_mtime)
        ext = os.path.splitext(full)[1].lower()
        tag = hashlib.sha1(body).hexdigest()[:20]
        gz = ext in GZIP_EXT and self._gzip_ok()
        etag = '"%s%s"' % (tag, "-gz" if gz else "")
        headers = {
            "Content-Type": TYPES.get(ext, "application/octet-stream"),
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
        }
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            if "*" in tags or '"%s"' % tag in tags or '"%s-gz"' % tag in tags:
                self._send(304, headers, b"", reqbody)
                return
        elif ims is not None:
            try:
                when = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError, IndexError):
                when = None
            if when is not None and mtime <= when:
                self._send(304, headers, b"", reqbody)
                return
        if gz:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        headers["Vary"] = "Accept-Encoding"
        self._send(200, headers, body, reqbody)

    def _handle(self):
        self.t_start = time.time()
        reqbody = None
        n = int(self.headers.get("Content-Length") or 0)
        if n > 0:
            reqbody = self.rfile.read(min(n, 1 << 20))
        if self.path == "/__shutdown":
            self._send(200, {"Content-Type": "text/plain"}, b"bye\n", reqbody)
            threading.Thread(target=self.server.shutdown, daemon=True).start()
            return
        if not self._route(reqbody):
            self._file(reqbody)

    do_GET = do_HEAD = do_POST = _handle


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description="evidex loopback test server")
    ap.add_argument("--root", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--log")
    ap.add_argument("--routes")
    ap.add_argument("--timeout", type=float, default=0)
    a = ap.parse_args()

    srv = Server(("127.0.0.1", a.port), Handler)
    srv.root = a.root
    srv.log_path = a.log
    srv.routes = {}
    if a.routes:
        with open(a.routes) as f:
            srv.routes = json.load(f)

    def stop(signum, frame):
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if a.timeout > 0:
        t = threading.Timer(a.timeout, srv.shutdown)
        t.daemon = True
        t.start()
    if a.port_file:
        tmp = a.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % srv.server_address[1])
        os.rename(tmp, a.port_file)
    srv.serve_forever(poll_interval=0.05)
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
