import os
import sys

# make nmodl_helpers importable whatever pytest's import mode
sys.path.insert(0, os.path.dirname(__file__))
