# funnelplan — help() teaches: the examples in the package's docstrings run
# as written, every field of every public class is documented, and every
# public function and method has an example and type hints.
# SPDX-License-Identifier: MIT

import dataclasses
import doctest
import importlib
import inspect
import pkgutil
import re
import unittest

import fpl_support  # noqa: F401  (sets the import path)

import funnelplan


def _modules():
    """The package and every module of it (found, so a new one is not missed)."""
    yield funnelplan
    for info in pkgutil.iter_modules(funnelplan.__path__):
        if info.name in ("_paths", "_api"):  # _api: generated ctypes tables
            continue
        yield importlib.import_module("funnelplan." + info.name)


def load_tests(loader, tests, pattern):
    for module in _modules():
        tests.addTests(doctest.DocTestSuite(module))
    return tests


def _public_classes():
    return [(name, obj) for name, obj in sorted(vars(funnelplan).items())
            if name in funnelplan.__all__ and inspect.isclass(obj)]


def _fields(cls):
    """The public fields of a dataclass or a NamedTuple (none for others)."""
    if dataclasses.is_dataclass(cls):
        return [f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")]
    return list(getattr(cls, "_fields", ()))


def _callables():
    """(qualified name, function, is a property) of every public function
    and of every public method of a public class, inherited ones included
    (documented where they are defined)."""
    for name in funnelplan.__all__:
        obj = getattr(funnelplan, name)
        if inspect.isfunction(obj):
            yield name, obj, False
        elif inspect.isclass(obj) and obj.__module__.startswith("funnelplan"):
            for attr in dir(obj):
                if attr.startswith("_") and attr not in ("__init__", "__str__", "__getitem__"):
                    continue
                raw = inspect.getattr_static(obj, attr)
                owner = next((k for k in obj.__mro__ if attr in vars(k)), object)
                if not owner.__module__.startswith("funnelplan"):
                    continue  # object's, tuple's, ValueError's
                if isinstance(raw, property):
                    yield "%s.%s" % (name, attr), raw.fget, True
                elif isinstance(raw, (staticmethod, classmethod)):
                    yield "%s.%s" % (name, attr), raw.__func__, False
                elif inspect.isfunction(raw):
                    if attr == "__init__" and dataclasses.is_dataclass(obj):
                        continue  # written by @dataclass from the annotated fields
                    yield "%s.%s" % (name, attr), raw, False


class HelpTeaches(unittest.TestCase):
    def test_every_field_is_documented_in_its_class(self):
        # "name: meaning" (or "name, other: meaning") on a line of the class's
        # docstring, or of a base class's that it names ("the fields of PaceRow").
        missing = []
        for name, cls in _public_classes():
            doc = inspect.getdoc(cls) or ""
            docs = [doc] + [inspect.getdoc(b) or "" for b in cls.__mro__[1:]
                            if b.__module__.startswith("funnelplan") and b.__name__ in doc]
            for field in _fields(cls):
                pattern = r"^\s*(\w+, )*%s(, \w+)*( \(.*\))?: \S" % re.escape(field)
                if not any(re.search(pattern, d, re.M) for d in docs):
                    missing.append("%s.%s" % (name, field))
        self.assertEqual(missing, [], "fields without a line in their class's docstring")

    def test_every_function_and_method_has_a_docstring_with_an_example(self):
        no_doc, no_example = [], []
        for qual, func, is_property in _callables():
            # a constructor is documented by its class (as help() shows it)
            owner = getattr(funnelplan, qual.split(".")[0])
            doc = inspect.getdoc(owner if qual.endswith(".__init__") else func) or ""
            if not doc:
                no_doc.append(qual)
            elif not is_property and ">>>" not in doc:
                no_example.append(qual)
        self.assertEqual(no_doc, [], "without a docstring")
        self.assertEqual(no_example, [], "without an example (>>>)")

    def test_every_parameter_and_return_has_a_type_hint(self):
        untyped = []
        for qual, func, _ in _callables():
            sig = inspect.signature(func)
            for i, (pname, p) in enumerate(sig.parameters.items()):
                if i == 0 and pname in ("self", "cls") and "." in qual:
                    continue
                if p.annotation is inspect.Parameter.empty:
                    untyped.append("%s(%s)" % (qual, pname))
            if sig.return_annotation is inspect.Signature.empty:
                untyped.append("%s -> ?" % qual)
        self.assertEqual(untyped, [], "without a type hint")


if __name__ == "__main__":
    unittest.main()
