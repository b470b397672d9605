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

``purebp web --save FILE.html`` writes the page as one file instead
(``page_html``): the page's script and style, MicroPython and every module
of purebp the page can import, inside one HTML file of about 1 MB that
opens from a disk or a USB stick in any browser, with no server, no
Python and no network; MicroPython's licence goes at its top.

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

import base64
import gzip
import http.server
import json
import os
import re
import sys

from .errors import PurebpError, show

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
# "from .x import ..." and "from . import x, y", at any indent: every module
# the page's modules can import, now or inside a function later; at the left
# margin: the modules an import loads at once.
_IMPORT = re.compile(r"^[ \t]*from \.(\w*) import \(?([\w, ]*)", re.M)
_IMPORT_AT_ONCE = re.compile(r"^from \.(\w*) import \(?([\w, ]*)", re.M)


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
        if path == os.path.join(WEB, "index.html"):
            data = with_preloads(data)
        kind = TYPES[os.path.splitext(path)[1]]
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and kind != "image/png"
        if zipped:
            key = (path, hash(data))      # index.html's preloads follow the modules
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


def page_modules(first=("__init__", "page"), later=True):
    """{name: source} of purebp's modules the page can import, from ``first``
    on; with ``later`` false, only those the first imports load at once.

    >>> modules = page_modules()
    >>> "network" in modules and "narration" in modules and "cli" not in modules
    True
    >>> "fast" in modules, "fast" in page_modules(later=False)   # imported in a function
    (True, False)
    """
    pattern = _IMPORT if later else _IMPORT_AT_ONCE
    modules, todo = {}, list(first)
    while todo:
        name = todo.pop()
        path = os.path.join(PACKAGE, name + ".py")
        if name in modules or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            modules[name] = f.read()
        for module, names in pattern.findall(modules[name]):
            # "from .x import a, b" needs x; "from . import x as y, z" needs x and z
            todo += [module] if module else [w.split()[0] for w in names.split(",")
                                             if re.match(r"^[a-z]\w*", w.strip())]
    return modules


def with_preloads(index):
    """index.html's bytes, asking the browser for every module the page
    imports at once, all together, while MicroPython loads: the page finds
    them one import after another, a round trip each."""
    links = "".join('<link rel="preload" href="purebp/%s.py" as="fetch" crossorigin>\n' % name
                    for name in sorted(page_modules(later=False)))
    return index.replace(b'<link rel="icon"', links.encode("ascii") + b'<link rel="icon"', 1)


def page_html():
    """The page as one HTML file (str) that opens without a server."""
    def read(name, binary=False):
        with open(os.path.join(WEB, name), "rb") as f:
            data = f.read()
        return data if binary else data.decode("utf-8")

    bundle = {"micropython": read("micropython.mjs"),
              "wasm": base64.b64encode(read("micropython.wasm", binary=True)).decode("ascii"),
              "modules": dict(sorted(page_modules().items()))}
    # In a <script> nothing may read as "</script": JSON escapes every "<".
    data = json.dumps(bundle, ensure_ascii=True).replace("<", "\\u003c")
    script = read("page.js").replace("</script", "<\\/script")
    html = read("index.html")
    head = re.compile(r'<link rel="stylesheet".*?<link rel="icon"', re.S)
    assert head.search(html), "index.html's head changed: update page_html"
    html = head.sub(lambda m: '<style>\n%s</style>\n<link rel="icon"' % read("page.css"), html)
    html = html.replace('<a href="MICROPYTHON-LICENSE.txt">MIT licence</a>',
                        "MIT licence, at the top of this file's source")
    html = html.replace("</body>", '<script type="application/json" id="bundle">%s</script>\n'
                        '<script type="module">\n%s</script>\n</body>' % (data, script))
    licence = re.sub("-{2,}", lambda m: "=" * len(m.group()), read("MICROPYTHON-LICENSE.txt"))
    return html.replace("<html", "<!-- purebp's page in one file, as purebp web saves it, "
                        "with MicroPython inside.\n\n%s-->\n<html" % licence, 1)


class PageServer(http.server.ThreadingHTTPServer):
    """The page's server: a browser that stops a download (a reload while
    ``micropython.wasm`` loads) closes the connection under a write; that is
    no error to report, and the server goes on serving."""

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):     # reset, broken pipe, aborted
            return
        super().handle_error(request, client_address)


def make_server(port=PORT):
    """A server for the page on 127.0.0.1 at ``port`` (0: any free port).

    Raises ``PortError`` (exit code 1) when it cannot listen there, and
    ``PurebpError`` for a ``port`` that is no port number.
    """
    from .checks import plain
    port = plain(port)          # numpy's whole numbers too, as everywhere in the API
    if isinstance(port, bool) or not isinstance(port, int) or not 0 <= port <= 65535:
        raise PurebpError("port: %s is not a port number (0 to 65535)" % show(port))
    try:
        return PageServer((HOST, port), PageHandler)
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
