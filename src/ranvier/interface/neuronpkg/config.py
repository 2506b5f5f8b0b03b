"""`neuron.config`: the build options NEURON reports, answered for ranvier.

``arguments`` has NEURON 9.0.2's keys with the same value types (bool, int, str,
tuple); each value says what ranvier has:

* NRN_ENABLE_PYTHON, NRN_ENABLE_MECH_DLL_STYLE (``load_mechanisms`` compiles .mod
  folders at run time), NRN_ENABLE_SHARED: True.
* NRN_ENABLE_MPI: False (ParallelContext runs on one process), likewise
  NRN_ENABLE_THREADS, NRN_ENABLE_CORENEURON, NRN_ENABLE_MUSIC, CORENRN_ENABLE_GPU.
* NRN_ENABLE_INTERVIEWS: False (the GUI is a web page, not InterViews).
* NRN_ENABLE_RX3D: whether ``neuron.rxd`` (ranvier.rxd) is present.
* CMAKE_* and PYTHON_EXECUTABLE: ranvier is not built; CMAKE_BUILD_TYPE is
  'Release', the install prefix the package folder, no C compilers,
  PYTHON_EXECUTABLE this interpreter.
"""
import importlib.util
import os
import sys

_PKG = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _has_rxd():
    try:
        return importlib.util.find_spec("ranvier.rxd") is not None
    except (ImportError, ValueError):
        return False


def _ranvier_arguments():
    return {
        "NRN_ENABLE_INTERVIEWS": False,
        "NRN_ENABLE_MECH_DLL_STYLE": True,
        "NRN_ENABLE_PYTHON": True,
        "NRN_ENABLE_MUSIC": False,
        "NRN_ENABLE_THREADS": False,
        "NRN_ENABLE_MPI": False,
        "NRN_ENABLE_RX3D": _has_rxd(),
        "NRN_ENABLE_CORENEURON": False,
        "NRN_ENABLE_TESTS": False,
        "NRN_ENABLE_MODEL_TESTS": ("",),
        "NRN_ENABLE_PYTHON_DYNAMIC": False,
        "NRN_LINK_AGAINST_PYTHON": False,
        "NRN_ENABLE_MPI_DYNAMIC": False,
        "NRN_MODULE_INSTALL_OPTIONS": "",
        "NRN_PYTHON_DYNAMIC": "",
        "NRN_MPI_DYNAMIC": "",
        "NRN_RX3D_OPT_LEVEL": 0,
        "NRN_SANITIZERS": "",
        "CMAKE_BUILD_TYPE": "Release",
        "CMAKE_INSTALL_PREFIX": _PKG,
        "CMAKE_C_COMPILER": "",
        "CMAKE_CXX_COMPILER": "",
        "PYTHON_EXECUTABLE": sys.executable,
        "IV_LIB": "",
        "CORENRN_ENABLE_GPU": False,
        "CORENRN_ENABLE_SHARED": False,
        "NRN_ENABLE_SHARED": True,
        "NRN_ENABLE_DISCRETE_EVENT_OBSERVER": True,
    }


def _convert_value(key, value):
    """A CMake-style string value as Python's (ON/OFF -> bool, digits -> int,
    NRN_ENABLE_MODEL_TESTS -> tuple), as NEURON converts its build options."""
    if not isinstance(value, str):
        return value
    if key.upper() == "NRN_ENABLE_MODEL_TESTS":
        return tuple(value.split(";"))
    if value.upper() in ("ON", "YES", "TRUE", "Y"):
        return True
    if value.upper() in ("OFF", "NO", "FALSE", "N"):
        return False
    try:
        return int(value)
    except ValueError:
        return value


def _parse_arguments(h=None):
    """Rebuild ``arguments`` (NEURON reads them from its C++ side; `h` is unused)."""
    global arguments
    arguments = _ranvier_arguments()
    return arguments


arguments = _ranvier_arguments()
