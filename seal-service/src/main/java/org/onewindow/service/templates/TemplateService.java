package org.onewindow.service.templates;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;
import org.onewindow.templates.ClasspathTemplateSource;
import org.onewindow.templates.FontConfig;
import org.onewindow.templates.LayeredTemplateSource;
import org.onewindow.service.ofd.OfdDocument;
import org.onewindow.service.ofd.OfdTemplateRenderer;
import org.onewindow.templates.RenderRequest;
import org.onewindow.templates.RenderedDocument;
import org.onewindow.templates.TemplateCatalog;
import org.onewindow.templates.TemplateDataException;
import org.onewindow.templates.TemplateDefinition;
import org.onewindow.templates.TemplateDefinitionException;
import org.onewindow.templates.TemplateNotFoundException;
import org.onewindow.templates.TemplateRenderer;
import org.onewindow.templates.TemplateSource;

/**
 * The center's document templates: the module's defaults with the center's overrides from object storage in front,
 * rendering with the configured fonts, and the override administration.
 *
 * <p>The fonts (some 40 MB) are loaded when the first document is rendered, not at startup: a service without
 * the font packages still starts, and rendering then fails with a message naming the missing package.
 */
public final class TemplateService {
    /** Documents are dated in China Standard Time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** Length of a verification id: 20 base32 characters, 100 random bits. */
    public static final int VERIFICATION_ID_LENGTH = 20;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final ObjectStoreTemplateSource overrides;
    private final TemplateSource effective;
    private final TrialTemplateSource trial;
    private final TemplateCatalog catalog;
    private final FontConfig fonts;
    private final String publicUrl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Object rendererLock = new Object();
    private volatile TemplateRenderer renderer;

    /**
     * @param store     holds the overrides under {@code templates/}
     * @param fonts     the document fonts ({@code ONEWINDOW_FONT_*})
     * @param publicUrl the service's public address; QR codes point at {@code {publicUrl}/verify/{id}}
     */
    public TemplateService(ObjectStore store, FontConfig fonts, URI publicUrl) {
        this(store, fonts, publicUrl, Clock.system(ZONE));
    }

    /** As above, with the clock that dates documents rendered without {@code issuedAt}. */
    public TemplateService(ObjectStore store, FontConfig fonts, URI publicUrl, Clock clock) {
        this.overrides = new ObjectStoreTemplateSource(store);
        this.effective = new LayeredTemplateSource(overrides, new ClasspathTemplateSource());
        this.trial = new TrialTemplateSource(effective);
        this.catalog = new TemplateCatalog(trial);
        this.fonts = fonts;
        this.publicUrl = publicUrl.toString();
        this.clock = clock;
    }

    /** Every template, defaults first in their display order, then templates only the center has. */
    public List<TemplateInfo> list() {
        List<TemplateInfo> out = new ArrayList<>();
        Set<String> overridden = new HashSet<>(overrides.templateIds()); // one listing, not a lookup per template
        for (String id : effective.templateIds()) {
            try {
                out.add(TemplateInfo.of(catalog.get(id), overridden.contains(id)));
            } catch (TemplateDefinitionException e) {
                // A stored override this version no longer accepts: list it with the reason rather than fail the list.
                out.add(TemplateInfo.broken(id, overridden.contains(id), e.getMessage()));
            }
        }
        return out;
    }

    /** The checked definition of one template. */
    public TemplateDefinition definition(String templateId) {
        return catalog.get(templateId);
    }

    /** The definition's JSON as stored (override) or shipped (default), after checking that it is valid. */
    public byte[] definitionJson(String templateId) {
        byte[] json = effective.load(templateId).orElseThrow(() -> new TemplateNotFoundException(templateId));
        catalog.parse(templateId, json);
        return json;
    }

    /** Whether the center has its own definition of {@code templateId}. */
    public boolean isOverridden(String templateId) {
        return overrides.contains(templateId);
    }

    /** The template rendered with its sample data (verification id {@code SAMPLE-<ID>}). */
    public RenderedDocument preview(String templateId) {
        return renderer().renderSample(templateId, publicUrl);
    }

    /** One page of the preview as PNG, seal fields outlined in dashed red. */
    public byte[] previewPng(String templateId, int page, int dpi) {
        RenderedDocument document = preview(templateId);
        if (page < 1 || page > document.pageCount()) {
            throw new BadRequestException("page " + page + " does not exist: the preview of " + templateId + " has "
                    + document.pageCount() + (document.pageCount() == 1 ? " page" : " pages"));
        }
        return TemplateRenderer.pagePng(document, page, dpi, true);
    }

