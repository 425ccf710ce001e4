package dev.strangler.connect.core.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs, version 5 (SHA-1), as RFC 9562 section 5.5 defines them: the same namespace and name give the
 * same UUID in every language, so ids minted here can be recomputed by the new system or in SQL.
 */
public final class NameBasedUuid {

    /** RFC 9562 namespace for URLs; names of our own namespaces are URNs under it. */
    public static final UUID NAMESPACE_URL = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    private NameBasedUuid() {
    }

    /** The version-5 UUID of {@code name} (UTF-8) in {@code namespace}. */
    public static UUID v5(UUID namespace, String name) {
        return v5(namespace, name.getBytes(StandardCharsets.UTF_8));
    }

    /** The version-5 UUID of the bytes {@code name} in {@code namespace}. */
    public static UUID v5(UUID namespace, byte[] name) {
        MessageDigest sha1 = sha1();
        sha1.update(ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits())
                .array());
        sha1.update(name);
        ByteBuffer hash = ByteBuffer.wrap(sha1.digest());
        long msb = hash.getLong();
        long lsb = hash.getLong();
        msb = (msb & ~0xF000L) | 0x5000L;                       // version 5
        lsb = (lsb & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF variant
        return new UUID(msb, lsb);
    }

    /**
     * One digest per thread, reused: ids are minted per record, and looking a digest up in the security providers
     * costs more than hashing a key. {@link MessageDigest#digest()} resets it for the next use.
     */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-1 (java.security.MessageDigest Javadoc)
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    });

    private static MessageDigest sha1() {
        return SHA1.get();
    }
}
