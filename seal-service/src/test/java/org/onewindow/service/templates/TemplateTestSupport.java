package org.onewindow.service.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.onewindow.service.identity.Principal;
import org.onewindow.service.identity.Role;
import org.onewindow.service.web.Authenticator;

/** Shared by the template tests: a header authenticator and PDF text extraction with PDFBox. */
final class TemplateTestSupport {
    /** {@code X-Test-User: alice:WINDOW_CLERK,AUDITOR}; no header means anonymous (the identity module is not wired). */
    static final Authenticator HEADER_AUTHENTICATOR = ctx -> {
        String header = ctx.header("X-Test-User");
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.split(":", 2);
        Set<Role> roles = parts.length < 2 || parts[1].isBlank() ? Set.of()
                : Arrays.stream(parts[1].split(",")).map(Role::valueOf).collect(Collectors.toSet());
        return Optional.of(new Principal(parts[0], parts[0], roles, null, "test"));
    };

    private TemplateTestSupport() {
    }

    /** All text of the PDF, whitespace removed (titles are letter-spaced, long values wrap). */
    static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("[\\s\\u00a0\\u3000]", "");
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable PDF", e);
        }
    }

    static int pageCount(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException("not a readable PDF", e);
        }
    }

    static boolean isPng(byte[] bytes) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        return bytes.length > signature.length && Arrays.equals(Arrays.copyOf(bytes, signature.length), signature);
    }
}
