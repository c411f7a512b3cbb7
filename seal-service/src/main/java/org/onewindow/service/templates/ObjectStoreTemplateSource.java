package org.onewindow.service.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.PutOptions;
import org.onewindow.templates.TemplateSource;

/**
 * A center's template overrides in object storage: {@code templates/{id}.json}. Layered in front of the defaults
 * shipped with the {@code templates} module, so a stored definition replaces the default of the same id (or adds a
 * new template). Read on every lookup, so an override takes effect at once on every instance sharing the store.
 */
public final class ObjectStoreTemplateSource implements TemplateSource {
    /** Key prefix of the overrides. */
    public static final String PREFIX = "templates/";
    private static final String SUFFIX = ".json";
    /** The template id rule of the {@code templates} module (lower-case letters, digits, dashes). */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final ObjectStore store;

    public ObjectStoreTemplateSource(ObjectStore store) {
        this.store = store;
    }

    /** Whether {@code id} is a well-formed template id (only such ids ever become storage keys). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The storage key of the override of {@code templateId}. */
    public static String key(String templateId) {
        if (!isValidId(templateId)) {
            throw new IllegalArgumentException("not a template id: " + templateId);
        }
        return PREFIX + templateId + SUFFIX;
    }

    @Override
    public List<String> templateIds() {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            ListPage page = store.list(PREFIX, after, 1000);
            for (ObjectInfo object : page.objects()) {
                String name = object.key().substring(PREFIX.length());
                if (name.endsWith(SUFFIX)) {
                    String id = name.substring(0, name.length() - SUFFIX.length());
                    if (isValidId(id)) {
                        ids.add(id);
                    }
                }
            }
            after = page.nextStartAfter();
        } while (after != null);
        return ids;
    }

    @Override
    public Optional<byte[]> load(String templateId) {
        if (!isValidId(templateId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.readAllBytes(key(templateId)));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Whether the center has an override of {@code templateId}. */
    public boolean contains(String templateId) {
        return isValidId(templateId) && store.head(key(templateId)).isPresent();
    }

    /** Stores (replaces) the override; the caller has checked the definition. */
    public ObjectInfo save(String templateId, byte[] json, PutOptions options) {
        return store.put(key(templateId), json, options);
    }

    /** Removes the override, so the default applies again; whether there was one. */
    public boolean delete(String templateId) {
        return isValidId(templateId) && store.delete(key(templateId));
    }
}
