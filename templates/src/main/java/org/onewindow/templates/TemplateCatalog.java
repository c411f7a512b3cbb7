package org.onewindow.templates;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The templates available to a center: parses and checks the definitions from a {@link TemplateSource}.
 * Definitions are re-read from the source on every lookup (so an override takes effect at once) and parsed
 * again only when their bytes change.
 */
public final class TemplateCatalog {
    static final Set<String> BUILT_IN_PLACEHOLDERS = Set.of("issuedAt", "verificationId", "verifyUrl");
    private static final Set<String> BLOCK_TYPES = Set.of("title", "subtitle", "docNumber", "salutation", "paragraph",
            "heading", "note", "table", "fields", "issuer", "signatures", "spacer");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    private final TemplateSource source;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Map<String, Parsed> cache = new ConcurrentHashMap<>();

    private record Parsed(byte[] digest, TemplateDefinition definition) {
    }

    public TemplateCatalog(TemplateSource source) {
        this.source = source;
    }

    /** The templates shipped with the module, without overrides. */
    public static TemplateCatalog defaults() {
        return new TemplateCatalog(new ClasspathTemplateSource());
    }

    /** All templates, in display order. */
    public List<TemplateSummary> list() {
        List<TemplateSummary> out = new ArrayList<>();
        for (String id : source.templateIds()) {
            out.add(TemplateSummary.of(get(id)));
        }
        return out;
    }

    /** One template; {@link TemplateNotFoundException} if there is none, {@link TemplateDefinitionException} if broken. */
    public TemplateDefinition get(String templateId) {
        if (!isValidId(templateId)) {
            throw new TemplateNotFoundException(templateId);
        }
        byte[] json = source.load(templateId).orElseThrow(() -> new TemplateNotFoundException(templateId));
        byte[] digest = sha256(json);
        Parsed cached = cache.get(templateId);
        if (cached != null && Arrays.equals(cached.digest(), digest)) {
            return cached.definition();
        }
        TemplateDefinition definition = parse(templateId, json);
        cache.put(templateId, new Parsed(digest, definition));
        return definition;
    }

