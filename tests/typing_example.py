"""The public API as a typed program: ``python -m mypy --strict`` passes on it.

tests/test_typing.py runs mypy on this file (when mypy is installed) and
also runs it, so it is real code. Every annotation below is checked
against purebp's stubs (``purebp/*.pyi``): with ``Any`` in their place,
``--strict``'s ``warn_return_any`` and the wrong call in test_typing.py
would tell.
"""

import json
import os
import tempfile
from typing import Dict, List, Optional, Tuple

import purebp
from purebp.narration import Story
from purebp.gradcheck import GradientCheck
from purebp.model import Model
from purebp.network import Step, Training
from purebp.svg import SVG, chain_rule_svg, chain_rule_values, loss_svg, network_svg

Matrix = List[List[float]]


def article() -> Tuple[Training, Matrix]:
    X, y = purebp.load_data("seed")
    result: Training = purebp.train(X, y, seed=1, iterations=1000, every=500)
    syn0: Matrix = result.weights[0]
    l1: Matrix = purebp.predict(result.weights, [[1, 0, 1]])
    return result, [syn0[0], l1[0]]


def hidden_layer() -> Model:
    X, y = purebp.load_data("xor")
    result = purebp.train(X, y, layers=[3, 4, 1], iterations=500, lr=0.5,
                          progress=lambda done, metric: None)
    l0, l1, l2 = purebp.forward(result.weights, X)
    s: Step = purebp.step(result.weights, X, [0, 1, 1, 0])
    assert len(s.l) == 3 and len(l2) == 4
    history: List[Tuple[int, float]] = result.history
    assert history
    return Model.from_training(result, data="xor", X=X, y=y)


def helpers() -> float:
    A: Matrix = purebp.dot([[1, 2]], purebp.transpose([[3, 4]]))
    B = purebp.add(A, 1.0)
    rows, cols = purebp.shape(purebp.multiply(B, purebp.subtract(B, 0.5)))
    return purebp.total(purebp.apply(purebp.sigmoid, B)) + rows + cols + purebp.sigmoid_derivative(0.5)


def pictures(result: Training, model: Model) -> List[str]:
    X, y = purebp.load_data("seed")
    values: Dict[str, float] = chain_rule_values(X, y, purebp.initial_weights([3, 1], 1)[0])
    svgs: List[SVG] = [loss_svg(result.history, "sse"), network_svg(result.layers, result.weights),
                       chain_rule_svg(values)]
    texts: List[str] = [str(picture) for picture in svgs]     # an SVG is a str
    texts.append(result._repr_svg_())
    drawn: Optional[str] = model._repr_svg_()      # None if its fields no longer hold together
    assert drawn is not None
    texts.append(drawn)
    return texts


def story() -> str:
    X, y = purebp.load_data("seed")
    told: Story = purebp.explain(X, y, layers=[3, 1], at=2)
    names = [q["name"] for q in told["quantities"]]
    return json.dumps(names) + told._repr_html_()


def checks() -> bool:
    X, y = purebp.load_data("xor")
    weights = purebp.initial_weights([3, 2, 1], seed=3)
    report: GradientCheck = purebp.gradient_check(weights, X, y)
    worst: float = report.worst.relative_error
    deviations = purebp.self_check()
    generator = purebp.MT19937(1)
    return report.passed and worst < 1 and all(d < 1e-12 for _, d in deviations) \
        and 0 <= generator.random() < 1


def saved(model: Model) -> Matrix:
    path = os.path.join(tempfile.mkdtemp(), "xor.json")
    purebp.save(model, path)
    again: Model = purebp.load(path)
    try:
        purebp.train([[0]], [[1, 2]])
    except purebp.PurebpError as error:
        assert "y" in str(error)
    return again.predict([[1, 0, 1]])


def main() -> None:
    result, numbers = article()
    model = hidden_layer()
    assert helpers() > 0
    assert all(text.count("<svg") >= 1 for text in pictures(result, model))
    assert "<table" in story()
    assert checks()
    assert len(saved(model)) == 1 and len(numbers) == 2
    print("typing example: ran", purebp.__version__)


if __name__ == "__main__":
    main()
