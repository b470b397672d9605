"""purebp in Jupyter: what its objects show, and docs/notebook.ipynb.

The reprs need nothing but purebp. Running the notebook needs nbclient and
ipykernel (installed by .ci/run, which sets PUREBP_REQUIRE_NOTEBOOK=1 so
that the run cannot be skipped there); without them it skips with the reason.
"""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import purebp
from test_bad_input import error_patterns
from purebp.narration import Story
from purebp.notebook import MOST_EDGES, gradcheck_html, model_svg, story_html, training_svg
from purebp.svg import SVG, chain_rule_svg, loss_svg, network_svg

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOTEBOOK = os.path.join(ROOT, "docs", "notebook.ipynb")
SVG_NS = "{http://www.w3.org/2000/svg}"


def elements(svg_text, tag, cls=None):
    root = ET.fromstring(svg_text)
    return [e for e in root.iter(SVG_NS + tag)
            if cls is None or cls in (e.get("class") or "").split()]


# --- the SVG helpers: a str that Jupyter shows as a picture ----------------------------

@pytest.mark.parametrize("picture", [
    lambda: network_svg([3, 1], [[[0.5], [-1.0], [2.0]]]),
    lambda: loss_svg([(0, 1.0), (1000, 0.1)], "sse"),
    lambda: chain_rule_svg(),
])
def test_svg_helpers_give_text_that_jupyter_shows(picture, tmp_path):
    text = picture()
    assert isinstance(text, str) and isinstance(text, SVG)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by purebp -->\n<svg ')
    shown = text._repr_svg_()
    assert shown.startswith("<svg ") and text.endswith(shown)    # the declaration left out
    ET.fromstring(shown)
    # where a string is expected, it is the string
    assert text == str(text) and type(str(text)) is str
    assert json.loads(json.dumps({"svg": text}))["svg"] == text
    path = tmp_path / "p.svg"
    with open(str(path), "w", encoding="utf-8") as f:
        f.write(text)
    assert path.read_text(encoding="utf-8") == text
    assert repr(text) == repr(str(text))


# --- Training, Model, explain ---------------------------------------------------------

def test_a_training_shows_its_loss_curve_and_its_network():
    X, y = purebp.load_data("xor")
    result = purebp.train(X, y, layers=[3, 4, 1], iterations=3000, every=1000)
    shown = result._repr_svg_()
    assert shown.startswith("<svg ") and shown == training_svg(result)._repr_svg_()
    assert len(elements(shown, "svg")) == 3                       # the frame and two pictures
    assert len(elements(shown, "circle", "point")) == len(result.history) == 3
    assert len(elements(shown, "line", "edge")) == 3 * 4 + 4 * 1
    assert len(elements(shown, "circle", "node")) == 3 + 4 + 1
    assert "sse over 3000 iterations" in shown and "network 3,4,1: sigmoid, half-sse" in shown
    assert repr(result) == "<Training layers=3,4,1 iterations=3000>"    # the text is unchanged


def test_a_training_without_reports_or_with_batches_or_held_out_rows():
    X, y = purebp.load_data("xor")
    quiet = purebp.train(X, y, iterations=100, every=0)._repr_svg_()
    assert elements(quiet, "circle", "point") == [] and len(elements(quiet, "line", "edge")) == 3
    batches = purebp.train(X, y, epochs=20, batch_size=2, every=5)._repr_svg_()
    assert "sse over 20 epochs" in batches and ">epoch</text>" in batches
    held = purebp.train(X, y, iterations=200, every=100, held_out=(X[:2], y[:2]))._repr_svg_()
    assert len(elements(held, "circle", "held-out")) == 2


def test_a_network_too_large_to_draw_is_described():
    X = [[0.5] * 60 + [1]]
    result = purebp.train(X, [[1]], layers=[61, 40, 1], iterations=2, every=1)
    assert 61 * 40 + 40 > MOST_EDGES
    shown = result._repr_svg_()
    assert elements(shown, "line", "edge") == []
    assert "has %d weights: more than the %d a notebook draws" % (61 * 40 + 40, MOST_EDGES) in shown
    assert len(elements(shown, "circle", "point")) == 2                  # the curve is still there


