package dev.strangler.connect.legacy.mapping;

/** The {@code mode} of a table write in the mapping, as users spell it: {@code insert}, {@code upsert}, {@code update-only}, {@code delete}. */
public enum ProjectionMode {
    INSERT,
    UPSERT,
    UPDATE_ONLY,
    DELETE
}
