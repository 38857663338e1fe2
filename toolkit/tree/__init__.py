"""The document tree: immutable nodes, walking, builders and the JSON form."""

from toolkit.tree.nodes import *  # noqa: F403
from toolkit.tree.nodes import TREE_VERSION, Document  # noqa: F401
