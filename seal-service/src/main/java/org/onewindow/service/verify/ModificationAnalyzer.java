package org.onewindow.service.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfBoolean;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfIndirectReference;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfNumber;
import com.itextpdf.kernel.pdf.PdfObject;
import com.itextpdf.kernel.pdf.PdfPage;
import com.itextpdf.kernel.pdf.PdfStream;
import com.itextpdf.kernel.pdf.PdfString;

import org.onewindow.service.verify.VerificationReport.Change;
import org.onewindow.service.verify.VerificationReport.ChangeType;

/**
 * Compares a signed revision with the final document by value (objects are resolved, not trusted by number) and
 * classifies each difference. Allowed after a signature: later signatures (new or filled signature fields and their
 * widgets), the DSS, document time-stamps; form values when a DocMDP permission P &ge; 2 allows them; annotations
 * when P = 3. Everything else (page content, resources, pages added or removed, other annotations, catalog entries
 * such as /OpenAction or /Names) is not allowed.
 */
final class ModificationAnalyzer {
    private static final Set<PdfName> CATALOG_ALLOWED = Set.of(PdfName.DSS, PdfName.AcroForm, PdfName.Pages,
            PdfName.Metadata, PdfName.Extensions, PdfName.Version);
    /** Object visits per comparison: bounds the work on hostile documents. */
    private static final int BUDGET = 2_000_000;

    private int budget = BUDGET;
    /** Offsets just past each revision's %%EOF in the final file, in file order. */
    private final long[] revisionEnds;
    /** The revision the signature covers (1-based); objects from later revisions were added after signing. */
    private final int signedRevision;
    /** Where the last failed comparison differed: innermost first. */
    private final List<String> trail = new ArrayList<>();
    private PdfIndirectReference changedObject;
    private PdfIndirectReference swappedFrom;
    private PdfIndirectReference swappedTo;

    ModificationAnalyzer(long[] revisionEnds, int signedRevision) {
        this.revisionEnds = revisionEnds.clone();
        this.signedRevision = signedRevision;
    }

    ModificationAnalyzer() {
        this(new long[0], 0);
    }

    /**
     * @param docMdp the DocMDP permission of a certification signature in the signed revision, 0 when none
     */
    List<Change> compare(PdfDocument signed, PdfDocument latest, int docMdp) {
        List<Change> changes = new ArrayList<>();
        PdfDictionary catalogA = signed.getCatalog().getPdfObject();
        PdfDictionary catalogB = latest.getCatalog().getPdfObject();
        Set<PdfName> keys = new HashSet<>(catalogA.keySet());
        keys.addAll(catalogB.keySet());
        for (PdfName key : keys) {
            if (CATALOG_ALLOWED.contains(key) || key.equals(PdfName.Type)) {
                continue;
            }
            if (!same(catalogA.get(key, false), catalogB.get(key, false))) {
                changes.add(new Change(ChangeType.CATALOG_CHANGED, false, "document catalog entry /" + key.getValue()
                        + " added or changed" + where(catalogB)));
            }
        }
        compareFormDictionary(catalogA.getAsDictionary(PdfName.AcroForm), catalogB.getAsDictionary(PdfName.AcroForm),
                changes);
        PdfObject treeA = catalogA.get(PdfName.Pages, false);
        PdfObject treeB = catalogB.get(PdfName.Pages, false);
        if (treeA instanceof PdfIndirectReference ra && treeB instanceof PdfIndirectReference rb
                && ra.getObjNumber() != rb.getObjNumber()) {
            changes.add(new Change(ChangeType.PAGES_REPLACED, false, "the page tree /Pages was swapped from object "
                    + ref(ra) + " to object " + ref(rb) + origin(rb) + where(catalogB)
                    + " (hide-and-replace: another page tree is shown than the one signed)"));
        }
        if (!same(catalogA.get(PdfName.DSS, false), catalogB.get(PdfName.DSS, false))) {
            changes.add(new Change(ChangeType.DSS_ADDED_OR_CHANGED, true, "validation data (DSS) added"));
        }
        int pagesA = signed.getNumberOfPages();
        int pagesB = latest.getNumberOfPages();
        if (pagesA != pagesB) {
            changes.add(new Change(ChangeType.PAGES_ADDED_OR_REMOVED, false, "page count changed from " + pagesA
                    + " to " + pagesB));
        }
        for (int i = 1; i <= Math.min(pagesA, pagesB); i++) {
            comparePage(i, signed.getPage(i), latest.getPage(i), docMdp, changes);
        }
        compareFields(fields(signed), fields(latest), docMdp, changes);
        return changes;
    }

