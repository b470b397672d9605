"""Pictures: the terminal chart on a fixed series, SVGs as XML, and SVGs as a browser draws them."""

import io
import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET

import pytest

import purebp
from conftest import load_reference
from pngcheck import ink
from purebp.chart import Progress, loss_chart, predictions_table
from purebp.cli import main
from purebp.random_start import initial_weights
from purebp.svg import chain_rule_svg, chain_rule_values, loss_svg, network_svg

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SVG = "{http://www.w3.org/2000/svg}"
SERIES = [(0, 1.2), (1000, 0.3), (2000, 0.05), (3000, 0.012), (4000, 0.006), (5000, 0.004)]


def test_terminal_chart_of_a_fixed_series():
    assert loss_chart(SERIES, "sse", width=12, height=5) == [
        "sse, log scale",
        "   1.2 |██",
        "       |██▆▆",
        "       |████▂▂",
        "       |██████",
        " 0.004 |████████▄▄▄▄",
        "       +────────────",
        "        0       5000",
    ]
    # ASCII: a cell at least half full is a #
    assert loss_chart(SERIES, "sse", width=12, height=5, ascii=True)[1:6] == [
        "   1.2 |##", "       |####", "       |####", "       |######", " 0.004 |############"]


def test_terminal_chart_is_linear_when_values_span_less_than_two_decades():
    lines = loss_chart([(0, 0.5), (10, 0.4), (20, 0.3)], "mae", width=6, height=3)
    assert lines[0] == "mae"
    assert lines[1].strip().startswith("0.5")


def test_predictions_table():
    assert predictions_table([[0, 1]], [[1]], [[0.875]], ["a", "b"], ["y"]) == [
        "a  b | y | predicted y", "0  1 | 1 |    0.875000"]
    assert predictions_table([[0]] * 20, [[1]] * 20, [[0.5]] * 20, ["a"], ["y"])[-1] == \
        "... and 8 more rows"


def test_progress_draws_on_a_terminal_only():
    stream = io.StringIO()
    progress = Progress(100, "sse", stream=stream, enabled=True)
    progress(64, 0.25)
    progress(100, 0.125)
    progress.finish()
    assert "iteration 64/100" in stream.getvalue() and "sse 0.25" in stream.getvalue()
    assert "iteration 100/100" in stream.getvalue()
    quiet = io.StringIO()
    Progress(100, "sse", stream=quiet)(100, 0.1)   # a StringIO is not a terminal
    assert quiet.getvalue() == ""


class Terminal(io.StringIO):
    def isatty(self):
        return True


# Two runs on a pseudo-terminal, a second: under the long marker (.ci/run).
@pytest.mark.long
def test_default_run_adds_the_chart_on_a_terminal_only(request):
    terminal = Terminal()
    assert main([], out=terminal) == 0
    text = terminal.getvalue()
    numpys = load_reference("expanded_seed1")["stdout"]
    assert text.startswith(numpys) and "Loss, log scale" in text[len(numpys):]
    # Piped, the output is numpy's byte for byte (test_cli runs it piped); quiet,
    # too: the article's output alone, seen on a shorter run of it.
    request.getfixturevalue("short_article")
    from purebp.article import expanded
    lines = []
    expanded(*purebp.load_data("seed"), write=lambda *words: lines.append(" ".join(words)))
    quiet = Terminal()
    main(["--quiet"], out=quiet)
    assert quiet.getvalue() == "\n".join(lines) + "\n"


def test_train_shows_chart_and_table_unless_quiet():
    out = io.StringIO()
    main(["train", "--data", "xor", "--layers", "3,4,1", "--iterations", "3000", "--every",
          "500", "--ascii"], out=out)
    assert "sse, log scale" in out.getvalue() and "#" in out.getvalue()
    assert "x1  x2  x3 | y | predicted y" in out.getvalue()
    quiet = io.StringIO()
    main(["train", "--iterations", "300", "--quiet"], out=quiet)
    assert quiet.getvalue().startswith("final sse: ") and len(quiet.getvalue().splitlines()) == 1


# --- SVG as XML ------------------------------------------------------------------------

def parse(text):
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == SVG + "svg"
    return root


def elements(root, tag, cls):
    return [e for e in root.iter(SVG + tag) if e.get("class") == cls]


def assert_self_contained(root):
    for e in root.iter():
        assert e.tag not in (SVG + "script", SVG + "image", SVG + "foreignObject", SVG + "a")
        for name, value in e.attrib.items():
            assert "href" not in name and not name.startswith("on"), name
            assert "url(" not in value and "http" not in value, (name, value)
    assert "@import" not in ET.tostring(root, encoding="unicode")


@pytest.mark.parametrize("layers", [[3, 1], [3, 4, 1], [3, 5, 4, 1], [2, 8, 3]])
def test_network_svg_has_a_node_per_unit_and_an_edge_per_weight(layers):
    weights = initial_weights(layers, 3)
    root = parse(network_svg(layers, weights))
    assert len(elements(root, "circle", "node")) == sum(layers)
    edges = elements(root, "line", "edge")
    assert len(edges) == sum(a * b for a, b in zip(layers, layers[1:]))
    tooltip = edges[0].find(SVG + "title").text
    assert tooltip == "syn0[0][0] = %r" % weights[0][0][0]
    colours = {e.get("stroke") for e in edges}
    assert len(colours) == 2                     # both signs occur in these starts
    assert_self_contained(root)


