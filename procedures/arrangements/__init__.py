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


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402
from .models import ArrangementsFile, ComplianceFile, GovernanceFile, PartnershipsFile, RotationFile  # noqa: E402

FEATURE = Feature(
    __name__,
    data_files={
        "rotation.yml": RotationFile,
        "governance.yml": GovernanceFile,
        "partnerships.yml": PartnershipsFile,
        "arrangements.yml": ArrangementsFile,
        "arrangements-compliance.yml": ComplianceFile,
    },
    checks=("procedures.arrangements.checks:check_arrangements",),
    macros=("procedures.arrangements.pages",),  # arrangements_rotation(), arrangements_current_chair(), chart, …
    nav_expanders={"!arrangements": "procedures.arrangements.pages:nav_entries"},
    pdf_documents=("procedures.arrangements.pages:pdf_documents",),  # arrangements/arrangements.pdf
)
