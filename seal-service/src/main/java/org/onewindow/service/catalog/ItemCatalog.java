package org.onewindow.service.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.errors.UnprocessableException;
import org.onewindow.service.identity.Versioned;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.WriteCondition;

/**
 * The item catalog (事项目录): one JSON object per item at {@code catalog/items/{code}.json}, written with
 * conditional writes so that two administrators cannot overwrite each other's change unnoticed.
 */
public final class ItemCatalog {
    public static final String PREFIX = "catalog/items/";
    /** Written once the seed items were stored: a deleted seed item is not brought back at the next start. */
    public static final String SEED_MARKER = "catalog/seeded.json";
    public static final String SEED_RESOURCE = "/catalog/seed-items.json";
    private static final String JSON = "application/json";

    private final ObjectStore store;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ItemCatalog(ObjectStore store) {
        this.store = store;
    }

    public static String key(String code) {
        return PREFIX + code + ".json";
    }

    /** The item with its storage version. */
    public Optional<Versioned<Item>> find(String code) {
        if (code == null || !Item.CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        try (var object = store.get(key(code))) {
            byte[] bytes = object.content().readAllBytes();
            return Optional.of(new Versioned<>(read(bytes, key(code)), object.info().version()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The item to open a case for.
     *
     * @throws UnprocessableException when there is no item with this code (a case needs a catalogued item)
     */
    public Item require(String code) {
        if (code == null || code.isBlank()) {
            throw new UnprocessableException("itemCode is missing: a case needs a catalogued item (事项编码)");
        }
        return find(code).map(Versioned::value).orElseThrow(() ->
                new UnprocessableException("there is no catalogued item with code '" + code + "'"));
    }

    /** @throws NotFoundException when absent */
    public Versioned<Item> get(String code) {
        return find(code).orElseThrow(() -> new NotFoundException("no catalogued item with code '" + code + "'"));
    }

    /** Every item, ordered by code. */
    public List<Item> list() {
        List<Item> items = new ArrayList<>();
        String after = null;
        do {
            ListPage page = store.list(PREFIX, after, 1000);
            for (ObjectInfo info : page.objects()) {
                try {
                    items.add(read(store.readAllBytes(info.key()), info.key()));
                } catch (ObjectNotFoundException e) {
                    // deleted while listing
                }
            }
            after = page.hasMore() ? page.nextStartAfter() : null;
        } while (after != null);
        items.sort(Comparator.comparing(Item::code));
        return items;
    }

    /**
     * Stores a new item.
     *
     * @throws ConflictException when an item with its code exists
     */
    public Versioned<Item> create(Item item) {
        item.validated();
        try {
            ObjectInfo info = store.put(key(item.code()), write(item), PutOptions.of(JSON)
                    .withCondition(WriteCondition.ifAbsent()));
            return new Versioned<>(item, info.version());
        } catch (PreconditionFailedException e) {
            throw new ConflictException("item " + item.code() + " already exists");
        }
    }

    /**
     * Replaces an item if it is still at {@code expectedVersion} ({@code null}: at the version read just now).
     *
     * @throws ConflictException when it changed meanwhile
     */
    public Versioned<Item> update(String code, Item item, String expectedVersion) {
        item.validated();
        if (!item.code().equals(code)) {
            throw new UnprocessableException("the item's code " + item.code() + " differs from " + code
                    + " in the path; an item's code cannot change");
        }
        String version = expectedVersion != null ? expectedVersion : get(code).version();
        try {
            ObjectInfo info = store.put(key(code), write(item), PutOptions.of(JSON)
                    .withCondition(WriteCondition.ifVersionMatches(version)));
            return new Versioned<>(item, info.version());
        } catch (PreconditionFailedException e) {
            if (find(code).isEmpty()) {
                throw new NotFoundException("no catalogued item with code '" + code + "'");
            }
            throw new ConflictException("item " + code + " was changed by someone else; reload and try again");
        }
    }

    /** Deletes an item; existing cases keep their copy of its name, window and department. */
    public void delete(String code) {
        Versioned<Item> current = get(code);
        try {
            store.deleteIfVersionMatches(key(code), current.version());
        } catch (PreconditionFailedException e) {
            throw new ConflictException("item " + code + " was changed by someone else; reload and try again");
        }
    }

    /** What an import did. */
    public record ImportResult(List<String> created, List<String> updated, List<String> unchanged) {
    }

    /**
     * Imports items (the form of {@link #exportJson()}): all are validated first, so a bad entry stores nothing.
     * Existing items are replaced only when {@code replace}; otherwise they are left as they are.
     */
    public ImportResult importAll(List<Item> items, boolean replace) {
        Set<String> codes = new HashSet<>();
        for (Item item : items) {
            if (item == null) {
                throw new UnprocessableException("the import contains an empty entry");
            }
            item.validated();
            if (!codes.add(item.code())) {
                throw new UnprocessableException("item " + item.code() + " appears twice in the import");
            }
        }
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (Item item : items) {
            Optional<Versioned<Item>> existing = find(item.code());
            if (existing.isEmpty()) {
                try {
                    create(item);
                    created.add(item.code());
                } catch (ConflictException e) {
                    unchanged.add(item.code()); // created concurrently: theirs stands
                }
            } else if (replace && !existing.get().value().equals(item)) {
                update(item.code(), item, existing.get().version());
                updated.add(item.code());
            } else {
                unchanged.add(item.code());
            }
        }
        return new ImportResult(created, updated, unchanged);
    }

    /** Parses an import document: a JSON array of items, or {@code {"items": [...]}}. */
    public List<Item> parseImport(byte[] json) {
        try {
            var tree = mapper.readTree(json);
            if (tree != null && tree.isObject() && tree.has("items")) {
                tree = tree.get("items");
            }
            if (tree == null || !tree.isArray()) {
                throw new UnprocessableException("expected a JSON array of items or {\"items\": [...]}");
            }
            return mapper.convertValue(tree, new TypeReference<List<Item>>() { });
        } catch (IllegalArgumentException e) {
            throw new UnprocessableException("an item does not have the expected form: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()).lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new UnprocessableException("the import is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** All items as {@code {"items": [...]}}, the form {@link #parseImport} reads. */
    public byte[] exportJson() {
        try {
            return mapper.writeValueAsBytes(Map.of("items", list()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All items as CSV (UTF-8 with BOM so that spreadsheet programs show the Chinese), one line per material. */
    public String exportCsv() {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append("code,name,window,department,legalBasis,promisedWorkingDays,requiredSeals,"
                + "materialCode,materialName,materialKind,materialForm,copies\r\n");
        for (Item item : list()) {
            String seals = item.requiredSeals().stream().map(Enum::name).collect(Collectors.joining(";"));
            for (Material m : item.materials()) {
                out.append(String.join(",", csv(item.code()), csv(item.name()), csv(item.window()),
                        csv(item.department()), csv(item.legalBasis()), Integer.toString(item.promisedWorkingDays()),
                        csv(seals), csv(m.code()), csv(m.name()), m.kind().name(), m.form().name(),
                        Integer.toString(m.copies()))).append("\r\n");
            }
        }
        return out.toString();
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        // A leading = + - @ would be read as a formula by spreadsheet programs.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    /**
     * Stores the built-in seed items once per store (at first start); returns how many were created. Idempotent:
     * a marker records that seeding happened, so items an administrator deleted stay deleted.
     */
    public int seedIfFirstStart(Instant now) {
        if (store.head(SEED_MARKER).isPresent()) {
            return 0;
        }
        List<Item> seed;
        try (InputStream in = ItemCatalog.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SEED_RESOURCE + " is missing from the build");
            }
            seed = parseImport(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportResult result = importAll(seed, false);
        try {
            store.put(SEED_MARKER, write(Map.of("seededAt", now.toString(), "items", seed.size())),
                    PutOptions.of(JSON).withCondition(WriteCondition.ifAbsent()));
        } catch (PreconditionFailedException e) {
            // another instance seeded at the same moment
        }
        return result.created().size();
    }

    private byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Item read(byte[] bytes, String key) {
        try {
            return mapper.readValue(bytes, Item.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored item " + key + " is unreadable: " + e.getMessage(), e);
        }
    }
}
