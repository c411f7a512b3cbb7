package org.onewindow.service.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.onewindow.service.errors.ConflictException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectNotFoundException;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PreconditionFailedException;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

/**
 * Users as JSON records at {@code identity/users/{userId}.json}, created create-if-absent and changed with
 * read-modify-write under {@code If-Match}, so concurrent admins (or instances) never lose each other's changes.
 */
public final class UserStore {
    public static final String PREFIX = "identity/users/";
    private static final int MAX_UPDATE_ATTEMPTS = 20;
    private final ObjectStore store;
    private final StoredJson json = new StoredJson();

    public UserStore(ObjectStore store) {
        this.store = store;
    }

    static String key(String userId) {
        return PREFIX + User.checkUserId(userId) + ".json";
    }

    public Optional<Versioned<User>> get(String userId) {
        String key = key(userId);
        try (StoredObject object = store.get(key)) {
            return Optional.of(new Versioned<>(json.read(object.content().readAllBytes(), User.class, key),
                    object.info().version()));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new org.onewindow.storage.StorageUnavailableException("reading " + key + " failed", e);
        }
    }

    /** @throws NotFoundException when there is no such user */
    public User require(String userId) {
        return get(userId).orElseThrow(() -> new NotFoundException("no user '" + userId + "'")).value();
    }

    /** Stores a new user. @throws ConflictException when the user id is taken */
    public void create(User user) {
        try {
            store.put(key(user.userId()), json.write(user),
                    PutOptions.of("application/json").withCondition(WriteCondition.ifAbsent()));
        } catch (PreconditionFailedException e) {
            throw new ConflictException("user '" + user.userId() + "' already exists");
        }
    }

    /**
     * Applies {@code change} to the current record and stores the result only if nobody changed it meanwhile
     * (retrying on a lost race).
     *
     * @throws NotFoundException when there is no such user
     */
    public User update(String userId, UnaryOperator<User> change) {
        for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
            Versioned<User> current = get(userId).orElseThrow(() -> new NotFoundException("no user '" + userId + "'"));
            User changed = change.apply(current.value());
            try {
                store.put(key(userId), json.write(changed), PutOptions.of("application/json")
                        .withCondition(WriteCondition.ifVersionMatches(current.version())));
                return changed;
            } catch (PreconditionFailedException raced) {
                // someone else changed it: read again and reapply
            }
        }
        throw new ConflictException("user '" + userId + "' is being changed concurrently; try again");
    }

    /** Every user, ordered by user id. */
    public List<User> list() {
        List<User> users = new ArrayList<>();
        String startAfter = null;
        while (true) {
            ListPage page = store.list(PREFIX, startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                String name = info.key().substring(PREFIX.length());
                if (name.endsWith(".json")) {
                    get(name.substring(0, name.length() - 5)).ifPresent(v -> users.add(v.value()));
                }
            }
            if (!page.hasMore()) {
                return users;
            }
            startAfter = page.nextStartAfter();
        }
    }

    /** Whether no user exists at all. */
    public boolean isEmpty() {
        return store.list(PREFIX, null, 1).objects().isEmpty();
    }
}
