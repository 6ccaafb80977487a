"""The module's surface against the standard's function list (python/tests/
functions_2025.12.md, generated from the 2025.12 stubs): every function exists in the main
namespace, `xp.linalg` or `xp.fft`, with the standard's parameters (names, positional-only /
keyword-only kinds and defaults); every array attribute and method exists."""

import ast
import inspect
import os
import re

import pytest

import xp

SPEC = os.path.join(os.path.dirname(__file__), "functions_2025.12.md")


def spec_entries():
    section, out = None, []
    for line in open(SPEC, encoding="utf-8"):
        m = re.match(r"## (\w+)", line)
        if m:
            section = m.group(1)
            continue
        m = re.match(r"- `(\w+)\((.*)\)`", line.strip())
        if m and section:
            out.append((section, m.group(1), m.group(2)))
    return out


ENTRIES = spec_entries()
FUNCTIONS = [e for e in ENTRIES if e[0] not in ("array_object", "info")]
ARRAY = [e for e in ENTRIES if e[0] == "array_object"]
INFO = [e for e in ENTRIES if e[0] == "info"]


def namespace(section):
    return {"linalg": xp.linalg, "fft": xp.fft}.get(section, xp)


def params_of_spec(sig):
    """(name, kind, default-or-None) of the spec's signature text."""
    tree = ast.parse(f"def f({sig}): pass").body[0].args
    out = []
    pos = tree.posonlyargs + tree.args
    defaults = [None] * (len(pos) - len(tree.defaults)) + [ast.unparse(d) for d in tree.defaults]
    for i, a in enumerate(pos):
        kind = "POSITIONAL_ONLY" if i < len(tree.posonlyargs) else "POSITIONAL_OR_KEYWORD"
        out.append((a.arg, kind, defaults[i]))
    if tree.vararg:
        out.append((tree.vararg.arg, "VAR_POSITIONAL", None))
    for a, d in zip(tree.kwonlyargs, tree.kw_defaults):
        out.append((a.arg, "KEYWORD_ONLY", None if d is None else ast.unparse(d)))
    if tree.kwarg:
        out.append((tree.kwarg.arg, "VAR_KEYWORD", None))
    return out


def params_of(fn):
    out = []
    for p in inspect.signature(fn).parameters.values():
        d = None if p.default is inspect.Parameter.empty else p.default
        out.append((p.name, p.kind.name, d))
    return out


def test_spec_list_is_complete():
    assert len(FUNCTIONS) == 16 + 6 + 67 + 2 + 4 + 15 + 6 + 5 + 2 + 9 + 3 + 25 + 14
    assert len(ARRAY) == 41


@pytest.mark.parametrize("section,name,sig", FUNCTIONS, ids=[f"{s}.{n}" for s, n, _ in FUNCTIONS])
def test_function_signature(section, name, sig):
    ns = namespace(section)
    assert hasattr(ns, name), f"{name} missing from {ns.__name__}"
    want = params_of_spec(sig)
    got = params_of(getattr(ns, name))
    assert [(n, k) for n, k, _ in got] == [(n, k) for n, k, _ in want]
    for (n, _, dg), (_, _, dw) in zip(got, want):
        if dw is None or isinstance(dg, type(Ellipsis)):
            continue
        # pyo3 renders defaults as Python literals where it can (or `...`).
        assert repr(dg) == dw or str(dg) == dw or dg == ast.literal_eval(dw), (n, dg, dw)


@pytest.mark.parametrize("name", [n for _, n, _ in ARRAY])
def test_array_member(name):
    x = xp.asarray([[1.0, 2.0], [3.0, 4.0]])
    assert hasattr(x, name), name


@pytest.mark.parametrize("name", [n for _, n, _ in INFO])
def test_info_member(name):
    info = xp.__array_namespace_info__()
    assert name == "__array_namespace_info__" or hasattr(info, name), name