def test_loss_svg_has_a_point_per_report_and_a_log_axis():
    root = parse(loss_svg(SERIES, "sse"))
    assert len(elements(root, "circle", "point")) == len(SERIES)
    texts = [t.text for t in root.iter(SVG + "text")]
    assert "sse (log scale)" in texts and "iteration" in texts
    assert {"0.001", "0.01", "0.1", "1", "10"} <= set(texts)
    assert_self_contained(root)


def test_chain_rule_svg_shows_the_three_factors_and_their_values():
    X, y = purebp.load_data("seed")
    values = chain_rule_values(X, y, initial_weights([3, 1], 1)[0])
    root = parse(chain_rule_svg(values))
    factors = elements(root, "g", "factor")
    assert len(factors) == 3
    text = " ".join(t.text for t in root.iter(SVG + "text"))
    for symbol in ("d z/d w = x", "d l/d z = l(1 − l)", "d loss/d l = −(y − l)"):
        assert symbol in text
    assert "= -0.7624" in text and "= 0.1812" in text     # the first step's real numbers
    assert_self_contained(root)


def test_draw_command_writes_svgs(tmp_path):
    out = io.StringIO()
    net = str(tmp_path / "net.svg")
    assert main(["draw", "-o", net, "--data", "xor", "--layers", "3,4,1", "--iterations",
                 "100"], out=out) == 0
    assert len(elements(parse(open(net, encoding="utf-8").read()), "line", "edge")) == 16
    model = str(tmp_path / "m.json")
    main(["train", "--iterations", "10", "--save", model, "--quiet"], out=io.StringIO())
    assert main(["draw", "-o", net, "--model", model], out=out) == 0
    assert len(elements(parse(open(net, encoding="utf-8").read()), "line", "edge")) == 3
    chain = str(tmp_path / "chain.svg")
    assert main(["draw", "--chain-rule", "-o", chain, "--seed", "2"], out=out) == 0
    plot = str(tmp_path / "loss.svg")
    assert main(["train", "--iterations", "2000", "--plot", plot, "--quiet"], out=out) == 0
    assert len(elements(parse(open(plot, encoding="utf-8").read()), "circle", "point")) == 2


# Every picture drawn again, a second: under the long marker (.ci/run).
@pytest.mark.long
@pytest.mark.needs_processes
def test_pictures_in_docs_are_up_to_date(made_pictures):
    done, tmp_path = made_pictures
    assert done.returncode == 0, done.stderr
    made = sorted(os.listdir(str(tmp_path)))
    assert made == ["chain-rule.svg", "loss-seed.svg", "network.svg"]
    for name in made:
        with open(os.path.join(ROOT, "docs", "pictures", name), encoding="utf-8") as f:
            committed = f.read()
        assert committed == (tmp_path / name).read_text(encoding="utf-8"), name


# --- SVG as a browser draws it --------------------------------------------------------------

def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("PUREBP_REQUIRE_CHROMIUM") == "1":
        pytest.fail("headless Chromium is required here (apt-get install chromium)")
    pytest.skip("headless Chromium is not installed (apt-get install chromium)")


def render(svg_path, png_path, size="900,450"):
    profile = tempfile.mkdtemp(prefix="purebp-chromium-")
    try:
        subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                        "--user-data-dir=" + profile, "--window-size=" + size,
                        "--screenshot=" + png_path, "file://" + svg_path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert os.path.exists(png_path), "Chromium wrote no screenshot"


@pytest.mark.long      # Chromium: run by .ci/run (python -m pytest -m long)
@pytest.mark.parametrize("name", ["network.svg", "chain-rule.svg", "loss-seed.svg"])
@pytest.mark.needs_processes
def test_chromium_draws_each_picture(tmp_path, name):
    png = str(tmp_path / (name + ".png"))
    render(os.path.join(ROOT, "docs", "pictures", name), png)
    dark, colours, total = ink(png)
    assert dark > 1500, "the picture is (nearly) blank: %d dark pixels" % dark
    assert colours > 10
    assert dark < total / 2


def test_loss_svg_takes_numpy_reports_as_lists():
    """Arrays of reports, numpy ints and floats draw as the plain lists do
    (the tooltips show 0.5, not np.float64(0.5))."""
    np = pytest.importorskip("numpy")
    from purebp.svg import loss_svg
    H = [[0, 1.0], [10, 0.5], [20, 0.25]]
    plain = loss_svg(H, "sse", held_out=H)
    assert loss_svg(np.array(H), "sse", held_out=np.array(H)) == plain
    assert loss_svg([[np.int64(i), np.float64(v)] for i, v in H], "sse",
                    held_out=[tuple(p) for p in H]) == plain
