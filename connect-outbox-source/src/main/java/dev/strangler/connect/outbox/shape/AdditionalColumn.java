package dev.strangler.connect.outbox.shape;

import java.util.Locale;

import dev.strangler.connect.core.sql.SqlIdentifier;

/**
 * An extra outbox column carried with the event, written {@code column:placement[:name]} in configuration as in
 * Debezium's {@code table.fields.additional.placement} (e.g. {@code tenant_id:header:tenant}); values travel as
 * their text form.
 */
public record AdditionalColumn(SqlIdentifier column, MetadataPlacement placement, String name) {

    /** @throws IllegalArgumentException saying what is wrong with the entry */
    public static AdditionalColumn parse(String entry) {
        String[] parts = entry.trim().split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("'" + entry + "' must be column:header or column:envelope, optionally followed by :name");
        }
        SqlIdentifier column = SqlIdentifier.of(parts[0].trim());
        MetadataPlacement placement;
        switch (parts[1].trim().toLowerCase(Locale.ROOT)) {
            case "header":
                placement = MetadataPlacement.HEADER;
                break;
            case "envelope":
                placement = MetadataPlacement.ENVELOPE;
                break;
            default:
                throw new IllegalArgumentException("'" + entry + "': placement must be 'header' or 'envelope', not '" + parts[1] + "'");
        }
        String name = parts.length == 3 ? parts[2].trim() : column.name();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'" + entry + "': the name after the second ':' is empty");
        }
        return new AdditionalColumn(column, placement, name);
    }
}
