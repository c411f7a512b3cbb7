package org.onewindow.service.seal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.onewindow.service.errors.ConflictException;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StorageUnavailableException;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/**
 * Seal records as JSON at {@code seals/{id}.json} (create-if-absent, then read-modify-write under If-Match) and
 * their images at {@code seals/{id}/image.png}. Storage is the truth: nothing is cached, so every instance sees
 * every change on its next read.
 */
public final class SealStore {
    public static final String PREFIX = "seals/";
    static final String JSON_TYPE = "application/json";
    private static final int MAX_UPDATE_ATTEMPTS = 20;

    private final ObjectStore store;
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A record with the storage version it was read at. */
    public record Versioned(Seal seal, String version) {
    }

    public SealStore(ObjectStore store) {
        this.store = store;
    }

    public static String recordKey(String id) {
        return PREFIX + Seal.checkId(id) + ".json";
    }

    public static String imageKey(String id) {
        return PREFIX + Seal.checkId(id) + "/image.png";
    }

    public ObjectStore objectStore() {
        return store;
    }

    public boolean exists(String id) {
        return store.head(recordKey(id)).isPresent();
    }

    public Optional<Versioned> get(String id) {
        String key = recordKey(id);
        try (StoredObject object = store.get(key)) {
            return Optional.of(new Versioned(read(object.content().readAllBytes(), key), object.info().version()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageUnavailableException("reading " + key + " failed", e);
        }
    }

    /**
     * Stores a new seal.
     *
     * @throws ConflictException when the id is taken
     */
    public void create(Seal seal) {
        try {
            store.put(recordKey(seal.id()), write(seal), PutOptions.of(JSON_TYPE).withCondition(WriteCondition.ifAbsent()));
        } catch (PreconditionFailedException e) {
            throw new SealExistsException(seal.id());
        }
    }

    /**
     * Applies {@code change} to the current record and stores it only if nobody changed the record meanwhile,
     * retrying on a lost race. {@code change} may throw to refuse (nothing is written then).
     *
     * @throws SealNotFoundException when there is no such seal
     */
    public Seal update(String id, UnaryOperator<Seal> change) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Versioned current = get(id).orElseThrow(() -> new SealNotFoundException(id));
            Seal changed = change.apply(current.seal());
            try {
                store.put(recordKey(id), write(changed), PutOptions.of(JSON_TYPE)
                        .withCondition(WriteCondition.ifVersionMatches(current.version())));
                return changed;
            } catch (PreconditionFailedException raced) {
                // changed meanwhile: read again and reapply
            }
        }
        throw new ConflictException("seal '" + id + "' is being changed concurrently; try again");
    }

    /** Stores {@code expected}'s successor only if the record is still at {@code version}. */
    public void replace(Seal changed, String version) {
        try {
            store.put(recordKey(changed.id()), write(changed), PutOptions.of(JSON_TYPE)
                    .withCondition(WriteCondition.ifVersionMatches(version)));
        } catch (PreconditionFailedException raced) {
            throw new ConflictException("seal '" + changed.id() + "' was changed meanwhile; try again");
        }
    }

    /** Every seal, ordered by id. */
    public List<Seal> list() {
        List<Seal> seals = new ArrayList<>();
        String startAfter = null;
        while (true) {
            ListPage page = store.list(PREFIX, startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                String name = info.key().substring(PREFIX.length());
                if (name.endsWith(".json") && name.indexOf('/') < 0) {
                    String id = name.substring(0, name.length() - ".json".length());
                    if (Seal.isValidId(id)) {
                        get(id).ifPresent(v -> seals.add(v.seal()));
                    }
                }
            }
            if (!page.hasMore()) {
                return seals;
            }
            startAfter = page.nextStartAfter();
        }
    }

    /** Writes the seal's PNG (replacing an older one) and returns its storage info. */
    public ObjectInfo putImage(String id, byte[] png) {
        return store.put(imageKey(id), png, PutOptions.of("image/png"));
    }

    /** @throws SealNotFoundException when the image is missing */
    public byte[] image(String id) {
        try {
            return store.readAllBytes(imageKey(id));
        } catch (ObjectNotFoundException e) {
            throw new SealNotFoundException(id);
        }
    }

    byte[] write(Seal seal) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(seal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Seal read(byte[] bytes, String key) {
        try {
            return mapper.readValue(bytes, Seal.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored seal record " + key + " is unreadable: " + e.getMessage(), e);
        }
    }
}
