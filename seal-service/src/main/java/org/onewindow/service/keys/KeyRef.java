package org.onewindow.service.keys;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A reference to a private key held in a {@link KeyCustody}. It names the key; it is not the key. Safe to store
 * in the seal registry and to log.
 *
 * @param custody the id of the custody that holds the key (e.g. {@code pkcs12}, {@code hsm})
 * @param alias   the key's alias inside that custody
 */
public record KeyRef(String custody, String alias) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public KeyRef {
        Objects.requireNonNull(custody, "custody");
        Objects.requireNonNull(alias, "alias");
        if (!NAME.matcher(custody).matches()) {
            throw new IllegalArgumentException("custody id '" + custody
                    + "' must be 1-64 characters of [a-z0-9._-], starting with a letter or digit");
        }
        if (!NAME.matcher(alias).matches()) {
            throw new IllegalArgumentException("key alias '" + alias
                    + "' must be 1-64 characters of [a-z0-9._-], starting with a letter or digit");
        }
    }

    /** Parses the {@code custody:alias} form produced by {@link #toString()}. */
    public static KeyRef parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("key reference must look like 'custody:alias', got '" + text + "'");
        }
        return new KeyRef(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Whether {@code alias} is a valid key alias. */
    public static boolean isValidAlias(String alias) {
        return alias != null && NAME.matcher(alias).matches();
    }

    @Override
    public String toString() {
        return custody + ":" + alias;
    }
}
