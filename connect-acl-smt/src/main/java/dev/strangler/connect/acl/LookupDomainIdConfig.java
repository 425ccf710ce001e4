package dev.strangler.connect.acl;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.core.jdbc.JdbcConnectionConfig;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of {@link LookupDomainId}. */
public final class LookupDomainIdConfig extends AbstractConfig {

    public static final String GROUP = "Cross-reference";
    public static final String CONNECTION_GROUP = "Cross-reference database";
    public static final String CONNECTION_PREFIX = "xref.";
    public static final String TABLE = "xref.table";
    public static final String KEY_COLUMNS = "xref.key.columns";
    public static final String ID_COLUMN = "xref.id.column";
    public static final String CACHE_SIZE = "xref.cache.size";
    public static final String QUERY_TIMEOUT = "xref.query.timeout.ms";

    public static final ConfigDef CONFIG_DEF = QuarantineConfig.define(JdbcConnectionConfig.define(DomainKeyOptions.define(new ConfigDef())
            .define(TABLE, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new TableValidator(), ConfigDef.Importance.HIGH,
                    "The cross-reference table of the new system, 'table' or 'schema.table', e.g. 'xref.policy_ids'.",
                    GROUP, 1, ConfigDef.Width.MEDIUM, "Table")
            .define(KEY_COLUMNS, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE, new IdentifierListValidator(),
                    ConfigDef.Importance.HIGH,
                    "Columns of the table holding the legacy key, in the order of " + DomainKeyOptions.KEY_FIELDS + ".",
                    GROUP, 2, ConfigDef.Width.LONG, "Key columns")
            .define(ID_COLUMN, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new IdentifierValidator(), ConfigDef.Importance.HIGH,
                    "Column of the table holding the domain id.",
                    GROUP, 3, ConfigDef.Width.MEDIUM, "Id column")
            .define(CACHE_SIZE, ConfigDef.Type.INT, 10_000, ConfigDef.Range.atLeast(1), ConfigDef.Importance.MEDIUM,
                    "How many found ids are cached (least recently used first out). Keys not found are never cached, so "
                            + "an aggregate the new system records later is found on its next change.",
                    GROUP, 4, ConfigDef.Width.SHORT, "Cache size")
            .define(QUERY_TIMEOUT, ConfigDef.Type.LONG, 5_000L, ConfigDef.Range.atLeast(1_000L), ConfigDef.Importance.LOW,
                    "Timeout of one lookup query; a timeout is retried as Connect's errors.retry.timeout allows.",
                    GROUP, 5, ConfigDef.Width.SHORT, "Query timeout (ms)"),
            CONNECTION_PREFIX, CONNECTION_GROUP, "the database holding the cross-reference table", "strangler-acl-xref"));

    private final DomainKeyOptions.Settings key;
    private final TableName table;
    private final List<SqlIdentifier> keyColumns;
    private final SqlIdentifier idColumn;
    private final JdbcConnectionConfig connection;

    public LookupDomainIdConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.key = DomainKeyOptions.from(this);
        this.table = TableName.parse(getString(TABLE));
        this.keyColumns = getList(KEY_COLUMNS).stream().map(SqlIdentifier::of).toList();
        this.idColumn = SqlIdentifier.of(getString(ID_COLUMN));
        if (keyColumns.size() != key.keyFields().size()) {
            throw new ConfigException(KEY_COLUMNS, getList(KEY_COLUMNS), "Name one column per key field: "
                    + DomainKeyOptions.KEY_FIELDS + " has " + key.keyFields().size() + ", " + KEY_COLUMNS + " has " + keyColumns.size());
        }
        this.connection = JdbcConnectionConfig.from(this, CONNECTION_PREFIX);
    }

    DomainKeyOptions.Settings key() {
        return key;
    }

    public TableName table() {
        return table;
    }

    public List<SqlIdentifier> keyColumns() {
        return keyColumns;
    }

    public SqlIdentifier idColumn() {
        return idColumn;
    }

    public JdbcConnectionConfig connection() {
        return connection;
    }

    public int cacheSize() {
        return getInt(CACHE_SIZE);
    }

    public Duration queryTimeout() {
        return Duration.ofMillis(getLong(QUERY_TIMEOUT));
    }

    private static final class TableValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                TableName.parse(value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "table or schema.table";
        }
    }

    private static final class IdentifierValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            try {
                SqlIdentifier.of(value.toString());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "SQL identifier";
        }
    }

    private static final class IdentifierListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null) {
                return;
            }
            List<?> columns = (List<?>) value;
            if (columns.isEmpty()) {
                throw new ConfigException(name, value, "List at least one column");
            }
            IdentifierValidator single = new IdentifierValidator();
            columns.forEach(column -> single.ensureValid(name, column));
        }

        @Override
        public String toString() {
            return "non-empty list of SQL identifiers";
        }
    }
}