def test_a_model_shows_its_network_layers_and_inputs():
    X, y = purebp.load_data("iris")
    result = purebp.train(X, y, layers=[5, 3, 3], iterations=20, loss="softmax", every=10)
    model = purebp.Model.from_training(result, data="iris", X=X, y=y, bias=True,
                                       inputs=["sepal<length", "sepal_width", "petal_length",
                                               "petal_width", "bias"],
                                       classes=["setosa", "versicolor", "virginica"])
    shown = model._repr_svg_()
    assert shown == model_svg(model)._repr_svg_()
    assert len(elements(shown, "line", "edge")) == 5 * 3 + 3 * 3
    texts = [t.text for t in elements(shown, "text")]
    assert "model 5,3,3: sigmoid, softmax" in texts
    assert "sepal<length" in texts and "virginica" in texts              # escaped, and parsed back
    assert any(t.startswith("inputs: sepal<length, sepal_width") and "adds the bias" in t
               for t in texts)
    assert any(t.startswith("trained on iris: 20 iterations, seed 1") for t in texts)
    assert repr(model) == ("<Model layers=5,3,3 inputs=sepal<length,sepal_width,petal_length,"
                           "petal_width,bias loss=softmax>")


def test_explain_gives_its_dict_and_shows_the_narrated_table():
    X, y = purebp.load_data("seed")
    story = purebp.explain(X, y, inputs=["a<b", "c&d", "bias"])
    assert isinstance(story, Story) and isinstance(story, dict)
    assert story["layers"] == [3, 1] and story["quantities"][0]["name"] == "X"
    assert json.loads(json.dumps(story))["quantities"][3]["value"] == story["quantities"][3]["value"]
    assert dict(story) == story and sorted(story) == sorted(
        ["iteration", "layers", "seed", "lr", "loss", "activation", "batch_size", "batch",
         "quantities"])
    html = story._repr_html_()
    assert html == story_html(story)
    table = ET.fromstring(html.replace("<br>", "<br/>"))                  # well formed
    rows = [tr for tr in table.iter("tr") if tr.find("td") is not None]
    assert len(rows) == len(story["quantities"])
    assert "a&lt;b, c&amp;d" in html and "a<b" not in html
    assert "l = 1 / (1 + np.exp(-np.dot(X, syn)))   [6]" in html
    assert "[[-0.16595599]\n [ 0.44064899]\n [-0.99977125]]" in html   # as numpy prints syn
    chinese = story_html(story, "zh-CN")
    assert "前向传播" in chinese


def test_a_gradient_check_shows_its_verdict_and_its_worst_weights_first():
    X, y = purebp.load_data("xor")
    weights = purebp.train(X, y, layers=[3, 4, 1], iterations=100, every=0).weights
    check = purebp.gradient_check(weights, X, y)
    assert repr(check) == "<GradientCheck passed: worst relative error %.3g at syn[%d][%d][%d], " \
        "16 weights>" % ((check.worst.relative_error,) + check.worst.where)
    html = check._repr_html_()
    assert "gradient check passed" in html and html.count("<tr><td>syn[") == 16
    first = html.index("<tr><td>syn[%d][%d][%d]</td>" % check.worst.where)
    assert first == html.index("<tr><td>syn[")                  # the worst comes first
    assert "<td>%r</td>" % check.worst.backprop in html
    short = gradcheck_html(check, most=5)
    assert short.count("<tr><td>syn[") == 5 and "and 11 more, each closer" in short
    relu = purebp.gradient_check([[[0.0, 1.0]], [[1.0], [1.0]]], [[1.0]], [[1.0]],
                                 activation="relu")
    assert "1 at a ReLU's kink (not judged)" in relu._repr_html_()
    assert repr(relu).endswith(", 4 weights, 1 at a ReLU's kink (not judged)>"), repr(relu)
    assert "(kink)" in relu._repr_html_()


