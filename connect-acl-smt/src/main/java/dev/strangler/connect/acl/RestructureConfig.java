package dev.strangler.connect.acl;

import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.struct.FieldPath;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link Restructure}. */
public final class RestructureConfig extends AbstractConfig {

    public static final String GROUP = "Restructure";
    public static final String DROP = "drop";
    public static final String MOVE = "move";
    public static final String UNNEST = "unnest";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(new ConfigDef()
            .define(DROP, ConfigDef.Type.LIST, List.of(), FieldPathListValidator.any(), ConfigDef.Importance.HIGH,
                    "Dotted paths of fields to remove, e.g. 'row_version,audit.terminal'. Applied first.",
                    GROUP, 1, ConfigDef.Width.LONG, "Drop")
            .define(MOVE, ConfigDef.Type.LIST, List.of(), new FieldMoveListValidator(), ConfigDef.Importance.HIGH,
                    "Renames, nests and un-nests as from:to pairs of dotted paths, applied in order after "
                            + DROP + ": 'pol_no:policyNumber' renames, 'city:address.city' nests (creating the "
                            + "struct), 'address.city:city' un-nests. A struct left empty is removed.",
                    GROUP, 2, ConfigDef.Width.LONG, "Move")
            .define(UNNEST, ConfigDef.Type.LIST, List.of(), FieldPathListValidator.any(), ConfigDef.Importance.MEDIUM,
                    "Dotted paths of structs whose fields move up into the enclosing struct (keeping their names), "
                            + "after " + MOVE + "; the struct itself disappears.",
                    GROUP, 3, ConfigDef.Width.LONG, "Un-nest"));

    private final List<FieldPath> drop;
    private final List<FieldMoveListValidator.Move> moves;
    private final List<FieldPath> unnest;

    public RestructureConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.drop = getList(DROP).stream().map(FieldPath::parse).toList();
        this.moves = FieldMoveListValidator.parse(MOVE, getList(MOVE));
        this.unnest = getList(UNNEST).stream().map(FieldPath::parse).toList();
        if (drop.isEmpty() && moves.isEmpty() && unnest.isEmpty()) {
            throw new ConfigException(MOVE, "", "Configure at least one of " + DROP + ", " + MOVE + " and " + UNNEST);
        }
    }

    public List<FieldPath> drop() {
        return drop;
    }

    public List<FieldMoveListValidator.Move> moves() {
        return moves;
    }

    public List<FieldPath> unnest() {
        return unnest;
    }
}
