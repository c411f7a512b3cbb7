package org.onewindow.service.keys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured custodies by id; finds the one that holds a {@link KeyRef}. */
public final class KeyCustodies {
    private final KeyCustody defaultCustody;
    private final Map<String, KeyCustody> byId = new LinkedHashMap<>();

    /** @param defaultCustody where new keys go unless a caller names another custody */
    public KeyCustodies(KeyCustody defaultCustody, List<KeyCustody> others) {
        this.defaultCustody = defaultCustody;
        byId.put(defaultCustody.id(), defaultCustody);
        for (KeyCustody other : others) {
            if (byId.putIfAbsent(other.id(), other) != null) {
                throw new IllegalArgumentException("two custodies with id '" + other.id() + "'");
            }
        }
    }

    public static KeyCustodies of(KeyCustody only) {
        return new KeyCustodies(only, List.of());
    }

    public KeyCustody defaultCustody() {
        return defaultCustody;
    }

    /** @throws KeyNotFoundException when no custody has this id */
    public KeyCustody custody(String id) {
        KeyCustody custody = byId.get(id);
        if (custody == null) {
            throw new KeyNotFoundException("no key custody '" + id + "' is configured");
        }
        return custody;
    }

    /** The custody holding {@code ref}. */
    public KeyCustody forRef(KeyRef ref) {
        return custody(ref.custody());
    }

    public List<KeyCustody> all() {
        return List.copyOf(byId.values());
    }
}
