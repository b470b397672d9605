"""Draw the pictures the docs show, into docs/pictures/ (or --out).

Usage:  python tools/make_pictures.py [--out docs/pictures]

* network.svg: Trask's 3,4,1 network after 60000 iterations on XOR;
* chain-rule.svg: the article's single neuron and its chain rule, with the
  numbers of the first step from seed 1 (example row 1,0,1, weight w1);
* loss-seed.svg: the expanded program's loss, every 1000 iterations.

Standard library and purebp only; the output is the same on every run.
The three files are written as the command line writes its outputs
(purebp.files.Outputs): all or none, new files with the usual permissions
(0666 less the umask), replaced ones keeping theirs.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import purebp  # noqa: E402  (after the path is set)
from purebp.errors import PurebpError  # noqa: E402
from purebp.files import Outputs  # noqa: E402
from purebp.random_start import initial_weights  # noqa: E402
from purebp.svg import chain_rule_svg, chain_rule_values, loss_svg, network_svg  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=os.path.join(HERE, os.pardir, "docs", "pictures"),
                        help="folder for the SVG files (default: docs/pictures)")
    args = parser.parse_args()
    paths = dict((name, os.path.join(args.out, name))
                 for name in ("network.svg", "chain-rule.svg", "loss-seed.svg"))
    try:
        outputs = Outputs([(None, path, "picture") for name, path in sorted(paths.items())])
    except PurebpError as error:      # checked before drawing anything
        print("make_pictures: error: %s" % error, file=sys.stderr)
        return 2
    X, y = purebp.load_data("xor")
    xor = purebp.train(X, y, layers=[3, 4, 1], seed=1, iterations=60000, every=0)
    pictures = {"network.svg": network_svg(xor.layers, xor.weights,
                                           title="Trask's 3,4,1 network, trained on XOR")}
    X, y = purebp.load_data("seed")
    values = chain_rule_values(X, y, initial_weights([3, 1], 1)[0], row=2, weight=0)
    pictures["chain-rule.svg"] = chain_rule_svg(values)
    seed = purebp.train(X, y, seed=1, iterations=10000, loss="sse", every=1000, metric="sse")
    pictures["loss-seed.svg"] = loss_svg(seed.history, "sse",
                                         title="the article's loss, seed 1")
    try:
        outputs.write(dict((paths[name], text) for name, text in pictures.items()))
    except PurebpError as error:
        print("make_pictures: error: %s" % error, file=sys.stderr)
        return 1
    for name in sorted(pictures):
        print("wrote", os.path.normpath(paths[name]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