    private void comparePage(int number, PdfPage a, PdfPage b, int docMdp, List<Change> changes) {
        PdfDictionary da = a.getPdfObject();
        PdfDictionary db = b.getPdfObject();
        Set<PdfName> keys = new java.util.TreeSet<>(da.keySet());
        keys.addAll(db.keySet());
        keys.removeAll(Set.of(PdfName.Annots, PdfName.Parent, PdfName.Resources));
        List<String> reasons = new ArrayList<>();
        if (a.getRotation() != b.getRotation()) {
            reasons.add("rotation " + a.getRotation() + " -> " + b.getRotation());
        }
        if (!a.getMediaBox().equalsWithEpsilon(b.getMediaBox())) {
            reasons.add("media box changed");
        }
        if (!a.getCropBox().equalsWithEpsilon(b.getCropBox())) {
            reasons.add("crop box changed");
        }
        if (!same(a.getResources().getPdfObject(), b.getResources().getPdfObject())) {
            reasons.add("/Resources" + detail(""));
        }
        for (PdfName key : keys) {
            if (!same(da.get(key, false), db.get(key, false))) {
                reasons.add("/" + key.getValue() + detail(""));
            }
        }
        if (!reasons.isEmpty()) {
            String object = "";
            PdfIndirectReference ra = da.getIndirectReference();
            PdfIndirectReference rb = db.getIndirectReference();
            if (ra != null && rb != null && ra.getObjNumber() != rb.getObjNumber()) {
                object = " (page object swapped from " + ref(ra) + " to " + ref(rb) + origin(rb) + ")";
            } else if (rb != null) {
                object = " (page object " + ref(rb) + revisionNote(rb) + ")";
            }
            changes.add(new Change(ChangeType.PAGE_CHANGED, false, "page " + number + " content or resources changed"
                    + object + ": " + String.join("; ", reasons)));
        }
        Map<Integer, PdfDictionary> before = annotations(da);
        Map<Integer, PdfDictionary> after = annotations(db);
        for (Map.Entry<Integer, PdfDictionary> entry : after.entrySet()) {
            PdfDictionary annot = entry.getValue();
            PdfDictionary old = before.get(entry.getKey());
            boolean signatureWidget = isSignatureWidget(annot);
            if (old == null) {
                if (signatureWidget) {
                    // P=1 still allows what PAdES needs later (document time-stamps, the DSS); P=2 allows signing
                    // the fields that exist, not new ones with an appearance of the attacker's choice (sneaky signature)
                    boolean allowed = docMdp == 0 || docMdp == 3 || isDocumentTimeStamp(annot);
                    changes.add(new Change(ChangeType.SIGNATURE_FIELD_ADDED_OR_SIGNED, allowed,
                            (isDocumentTimeStamp(annot) ? "document time-stamp" : "signature field")
                                    + " added on page " + number));
                } else {
                    changes.add(new Change(ChangeType.ANNOTATION_ADDED, docMdp == 3, subtype(annot)
                            + " annotation added on page " + number + where(annot)));
                }
            } else if (!same(old, annot)) {
                if (signatureWidget && isSignatureWidget(old) && fieldValue(old) == null) {
                    changes.add(new Change(ChangeType.SIGNATURE_FIELD_ADDED_OR_SIGNED, docMdp != 1,
                            "signature field on page " + number + " signed"));
                } else if (signatureWidget && isSignatureWidget(old)) {
                    changes.add(new Change(ChangeType.ANNOTATION_CHANGED, false,
                            "the appearance or value of an already signed seal on page " + number + " changed"
                                    + where(annot) + detail(" at ")));
                } else {
                    changes.add(new Change(ChangeType.ANNOTATION_CHANGED, docMdp == 3, subtype(annot)
                            + " annotation changed on page " + number + where(annot) + detail(" at ")));
                }
            }
        }
        for (Map.Entry<Integer, PdfDictionary> entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey())) {
                changes.add(new Change(ChangeType.ANNOTATION_REMOVED, false, subtype(entry.getValue())
                        + " annotation (object " + entry.getKey() + ") removed from page " + number));
            }
        }
    }

    private void compareFields(Map<String, PdfDictionary> before, Map<String, PdfDictionary> after, int docMdp,
                               List<Change> changes) {
        for (Map.Entry<String, PdfDictionary> entry : after.entrySet()) {
            PdfDictionary field = entry.getValue();
            if (PdfName.Sig.equals(fieldType(field))) {
                continue; // signing a field or adding one is how later signatures arrive
            }
            PdfDictionary old = before.get(entry.getKey());
            if (old == null) {
                changes.add(new Change(ChangeType.FORM_FIELD_CHANGED, false, "form field '" + entry.getKey()
                        + "' added" + where(field)));
            } else if (!same(old.get(PdfName.V, false), field.get(PdfName.V, false))) {
                changes.add(new Change(ChangeType.FORM_FIELD_CHANGED, docMdp >= 2, "value of form field '"
                        + entry.getKey() + "' changed" + where(field) + detail(" at ")
                        + (docMdp >= 2 ? "" : " (form filling needs a certification that permits it)")));
            }
        }
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                changes.add(new Change(ChangeType.FORM_FIELD_CHANGED, false, "form field '" + name + "' removed"));
            }
        }
    }

    /** Terminal and intermediate fields by full name; loops and depth are bounded. */
    private Map<String, PdfDictionary> fields(PdfDocument pdf) {
        Map<String, PdfDictionary> result = new LinkedHashMap<>();
        PdfDictionary form = pdf.getCatalog().getPdfObject().getAsDictionary(PdfName.AcroForm);
        if (form == null) {
            return result;
        }
        collectFields(form.getAsArray(PdfName.Fields), "", result, new HashSet<>(), 0);
        return result;
    }

    private void collectFields(PdfArray kids, String prefix, Map<String, PdfDictionary> out, Set<Integer> seen,
                               int depth) {
        if (kids == null || depth > 32) {
            return;
        }
        for (int i = 0; i < kids.size(); i++) {
            spend();
            PdfDictionary field = kids.getAsDictionary(i);
            if (field == null || (field.getIndirectReference() != null
                    && !seen.add(field.getIndirectReference().getObjNumber()))) {
                continue;
            }
            PdfString t = field.getAsString(PdfName.T);
            String name = t == null ? prefix : prefix.isEmpty() ? t.toUnicodeString() : prefix + "." + t.toUnicodeString();
            if (t != null) {
                out.put(name, field);
            }
            collectFields(field.getAsArray(PdfName.Kids), name, out, seen, depth + 1);
        }
    }

    private static PdfName fieldType(PdfDictionary field) {
        PdfDictionary current = field;
        for (int depth = 0; current != null && depth < 32; depth++) {
            PdfName type = current.getAsName(PdfName.FT);
            if (type != null) {
                return type;
            }
            current = current.getAsDictionary(PdfName.Parent);
        }
        return null;
    }

    private static boolean isSignatureWidget(PdfDictionary annot) {
        return PdfName.Widget.equals(annot.getAsName(PdfName.Subtype)) && PdfName.Sig.equals(fieldType(annot));
    }

    /** The field value (/V) of a widget or its parent field. */
    private static PdfObject fieldValue(PdfDictionary widget) {
        PdfDictionary current = widget;
        for (int depth = 0; current != null && depth < 32; depth++) {
            PdfObject value = current.get(PdfName.V);
            if (value != null) {
                return value;
            }
            current = current.getAsDictionary(PdfName.Parent);
        }
        return null;
    }

    private static boolean isDocumentTimeStamp(PdfDictionary widget) {
        PdfDictionary current = widget;
        for (int depth = 0; current != null && depth < 32; depth++) {
            PdfDictionary value = current.getAsDictionary(PdfName.V);
            if (value != null) {
                return new PdfName("ETSI.RFC3161").equals(value.getAsName(PdfName.SubFilter));
            }
            current = current.getAsDictionary(PdfName.Parent);
        }
        return false;
    }

    private static String subtype(PdfDictionary annot) {
        PdfName subtype = annot.getAsName(PdfName.Subtype);
        return subtype == null ? "untyped" : subtype.getValue();
    }

    /** Annotations keyed by object number (direct ones by a negative position). */
    private Map<Integer, PdfDictionary> annotations(PdfDictionary page) {
        Map<Integer, PdfDictionary> result = new HashMap<>();
        PdfArray annots = page.getAsArray(PdfName.Annots);
        if (annots == null) {
            return result;
        }
        for (int i = 0; i < annots.size(); i++) {
            spend();
            PdfObject raw = annots.get(i, false);
            PdfDictionary annot = annots.getAsDictionary(i);
            if (annot == null) {
                continue;
            }
            int key = raw instanceof PdfIndirectReference ref ? ref.getObjNumber() : -1 - i;
            result.put(key, annot);
        }
        return result;
    }

    /**
     * Entries of the interactive form dictionary that change how every field is drawn: viewers regenerate field
     * appearances with /NeedAppearances, from the default resources /DR and appearance /DA; /XFA replaces the form.
     */
    private static final List<PdfName> FORM_DRAWING = List.of(PdfName.NeedAppearances, PdfName.DR, PdfName.DA,
            PdfName.XFA, PdfName.Q);

    private void compareFormDictionary(PdfDictionary a, PdfDictionary b, List<Change> changes) {
        if (a == null || b == null) {
            return; // the first signature adds the form; fields are compared one by one
        }
        for (PdfName key : FORM_DRAWING) {
            if (!same(a.get(key, false), b.get(key, false))) {
                changes.add(new Change(ChangeType.FORM_FIELD_CHANGED, false, "interactive form entry /"
                        + key.getValue() + " added or changed" + where(b) + detail(" at ")
                        + " (it changes how the form fields are drawn)"));
            }
        }
    }

    // ---- naming where a difference is -------------------------------------------------------------------

    private static String ref(PdfIndirectReference r) {
        return r.getObjNumber() + " " + r.getGenNumber();
    }

    /** The revision (1-based) that holds the object's definition in the final file, 0 when unknown. */
    private int revisionOf(PdfIndirectReference r) {
        long offset = -1;
        if (r.getObjStreamNumber() > 0) {
            PdfObject stream = r.getDocument() == null ? null : r.getDocument().getPdfObject(r.getObjStreamNumber());
            if (stream != null && stream.getIndirectReference() != null) {
                offset = stream.getIndirectReference().getOffset();
            }
        } else {
            offset = r.getOffset();
        }
        if (offset < 0 || revisionEnds.length == 0) {
            return 0;
        }
        for (int i = 0; i < revisionEnds.length; i++) {
            if (offset < revisionEnds[i]) {
                return i + 1;
            }
        }
        return revisionEnds.length;
    }

    private String revisionNote(PdfIndirectReference r) {
        int revision = revisionOf(r);
        if (revision == 0) {
            return "";
        }
        return revision > signedRevision ? ", redefined in revision " + revision + " after the signed revision "
                + signedRevision : ", from the signed revision " + revision;
    }

    /** " (object 12 0, redefined in revision 3 …)" for an indirect dictionary, else "". */
    private String where(PdfDictionary dict) {
        PdfIndirectReference r = dict == null ? null : dict.getIndirectReference();
        return r == null ? "" : " (object " + ref(r) + revisionNote(r) + ")";
    }

    /** Says that an object the final file uses was already in the signed bytes, unused: a shadow object. */
    private String origin(PdfIndirectReference r) {
        int revision = revisionOf(r);
        if (revision == 0) {
            return "";
        }
        return revision <= signedRevision ? ", an object already present in the signed revision " + revision
                + " (shadow content brought in after signing)" : ", added in revision " + revision;
    }

    /** Where the last failed comparison differed, then forgets it. */
    private String detail(String prefix) {
        StringBuilder out = new StringBuilder();
        if (!trail.isEmpty()) {
            List<String> path = new ArrayList<>(trail);
            java.util.Collections.reverse(path);
            out.append(prefix).append(String.join("", path));
        }
        if (swappedFrom != null && swappedTo != null) {
            out.append(", reference changed from object ").append(ref(swappedFrom)).append(" to object ")
                    .append(ref(swappedTo)).append(origin(swappedTo));
        } else if (changedObject != null) {
            int revision = revisionOf(changedObject);
            out.append(", object ").append(ref(changedObject)).append(revision > 0 && revision <= signedRevision
                    ? origin(changedObject) : revisionNote(changedObject));
        }
        trail.clear();
        changedObject = null;
        swappedFrom = null;
        swappedTo = null;
        return out.toString();
    }

    // ---- deep comparison by value -----------------------------------------------------------------------

    private boolean same(PdfObject a, PdfObject b) {
        trail.clear();
        changedObject = null;
        swappedFrom = null;
        swappedTo = null;
        return same(a, b, new HashSet<>());
    }

    private boolean same(PdfObject a, PdfObject b, Set<Long> visited) {
        boolean result = compareValues(a, b, visited);
        if (!result) {
            if (b instanceof PdfIndirectReference rb && changedObject == null) {
                changedObject = rb;
            }
            if (a instanceof PdfIndirectReference ra && b instanceof PdfIndirectReference rb
                    && ra.getObjNumber() != rb.getObjNumber() && swappedTo == null) {
                swappedFrom = ra;
                swappedTo = rb;
            }
        }
        return result;
    }

    private boolean compareValues(PdfObject a, PdfObject b, Set<Long> visited) {
        spend();
        if (a instanceof PdfIndirectReference ra && b instanceof PdfIndirectReference rb) {
            long pair = ((long) ra.getObjNumber() << 32) | (rb.getObjNumber() & 0xffffffffL);
            if (!visited.add(pair)) {
                return true; // already being compared higher up (a reference loop)
            }
        }
        PdfObject x = resolve(a);
        PdfObject y = resolve(b);
        if (x == null || y == null) {
            return x == null && y == null;
        }
        if (x.getType() != y.getType()) {
            return false;
        }
        if (x instanceof PdfStream sx && y instanceof PdfStream sy) {
            if (!sameDictionary(sx, sy, visited)) {
                return false;
            }
            if (!Arrays.equals(sx.getBytes(false), sy.getBytes(false))) {
                trail.add(" (stream data)");
                return false;
            }
            return true;
        }
        if (x instanceof PdfDictionary dx && y instanceof PdfDictionary dy) {
            return sameDictionary(dx, dy, visited);
        }
        if (x instanceof PdfArray ax && y instanceof PdfArray ay) {
            if (ax.size() != ay.size()) {
                return false;
            }
            for (int i = 0; i < ax.size(); i++) {
                if (!same(ax.get(i, false), ay.get(i, false), visited)) {
                    trail.add("[" + i + "]");
                    return false;
                }
            }
            return true;
        }
        if (x instanceof PdfString px && y instanceof PdfString py) {
            return Arrays.equals(px.getValueBytes(), py.getValueBytes());
        }
        if (x instanceof PdfNumber nx && y instanceof PdfNumber ny) {
            return nx.getValue() == ny.getValue();
        }
        if (x instanceof PdfBoolean bx && y instanceof PdfBoolean by) {
            return bx.getValue() == by.getValue();
        }
        return Objects.equals(x, y) || x.toString().equals(y.toString());
    }

    private boolean sameDictionary(PdfDictionary a, PdfDictionary b, Set<Long> visited) {
        if (!a.keySet().equals(b.keySet())) {
            Set<PdfName> differing = new java.util.TreeSet<>(a.keySet());
            differing.addAll(b.keySet());
            Set<PdfName> common = new HashSet<>(a.keySet());
            common.retainAll(b.keySet());
            differing.removeAll(common);
            trail.add(" (keys added or removed: " + differing + ")");
            return false;
        }
        for (PdfName key : a.keySet()) {
            if (key.equals(PdfName.Parent) || key.equals(PdfName.P) || key.equals(PdfName.Data)
                    || (a instanceof PdfStream && key.equals(PdfName.Length))) {
                // a stream's /Length is checked through its data, compared right after its dictionary
                continue; // back-links (to the parent, the page, the catalog); those are compared from the top
            }
            if (!same(a.get(key, false), b.get(key, false), visited)) {
                trail.add("/" + key.getValue());
                return false;
            }
        }
        return true;
    }

    private static PdfObject resolve(PdfObject o) {
        PdfObject current = o;
        for (int i = 0; i < 32 && current instanceof PdfIndirectReference ref; i++) {
            current = ref.getRefersTo();
        }
        return current instanceof PdfIndirectReference ? null : current;
    }

    private void spend() {
        if (--budget < 0) {
            throw new UnverifiableDocumentException(UnverifiableDocumentException.Reason.RESOURCE_LIMIT,
                    "the document has too many objects to compare its revisions");
        }
    }
}
