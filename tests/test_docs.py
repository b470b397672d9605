"""The docs cover the code: every public name in docs/api.md, links that resolve."""

import ast
import os
import re

import pytest

import purebp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "purebp")


def read(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as f:
        return f.read()


def public_names(filename):
    """Names a module defines itself (not imports), without a leading _."""
    tree = ast.parse(read("purebp", filename))
    names = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for leaf in ast.walk(target):
                    if isinstance(leaf, ast.Name):
                        names.append(leaf.id)
    return [n for n in names if not n.startswith("_")]


def test_api_page_lists_every_public_name():
    api = read("docs", "api.md")
    missing = []
    for filename in sorted(os.listdir(PACKAGE)):
        if not filename.endswith(".py") or filename.startswith("__"):
            continue
        section = api.split("## `purebp.%s`" % filename[:-3])
        assert len(section) == 2, "docs/api.md has no section for purebp.%s" % filename[:-3]
        body = section[1].split("\n## ")[0]
        for name in public_names(filename):
            if not re.search(r"`%s[`(,]" % re.escape(name), body):
                missing.append("%s.%s" % (filename[:-3], name))
    assert missing == []


def test_top_level_names_are_marked_in_the_api_page():
    api = read("docs", "api.md")
    for name in purebp.__all__:
        assert re.search(r"`%s[`(].*\*top level\.\*" % re.escape(name), api), name


def test_relative_links_resolve():
    for page in ["README.md", "README.zh-CN.md", "docs/walkthrough.md",
                 "docs/walkthrough.zh-CN.md", "docs/numerics.md", "docs/api.md",
                 "docs/errors.md", "docs/performance.md", "docs/conventions.md",
                 "docs/your-data.md", "docs/your-data.zh-CN.md",
                 "docs/microcontrollers.md", "docs/microcontrollers.zh-CN.md"]:
        text = read(page)
        for target in re.findall(r"\]\(([^)#:]+)\)", text):
            path = os.path.join(ROOT, os.path.dirname(page), target)
            assert os.path.exists(path), "%s links to %s" % (page, target)


def test_readmes_link_each_other():
    assert "README.zh-CN.md" in read("README.md")
    assert "(README.md)" in read("README.zh-CN.md")


def test_the_tutorial_pages_link_each_other_and_give_the_split_program():
    english, chinese = read("docs", "your-data.md"), read("docs", "your-data.zh-CN.md")
    assert "(your-data.zh-CN.md)" in english and "(your-data.md)" in chinese
    program = "order = np.random.RandomState(seed).permutation(len(y))"
    assert program in english and program in chinese
    assert program in read("purebp", "holdout.py")
    assert "docs/your-data.md" in read("README.md")


# --- what the docs show a command printing is what it prints ----------------------------

def shown_runs(*parts):
    """The ``(command words, shown lines)`` of a page: each fenced block
    holding one ``python -m purebp`` command and, in the next block, what
    it prints (``...`` stands for lines left out)."""
    blocks = re.findall(r"^```\w*\n(.*?)^```", read(*parts), re.M | re.S)
    runs = []
    for block, after in zip(blocks, blocks[1:]):
        command = block.replace("\\\n", " ").split()
        if command[:3] == ["python", "-m", "purebp"] and not after.startswith("python"):
            runs.append((command[3:], after.splitlines()))
    return runs


def shown_as_printed(shown, printed):
    """Whether the shown lines are printed in order from the first: each the
    next printed line, or after a ``...`` line a later one (a page may stop
    showing before the output ends)."""
    printed = iter(printed)
    skipping = False
    for line in shown:
        if line.strip() == "...":
            skipping = True
            continue
        for got in printed:
            if got == line:
                break
            if not skipping:
                return False
        else:
            return False
        skipping = False
    return True


# Four trainings of iris, seconds: in .ci/run's long tests, not the README's command.
@pytest.mark.long
def test_the_worked_examples_print_what_the_pages_show(tmp_path):
    from purebp.iris import csv_text
    import inprocess
    (tmp_path / "flowers.csv").write_text(csv_text(), encoding="utf-8")
    checked = 0
    for page in (("README.md",), ("README.zh-CN.md",), ("docs", "your-data.md"),
                 ("docs", "your-data.zh-CN.md")):
        for words, shown in shown_runs(*page):
            data = words[words.index("--data") + 1] if "--data" in words else None
            if words[:1] not in (["train"], ["predict"]) or data == "digits.csv":
                continue                     # digits.csv is the reader's own download
            done = inprocess.purebp(words, cwd=str(tmp_path))
            assert done.returncode == 0, (page, words, done.stderr)
            assert shown_as_printed(shown, done.stdout.splitlines()), (
                "%s shows for %s:\n%s\nbut it prints:\n%s"
                % ("/".join(page), " ".join(words), "\n".join(shown), done.stdout))
            checked += 1
    assert checked == 4     # README's iris; your-data's flowers and predict; its Chinese page's flowers