def test_the_pictures_load_only_when_a_notebook_asks():
    """Nothing of the pictures on import or training (a board pays for every
    import), and IPython never: the _repr_*_ protocol needs no import."""
    code = ("import sys, purebp\n"
            "X, y = purebp.load_data('seed')\n"
            "r = purebp.train(X, y, iterations=10)\n"
            "s = purebp.explain(X, y)\n"
            "assert 'purebp.notebook' not in sys.modules and 'purebp.svg' not in sys.modules\n"
            "r._repr_svg_(); s._repr_html_()\n"
            "assert 'purebp.notebook' in sys.modules\n"
            "assert not [m for m in sys.modules if m.split('.')[0] in ('IPython', 'ipykernel')]\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    assert done.returncode == 0, done.stderr


# --- docs/notebook.ipynb, as stored -----------------------------------------------------

def stored():
    with open(NOTEBOOK, encoding="utf-8") as f:
        return json.load(f)


def joined(value):
    return "".join(value) if isinstance(value, list) else value


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def test_the_stored_notebook_carries_its_pictures():
    """GitHub shows the stored outputs: every cell ran, in order, without an
    error, and the pictures and the table are there."""
    cells = code_cells(stored())
    assert [cell["execution_count"] for cell in cells] == list(range(1, len(cells) + 1))
    kinds = []
    for cell in cells:
        for output in cell["outputs"]:
            assert output["output_type"] != "error", joined(cell["source"])
            data = output.get("data", {})
            if "image/svg+xml" in data:
                svg = joined(data["image/svg+xml"])
                assert svg.startswith("<svg ")
                ET.fromstring(svg)
                kinds.append("svg")
            if "text/html" in data:
                assert joined(data["text/html"]).startswith('<table class="purebp-explain">')
                kinds.append("table")
    assert kinds.count("svg") >= 4 and kinds.count("table") == 1, kinds


def test_the_notebook_uses_the_articles_names():
    sources = "\n".join(joined(cell["source"]) for cell in code_cells(stored()))
    for name in ("X, y = purebp.load_data", "syn0", "l1", "l0", "syn1", "l2"):
        assert name in sources


def test_the_readme_picture_is_the_notebooks():
    for cell in code_cells(stored()):
        name = cell["metadata"].get("purebp", {}).get("picture")
        if name:
            svg = [joined(o["data"]["image/svg+xml"]) for o in cell["outputs"]
                   if "image/svg+xml" in o.get("data", {})][0]
            with open(os.path.join(ROOT, "docs", "pictures", name), encoding="utf-8") as f:
                assert f.read() == svg, "run python tools/run_notebook.py"
            with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
                assert "docs/pictures/%s" % name in f.read()
            return
    pytest.fail("no cell of the notebook names the README's picture")


# --- docs/notebook.ipynb, run afresh ------------------------------------------------------

def notebook_tools():
    try:
        import ipykernel  # noqa: F401
        import nbclient  # noqa: F401
        import nbformat  # noqa: F401
    except ImportError as error:
        if os.environ.get("PUREBP_REQUIRE_NOTEBOOK") == "1":
            pytest.fail("nbclient and ipykernel are required here: %s" % error)
        pytest.skip("nbclient or ipykernel is not installed (python -m pip install nbclient "
                    "ipykernel): %s" % error)
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    try:
        import run_notebook
    finally:
        sys.path.pop(0)
    return run_notebook


@pytest.mark.long      # mypy / nbclient: run by .ci/run (python -m pytest -m long)
@pytest.mark.needs_processes
def test_the_notebook_runs_and_its_stored_outputs_are_up_to_date():
    run_notebook = notebook_tools()
    import nbformat
    fresh = run_notebook.execute()
    outputs = run_notebook.outputs(fresh)
    pictures = [o for cell in outputs for o in cell if "image/svg+xml" in o[3]]
    assert len(pictures) >= 4
    assert all(o[3]["image/svg+xml"].startswith("<svg ") for o in pictures)
    assert outputs == run_notebook.outputs(nbformat.read(NOTEBOOK, as_version=4)), \
        "the stored outputs are out of date: run python tools/run_notebook.py"


# --- text from users, in every picture and table ---------------------------------------------

HOSTILE = ["a<b&\x00c", "]]>", "it<\x02", "\ud800", "x\x1b[31m", "<script>alert(1)</script>",
           '"q" & \'a\'', "\u202ebackwards", "\ufffe", "&amp;", "-->"]


def well_formed_xml(text):
    """The SVG parsed as XML (minidom), strictly: any unescaped text fails."""
    import xml.dom.minidom
    return xml.dom.minidom.parseString(text.encode("utf-8", "surrogatepass"))


def html_tags(text):
    """The tags (and their attributes) html.parser finds: hostile text must add none."""
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        def __init__(self):
            HTMLParser.__init__(self)
            self.seen, self.data = [], []

        def handle_starttag(self, tag, attrs):
            self.seen.append((tag, tuple(attrs)))

        def handle_endtag(self, tag):
            self.seen.append(("/" + tag, ()))

        def handle_data(self, data):
            self.data.append(data)

    parser = Tags()
    parser.feed(text)
    parser.close()
    assert not any("\x00" in d or "\ud800" in d or "\x1b" in d for d in parser.data), parser.data
    return parser.seen


def pictures_of(word):
    """Every public picture and table, with ``word`` in each text a user gives."""
    from purebp.streams import is_control
    X, y = purebp.load_data("seed")
    result = purebp.train(X, y, iterations=200, every=100)
    result.settings["metric"] = word
    result.settings["activation"] = word
    name = "".join(c for c in word if not is_control(c)) or "n"     # a Model refuses the others
    model = purebp.Model.from_training(purebp.train(X, y, iterations=20),
                                       inputs=[name, name + "2", name + "3"], targets=[name + "y"])
    model.training["data"] = word
    story = purebp.explain(X, y, inputs=[word, "b", "c"])
    story["loss"] = word
    svgs = [loss_svg([(0, 1.0), (1, 2.0)], word, title=word, unit=word),
            loss_svg([(0, 1.0)], word, unit=word, held_out=[(0, 2.0)]),
            network_svg([3, 1], [[[0.5], [-1.0], [2.0]]], inputs=[word, "b", "c"],
                        targets=[word], title=word),
            training_svg(result), model_svg(model), SVG(result._repr_svg_()),
            SVG(model._repr_svg_())]
    htmls = [story_html(story), story_html(story, "zh-CN"), story._repr_html_()]
    return svgs, htmls


def test_text_from_users_is_escaped_in_every_picture_and_table():
    plain_svgs, plain_htmls = pictures_of("plain")
    for word in HOSTILE:
        svgs, htmls = pictures_of(word)
        for picture in svgs:
            well_formed_xml(picture)
        for table, plain in zip(htmls, plain_htmls):
            assert html_tags(table) == html_tags(plain), word


# --- objects changed by hand: reprs never fail, pictures name the field -----------------------

BAD_VALUES = [None, "many", {}, [], -1, 2.5, [[]], [None], True, ("a",), 10 ** 5000]


def changed_copies(make, fields, keyed=()):
    """``make()`` with one field set to each bad value (or, for a dict's key in
    ``keyed``, deleted), a copy each."""
    for field in fields:
        for value in BAD_VALUES:
            obj = make()
            setattr(obj, field, value) if isinstance(field, str) else field(obj, value)
            yield obj
    for getter, keys in keyed:
        for key in keys:
            for value in BAD_VALUES + ["delete"]:
                obj = make()
                if value == "delete":
                    del getter(obj)[key]
                else:
                    getter(obj)[key] = value
                yield obj


def assert_holds_or_names_the_field(obj, picture, hook):
    assert isinstance(repr(obj), str)
    shown = getattr(obj, hook)()
    assert shown is None or isinstance(shown, str)
    try:
        text_out = picture(obj)
    except purebp.PurebpError as error:
        assert shown is None
        message = str(error)
        assert "\n" not in message and len(message) < 400, message
        assert [p for p in error_patterns() if p.search(message)], message
    else:
        assert isinstance(text_out, str)


def test_a_training_changed_by_hand_is_a_repr_and_a_named_field():
    X, y = purebp.load_data("seed")
    trained = purebp.train(X, y, iterations=200, every=100)

    def make():
        return purebp.network.Training(list(trained.layers), [[list(r) for r in syn]
                                                              for syn in trained.weights],
                                       trained.outputs, list(trained.history),
                                       dict(trained.settings))

    def weight(obj, value):
        obj.weights[0][1] = value

    settings = lambda t: t.settings
    copies = changed_copies(make, ("layers", "weights", "settings", "history", "held_out",
                                   weight),
                            [(settings, ("iterations", "metric", "loss", "activation",
                                         "batch_size", "epochs"))])
    for obj in copies:
        assert_holds_or_names_the_field(obj, training_svg, "_repr_svg_")
    obj = make()
    obj.settings = {}
    assert repr(obj) == "<Training layers=[3, 1] settings={}>" and obj._repr_svg_() is None


# Half a second: under the long marker (.ci/run).
@pytest.mark.long
def test_a_story_changed_by_hand_is_a_dict_and_a_named_field():
    X, y = purebp.load_data("xor")
    told = purebp.explain(X, y, layers=[3, 4, 1])

    def make():
        return Story(json.loads(json.dumps(told)))

    def quantity(k):
        return lambda s: s["quantities"][k]

    keyed = [(lambda s: s, ("iteration", "layers", "lr", "loss", "activation", "batch_size",
                             "quantities", "seed"))]
    keyed += [(quantity(k), ("section", "name", "code", "line", "meaning", "args", "value"))
              for k in (0, 5)]
    for obj in changed_copies(make, (), keyed):
        assert_holds_or_names_the_field(obj, story_html, "_repr_html_")
    obj = make()
    obj["lr"] = "x"
    with pytest.raises(purebp.PurebpError) as refused:
        story_html(obj)
    assert str(refused.value) == ("story_html: story['lr'] is 'x', not a number: was it "
                                  "changed after explain made it?")
    # A bool is no number (task h21n: True passed as the whole number 1)
    for key, value, what in [("lr", True, "a number"), ("iteration", True, "a whole number of "
                             "at least 1"), ("layers", [3, True, 1], "a list of layer sizes")]:
        obj = make()
        obj[key] = value
        with pytest.raises(purebp.PurebpError) as refused:
            story_html(obj)
        assert str(refused.value) == ("story_html: story[%r] is %s, not %s: was it changed "
                                      "after explain made it?" % (key, value, what))
    obj = make()
    obj["quantities"][0]["value"] = [[True]]
    with pytest.raises(purebp.PurebpError) as refused:
        story_html(obj)
    assert str(refused.value) == ("story_html: story['quantities'][0]['value'] is [[True]], not "
                                  "a matrix of numbers: was it changed after explain made it?")


def test_a_gradient_check_changed_by_hand_is_a_repr_and_a_named_field():
    X, y = purebp.load_data("seed")
    weights = purebp.random_start.initial_weights([3, 1], 1)
    checked = purebp.gradient_check(weights, X, y)
    import copy

    def make():
        return copy.deepcopy(checked)

    def comparison(field):
        def change(obj, value):
            setattr(obj.comparisons[0], field, value)
        return change

    fields = ("comparisons", "worst", "kinks", "threshold", "passed") + tuple(
        comparison(f) for f in ("where", "backprop", "numerical", "kink", "relative_error"))
    for obj in changed_copies(make, fields):
        assert_holds_or_names_the_field(obj, gradcheck_html, "_repr_html_")
        for c in obj.comparisons if isinstance(obj.comparisons, list) else []:
            assert isinstance(repr(c), str)
    obj = make()
    obj.comparisons = None
    assert repr(obj).startswith("<GradientCheck comparisons=None") and obj._repr_html_() is None
    obj = make()
    obj.threshold = True
    with pytest.raises(purebp.PurebpError) as refused:
        gradcheck_html(obj)
    assert str(refused.value) == ("gradcheck_html: check.threshold is True, not a number: was "
                                  "it changed after gradient_check made it?")
