"""NEURON 9's mechanism type objects: `n.hh`, `n.pas`, `n.na_ion`, user SUFFIX mechanisms.

    soma.insert(n.hh)            # same as soma.insert('hh'); returns soma
    n.pas.insert([dend, axon])   # a section or any iterable of sections; returns None
    n.hh.uninsert(soma)
    isinstance(n.hh, neuron.DensityMechanism)   # True; type(n.hh).__name__ == 'hh'

Each lookup makes a new object (as in NEURON, `n.hh is n.hh` is False); the
object only names the mechanism, the registry (model.mechanisms) holds it.
"""
from ..core.errors import ModelError
from ..model import mechanisms, store
from ..model.section import Section
from ..nmodl.mechanism import source_file


class MechanismTypeError(ModelError):
    """A name that is not a density mechanism (ModelError, hence ValueError)."""


def _density(name):
    """The compiled density mechanism `name`, or None (point processes are not)."""
    if not isinstance(name, str):
        return None
    mech = mechanisms.get(name, required=False)
    if mech is None or mech.is_point:
        return None
    return mech


def _is_ion(name):
    return isinstance(name, str) and name.endswith("_ion") and name[:-4] in store.ION_NAMES


def exists(name):
    """Is `name` a density mechanism or an ion in use ('hh', 'pas', 'na_ion')?"""
    return _is_ion(name) or _density(name) is not None


def lookup(name):
    """`n.<name>`: a DensityMechanism for a density mechanism or ion name, else None.
    Its type is a subclass named after the mechanism (NEURON's `neuron.hh`)."""
    if not exists(name):
        return None
    sub = _subclasses.get(name)
    if sub is None:
        sub = _subclasses[name] = type(name, (DensityMechanism,), {
            "__slots__": (), "__module__": "neuron", "__doc__": "Density mechanism %s" % name})
    return sub(name)


_subclasses = {}


def _sections(secs, what):
    """A section, or the sections of an iterable (list, SectionList, n.allsec())."""
    if isinstance(secs, Section):
        return [secs]
    out = list(secs)           # a non-iterable raises TypeError, as in NEURON
    for s in out:
        if not isinstance(s, Section):
            raise TypeError("%s: expected a Section or an iterable of Sections, found %s"
                            % (what, type(s).__name__))
    return out


class DensityMechanism:
    """A density mechanism type (NEURON 9's `neuron.DensityMechanism`).

    `DensityMechanism('hh')`, or `n.hh` whose type is a subclass named after the
    mechanism ('hh').  `.name`, `.insert(secs)`, `.uninsert(secs)`, `.ions`
    (ions it reads and writes), `.code` (the .mod text) and `.file`.
    """

    __slots__ = ("_name",)

    def __init__(self, name):
        if not exists(name):
            known = sorted(m for m in set(mechanisms.builtin_names()) | set(mechanisms.loaded())
                           if _density(m) is not None)
            raise MechanismTypeError("No DensityMechanism: %s (density mechanisms: %s)"
                                     % (name, ", ".join(known)))
        self._name = name

    @property
    def name(self):
        """The mechanism's name ('hh')."""
        return self._name

    def __repr__(self):
        return "neuron.DensityMechanism(%r)" % self._name

    def insert(self, secs):
        """Insert into a section or every section of an iterable; returns None."""
        for sec in _sections(secs, "%s.insert" % self._name):
            sec.insert(self._name)

    def uninsert(self, secs):
        """Remove from a section or every section of an iterable (where present)."""
        for sec in _sections(secs, "%s.uninsert" % self._name):
            sec.uninsert(self._name)

    @property
    def ions(self):
        """{ion: {'read': [...], 'write': [...], 'charge': valence or None,
        'ontology_id': None}} for each USEION of the mechanism ({} for an ion)."""
        mech = _density(self._name)
        if mech is None:
            return {}
        return {ion: {"read": list(read), "write": list(write), "charge": valence,
                      "ontology_id": None}
                for ion, read, write, valence in mech.ions}

    @property
    def file(self):
        """The .mod file the mechanism was compiled from (None for an ion)."""
        mech = _density(self._name)
        return None if mech is None else source_file(mech)

    @property
    def code(self):
        """The NMODL source text (None for an ion, or when there is no file)."""
        path = self.file
        if path is None:
            return None
        with open(path) as f:
            return f.read()