    /** Renders a document for a case with a fresh verification id. */
    public RenderedDocument render(String templateId, RenderInput input) {
        return render(templateId, input, newVerificationId());
    }

    /**
     * Renders a document with the given verification id (the CLI lets an operator choose one).
     *
     * @throws org.onewindow.templates.TemplateDataException when the input does not fit the template (422)
     */
    public RenderedDocument render(String templateId, RenderInput input, String verificationId) {
        TemplateDefinition definition = catalog.get(templateId); // 404 before the fonts are touched
        ZonedDateTime issuedAt = input.issuedAt() == null ? ZonedDateTime.now(clock).withZoneSameInstant(ZONE)
                : input.issuedAt().atZoneSameInstant(ZONE);
        RenderRequest request = new RenderRequest(input.fields(), input.tables(), verificationId, publicUrl, issuedAt);
        return renderer().render(definition.id(), request);
    }

    /**
     * The same document as {@link #render(String, RenderInput, String)}, as OFD (GB/T 33190) instead of PDF/A.
     *
     * @throws org.onewindow.templates.TemplateDataException when the input does not fit the template (422)
     */
    public OfdDocument renderOfd(String templateId, RenderInput input, String verificationId) {
        TemplateDefinition definition = catalog.get(templateId);
        ZonedDateTime issuedAt = input.issuedAt() == null ? ZonedDateTime.now(clock).withZoneSameInstant(ZONE)
                : input.issuedAt().atZoneSameInstant(ZONE);
        RenderRequest request = new RenderRequest(input.fields(), input.tables(), verificationId, publicUrl, issuedAt);
        return new OfdTemplateRenderer(renderer(), fonts).render(definition.id(), request);
    }

    /** The template's sample data rendered to OFD. */
    public OfdDocument previewOfd(String templateId) {
        return new OfdTemplateRenderer(renderer(), fonts).renderSample(templateId, publicUrl);
    }

    /**
     * Checks and stores the center's definition of {@code templateId}; it takes effect at once. The definition is
     * parsed and checked, then rendered once with its own sample data (which must therefore fill every required
     * field), so a definition that cannot produce a document is never stored.
     *
     * @param uploadedBy recorded with the stored object
     * @return the template as it now is, and whether it replaced an earlier override
     * @throws TemplateDefinitionException when the definition is malformed or inconsistent (422)
     */
    public SavedOverride saveOverride(String templateId, byte[] json, String uploadedBy) {
        requireValidId(templateId);
        TemplateDefinition definition = catalog.parse(templateId, json);
        trial.withCandidate(templateId, json, () -> {
            try {
                return renderer().renderSample(templateId, publicUrl);
            } catch (TemplateDataException e) {
                throw new TemplateDefinitionException(templateId, "its sample data does not render"
                        + (e.path() == null ? "" : " (sample." + e.path() + ")") + ": " + e.getMessage());
            }
        });
        boolean replaced = overrides.contains(templateId);
        overrides.save(templateId, json, PutOptions.of("application/json")
                .withMetadata(uploadedBy == null ? Map.of() : Map.of("uploaded-by", uploadedBy)));
        return new SavedOverride(TemplateInfo.of(definition, true), replaced);
    }

    /** The result of {@link #saveOverride}. */
    public record SavedOverride(TemplateInfo template, boolean replaced) {
    }

    /**
     * Removes the center's definition, so the default applies again (a template only the center had disappears).
     *
     * @throws NotFoundException when there is no override
     */
    public void deleteOverride(String templateId) {
        requireValidId(templateId);
        if (!overrides.delete(templateId)) {
            throw new NotFoundException("template " + templateId + " has no override to delete");
        }
    }

    /** A random, unguessable verification id: 20 characters of RFC 4648 base32 (100 bits). */
    public String newVerificationId() {
        char[] id = new char[VERIFICATION_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE32[random.nextInt(BASE32.length)];
        }
        return new String(id);
    }

    public String publicUrl() {
        return publicUrl;
    }

    /**
     * The renderer, loading the fonts on first use.
     *
     * @throws org.onewindow.templates.FontConfigurationException when a font file is missing (tried again next time)
     */
    public TemplateRenderer renderer() {
        TemplateRenderer current = renderer;
        if (current == null) {
            synchronized (rendererLock) {
                current = renderer;
                if (current == null) {
                    current = new TemplateRenderer(catalog, fonts);
                    renderer = current;
                }
            }
        }
        return current;
    }

    private static void requireValidId(String templateId) {
        if (!ObjectStoreTemplateSource.isValidId(templateId)) {
            throw new BadRequestException("a template id is 1-64 lower-case letters, digits and dashes, starting with "
                    + "a letter or digit; got '" + templateId + "'");
        }
    }
}