    /** Parses and checks one definition, e.g. to validate an override before storing it. */
    public TemplateDefinition parse(String expectedId, byte[] json) {
        TemplateDefinition d;
        try {
            d = mapper.readValue(json, TemplateDefinition.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TemplateDefinitionException(expectedId, "invalid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new TemplateDefinitionException(expectedId, "cannot read: " + e.getMessage(), e);
        }
        check(expectedId, d);
        return d;
    }

    static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    private static void check(String expectedId, TemplateDefinition d) {
        if (!expectedId.equals(d.id())) {
            throw new TemplateDefinitionException(expectedId, "the file declares id \"" + d.id() + "\"");
        }
        if (d.title() == null || d.title().isBlank()) {
            throw new TemplateDefinitionException(d.id(), "title is required");
        }
        Set<String> names = new HashSet<>();
        for (FieldSpec f : d.fields()) {
            if (f.name() == null || !NAME.matcher(f.name()).matches()) {
                throw new TemplateDefinitionException(d.id(), "bad field name \"" + f.name() + "\"");
            }
            if (BUILT_IN_PLACEHOLDERS.contains(f.name()) || !names.add(f.name())) {
                throw new TemplateDefinitionException(d.id(), "field name \"" + f.name() + "\" is reserved or used twice");
            }
            if (f.label() == null || f.label().isBlank()) {
                throw new TemplateDefinitionException(d.id(), "field \"" + f.name() + "\" needs a label");
            }
        }
        Set<String> tableNames = new HashSet<>();
        for (TableSpec t : d.tables()) {
            if (t.name() == null || !NAME.matcher(t.name()).matches() || !tableNames.add(t.name())) {
                throw new TemplateDefinitionException(d.id(), "bad or duplicate table name \"" + t.name() + "\"");
            }
            if (t.columns().isEmpty()) {
                throw new TemplateDefinitionException(d.id(), "table \"" + t.name() + "\" has no columns");
            }
            Set<String> columns = new HashSet<>();
            for (ColumnSpec c : t.columns()) {
                if (c.name() == null || !NAME.matcher(c.name()).matches() || !columns.add(c.name())) {
                    throw new TemplateDefinitionException(d.id(),
                            "bad or duplicate column \"" + c.name() + "\" in table \"" + t.name() + "\"");
                }
                if (!Set.of("left", "center", "right").contains(c.align())) {
                    throw new TemplateDefinitionException(d.id(), "column \"" + c.name() + "\" has bad align " + c.align());
                }
            }
            if (t.minRows() > t.maxRows()) {
                throw new TemplateDefinitionException(d.id(), "table \"" + t.name() + "\": minRows > maxRows");
            }
        }
        Set<String> sealNames = new HashSet<>();
        for (SealSpec s : d.seals()) {
            if (s.name() == null || !NAME.matcher(s.name()).matches() || !sealNames.add(s.name())) {
                throw new TemplateDefinitionException(d.id(), "bad or duplicate seal name \"" + s.name() + "\"");
            }
            if (s.sizeMm() > 45) {
                throw new TemplateDefinitionException(d.id(), "seal \"" + s.name() + "\" larger than 45 mm");
            }
        }
        Set<String> usedSeals = new HashSet<>();
        for (int i = 0; i < d.layout().size(); i++) {
            LayoutBlock b = d.layout().get(i);
            String where = "layout[" + i + "] (" + b.type() + ")";
            if (!BLOCK_TYPES.contains(b.type())) {
                throw new TemplateDefinitionException(d.id(), where + ": unknown block type; known: " + BLOCK_TYPES);
            }
            if (b.align() != null && !Set.of("left", "center", "right", "justify").contains(b.align())) {
                throw new TemplateDefinitionException(d.id(), where + ": bad align " + b.align());
            }
            if (b.when() != null && d.field(b.when()).isEmpty()) {
                throw new TemplateDefinitionException(d.id(), where + ": \"when\" names no field: " + b.when());
            }
            List<String> texts = new ArrayList<>();
            texts.add(b.text());
            texts.add(b.organization());
            texts.add(b.date());
            texts.add(b.coOrganization());
            b.items().forEach(item -> texts.add(item.text()));
            b.boxes().forEach(box -> {
                texts.add(box.title());
                texts.addAll(box.lines());
            });
            for (String text : texts) {
                for (String name : Placeholders.names(text)) {
                    if (!BUILT_IN_PLACEHOLDERS.contains(name) && d.field(name).isEmpty()) {
                        throw new TemplateDefinitionException(d.id(), where + ": placeholder {" + name + "} names no field");
                    }
                }
            }
            switch (b.type()) {
                case "table" -> {
                    if (b.table() == null || d.table(b.table()).isEmpty()) {
                        throw new TemplateDefinitionException(d.id(), where + ": names no table: " + b.table());
                    }
                }
                case "issuer" -> {
                    if (b.organization() == null) {
                        throw new TemplateDefinitionException(d.id(), where + ": organization is required");
                    }
                    useSeal(d, where, b.seal(), usedSeals);
                    useSeal(d, where, b.coSeal(), usedSeals);
                }
                case "signatures" -> {
                    if (b.boxes().isEmpty()) {
                        throw new TemplateDefinitionException(d.id(), where + ": no boxes");
                    }
                    b.boxes().forEach(box -> useSeal(d, where, box.seal(), usedSeals));
                }
                case "fields" -> {
                    if (b.items().isEmpty()) {
                        throw new TemplateDefinitionException(d.id(), where + ": no items");
                    }
                }
                default -> {
                    if (b.text() == null && !"spacer".equals(b.type())) {
                        throw new TemplateDefinitionException(d.id(), where + ": text is required");
                    }
                }
            }
        }
        for (SealSpec s : d.seals()) {
            if (!usedSeals.contains(s.name())) {
                throw new TemplateDefinitionException(d.id(), "seal \"" + s.name() + "\" is not placed in the layout");
            }
        }
        for (String f : d.sample().fields().keySet()) {
            if (d.field(f).isEmpty()) {
                throw new TemplateDefinitionException(d.id(), "sample names unknown field \"" + f + "\"");
            }
        }
    }

    private static void useSeal(TemplateDefinition d, String where, String seal, Set<String> used) {
        if (seal == null) {
            return; // a box or issuer line without a seal field
        }
        if (d.seal(seal).isEmpty()) {
            throw new TemplateDefinitionException(d.id(), where + ": names no seal: " + seal);
        }
        if (!used.add(seal)) {
            throw new TemplateDefinitionException(d.id(), where + ": seal \"" + seal + "\" placed twice");
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
