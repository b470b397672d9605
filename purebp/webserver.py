"""``purebp web``: the browser page, served from this computer to this computer.

The page (the files in ``purebp/web/``) runs purebp's own modules in
MicroPython's WebAssembly build, in the browser; the server only hands
out files. It listens on 127.0.0.1 (no other computer can reach it) and
serves two kinds of file, and nothing else:

* the page's files, ``purebp/web/NAME`` at ``/NAME`` (``/`` is
  ``index.html``): the page, its script and style, and MicroPython
  (``micropython.mjs``, ``micropython.wasm``, MIT licence: see
  ``MICROPYTHON-LICENSE.txt`` beside them);
* purebp's modules, ``purebp/NAME.py`` at ``/purebp/NAME.py``, which the
  page fetches as its imports need them.

Names are matched, never joined onto a path, so no request can reach a
file of yours: ``/purebp/../README.md`` and the like are 404s. Files go
out gzip-compressed to a browser that accepts it (every browser does): the
page, MicroPython and the modules it loads are about 300 KB that way,
760 KB raw.

>>> page_file("/purebp/network.py") == os.path.join(PACKAGE, "network.py")
True
>>> page_file("/purebp/../README.md") is None, page_file("/web/index.html") is None
(True, True)
"""

import gzip
import http.server
import os
import re
import sys

from .errors import PurebpError

HOST = "127.0.0.1"
PORT = 8765
PACKAGE = os.path.dirname(os.path.abspath(__file__))
WEB = os.path.join(PACKAGE, "web")
TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
         ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
         ".wasm": "application/wasm", ".py": "text/x-python; charset=utf-8",
         ".txt": "text/plain; charset=utf-8", ".png": "image/png",
         ".svg": "image/svg+xml"}
_PAGE_NAME = re.compile(r"^/([A-Za-z0-9_-]+(\.[A-Za-z0-9]+)+)$")
_MODULE = re.compile(r"^/purebp/([A-Za-z_][A-Za-z0-9_]*\.py)$")


class PortError(PurebpError):
    """The server could not listen on its port (in use, or not allowed)."""

    exit_code = 1


def page_file(path):
    """The file served at the URL path ``path``, or None (a 404)."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    if path == "/":
        path = "/index.html"
    for pattern, folder in ((_PAGE_NAME, WEB), (_MODULE, PACKAGE)):
        match = pattern.match(path)
        if match:
            candidate = os.path.join(folder, match.group(1))
            if os.path.isfile(candidate) and os.path.splitext(candidate)[1] in TYPES:
                return candidate
    return None


class PageHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of the page's files; 404 for anything else."""

    server_version = "purebp"
    sys_version = ""
    protocol_version = "HTTP/1.1"      # one connection for many files (browsers open six)
    compressed = {}          # (path, modified time) -> gzip bytes, shared by the threads

    def do_GET(self):
        self._send(body=True)

    def do_HEAD(self):
        self._send(body=False)

    def _send(self, body):
        path = page_file(self.path)
        if path is None:
            self.send_error(404, "not a file of purebp's page")
            return
        with open(path, "rb") as f:
            data = f.read()
        kind = TYPES[os.path.splitext(path)[1]]
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and kind != "image/png"
        if zipped:
            key = (path, os.path.getmtime(path))
            if key not in self.compressed:
                self.compressed[key] = gzip.compress(data, 9)
            data = self.compressed[key]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def log_message(self, format, *args):
        pass                 # one line for the address, then quiet, as every command


def make_server(port=PORT):
    """A server for the page on 127.0.0.1 at ``port`` (0: any free port).

    Raises ``PortError`` (exit code 1) when it cannot listen there.
    """
    try:
        return http.server.ThreadingHTTPServer((HOST, port), PageHandler)
    except OSError as error:
        if port and error.errno in (98, 48, 10048):     # EADDRINUSE: Linux, macOS, Windows
            raise PortError("port %d is in use on %s; pick another with --port N (0: any "
                            "free port)" % (port, HOST))
        raise PortError("cannot listen on %s:%d: %s; pick another port with --port N"
                        % (HOST, port, (error.strerror or str(error)).lower()))


def serve(port=PORT, browser=True, out=None):
    """Serve the page until Ctrl-C; open it in the browser unless ``browser`` is false."""
    out = out or sys.stdout
    server = make_server(port)
    try:
        url = "http://%s:%d/" % (HOST, server.server_address[1])
        print("purebp web: the page is at %s (Ctrl-C to stop)" % url, file=out)
        out.flush()
        if browser:
            import webbrowser
            if not webbrowser.open(url):
                print("purebp web: no browser could be started here; open the address above "
                      "in one", file=out)
                out.flush()
        server.serve_forever()
    finally:
        server.server_close()
