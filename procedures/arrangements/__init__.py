"""The published multi-agency safeguarding arrangements (Working Together 2023).

* ``models``     — the data files: rotation, governance, partnerships, the document's
                   sections and its compliance table (partners and their LSP/DSP stay in
                   ``data/partners.yml``, modelled in :mod:`procedures.core.models`).
* ``years``      — business years (1 April – 31 March) and the chair for a date.
* ``roles``      — LSP/DSP role keys (``police-dsp``) and the labels derived from data.
* ``checks``     — cross checks: rotation rules, references, compliance coverage.
* ``governance`` — the structure chart generated from ``data/governance.yml``.
* ``pages``      — macros for the pages in ``docs/arrangements/``.
* ``document``   — the whole document on one page, the source of the PDF.
"""
