"""Run docs/notebook.ipynb and store its outputs, so GitHub shows its pictures.

Usage:  python tools/run_notebook.py [--check]

The picture of the cell whose metadata names one (``"purebp": {"picture":
"notebook-xor.svg"}``) is also written to docs/pictures/, for the README.

Needs nbclient and ipykernel (python -m pip install nbclient ipykernel);
purebp itself needs neither. The notebook runs as a reader's would, in
docs/, with this clone's purebp. Its outputs are the same on every run
(purebp's numbers are), so tests/test_notebook.py can compare the stored
ones with a fresh run; run this after changing what a cell shows.
``--check`` runs it and says whether the stored outputs are up to date,
writing nothing.
"""

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NOTEBOOK = os.path.join(ROOT, "docs", "notebook.ipynb")


def execute(path=NOTEBOOK, timeout=300):
    """The notebook at ``path``, run from the first cell to the last."""
    import nbformat
    from nbclient import NotebookClient
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": os.path.dirname(path)}}).execute()
    return notebook


def outputs(notebook):
    """What matters of each code cell's outputs: their kind, text and data
    (not the execution counts or metadata, which change from run to run)."""
    return [[(o["output_type"], o.get("name"), o.get("text"), dict(o.get("data", {})))
             for o in cell["outputs"]] for cell in notebook.cells if cell.cell_type == "code"]


def pictures(notebook):
    """``{file name: SVG text}`` of the cells whose metadata names a picture."""
    found = {}
    for cell in notebook.cells:
        name = cell.metadata.get("purebp", {}).get("picture")
        if name:
            found[name] = [o["data"]["image/svg+xml"] for o in cell.outputs
                           if "image/svg+xml" in o.get("data", {})][0]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="say whether the stored outputs are up to date; write nothing")
    args = parser.parse_args()
    try:
        import nbformat
        fresh = execute()
    except ImportError as error:
        print("run_notebook: error: %s (python -m pip install nbclient ipykernel)" % error,
              file=sys.stderr)
        return 2
    if args.check:
        same = outputs(fresh) == outputs(nbformat.read(NOTEBOOK, as_version=4))
        print("the stored outputs are %s" % ("up to date" if same else "out of date"))
        return 0 if same else 1
    for cell in fresh.cells:         # no kernel-specific metadata, for small diffs
        cell.metadata.pop("execution", None)
    nbformat.write(fresh, NOTEBOOK)
    print("wrote", os.path.relpath(NOTEBOOK))
    for name, text in sorted(pictures(fresh).items()):
        path = os.path.join(ROOT, "docs", "pictures", name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print("wrote", os.path.relpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
