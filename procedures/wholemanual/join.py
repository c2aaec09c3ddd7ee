"""Join tagged PDFs printed by Chromium into one tagged PDF (pypdf, pure Python).

pypdf's own ``PdfWriter.append`` drops what makes a PDF accessible: it removes each
page's ``/StructParents`` and keeps no structure tree. :func:`join` keeps them:

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
* the document is marked as tagged, with its title, language and "show the title".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path


def _nums(tree) -> Iterator[tuple[int, object]]:
    """The (key, value) pairs of a number tree, with its /Kids followed."""
    tree = tree.get_object()
    nums = tree.get("/Nums")
    if nums is not None:
        nums = nums.get_object()
        for i in range(0, len(nums) - 1, 2):
            yield int(nums[i]), nums[i + 1]
    for kid in tree.get("/Kids", []) or []:
        yield from _nums(kid)


def _renamed(dest, prefix: str):
    from pypdf.generic import NameObject, TextStringObject

    if isinstance(dest, NameObject):
        return NameObject("/" + prefix + dest[1:])
    if isinstance(dest, str):
        return TextStringObject(prefix + dest)
    return None


def _copy_outline(writer, reader, items, parent, first: int) -> None:
    """``reader``'s bookmarks ``items`` under ``parent``, its pages counted from ``first``."""
    from pypdf.generic import Fit

    last = None
    for item in items:
        if isinstance(item, list):
            if last is not None:
                _copy_outline(writer, reader, item, last, first)
            continue
        page_no = reader.get_destination_page_number(item)
        if page_no is None or page_no < 0:
            continue
        fit = Fit.xyz(left=item.get("/Left"), top=item.get("/Top")) if item.get("/Type") == "/XYZ" else Fit.fit()
        last = writer.add_outline_item(str(item.title), first + page_no, parent=parent, fit=fit)


def join(parts: Sequence[tuple[Path, str, str]], out: Path, *, title: str) -> Path:
    """Join ``parts`` — (PDF, bookmark title, page label prefix) each — into ``out``."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DictionaryObject,
        Fit,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter()
    root = writer.root_object
    tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    tree_ref = writer._add_object(tree)
    document = DictionaryObject({NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
                                 NameObject("/P"): tree_ref, NameObject("/K"): ArrayObject()})
    document_ref = writer._add_object(document)
    tree[NameObject("/K")] = document_ref
    parent_nums = ArrayObject()
    dests = DictionaryObject()
    key_offset = 0
    lang = None
    for number, (pdf, bookmark, label) in enumerate(parts, start=1):
        reader = PdfReader(str(pdf))
        catalog = reader.root_object
        lang = lang or catalog.get("/Lang")
        prefix = f"p{number}-"
        old_tree = catalog.get("/StructTreeRoot")
        if old_tree is not None:
            # the part's structure tree root becomes the new /Document: its top elements'
            # /P point there when they are copied
            writer._id_translated.setdefault(id(reader), {"PreventGC": reader})[
                catalog.raw_get("/StructTreeRoot").idnum] = document_ref.idnum
        first = len(writer.pages)
        for page in reader.pages:
            new = writer.add_page(page)
            if "/StructParents" in page:
                new[NameObject("/StructParents")] = NumberObject(int(page["/StructParents"]) + key_offset)
            for annot in new.get("/Annots", []) or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(int(annot["/StructParent"]) + key_offset)
                if "/Dest" in annot and (name := _renamed(annot["/Dest"], prefix)) is not None:
                    annot[NameObject("/Dest")] = name
                action = annot.get("/A")
                if action is not None and action.get_object().get("/S") == "/GoTo":
                    action = action.get_object()
                    if (name := _renamed(action.get("/D"), prefix)) is not None:
                        action[NameObject("/D")] = name
        old_dests = catalog.get("/Dests")
        if old_dests is not None:
            for name, dest in old_dests.get_object().items():
                dests[NameObject("/" + prefix + name[1:])] = dest.clone(writer)
        if old_tree is not None:
            old_tree = old_tree.get_object()
            kids = old_tree.raw_get("/K")
            for kid in kids if isinstance(kids, ArrayObject) else [kids]:
                new_kid = kid.clone(writer)
                elem = new_kid.get_object()
                if elem.get("/S") == "/Document":
                    elem[NameObject("/S")] = NameObject("/Part")
                    elem[NameObject("/T")] = TextStringObject(bookmark)
                elem[NameObject("/P")] = document_ref
                document["/K"].append(new_kid if hasattr(new_kid, "idnum") else writer._add_object(elem))
            if "/ParentTree" in old_tree:
                for key, value in _nums(old_tree["/ParentTree"]):
                    parent_nums += [NumberObject(key + key_offset), value.clone(writer)]
            next_key = int(old_tree.get("/ParentTreeNextKey", 0))
            keys = [k for k, _ in _nums(old_tree["/ParentTree"])] if "/ParentTree" in old_tree else []
            key_offset += max(next_key, max(keys, default=-1) + 1)
        # bookmarks: one for the part, the part's own under it
        top = writer.add_outline_item(bookmark, first, fit=Fit.fit())

        _copy_outline(writer, reader, reader.outline, top, first)
        writer.set_page_label(first, len(writer.pages) - 1, style="/D", prefix=f"{label}-")
        # nothing more is copied from this part: let its reader (and what it parsed) go
        writer._id_translated.pop(id(reader), None)
        del reader, catalog, old_tree, old_dests
    tree[NameObject("/ParentTree")] = writer._add_object(DictionaryObject({NameObject("/Nums"): parent_nums}))
    tree[NameObject("/ParentTreeNextKey")] = NumberObject(key_offset)
    root[NameObject("/StructTreeRoot")] = tree_ref
    root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    if dests:
        root[NameObject("/Dests")] = writer._add_object(dests)
    if lang is not None:
        root[NameObject("/Lang")] = TextStringObject(str(lang))
        document[NameObject("/Lang")] = TextStringObject(str(lang))
    root[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    writer.add_metadata({"/Title": title})
    writer.page_mode = "/UseOutlines"
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    with tmp.open("wb") as f:
        writer.write(f)
    tmp.replace(out)
    return out
