package org.onewindow.service.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
 * API tokens: {@code ow_} + 256 random bits (Base64url), stored under the SHA-256 of the token. A high-entropy token
 * needs no slow hash: SHA-256 cannot be brute-forced back to 256 random bits.
 */
public final class TokenStore {
    public static final String PREFIX = "identity/tokens/";
    public static final String TOKEN_PREFIX = "ow_";
    private final ObjectStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final StoredJson json = new StoredJson();

    /** A freshly made token: the secret (show it once) and its record. */
    public record Created(String token, ApiToken record) {
    }

    public TokenStore(ObjectStore store, Clock clock, SecureRandom random) {
        this.store = store;
        this.clock = clock;
        this.random = random;
    }

    public Created create(String userId, String name, Set<Role> roles, Instant expiresAt, String createdBy) {
        String token = TOKEN_PREFIX + Secrets.random256(random);
        String hash = Secrets.sha256Hex(token);
        ApiToken record = new ApiToken(hash.substring(0, 16), userId, name, roles, clock.instant(), createdBy,
                expiresAt, null, null);
        store.put(PREFIX + hash + ".json", json.write(record),
                PutOptions.of("application/json").withCondition(WriteCondition.ifAbsent()));
        return new Created(token, record);
    }

    /** The record of a presented token, or empty when the text is no token of ours (revoked ones included). */
    public Optional<ApiToken> find(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)
                || !Secrets.isToken256(token.substring(TOKEN_PREFIX.length()))) {
            return Optional.empty();
        }
        String key = PREFIX + Secrets.sha256Hex(token) + ".json";
        try {
            return Optional.of(json.read(store.readAllBytes(key), ApiToken.class, key));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The token with this public id. @throws NotFoundException when there is none */
    public ApiToken byId(String tokenId) {
        return locate(tokenId).record();
    }

    /** Revokes a token (idempotent). @throws NotFoundException when there is no such token */
    public ApiToken revoke(String tokenId, String by) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Located located = locate(tokenId);
            if (located.record().revokedAt() != null) {
                return located.record();
            }
            ApiToken revoked = located.record().revoked(clock.instant(), by);
            try {
                store.put(located.key(), json.write(revoked), PutOptions.of("application/json")
                        .withCondition(WriteCondition.ifVersionMatches(located.version())));
                return revoked;
            } catch (PreconditionFailedException raced) {
                // changed meanwhile: look again
            }
        }
        throw new org.onewindow.service.errors.ConflictException("token " + tokenId + " is being changed concurrently");
    }

    /** Tokens of {@code userId} (all users when null), newest first. */
    public List<ApiToken> list(String userId) {
        List<ApiToken> tokens = new ArrayList<>();
        String startAfter = null;
        while (true) {
            ListPage page = store.list(PREFIX, startAfter, 1000);
            for (ObjectInfo info : page.objects()) {
                try {
                    ApiToken token = json.read(store.readAllBytes(info.key()), ApiToken.class, info.key());
                    if (userId == null || userId.equals(token.userId())) {
                        tokens.add(token);
                    }
                } catch (ObjectNotFoundException gone) {
                    // deleted meanwhile
                }
            }
            if (!page.hasMore()) {
                break;
            }
            startAfter = page.nextStartAfter();
        }
        tokens.sort(Comparator.comparing(ApiToken::createdAt).reversed());
        return tokens;
    }

    private record Located(String key, String version, ApiToken record) {
    }

    private Located locate(String tokenId) {
        if (tokenId == null || !tokenId.matches("[0-9a-f]{16}")) {
            throw new NotFoundException("no API token '" + tokenId + "'");
        }
        ListPage page = store.list(PREFIX + tokenId, null, 2);
        if (page.objects().isEmpty()) {
            throw new NotFoundException("no API token '" + tokenId + "'");
        }
        ObjectInfo info = page.objects().get(0);
        try (StoredObject object = store.get(info.key())) {
            return new Located(info.key(), object.info().version(),
                    json.read(object.content().readAllBytes(), ApiToken.class, info.key()));
        } catch (ObjectNotFoundException e) {
            throw new NotFoundException("no API token '" + tokenId + "'");
        } catch (java.io.IOException e) {
            throw new org.onewindow.storage.StorageUnavailableException("reading token failed", e);
        }
    }
}
