"""Join tagged PDFs printed by Chromium into one tagged PDF (pikepdf, on qpdf).

qpdf copies the parts' pages and objects in C++ and writes their content streams
without decoding them: at 1,000 chapters joining is several times faster than with the
pure-Python pypdf used before, in less memory (performance page). Copying pages alone
keeps no structure tree; :func:`join` keeps it:

* every page is copied with its annotations; its ``/StructParents`` and each link's
  ``/StructParent`` are moved past the keys of the parts before it;
* each part's structure tree (Chromium writes one ``/Document`` element) becomes a
  ``/Part`` of one new ``/Document``, its elements pointing to the copied pages and
  links; the parent tree is the parts' parent trees one after another;
* named destinations (the targets of links inside a part) get the part's number in
  front, so two parts with a heading of the same name stay apart;
* each part's bookmarks go under one bookmark named after the part;
* pages are labelled ``<label>-<n>`` (``5-3``: section 5, page 3), as the page footers
  printed by Chromium count within the part;
* the document is marked as tagged, with its title (document information and XMP),
  language and "show the title".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path


def _nums(tree) -> Iterator[tuple[int, object]]:
    """The (key, value) pairs of a number tree, with its /Kids followed."""
    nums = tree.get("/Nums")
    if nums is not None:
        for i in range(0, len(nums) - 1, 2):
            yield int(nums[i]), nums[i + 1]
    for kid in tree.get("/Kids", []) or []:
        yield from _nums(kid)


def _copy(pdf, obj):
    """``obj`` of another PDF in ``pdf``: an indirect object through qpdf's copier (which
    maps each object of a source once, so pages copied before are not copied twice), a
    direct array or dictionary element by element, anything else as it is."""
    from pikepdf import Array, Dictionary, Stream

    if isinstance(obj, (Array, Dictionary, Stream)):
        if obj.is_indirect:
            return pdf.copy_foreign(obj)
        if isinstance(obj, Array):
            return Array([_copy(pdf, x) for x in obj])
        return Dictionary({k: _copy(pdf, v) for k, v in obj.items()})
    return obj


def _renamed(dest, prefix: str):
    from pikepdf import Name, String

    if isinstance(dest, Name):
        return Name("/" + prefix + str(dest)[1:])
    if isinstance(dest, String):
        return String(prefix + str(dest))
    return None


def _copy_outline(items, into, index: dict, first: int) -> None:
    """Bookmarks ``items`` of a part into the list ``into``, the part's pages (``index``:
    page object to number) counted from ``first``."""
    from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation

    for item in items:
        dest = item.destination
        if not (isinstance(dest, Array) and len(dest) and isinstance(dest[0], Dictionary)):
            continue
        page_no = index.get(dest[0].objgen)
        if page_no is None:
            continue
        if len(dest) >= 4 and dest[1] == Name.XYZ:
            new = OutlineItem(item.title, first + page_no, PageLocation.XYZ, left=dest[2], top=dest[3])
        else:
            new = OutlineItem(item.title, first + page_no)
        into.append(new)
        _copy_outline(item.children, new.children, index, first)


def join(parts: Sequence[tuple[Path, str, str]], out: Path, *, title: str) -> Path:
    """Join ``parts`` — (PDF, bookmark title, page label prefix) each — into ``out``."""
    from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf, String

    with ExitStack() as stack:  # the parts stay open until the join is written
        pdf = stack.enter_context(Pdf.new())
        document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
        tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=document))
        document.P = tree
        parent_nums = Array()
        dests = Dictionary()
        labels = Array()
        key_offset = 0
        lang = None
        with pdf.open_outline() as outline:
            for number, (path, bookmark, label) in enumerate(parts, start=1):
                src = stack.enter_context(Pdf.open(path))
                catalog = src.Root
                if lang is None and "/Lang" in catalog:
                    lang = str(catalog.Lang)
                prefix = f"p{number}-"
                first = len(pdf.pages)
                index = {page.obj.objgen: i for i, page in enumerate(src.pages)}
                old_tree = catalog.get("/StructTreeRoot")
                kids = []
                if old_tree is not None:
                    kids = old_tree.get("/K")
                    kids = list(kids) if isinstance(kids, Array) else [kids]
                    for kid in kids:  # the old root is not copied: its top elements get a new /P
                        if isinstance(kid, Dictionary) and "/P" in kid:
                            del kid["/P"]
                pdf.pages.extend(src.pages)
                for page in pdf.pages[first:]:
                    obj = page.obj
                    if "/StructParents" in obj:
                        obj.StructParents = int(obj.StructParents) + key_offset
                    for annot in obj.get("/Annots", []) or []:
                        if "/StructParent" in annot:
                            annot.StructParent = int(annot.StructParent) + key_offset
                        if "/Dest" in annot and (name := _renamed(annot.Dest, prefix)) is not None:
                            annot.Dest = name
                        action = annot.get("/A")
                        if (action is not None and action.get("/S") == Name.GoTo
                                and (name := _renamed(action.get("/D"), prefix)) is not None):
                            action.D = name
                old_dests = catalog.get("/Dests")
                if old_dests is not None:
                    for key, dest in old_dests.items():
                        dests[Name("/" + prefix + key[1:])] = _copy(pdf, dest)
                if old_tree is not None:
                    for kid in kids:
                        new = _copy(pdf, kid)
                        if new.get("/S") == Name.Document:
                            new.S = Name.Part
                            new.T = String(bookmark)
                        new.P = document
                        document.K.append(new)
                    keys = []
                    if "/ParentTree" in old_tree:
                        for key, value in _nums(old_tree.ParentTree):
                            keys.append(key)
                            parent_nums.append(key + key_offset)
                            parent_nums.append(_copy(pdf, value))
                    next_key = int(old_tree.get("/ParentTreeNextKey", 0))
                    key_offset += max(next_key, max(keys, default=-1) + 1)
                # bookmarks: one for the part, the part's own under it
                top = OutlineItem(bookmark, first)
                outline.root.append(top)
                with src.open_outline() as own:
                    _copy_outline(own.root, top.children, index, first)
                labels.append(first)
                labels.append(Dictionary(S=Name.D, P=String(f"{label}-")))
        tree.ParentTree = pdf.make_indirect(Dictionary(Nums=parent_nums))
        tree.ParentTreeNextKey = key_offset
        root = pdf.Root
        root.StructTreeRoot = tree
        root.MarkInfo = Dictionary(Marked=True)
        if len(dests.keys()):
            root.Dests = pdf.make_indirect(dests)
        if lang is not None:
            root.Lang = String(lang)
            document.Lang = String(lang)
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        root.PageLabels = Dictionary(Nums=labels)
        root.PageMode = Name.UseOutlines
        pdf.docinfo.Title = String(title)
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = title
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        pdf.save(tmp)
    tmp.replace(out)
    return out
