"""ranvier.nmodl: the NMODL compiler.

.mod text -> lark parse tree -> AST (``ast``) -> mechanism description
(``analysis``) -> Python source of numba kernels (``codegen``, ``cnexp``),
written to a cache folder and imported (``mechanism``).

Public API::

    from ranvier.nmodl import load_mechanism, builtin_mechanism, parse, cache_dir
    mech = builtin_mechanism('hh')      # a Mechanism
    mod = mech.module()                 # nrn_init, nrn_cur, nrn_state, check_table

Importing this package loads neither lark nor numba; they are imported the
first time a file must be parsed or a kernel module is imported.
"""

from .mechanism import Mechanism, builtin_mechanism, builtin_names, cache_dir, load_mechanism

__all__ = ["Mechanism", "builtin_mechanism", "builtin_names", "cache_dir", "load_mechanism", "parse"]


def parse(text, filename="<string>"):
    """Parse NMODL ``text`` into an ``ast.Module`` (raises NmodlError on syntax errors)."""
    from .parser import parse as _parse     # deliberately lazy: loads lark
    return _parse(text, filename)
