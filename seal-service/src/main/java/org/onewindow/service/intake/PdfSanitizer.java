package org.onewindow.service.intake;

import com.itextpdf.kernel.pdf.PdfArray;
import com.itextpdf.kernel.pdf.PdfCatalog;
import com.itextpdf.kernel.pdf.PdfDictionary;
import com.itextpdf.kernel.pdf.PdfDocument;
import com.itextpdf.kernel.pdf.PdfName;
import com.itextpdf.kernel.pdf.PdfObject;
import com.itextpdf.kernel.pdf.PdfPage;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds and removes active content from a PDF: document and field JavaScript, open and additional actions
 * that run code, launch programs or submit data, embedded and associated files, XFA forms and multimedia
 * annotations. Links to URIs and pages inside the document are kept. Each removal is reported.
 */
final class PdfSanitizer {
    private static final Set<PdfName> ACTIVE_ACTIONS = Set.of(PdfName.JavaScript, PdfName.Launch,
            new PdfName("ImportData"), PdfName.SubmitForm, new PdfName("RichMediaExecute"), PdfName.Rendition,
            PdfName.GoToE, PdfName.GoToR, PdfName.Sound, PdfName.Movie);
    private static final Set<PdfName> ACTIVE_ANNOTATIONS = Set.of(PdfName.RichMedia, PdfName.Screen, PdfName.Movie,
            PdfName.Sound, PdfName.FileAttachment, new PdfName("3D"));

    private PdfSanitizer() {
    }

    /** What {@link #clean} would remove, without changing the document. */
    static List<String> findActiveContent(PdfDocument pdf) {
        return visit(pdf, false);
    }

    /** Removes active content and reports each removal. */
    static List<String> clean(PdfDocument pdf) {
        return visit(pdf, true);
    }

    private static List<String> visit(PdfDocument pdf, boolean remove) {
        List<String> found = new ArrayList<>();
        PdfCatalog catalog = pdf.getCatalog();
        PdfDictionary root = catalog.getPdfObject();
        PdfDictionary names = root.getAsDictionary(PdfName.Names);
        if (names != null) {
            if (names.containsKey(PdfName.JavaScript)) {
                found.add("removed document-level JavaScript");
                if (remove) {
                    names.remove(PdfName.JavaScript);
                }
            }
            if (names.containsKey(PdfName.EmbeddedFiles)) {
                found.add("removed embedded files");
                if (remove) {
                    names.remove(PdfName.EmbeddedFiles);
                }
            }
        }
        PdfObject openAction = root.get(PdfName.OpenAction);
        if (openAction instanceof PdfDictionary action && isActive(action)) {
            found.add("removed open action (" + action.getAsName(PdfName.S) + ")");
            if (remove) {
                root.remove(PdfName.OpenAction);
            }
        }
        removeKey(root, PdfName.AA, "removed document additional actions", remove, found);
        removeKey(root, PdfName.AF, "removed associated files", remove, found);
        PdfDictionary acroForm = root.getAsDictionary(PdfName.AcroForm);
        if (acroForm != null) {
            removeKey(acroForm, PdfName.XFA, "removed XFA form", remove, found);
        }
        for (int i = 1; i <= pdf.getNumberOfPages(); i++) {
            PdfPage page = pdf.getPage(i);
            PdfDictionary pageDict = page.getPdfObject();
            removeKey(pageDict, PdfName.AA, "removed page " + i + " additional actions", remove, found);
            removeKey(pageDict, PdfName.AF, "removed page " + i + " associated files", remove, found);
            PdfArray annotations = pageDict.getAsArray(PdfName.Annots);
            if (annotations == null) {
                continue;
            }
            for (int a = annotations.size() - 1; a >= 0; a--) {
                PdfDictionary annotation = annotations.getAsDictionary(a);
                if (annotation == null) {
                    continue;
                }
                PdfName subtype = annotation.getAsName(PdfName.Subtype);
                if (subtype != null && ACTIVE_ANNOTATIONS.contains(subtype)) {
                    found.add("removed " + subtype.getValue() + " annotation on page " + i);
                    if (remove) {
                        annotations.remove(a);
                    }
                    continue;
                }
                PdfDictionary action = annotation.getAsDictionary(PdfName.A);
                if (action != null && isActive(action)) {
                    found.add("removed " + action.getAsName(PdfName.S).getValue() + " action on page " + i);
                    if (remove) {
                        annotation.remove(PdfName.A);
                    }
                }
                removeKey(annotation, PdfName.AA, "removed annotation additional actions on page " + i, remove, found);
            }
        }
        return found;
    }

    private static boolean isActive(PdfDictionary action) {
        PdfName type = action.getAsName(PdfName.S);
        if (type != null && ACTIVE_ACTIONS.contains(type)) {
            return true;
        }
        PdfObject next = action.get(PdfName.Next);
        if (next instanceof PdfDictionary nextAction) {
            return isActive(nextAction);
        }
        if (next instanceof PdfArray chain) {
            for (int i = 0; i < chain.size(); i++) {
                PdfDictionary element = chain.getAsDictionary(i);
                if (element != null && isActive(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void removeKey(PdfDictionary dictionary, PdfName key, String report, boolean remove,
                                  List<String> found) {
        if (dictionary.containsKey(key)) {
            found.add(report);
            if (remove) {
                dictionary.remove(key);
            }
        }
    }
}
