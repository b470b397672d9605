"""purebp web: the page's Python side, the server, and the page itself in headless Chromium.

The page must show the command line's numbers: its Step is `purebp explain
--json`, its Run is `purebp train --json`. On CPython that is checked
through purebp.page directly; in the browser, where purebp's modules run in
MicroPython's WebAssembly build, tools/drive_page.mjs presses the buttons
and reads the numbers off the page (each cell's tooltip holds the exact
value), and they are compared with the command line's, within 1e-12
(MicroPython's exp can differ in the last bit). The same run measures the
page's budget: what it transfers, the time to its first step, and the
article's 10,000 iterations.
"""

import base64
import http.client
import inspect
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading

import pytest

import inprocess
import purebp
from conftest import TOLERANCE, deviation
from test_bad_input import Listed, error_patterns
from purebp import load_data, page, streams, webserver
from purebp.narration import PUREBP_LINES, explain, text

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.path.join(ROOT, "tools")
MEGABYTE = 1000 * 1000


def cli_json(*args):
    """``purebp ARGS`` (with --json), in this process (tests/inprocess.py): its JSON."""
    done = inprocess.purebp(args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# --- purebp's line of each quantity ----------------------------------------------------

@pytest.mark.parametrize("kind", sorted(PUREBP_LINES))
def test_each_purebp_line_is_in_the_function_it_names(kind):
    where, line = PUREBP_LINES[kind]
    module, _, name = where.partition(".")
    target = __import__("purebp." + module, fromlist=["x"])
    for part in name.split("."):
        target = getattr(target, part)
    source = [code.split("#")[0].strip() for code in inspect.getsource(target).splitlines()]
    assert line in source, "%s is not a line of %s" % (line, where)


def test_explain_json_names_purebps_line_beside_numpys():
    story = cli_json("explain", "--json", "--data", "xor", "--layers", "3,4,1")
    lines = {q["name"]: (q["code"], q["purebp"], q["purebp_in"]) for q in story["quantities"]}
    assert lines["z = l0·syn0"] == ("np.dot(l0, syn0)", "z = dot(l_in, syn)", "network.layer_forward")
    assert lines["l1_delta"][1:] == ("l_delta = multiply(l_error, slope)", "network.layer_backward")
    assert all(q["purebp"] and q["purebp_in"] for q in story["quantities"])


def test_explain_from_given_weights_is_the_replayed_step():
    X, y = load_data("xor")
    trained = purebp.train(X, y, layers=[3, 4, 1], iterations=29, every=0).weights
    assert explain(X, y, [3, 4, 1], at=30, weights=trained) == explain(X, y, [3, 4, 1], at=30)
    with pytest.raises(purebp.PurebpError, match="the weights make a 3,4,1 network"):
        explain(X, y, [3, 5, 1], weights=trained)
    with pytest.raises(purebp.PurebpError, match="weights are for a full-batch step"):
        explain(X, y, [3, 4, 1], batch_size=2, weights=trained)


# --- the page's Python side, on CPython -------------------------------------------------

SETTINGS = [
    ({"data": "seed", "layers": [3, 1]}, ["--data", "seed", "--layers", "3,1"]),
    ({"data": "xor", "layers": [3, 4, 1], "lr": 0.5, "loss": "sse", "seed": 3},
     ["--data", "xor", "--layers", "3,4,1", "--lr", "0.5", "--loss", "sse", "--seed", "3"]),
    ({"data": "xor", "layers": [3, 4, 1], "activation": "tanh", "loss": "cross-entropy",
      "lr": 3.0}, ["--data", "xor", "--layers", "3,4,1", "--activation", "tanh", "--loss",
                   "cross-entropy", "--lr", "3.0"]),
]


@pytest.mark.parametrize("settings, flags", SETTINGS, ids=[" ".join(f) for _, f in SETTINGS])
def test_steps_then_runs_give_the_command_lines_numbers(settings, flags):
    iterations = 300
    reply = page.request(dict(settings, do="start", iterations=iterations))
    assert reply["iteration"] == 0 and reply["every"] == 3
    for at in (1, 2):
        story = page.request({"do": "step", "lang": "zh-CN"})["story"]
        expected = cli_json("explain", "--json", "--at", str(at), "--lang", "zh-CN", *flags)
        assert [q["name"] for q in story["quantities"]] == [q["name"] for q in expected["quantities"]]
        for got, want in zip(story["quantities"], expected["quantities"]):
            assert got == want
    page.request({"do": "run", "count": 50})              # 2 .. 51: not on a report
    reply = page.request({"do": "run", "count": 1000})    # no further than 300
    trained = cli_json("train", "--json", "--iterations", str(iterations), "--every", "3",
                       "--metric", "loss", *flags)
    assert reply["iteration"] == iterations
    assert reply["weights"] == trained["weights"] and reply["outputs"] == trained["outputs"]
    assert reply["history"] == trained["history"]
    assert "run: 300 iterations done already" in page.request({"do": "run", "count": 1})["error"]


# Iris trained twice, a second: under the long marker (.ci/run).
@pytest.mark.long
def test_iris_is_the_command_lines_classes_scaled_with_softmax():
    offer = page.request({"do": "choices"})
    iris = [d for d in offer["data"] if d["name"] == "iris"][0]
    assert (iris["rows"], iris["inputs"], iris["outputs"]) == (150, 5, 3)
    assert iris["classes"] == ["setosa", "versicolor", "virginica"]
    assert iris["suggested"]["loss"] == "softmax" and iris["suggested"]["scale"] is True
    flags = ["--data", "iris", "--scale", "--layers", "5,8,3", "--lr", "3.0"]   # loss: softmax
    reply = page.request({"do": "start", "data": "iris", "scale": True, "layers": [5, 8, 3],
                          "lr": 3.0, "loss": "softmax", "iterations": 30})
    assert reply["accuracy"] is None and reply["every"] == 1
    story = page.request({"do": "step"})["story"]
    expected = cli_json("explain", "--json", *flags)
    assert story["quantities"] == expected["quantities"]
    meaning = expected["quantities"][1]["meaning"]
    assert "one-hot: a column per class (setosa, versicolor, virginica)" in meaning
    reply = page.request({"do": "run", "count": 29})
    trained = cli_json("train", "--json", "--iterations", "30", "--every", "1", "--metric", "loss",
                       *flags)
    assert reply["weights"] == trained["weights"] and reply["outputs"] == trained["outputs"]
    assert reply["history"] == trained["history"]
    accuracy = cli_json("train", "--json", "--iterations", "30", "--every", "1", *flags)
    assert reply["accuracy"] == accuracy["history"][-1][1] and reply["history"][-1][0] == 29
    unscaled = page.request({"do": "start", "data": "iris", "layers": [5, 3], "loss": "softmax"})
    assert unscaled["weights"][0][0] == page.request({"do": "start", "data": "iris",
                                                       "layers": [5, 3]})["weights"][0][0]


def test_the_page_says_what_is_wrong_with_its_settings():
    bad = [({"layers": [2, 1]}, "layers: the first size is 2, but the data has 3 inputs"),
           ({"data": "nope"}, "unknown data set 'nope'"),
           ({"lr": "fast"}, "lr"),
           ({"layers": [3, 64, 1]}, "the page draws networks of at most 6 layers of 32 units"),
           ({"iterations": 0}, "iterations: 0 is not a whole number of at least 1"),
           ({"seed": -1}, "seed: -1 is out of range"),
           ({"seed": 1.5}, "seed: 1.5 is not an integer"),
           ({"layers": [3, 1], "activation": "tanh"}, "activation 'tanh' is for hidden layers"),
           ({"data": "xor", "layers": [3, 1], "loss": "softmax"}, "loss softmax needs two"),
           ({"data": "xor", "scale": True}, "scale: scaling is for iris's measurements"),
           ({"data": "iris", "layers": [4, 3]}, "layers: the first size is 4, but the data has 5")]
    for settings, words in bad:
        reply = page.request(dict(settings, do="start"))
        assert words in reply["error"], (settings, reply)


# The page's address: every problem named, in both languages, and listed in docs/errors.md.
KNOWN = "data, layers, lr, loss, activation, seed, iterations, scale, lang"
ADDRESSES = [
    # unknown names
    ("layer=3,4,1", {}, ['"layer" is not a setting this page reads (%s): "3,4,1" ignored' % KNOWN]),
    ("foo=1&data=xor", {"data": "xor"},
     ['"foo" is not a setting this page reads (%s): "1" ignored' % KNOWN]),
    ("Data=xor", {"data": "seed"}, ['"Data" is not a setting']),
    ("=5&x=a&x=b", {}, ['"" is not a setting', '"x" is not a setting this page reads (%s): '
                                                '"a", "b" ignored' % KNOWN]),
    # repeated names
    ("lr=1&lr=2", {"lr": "1"}, ['lr is given 2 times ("1", "2"): using the first, "1"']),
    ("data=xor&data=iris&data=xor", {"data": "xor"},
     ['data is given 3 times ("xor", "iris", "xor"): using the first, "xor"']),
    ("lang=zh-CN&lang=en", {"lang": "zh-CN"}, ['lang is given 2 times ("zh-CN", "en")']),
    ("scale=1&data=iris&scale=0", {"data": "iris", "scale": True},
     ['scale is given 2 times ("1", "0"): using the first, "1"']),
    # values outside what the page offers
    ("data=nosuch", {"data": "seed"},
     ['data: "nosuch" is not one of this page\'s data sets (seed, xor, iris): showing seed']),
    ("data=", {"data": "seed"}, ['data: "" is not one of']),
    ("lang=fr", {"lang": "en"},
     ['lang: "fr" is not one of this page\'s languages (en, zh-CN): the page opened in English']),
    ("lang=zh-cn", {"lang": "en"}, ['lang: "zh-cn" is not one of']),
    ("data=iris&scale=yes", {"data": "iris"},
     ['scale: "yes" is not 1 (scale the inputs) or 0 (leave them): showing what iris suggests, 1']),
    ("scale=true", {}, ['scale: "true" is not 1 (scale the inputs) or 0 (leave them): showing '
                        'what seed suggests, 0']),
    ("scale", {}, ['scale: "" is not 1']),
    # a setting that does not apply
    ("data=xor&scale=1", {"data": "xor"},
     ['scale: "1" is for data sets with classes (iris); xor has none, so its inputs are not '
      'scaled']),
    ("scale=1", {"data": "seed"}, ['scale: "1" is for data sets with classes (iris); seed has']),
    ("data=nosuch&scale=1", {"data": "seed"}, ['data: "nosuch"', "seed has none"]),
    # what can hide in a value: quotes, control characters, a long text, a format
    ('foo=%22%0A%1b', {}, ['"foo" is not a setting this page reads (%s): "\\"\\u000a\\u001b" '
                           'ignored' % KNOWN]),
    ("data=" + "x" * 100, {"data": "seed"}, ['data: "' + "x" * 40 + '..." is not one of']),
    ("lang=%25s%25d", {"lang": "en"}, ['lang: "%s%d" is not one of']),
    # none: purebp checks these values itself when the page starts, naming a bad one
    ("data=iris&scale=0&lang=zh-CN&layers=5,3&lr=fast&loss=bogus&activation=x&seed=1e3"
     "&iterations=-1", {"data": "iris", "scale": False, "lang": "zh-CN", "layers": "5,3",
                        "lr": "fast", "loss": "bogus", "activation": "x", "seed": "1e3",
                        "iterations": "-1"}, []),
    ("data=xor&scale=0", {"data": "xor", "scale": False}, []),
    ("", {"data": "seed", "lang": "en"}, []),
]


def address_of(query):
    """purebp.page's reading of ``?QUERY``, as the page sends it (URLSearchParams' pairs)."""
    from urllib.parse import parse_qsl
    pairs = [list(pair) for pair in parse_qsl(query, keep_blank_values=True)]
    return page.request({"do": "address", "pairs": pairs})


def said(problem, language=0):
    """A problem as the page says it, in English (0) or Chinese (1)."""
    return page.TEXTS[problem[0]][language] % tuple(problem[1:])


@pytest.mark.parametrize("query, settings, words", ADDRESSES, ids=[a[0] or "none" for a in ADDRESSES])
def test_the_address_names_every_setting_the_page_cannot_follow(query, settings, words):
    asked = address_of(query)
    for name, value in settings.items():
        assert asked["settings"][name] == value, (name, asked["settings"])
    lines = [said(problem) for problem in asked["problems"]]
    assert len(lines) == len(words), lines
    for line, word in zip(lines, words):
        assert word in line, (word, lines)
    for problem in asked["problems"]:
        english, chinese = said(problem), said(problem, 1)
        assert english != chinese
        assert all(str(arg) in chinese for arg in problem[1:]), (problem, chinese)
        assert [p for p in error_patterns() if p.search(english)], \
            "docs/errors.md does not list: " + english


def test_the_address_leaves_out_what_it_could_not_follow_and_the_page_starts():
    for query in ("data=nosuch&scale=1&lang=fr&foo=1", "data=xor&scale=1", "scale=maybe&data=iris"):
        settings = dict(address_of(query)["settings"])
        lang = settings.pop("lang")
        assert lang == "en"
        start = dict(settings, do="start")
        for name in ("layers", "lr", "seed", "iterations"):
            start.pop(name, None)
        assert "error" not in page.request(start), (query, settings)


def test_every_address_text_is_listed_in_errors_md():
    with open(os.path.join(ROOT, "docs", "errors.md"), encoding="utf-8") as f:
        listed = re.findall(r"^\| `([^`]+)` \|", f.read(), re.M)
    texts = [english for key, (english, _) in page.TEXTS.items() if key.startswith("address_")]
    assert len(texts) == 6
    for english in texts:      # its fixed words, in order, in an entry
        assert [entry for entry in listed if Listed(re.split("%[sd]", english)).search(entry)], \
            english


def test_a_diverging_step_stops_with_trains_message():
    page.request({"do": "start", "data": "xor", "layers": [3, 4, 1], "activation": "relu",
                  "lr": 1e300})
    for _ in range(5):
        reply = page.request({"do": "step"})
        if "error" in reply:
            break
    assert reply["error"].startswith("training diverged at iteration 1: a weight became NaN")
    assert page.request({"do": "story"})["iteration"] == 1    # the step was not taken
    json.loads(page.handle('{"do": "story"}'))                 # plain JSON: no NaN in it


def test_a_run_that_diverges_names_the_iteration_of_the_whole_run(monkeypatch):
    page.request({"do": "start", "data": "xor", "layers": [3, 4, 1], "iterations": 300})
    page.request({"do": "run", "count": 7})

    def diverge(X, y, weights, length, *rest):
        raise purebp.errors.TrainingError("training diverged at iteration 2: a weight became "
                                          "NaN or infinite; try a lower learning rate than 1.0",
                                          iteration=2)

    monkeypatch.setattr(page, "full_batch", diverge)
    reply = page.request({"do": "run", "count": 50})
    assert reply["error"].startswith("training diverged at iteration 9: ")
    monkeypatch.undo()
    assert page.request({"do": "story"})["iteration"] == 7     # the failed piece left no trace


def test_choices_come_from_the_tables_and_texts_from_both_languages():
    offer = page.request({"do": "choices"})
    assert [d["name"] for d in offer["data"]] == list(purebp.datasets.NAMES)
    assert [l["name"] for l in offer["losses"]] == list(purebp.losses.LOSS_NAMES)
    assert [a["name"] for a in offer["activations"]] == list(purebp.activations.HIDDEN)
    for key, (english, chinese) in offer["texts"].items():
        assert english and chinese, key
        assert re.findall("%[.0-9]*[dsf]", english) == re.findall("%[.0-9]*[dsf]", chinese), key
    script = open(os.path.join(webserver.WEB, "page.js"), encoding="utf-8").read()
    html = open(os.path.join(webserver.WEB, "index.html"), encoding="utf-8").read()
    used = set(re.findall(r'say\("(\w+)"', script)) | set(re.findall(r'data-text="(\w+)"', html))
    assert used <= set(offer["texts"]), used - set(offer["texts"])


def test_printable_without_re_agrees_with_its_pattern():
    pattern = re.compile(streams._CONTROL)
    for code in list(range(0x3000)) + list(range(0xd700, 0x10000)) + [0x10000, 0x10ffff]:
        ch = chr(code)
        assert streams.is_control(ch) == bool(pattern.match(ch)), hex(code)


# --- the server -------------------------------------------------------------------------

def start_web(*args):
    env = dict(os.environ, PYTHONPATH=ROOT)
    process = subprocess.Popen([sys.executable, "-S", "-m", "purebp", "web", "--no-browser"]
                               + list(args), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, universal_newlines=True)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert match, line + process.stderr.read()
    return process, int(match.group(1))


def get(port, path, method="GET", headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


@pytest.mark.needs_processes
def test_web_serves_the_page_and_purebps_modules_and_nothing_else():
    process, port = start_web("--port", "0")
    try:
        status, headers, body = get(port, "/")
        assert status == 200 and b"page.js" in body and headers["Content-Type"].startswith("text/html")
        assert b'<link rel="preload" href="purebp/network.py" as="fetch" crossorigin>' in body
        status, headers, body = get(port, "/purebp/network.py")
        with open(os.path.join(ROOT, "purebp", "network.py"), "rb") as f:
            assert status == 200 and body == f.read()
        status, headers, body = get(port, "/micropython.wasm", headers={"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Type"] == "application/wasm"
        assert headers["Content-Encoding"] == "gzip" and len(body) < 300000
        assert get(port, "/MICROPYTHON-LICENSE.txt")[0] == 200
        for path in ["/README.md", "/purebp/../README.md", "/../README.md", "/purebp/%2e%2e/README.md",
                     "/tests/conftest.py", "/purebp/web/index.html", "/web/page.js", "/etc/passwd",
                     "//etc/passwd", "/purebp/", "/purebp/__pycache__/", "/purebp/page.pyc",
                     "/purebp/network.py/x", "/purebp/network", "/%2e%2e/setup.py"]:
            assert get(port, path)[0] == 404, path
        assert get(port, "/purebp/network.py", method="HEAD")[2] == b""
        assert get(port, "/", method="POST")[0] == 501
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err == "purebp web: interrupted\n"


@pytest.mark.needs_processes
def test_web_help_names_its_flags():
    env = dict(os.environ, PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-S", "-m", "purebp", "web", "--help"], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                          timeout=60)
    assert done.returncode == 0 and done.stderr == ""
    for flag in ("--port N", "--no-browser", "--save FILE.html", "(default: 8765)"):
        assert flag in done.stdout, flag


@pytest.mark.needs_processes
def test_a_port_in_use_is_one_line():
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        env = dict(os.environ, PYTHONPATH=ROOT)
        done = subprocess.run([sys.executable, "-S", "-m", "purebp", "web", "--no-browser", "--port",
                               str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    finally:
        taken.close()
    assert done.returncode == 1
    assert done.stderr == ("purebp web: error: port %d is in use on 127.0.0.1; pick another "
                           "with --port N (0: any free port)\n" % port)


@pytest.mark.needs_processes
def test_importing_purebp_loads_nothing_of_the_page():
    code = ("import sys, purebp, purebp.cli\n"
            "print(sorted(m for m in sys.modules if m in ('http.server', 'webbrowser', 'gzip', "
            "'purebp.webserver', 'purebp.page')))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                          env=dict(os.environ, PYTHONPATH=ROOT), universal_newlines=True)
    assert done.stdout.strip() == "[]"


def test_the_vendored_micropython_is_npms_own():
    with open(os.path.join(webserver.WEB, "MICROPYTHON-LICENSE.txt"), encoding="utf-8") as f:
        licence = f.read()
    assert "The MIT License (MIT)" in licence and "1.27.0" in licence
    package = os.path.join(TOOLS, "node_modules", "@micropython",
                           "micropython-webassembly-pyscript")
    if not os.path.isdir(package):
        pytest.skip("npm's MicroPython is not installed in tools/ (cd tools && npm ci)")
    for name in ("micropython.mjs", "micropython.wasm"):
        with open(os.path.join(package, name), "rb") as a, \
                open(os.path.join(webserver.WEB, name), "rb") as b:
            assert a.read() == b.read(), name


def test_the_one_file_page_holds_micropython_and_every_module_the_page_imports(tmp_path):
    html = webserver.page_html()
    bundle = json.loads(re.search(r'<script type="application/json" id="bundle">(.*?)</script>',
                                  html, re.S).group(1))
    with open(os.path.join(webserver.WEB, "micropython.wasm"), "rb") as f:
        assert base64.b64decode(bundle["wasm"]) == f.read()
    with open(os.path.join(webserver.WEB, "micropython.mjs"), encoding="utf-8") as f:
        assert bundle["micropython"] == f.read()
    for name in ("__init__", "page", "network", "narration", "iris", "classes", "fast", "svg"):
        with open(os.path.join(ROOT, "purebp", name + ".py"), encoding="utf-8") as f:
            assert bundle["modules"][name] == f.read(), name
    assert "cli" not in bundle["modules"] and "webserver" not in bundle["modules"]
    assert "The MIT License (MIT)" in html.split("-->")[0]           # MicroPython's licence
    assert html.count("</script>") == 2 and 900 * 1000 < len(html.encode("utf-8")) < 1400 * 1000


# --- the page in headless Chromium ------------------------------------------------------------

def browser_tools():
    """Chromium and the driver, or a skip (a failure where they are required)."""
    missing = []
    if not shutil.which("chromium"):
        missing.append("headless Chromium (apt-get install chromium)")
    if not shutil.which("node"):
        missing.append("Node.js (apt-get install nodejs npm)")
    if not os.path.isdir(os.path.join(TOOLS, "node_modules", "playwright-core")):
        missing.append("the driver, npm's playwright-core (cd tools && npm ci)")
    if missing:
        message = "the page test needs " + " and ".join(missing)
        if os.environ.get("PUREBP_REQUIRE_CHROMIUM") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return shutil.which("chromium")


@pytest.fixture(scope="module")
def served():
    server = webserver.make_server(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield "http://127.0.0.1:%d/" % server.server_address[1]
    server.shutdown()
    server.server_close()


def drive(url, plan, tmp_path):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    env = dict(os.environ, PUREBP_CHROMIUM=browser_tools())
    done = subprocess.run(["node", os.path.join(TOOLS, "drive_page.mjs"), url, str(plan_file)],
                          cwd=TOOLS, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def assert_same_story(shown, story):
    """The story the page shows against explain --json: every name, line, meaning, number."""
    assert [q["name"] for q in shown["quantities"]] == [q["name"] for q in story["quantities"]]
    for got, want in zip(shown["quantities"], story["quantities"]):
        for key in ("code", "purebp", "purebp_in", "meaning"):
            assert got[key] == want[key], (want["name"], key)
        if want["line"] is None:
            assert got["line"] is None, want["name"]
        else:        # "line 6 of the article's program"
            assert int(re.search(r"\d+", got["line"]).group()) == want["line"], want["name"]
        assert got["rows"] == want["shape"][0]
        assert deviation(got["value"], want["value"][:len(got["value"])]) <= TOLERANCE, want["name"]


def assert_same_training(shown, trained):
    assert deviation(shown["weights"], trained["weights"]) <= TOLERANCE
    assert shown["output_rows"] == len(trained["outputs"])     # the page shows the first 12
    assert deviation(shown["outputs"], trained["outputs"][:len(shown["outputs"])]) <= TOLERANCE
    assert [i for i, _ in shown["history"]] == [i for i, _ in trained["history"]]
    assert deviation([v for _, v in shown["history"]], [v for _, v in trained["history"]]) <= TOLERANCE


@pytest.mark.long      # Chromium: run by .ci/run (python -m pytest -m long)
@pytest.mark.needs_processes
def test_the_page_in_chromium_shows_the_command_lines_numbers_within_budget(served, tmp_path):
    screenshot = os.environ.get("PUREBP_PAGE_SCREENSHOT")
    screenshot = screenshot and os.path.abspath(screenshot)
    # The page is opened three times, each a fresh load (no cache): the time to
    # the first step is the middle one of the three, on a machine shared with
    # other work; the rest of the plan goes on from the third.
    plan = [{"open": ""}, {"step": "first"}, {"open": ""}, {"step": "first"},
            {"open": ""}, {"step": "first"}, {"step": "second"}, {"run": "article"},
            {"set": {"data": "xor", "layers": "3,4,1", "iterations": "2000"}},
            {"step": "xor_first"}, {"language": True}, {"story": "xor_first_zh"},
            {"run": "xor_run"}, {"step": "xor_after"}, {"language": True},
            {"story": "xor_after_en"}]
    if screenshot:
        plan.append({"screenshot": screenshot, "width": 1360, "height": 1180})
    # iris: choosing it fills in the command line's conventions for classes
    plan += [{"set": {"data": "iris", "iterations": "40"}}, {"step": "iris_first"},
             {"run": "iris_run"}]
    result = drive(served, plan, tmp_path)
    shown = result["records"]
    article = ["--data", "seed", "--layers", "3,1"]
    xor = ["--data", "xor", "--layers", "3,4,1"]

    assert_same_story(shown["first"], cli_json("explain", "--json", "--lang", "en", *article))
    assert_same_story(shown["second"], cli_json("explain", "--json", "--lang", "en", "--at", "2",
                                                *article))
    assert shown["article"]["iteration"] == 10000 and shown["article"]["error"] is None, \
        shown["article"]
    assert_same_training(shown["article"], cli_json("train", "--json", "--metric", "loss",
                                                    "--every", "100", *article))
    assert_same_story(shown["xor_first"], cli_json("explain", "--json", "--lang", "en", *xor))
    assert_same_story(shown["xor_first_zh"], cli_json("explain", "--json", "--lang", "zh-CN", *xor))
    assert shown["xor_run"]["network"] == 16
    assert_same_training(shown["xor_run"], cli_json("train", "--json", "--metric", "loss",
                                                    "--every", "20", "--iterations", "2000", *xor))
    assert_same_story(shown["xor_after_en"], cli_json("explain", "--json", "--lang", "en",
                                                      "--at", "2001", *xor))
    assert shown["xor_after_en"]["title"] == "purebp explain: iteration 2001 of training"
    iris = ["--data", "iris", "--scale", "--layers", "5,8,3", "--lr", "3.0"]   # softmax: the default
    assert shown["iris_first"]["settings"].startswith("data iris, layers 5,8,3, seed 1, lr 3.0, "
                                                      "loss softmax")
    assert_same_story(shown["iris_first"], cli_json("explain", "--json", "--lang", "en", *iris))
    assert shown["iris_run"]["iteration"] == 40 and shown["iris_run"]["error"] is None
    assert_same_training(shown["iris_run"], cli_json("train", "--json", "--metric", "loss",
                                                     "--every", "1", "--iterations", "40", *iris))
    assert re.search(r"accuracy 0\.\d{4} on the 150 rows", shown["iris_run"]["status"])

    # Offline: every address the page asked for is the local server's.
    assert all(url.startswith(served) for url in result["requests"]), result["requests"]
    assert not [line for line in result["console"] if line.startswith(("error", "pageerror"))], \
        result["console"]
    sent = max(load["bytes"] for load in result["loads"])
    first_steps = sorted(load["first_step_ms"] for load in result["loads"])
    figures = ("page with MicroPython: %d bytes transferred; first step shown %s ms after "
               "navigation (three fresh loads); the article's 10,000 iterations in %.0f ms; "
               "iris (5,8,3, the plain path), Run's 39 iterations in %.0f ms"
               % (sent, ", ".join("%.0f" % ms for ms in first_steps), shown["article"]["ms"],
                  shown["iris_run"]["ms"]))
    print(figures)
    assert len(first_steps) == 3 and sent <= MEGABYTE, figures
    assert first_steps[1] <= 2000, figures
    assert shown["article"]["ms"] <= 5000, figures


@pytest.mark.long      # Chromium: run by .ci/run (python -m pytest -m long)
@pytest.mark.needs_processes
def test_settings_in_the_address_that_the_page_lacks_are_named_not_dropped(served, tmp_path):
    # Numbers as Python reads them: 0x10 and 1e3 are no whole numbers, 1e-400 no float's.
    odd = ["?lr=1e-400", "?lr=0x10", "?seed=1e3", "?layers=3,1e0,1", "?data=nosuch&loss=bogus"]
    result = drive(served, [{"open": "?loss=bogus&layers=3,4,1"}] + [{"open": q} for q in odd]
                   + [{"open": "?data=nosuch"}, {"step": "seed_first"}], tmp_path)
    errors = [load["error"] for load in result["loads"]]
    assert all(errors), errors
    assert "'bogus'" in errors[0] and "half-sse" in errors[0], errors[0]
    assert "lr: '1e-400' is not" in errors[1] and "lr: '0x10' is not" in errors[2], errors
    assert "seed: '1e3' is not" in errors[3] and "'1e0'" in errors[4], errors
    assert '"nosuch"' in errors[5] and "'bogus'" in errors[5], errors[5]    # both said
    assert '"nosuch"' in errors[6] and "showing seed" in errors[6], errors[6]
    assert not [load["status"] for load in result["loads"][:6] if "Loading" in load["status"]]
    assert result["records"]["seed_first"]["iteration"] == 1    # and the page goes on


@pytest.mark.long      # Chromium: run by .ci/run (python -m pytest -m long)
@pytest.mark.needs_processes
def test_the_page_says_what_in_its_address_it_cannot_follow_in_its_language(served, tmp_path):
    plan = [{"open": "?layer=3,4,1&lr=1&lr=2"}, {"form": "typo"},
            {"open": "?lang=fr&foo=1"}, {"form": "french"}, {"language": True}, {"form": "zh"},
            {"language": True}, {"form": "en_again"},
            {"open": "?data=iris&scale=yes"}, {"form": "iris"},
            {"open": "?data=xor&scale=1&lang=zh-CN"}, {"form": "xor"}, {"step": "xor_first"},
            {"open": "?data=nosuch&loss=bogus&foo=%25s&lang=zh-CN"}, {"form": "both"}]
    shown = drive(served, plan, tmp_path)["records"]
    typo = shown["typo"]
    assert typo["form"]["lr"] == "1" and typo["form"]["layers"] == "3,1", typo
    assert typo["error"] == ('error: "layer" is not a setting this page reads (%s): "3,4,1" '
                             'ignored; lr is given 2 times ("1", "2"): using the first, "1"'
                             % KNOWN), typo
    french = shown["french"]
    assert french["lang"] == "en" and french["error"].startswith(
        'error: lang: "fr" is not one of this page\'s languages (en, zh-CN): the page opened in '
        'English; "foo" is not a setting this page reads'), french
    assert shown["zh"]["lang"] == "zh-CN" and shown["zh"]["error"].startswith(
        '错误: lang："fr" 不是本页的语言（en, zh-CN）：网页以英文打开; "foo" 不是本页读取的设置'), \
        shown["zh"]                                  # said again, in the other language
    assert shown["en_again"]["error"] == french["error"]
    iris = shown["iris"]                             # what iris suggests: scaled
    assert iris["form"]["scale"] is True and iris["form"]["loss"] == "softmax", iris
    assert iris["error"] == ('error: scale: "yes" is not 1 (scale the inputs) or 0 (leave them): '
                             'showing what iris suggests, 1'), iris
    xor = shown["xor"]                               # no box to uncheck: not scaled, and it starts
    assert xor["form"]["scale"] is False and xor["lang"] == "zh-CN", xor
    assert xor["error"] == '错误: scale："1" 只用于有类别的数据集（iris）；xor 没有类别，输入不缩放', xor
    assert shown["xor_first"]["iteration"] == 1
    both = shown["both"]                             # the address's, then purebp's own
    assert both["error"].startswith('错误: data："nosuch" 不是本页的数据集（seed, xor, iris）：显示 seed; '
                                    '"foo" 不是本页读取的设置'), both
    assert '已忽略 "%s"; ' in both["error"] and "'bogus'" in both["error"], both


BUNDLE_CHECK = """
import sys
from purebp import page
for settings in %r:
    page.request(dict(settings, do="start", iterations=300))
    page.request({"do": "step", "lang": "zh-CN"})
    page.request({"do": "run", "count": 299})
print(sorted(m[7:] for m in sys.modules if m.startswith("purebp.")))
"""


@pytest.mark.long      # two seconds of trainings: run by .ci/run (python -m pytest -m long)
@pytest.mark.needs_processes
def test_every_module_the_pages_requests_load_is_in_the_one_file_page():
    """The one-file page holds the modules webserver.page_modules finds by
    their import lines; a module imported another way (__import__ of a
    computed name) would be missing there, and Run would fail with an
    ImportError in the saved page alone (the served page fetches it)."""
    settings = [s for s, _ in SETTINGS] + [
        {"data": "iris", "scale": True, "layers": [5, 8, 3], "lr": 3.0, "loss": "softmax"}]
    env = dict(os.environ, PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-S", "-c", BUNDLE_CHECK % (settings,)], cwd=ROOT,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded = set(eval(done.stdout))
    assert {"fast_unrolled", "narration"} <= loaded      # the plan reached them
    assert loaded - set(webserver.page_modules()) == set()


@pytest.mark.long      # Chromium: run by .ci/run (python -m pytest -m long)
@pytest.mark.needs_processes
def test_the_one_file_page_opens_from_a_file_with_no_server(tmp_path):
    saved = tmp_path / "purebp page.html"
    env = dict(os.environ, PYTHONPATH=ROOT)
    done = subprocess.run([sys.executable, "-S", "-m", "purebp", "web", "--save", str(saved)], cwd=ROOT,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert done.stdout.startswith("wrote the page to ")
    url = saved.as_uri()
    result = drive(url, [{"open": "?data=xor&layers=3,4,1&lang=zh-CN"}, {"step": "first"},
                         {"run": "xor_run"}, {"open": ""}, {"run": "article"}], tmp_path)
    story = cli_json("explain", "--json", "--lang", "zh-CN", "--data", "xor", "--layers", "3,4,1")
    assert_same_story(result["records"]["first"], story)
    assert result["records"]["first"]["title"] == text("title", "zh-CN", (1,))    # in Chinese
    # Run, on the compiled loop (its modules are in the file too), as the served page runs
    for name, data, layers in (("xor_run", "xor", "3,4,1"), ("article", "seed", "3,1")):
        shown = result["records"][name]
        assert shown["error"] is None and shown["iteration"] == 10000, shown
        assert_same_training(shown, cli_json("train", "--json", "--metric", "loss", "--every",
                                             str(shown["history"][1][0]), "--data", data,
                                             "--layers", layers))
    # Nothing but the file itself and the in-memory copies of MicroPython it makes.
    assert all(u in (url + "?data=xor&layers=3,4,1&lang=zh-CN", url) or u.startswith("blob:null/")
               for u in result["requests"]), result["requests"]
    assert not [line for line in result["console"] if line.startswith(("error", "pageerror"))], \
        result["console"]
    print("one-file page: first step shown %.0f ms after it was opened"
          % result["loads"][0]["first_step_ms"])


def test_a_dropped_connection_is_no_error_to_report(capsys):
    """A browser that stops a download (a reload) resets the connection under
    the server's write: quiet. Any other failure still shows its traceback."""
    server = webserver.make_server(0)
    try:
        for error in (ConnectionResetError(104, "reset"), BrokenPipeError(32, "broken pipe")):
            try:
                raise error
            except OSError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a bug")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        assert "ValueError: a bug" in capsys.readouterr().err
    finally:
        server.server_close()


def test_the_saved_page_is_named_html():
    done = inprocess.purebp(["web", "--save", "page.svg"])
    assert done.returncode == 2
    assert done.stderr == ("purebp web: error: --save page.svg: purebp writes the page as HTML, "
                           "which a .svg name would hide: name it page.html\n")


def test_the_pages_requests_refuse_what_page_js_never_sends():
    """A script (or a changed page.js) that sends these gets one message, not
    a traceback or a silent reading. Step goes on past the iterations to run
    (the page explains iteration 2001 after 2000 trained); Run does not."""
    assert page.request([1]) == {"error": "page: a request is a JSON object, not a list"}
    assert "pairs of texts" in page.request({"do": "address", "pairs": [1, 2]})["error"]
    assert page.request({"do": "start", "scale": "yes"})["error"] == \
        "scale: 'yes' is not True or False"
    assert "error" not in page.request({"do": "start", "iterations": 2})
    for _ in range(3):
        assert "error" not in page.request({"do": "step"})
    assert page.request({"do": "run", "count": 1})["error"] == \
        "run: 3 iterations done already; start again, or ask for more"
    assert page.request({"do": "story", "lang": "fr"})["error"].startswith(
        "lang: unknown language 'fr'")


def test_an_address_that_turns_text_around_is_shown_as_codes():
    """U+202E in an address would reverse the rest of the page's message."""
    problems = page.request({"do": "address", "pairs": [["data", "x\u202ey"]]})["problems"]
    assert problems[0][1] == '"x\\u202ey"'


# --- what page.request takes: what page.js sends, within train's limits ---------------------

def sent_by_page_js():
    """{request: the keys besides "do"} of every request page.js sends, read from page.js:
    its ask({do: ...}) calls, and for start the keys of settings()'s object."""
    script = open(os.path.join(webserver.WEB, "page.js"), encoding="utf-8").read()
    sent = {}
    for do, rest in re.findall(r'ask\((?:Object\.assign\()?\{do: "(\w+)"([^}]*)\}', script):
        sent[do] = set(re.findall(r",\s*(\w+)", rest))
    body = re.search(r"function settings\(\) \{\s*return \{(.*?)\};\n\}", script, re.S).group(1)
    sent["start"] |= set(re.findall(r"(?:^|,)\s*(\w+):", body))
    return sent


def page_like(do):
    """A request ``do`` as page.js sends it, each key with a value the form would give."""
    values = {"pairs": [["data", "xor"], ["lang", "zh-CN"]], "lang": "zh-CN", "count": 7,
              "data": "xor", "layers": [3, 4, 1], "lr": 1, "loss": "half-sse",
              "activation": "tanh", "seed": 3, "iterations": 20, "scale": False}
    return dict([("do", do)] + [(key, values[key]) for key in dict(page.REQUESTS)[do]])


def test_every_request_page_js_sends_is_accepted_with_every_key_it_sends():
    sent = sent_by_page_js()
    assert sent == dict((do, set(keys)) for do, keys in page.REQUESTS), sent
    assert sent["start"] == {"data", "layers", "lr", "loss", "activation", "seed",
                             "iterations", "scale"}
    for do, _ in page.REQUESTS:          # in the page's order: choices, address, start, ...
        reply = page.request(page_like(do))
        assert "error" not in reply, (do, reply)
    # story: the last step's (iteration 1), after Run's 7 more, in Chinese
    assert reply["iteration"] == 8 and reply["story"]["title"] == text("title", "zh-CN", (1,))
    iris = page.request(dict(SUGGESTED_IRIS, do="start"))
    assert "error" not in iris and iris["layers"] == [5, 8, 3], iris


SUGGESTED_IRIS = {"data": "iris", "layers": [5, 8, 3], "lr": 3.0, "loss": "softmax",
                  "activation": "sigmoid", "seed": 1, "iterations": 200, "scale": True}


def test_a_typo_in_any_key_of_any_request_is_named_with_what_the_request_takes():
    page.request({"do": "start"})
    for do, keys in page.REQUESTS:
        sent = page_like(do)
        for key in keys + ("extra",):
            typo = dict((k + "s" if k == key else k, v) for k, v in sent.items())
            if key == "extra":
                typo["iteratons"] = 10
            wrong = key + "s" if key != "extra" else "iteratons"
            reply = page.request(typo)
            assert reply == {"error": "%s: unknown key %r; the %s request takes: %s"
                             % (do, wrong, do, ", ".join(("do",) + keys))}, (typo, reply)
            assert [p for p in error_patterns() if p.search(reply["error"])], reply
    two = page.request({"do": "run", "count": 1, "lang": "en", "Count": 2})["error"]
    assert two.startswith("run: unknown keys 'Count', 'lang'; "), two
    for do in (None, "Start", ["start"], 5):
        message = {"do": do} if do is not None else {}
        assert page.request(message)["error"] == (
            "page: unknown request %r; the requests are: choices, address, start, step, run, "
            "story" % (do,))


# Settings out of range: the page's message is train's, word for word (the same checks).
OUT_OF_RANGE = [{"iterations": 10 ** 400}, {"iterations": 10 ** 12}, {"iterations": 0},
                {"iterations": -5}, {"iterations": True}, {"iterations": 2.0},
                {"iterations": float("nan")}, {"iterations": "10"}, {"lr": float("inf")},
                {"lr": float("nan")}, {"lr": -1}, {"lr": 0}, {"lr": True}, {"lr": 10 ** 400},
                {"lr": "1"}, {"layers": [3, 10 ** 400, 1]}, {"layers": []}, {"layers": 0},
                {"layers": "3,1"}, {"layers": [3, True, 1]}, {"layers": [3, 2.0, 1]},
                {"layers": [3, -4, 1]}, {"layers": [[3], 1]}, {"loss": ["sse"]},
                {"loss": None}, {"activation": None, "layers": [3, 4, 1]},
                {"activation": "relu "}, {"seed": -1}, {"seed": 2 ** 32},
                {"seed": 10 ** 400}, {"seed": 1.5}, {"seed": True}, {"seed": None},
                {"seed": "1"}]


@pytest.mark.parametrize("settings", OUT_OF_RANGE, ids=[str(s)[:40] for s in OUT_OF_RANGE])
def test_a_setting_out_of_range_gets_trains_own_message(settings):
    X, y = load_data("seed")
    with pytest.raises(purebp.PurebpError) as refused:
        purebp.train(X, y, **dict({"iterations": 10000}, **settings))
    reply = page.request(dict(settings, do="start"))
    assert reply == {"error": str(refused.value)}
    assert [p for p in error_patterns() if p.search(reply["error"])], reply


def test_the_page_refuses_a_days_work_as_train_does_and_steps_on_past_the_iterations():
    assert page.request({"do": "start", "iterations": 10 ** 12})["error"].startswith(
        "iterations: 1000000000000 iterations of a 3,1 network on 4 rows: about 3.6e+13 "
        "multiply-adds, at least 21 days at 50 ns each; purebp refuses work of more than a day")
    assert page.request({"do": "start", "data": "iris", "scale": True, "layers": [5, 8, 3],
                         "loss": "softmax", "iterations": 10 ** 9})["error"].endswith(
        "purebp refuses work of more than a day")
    assert page.request({"do": "start", "iterations": 2000})["iterations"] == 2000
    assert page.request({"do": "run", "count": 10 ** 400})["iteration"] == 2000
    assert page.request({"do": "step"})["story"]["iteration"] == 2001    # by design
    assert "done already" in page.request({"do": "run", "count": 1})["error"]
    for count in (0, -1, True, 2.0, "5", None, [1]):
        assert page.request({"do": "run", "count": count})["error"] == \
            "count: %s is not a whole number of at least 1" % purebp.errors.show(count)
    for lang in (None, "fr", ["en"], 1):
        for do in ("step", "story"):
            assert page.request({"do": do, "lang": lang})["error"].startswith(
                "lang: unknown language %s; choose from: en, zh-CN" % purebp.errors.show(lang))
    assert page.request({"do": "start", "data": ["xor"]})["error"] == \
        "data: unknown data set ['xor']; choose from: seed, xor, iris"
    with pytest.raises(purebp.PurebpError, match="unknown key 'iteratons'"):
        page.Session({"iteratons": 5})                   # the API's Session checks too


def test_handle_answers_any_text_with_json_not_a_traceback():
    for text_sent in ("{", "", "[" * 100000, '{"do": "start"', "nul\x00", "{'do': 'start'}"):
        reply = json.loads(page.handle(text_sent))
        assert reply["error"].startswith("page: the request is not JSON text ("), reply
        assert [p for p in error_patterns() if p.search(reply["error"])], reply
    assert json.loads(page.handle(None))["error"].startswith("page: the request is not JSON")
    for text_sent, words in (('{"do": "start", "lr": NaN}', "lr: nan is not"),
                             ('{"do": "start", "iterations": 1e400}', "iterations: inf is not"),
                             ('{"do": "start", "seed": %s}' % ("1" * 5000), "")):
        reply = json.loads(page.handle(text_sent))
        assert words in reply["error"], reply         # past 4300 digits: JSON's, or seed's message


def test_the_web_server_answers_malformed_requests_with_a_4xx_and_no_traceback(capsys):
    """The server reads no parameters (the page reads its address itself); whatever a
    request holds, the answer is a status line, never a 500 or a traceback."""
    server = webserver.make_server(0)
    thread = threading.Thread(target=server.serve_forever)
    try:
        thread.start()
    except RuntimeError:        # WebAssembly (Pyodide): no threads
        server.server_close()
        pytest.skip("this Python cannot start a thread to serve from")
    try:
        port = server.server_address[1]
        asked = [(b"GET /?data=xor&iterations=" + b"9" * 5000 + b"&lr=nan HTTP/1.1", 200),
                 (b"GET /" + b"a" * 70000 + b" HTTP/1.1", 414), (b"GET /%00 HTTP/1.1", 404),
                 (b"GET /\xff\xfe HTTP/1.1", 404), (b"GARBAGE", 400),
                 (b"GET / HTTP/1.1\r\nX: " + b"y" * 70000, 431),
                 (b"GET /page.js HTTP/1.1\r\nAccept-Encoding: \xff", 200),
                 (b"PUT /index.html HTTP/1.1", 501), (b"GET * HTTP/1.1", 404)]
        for request_line, status in asked:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
                connection.sendall(request_line + b"\r\nConnection: close\r\n\r\n")
                answer = b""
                while True:
                    chunk = connection.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
            code = int(re.search(rb"(?:HTTP/1\.[01] |Error code: )(\d{3})", answer).group(1))
            assert code == status, (request_line[:60], answer[:200])
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert capsys.readouterr().err == ""
    class Int64:        # what np.int64(0) looks like to purebp: no int, a .tolist()
        def tolist(self):
            return 0
    server = webserver.make_server(Int64())
    server.server_close()
    for port in (-1, 65536, 10 ** 400, True, 80.0, "8765", None):
        with pytest.raises(purebp.PurebpError) as refused:
            webserver.make_server(port)
        assert str(refused.value) == "port: %s is not a port number (0 to 65535)" % (
            purebp.errors.show(port))
        assert [p for p in error_patterns() if p.search(str(refused.value))]


MICROPYTHON_RUN = """
import {{ loadMicroPython }} from {micropython};
import fs from "fs";
const mp = await loadMicroPython({{heapsize: 64 * 1024 * 1024,
                                  stdout: (line) => process.stdout.write(line + "\\n")}});
mp.FS.mkdirTree("/lib/purebp");
for (const [name, source] of Object.entries({modules})) {{
  mp.FS.writeFile("/lib/purebp/" + name + ".py", source);
}}
mp.runPython("import sys\\nsys.path.insert(0, '/lib')");
mp.runPython(fs.readFileSync({program}, "utf8"));
"""


# MicroPython's WebAssembly build in node, a second: under the long marker (.ci/run).
@pytest.mark.long
@pytest.mark.needs_processes
def test_the_pages_refusals_are_the_same_in_micropython(tmp_path):
    """The page's MicroPython (in node, as the browser runs it) gives the same
    replies: train's refusal of a day's work loads its words for times, which
    must load there too (no unicodedata in MicroPython)."""
    if not shutil.which("node"):
        pytest.skip("node is not installed (.ci/run installs it)")
    requests = ['{"do": "start", "iterations": 1000000000000}', '{"do": "start", "iteratons": 5}',
                '{"do": "start", "data": "xor", "layers": [3, 4, 1], "iterations": 1e400}',
                '{', '{"do": "start", "iterations": 20}', '{"do": "run", "count": 20}',
                '{"do": "step", "lang": "zh-CN"}', '{"do": "run", "count": 1, "lang": "en"}',
                # l overflows to -inf: MicroPython's json writes -inf, which is no JSON
                '{"do": "start", "data": "xor", "layers": [3, 8, 1], "lr": 1e300, '
                '"activation": "relu", "seed": 1}', '{"do": "step", "lang": "en"}',
                '{"do": "step", "lang": "en"}', '{"do": "story", "lang": "en"}',
                '{"do": "start", "seed": "1000000000000000000000"}']
    program = tmp_path / "program.py"
    program.write_text("from purebp import page\nfor text in %r:\n    print(page.handle(text))\n"
                       % (requests,), encoding="utf-8")
    script = tmp_path / "run.mjs"
    script.write_text(MICROPYTHON_RUN.format(
        micropython=json.dumps(os.path.join(webserver.WEB, "micropython.mjs")),
        modules=json.dumps(webserver.page_modules()), program=json.dumps(str(program))),
        encoding="utf-8")
    done = subprocess.run(["node", str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    replies = [strict_json(line) for line in done.stdout.splitlines()]
    assert len(replies) == len(requests)
    assert done.stdout.count("[null]") > 3       # -inf (MicroPython writes it so) as null
    for text_sent, reply in zip(requests, replies):
        expected = json.loads(page.handle(text_sent))
        if "error" in expected:
            if text_sent == "{":                      # the JSON parsers' words differ
                assert reply["error"].startswith("page: the request is not JSON text (")
            else:
                assert reply == expected, (text_sent, reply)
        else:
            assert "error" not in reply and reply["iteration"] == expected["iteration"]
    assert replies[0]["error"].endswith("purebp refuses work of more than a day")


# --- replies that are JSON whatever the numbers, numbers as typed -----------------------------

def strict_json(text):
    """``json.loads``, refusing NaN and Infinity, which are no JSON (page.js's JSON.parse)."""
    def refuse(word):
        raise ValueError("not JSON: %s" % word)
    return json.loads(text, parse_constant=refuse)


# lr 1e300 in the README's command; 1e20 and 1e150, a second more, in .ci/run's long tests.
@pytest.mark.parametrize("rates", [(1e300,), pytest.param((1e20, 1e150), marks=pytest.mark.long)],
                         ids=["1e300", "1e20-1e150"])
def test_every_reply_is_json_when_the_numbers_overflow(rates):
    """A learning rate past what the data bear sends l, the errors and deltas
    past a float's range while the weights are still finite: explain --json
    writes those as null, and so does the page (JSON has no -Infinity)."""
    nulls = 0
    for loss in purebp.losses.LOSS_NAMES:
        for activation in purebp.activations.HIDDEN:
            for lr in rates:
                start = {"do": "start", "data": "xor", "layers": [3, 8, 1], "lr": lr,
                         "loss": loss, "activation": activation, "seed": 1}
                strict_json(page.handle(json.dumps(start)))
                for _ in range(4):
                    for do in ("step", "story"):
                        text_sent = page.handle(json.dumps({"do": do, "lang": "en"}))
                        reply = strict_json(text_sent)
                        json.dumps(reply, allow_nan=False)
                        nulls += text_sent.count("null")
                        if "error" in reply:
                            assert reply["error"].startswith("training diverged at iteration")
                strict_json(page.handle(json.dumps({"do": "run", "count": 5})))
    assert nulls > 100          # the overflow was reached, and written as null


def test_the_page_shows_null_as_the_command_line_shows_inf():
    """page.js writes a null cell with the page's word for it, not "null"."""
    script = open(os.path.join(webserver.WEB, "page.js"), encoding="utf-8").read()
    assert 'if (v === null) return say("not_finite");' in script
    assert page.TEXTS["not_finite"] == ("overflow", "溢出")


def page_js_number(texts, whole):
    """What page.js's number() sends for each of ``texts``, run in node."""
    if not shutil.which("node"):
        pytest.skip("node is not installed (.ci/run installs it)")
    script = open(os.path.join(webserver.WEB, "page.js"), encoding="utf-8").read()
    function = re.search(r"\nfunction number\(.*?\n\}\n", script, re.S).group(0)
    program = "%s\nconsole.log(JSON.stringify(%s.map((t) => number(t, %s))));" % (
        function, json.dumps(texts), "true" if whole else "false")
    done = subprocess.run(["node", "-e", program], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.needs_processes
def test_page_js_sends_long_whole_numbers_as_typed():
    typed = ["1000000000000000000000", "9007199254740993", "-9007199254740993",
             "123456789012345", "1234567890123456", " 42 ", "1e3"]
    assert page_js_number(typed, True) == [
        "1000000000000000000000", "9007199254740993", "-9007199254740993",
        123456789012345, "1234567890123456", 42, "1e3"]
    assert page_js_number(["1000000000000000000000", "0.5"], False) == [1e21, 0.5]


def test_whole_numbers_sent_as_text_get_trains_own_refusal():
    """page.js sends more than 15 digits as the text typed; purebp reads the
    digits and names them, with the limit that applies."""
    refused = {"seed": "seed: 1000000000000000000000 is out of range: numpy takes 0 to "
                       "2**32 - 1 (4294967295)",
               "iterations": "iterations: 1000000000000000000000 iterations of a 3,1 network "
                             "on 4 rows: about 3.6e+22 multiply-adds"}
    for name, message in refused.items():
        reply = page.request({"do": "start", name: "1000000000000000000000"})
        assert reply["error"].startswith(message), reply
    reply = page.request({"do": "start", "layers": [3, "1000000000000000000000"]})
    assert reply["error"].startswith("layers: 3,1000000000000000000000 would need"), reply
    assert page.request({"do": "start", "seed": "0000000000000016"})["seed"] == 16
    assert page.request({"do": "start", "seed": "16"})["error"] == "seed: '16' is not an integer"
    for digits in ("\u0661" * 16, "\u00b2" * 16, "\uff11" * 16):    # digits int() would read
        assert page.request({"do": "start", "seed": digits})["error"] == (
            "seed: %s is not an integer" % purebp.errors.show(digits))
    assert page.request({"do": "start", "seed": "1e3"})["error"] == "seed: '1e3' is not an integer"


@pytest.mark.parametrize("field, limit", [
    ("seed", "numpy takes 0 to 2**32 - 1 (4294967295)"),
    ("iterations", "purebp refuses work of more than a day"),
    ("layers", "a network holds at most 20000000 weights")])
def test_a_number_of_thousands_of_digits_is_purebps_refusal(field, limit):
    """CPython's json reads no whole number past 4300 digits: its hint
    (sys.set_int_max_str_digits) is no message for the page's user."""
    digits = "1" * 5000
    value = "[3, %s]" % digits if field == "layers" else digits
    for sent in (value, json.dumps(value if field != "layers" else ["3", digits])):
        reply = strict_json(page.handle('{"do": "start", "%s": %s}' % (field, sent)))
        assert reply["error"] == ("%s: '%s...%s' (5000 characters) is too large: %s"
                                  % (field, digits[:23], digits[:7], limit)), reply
        assert [p for p in error_patterns() if p.search(reply["error"])], reply
    reply = strict_json(page.handle('{"do": "start", "seed": -%s}' % digits))
    assert reply["error"] == "seed: '-%s...%s' (5001 characters) is negative" % (
        digits[:22], digits[:7])
    assert [p for p in error_patterns() if p.search(reply["error"])], reply
    for sent in ('{"do": "start", "lr": %s}' % digits, '{"do": "run", "count": %s}' % digits):
        assert "set_int_max_str_digits" not in page.handle(sent)
