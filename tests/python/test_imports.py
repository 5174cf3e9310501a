# funnelplan — the package's modules import each other without a cycle.
# SPDX-License-Identifier: MIT
"""Reads every ``import`` of every module of the package (at any depth: a
function-level import is an edge too) and checks that the graph of the
package's own modules has no cycle, so that every module can be imported
first, on its own, and a helper has one home (``_common``) instead of
being borrowed back from the module that imports its user."""

import ast
import os
import unittest

from fpl_support import PACKAGE_PARENT

PACKAGE = os.path.join(PACKAGE_PARENT, "funnelplan")


def import_graph():
    """{module: set of the package's modules it imports}."""
    modules = {name[:-3] for name in os.listdir(PACKAGE) if name.endswith(".py")}
    graph = {}
    for module in sorted(modules):
        with open(os.path.join(PACKAGE, module + ".py"), encoding="utf-8") as f:
            tree = ast.parse(f.read())
        edges = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:  # from ._x import y
                    edges.add(node.module.split(".")[0])
                else:            # from . import _x, _y
                    edges.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("funnelplan"):
                rest = node.module.split(".")[1:]
                edges.update(rest[:1] or [a.name for a in node.names])
            elif isinstance(node, ast.Import):
                edges.update(a.name.split(".")[1] for a in node.names
                             if a.name.startswith("funnelplan."))
        graph[module] = (edges & modules) - {module}
    return graph


def find_cycle(graph):
    """One cycle as a list of modules, or None."""
    state = {}

    def visit(module, path):
        state[module] = "open"
        for other in sorted(graph[module]):
            if state.get(other) == "open":
                return path[path.index(other):] + [other]
            if other not in state:
                cycle = visit(other, path + [other])
                if cycle:
                    return cycle
        state[module] = "done"
        return None

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module, [module])
            if cycle:
                return cycle
    return None


class ImportGraph(unittest.TestCase):

    def test_no_cycle(self):
        cycle = find_cycle(import_graph())
        self.assertIsNone(cycle, "import cycle: %s" % " -> ".join(cycle or ()))

    def test_the_check_sees_a_cycle(self):
        self.assertEqual(find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}), ["a", "b", "c", "a"])
        self.assertIsNone(find_cycle({"a": {"b"}, "b": set()}))

    def test_the_graph_is_read(self):
        graph = import_graph()
        self.assertIn("_native", graph["_common"])
        self.assertIn("_common", graph["_whatif"])
        self.assertIn("_whatif", graph["_model"])

    def test_the_shared_helpers_live_once(self):
        """The small helpers every question uses are defined in _common only."""
        shared = ("_describe", "_encode", "_is_text", "_is_int", "_is_number", "_opt", "_name",
                  "_parse", "_copy", "_view_dict", "_call", "_items", "refuse")
        for module in import_graph():
            with open(os.path.join(PACKAGE, module + ".py"), encoding="utf-8") as f:
                tree = ast.parse(f.read())
            defined = {n.name for n in tree.body
                       if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
            if module != "_common":
                self.assertEqual(defined & set(shared), set(), module)


if __name__ == "__main__":
    unittest.main()
