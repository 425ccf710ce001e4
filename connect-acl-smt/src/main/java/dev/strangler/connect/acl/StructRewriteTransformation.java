package dev.strangler.connect.acl;

import java.util.Map;
import java.util.function.Function;

import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.quarantine.QuarantineRouter;
import dev.strangler.connect.acl.struct.StructRewrite;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;

/**
 * What the path-based transformations share: their configuration compiles, once per input schema, into a
 * {@link StructRewrite} of the record key or value, and a record the rewrite does not fit (no struct, a path its
 * schema lacks, a value that cannot be rewritten) is handled by {@code quarantine.policy} instead of failing the task.
 * Subclasses say only how the rewrite is built.
 *
 * @param <C> the parsed configuration, which includes the {@code quarantine.*} options
 */
public abstract class StructRewriteTransformation<R extends ConnectRecord<R>, C extends AbstractConfig>
        extends AclTransformation<R> {

    private final String transformName;
    private final Function<Map<String, ?>, C> parser;
    private C settings;
    private QuarantineRouter quarantine;
    private StructRewrites rewrites;

    /**
     * @param transformName names the transform in quarantine headers and metrics
     * @param parser        parses and validates the configuration
     */
    StructRewriteTransformation(String transformName, Function<Map<String, ?>, C> parser) {
        this.transformName = transformName;
        this.parser = parser;
    }

    @Override
    public final void configure(Map<String, ?> configs) {
        settings = parser.apply(configs);
        quarantine = QuarantineConfig.router(settings, transformName, metrics());
        rewrites = new StructRewrites(this::compile);
    }

    @Override
    public final R apply(R record) {
        return quarantine.process(record, r -> rewrites.apply(r, part()));
    }

    /** The configuration, parsed by {@link #configure}. */
    final C settings() {
        return settings;
    }

    /**
     * Builds the rewrite for one input schema of the key or value.
     *
     * @throws StructRewrite.PathException if the configuration does not fit the schema (the record is quarantined as
     *                                     {@code schema-mismatch})
     */
    abstract StructRewrite compile(Schema schema);

    /** Which part of the record is rewritten. */
    protected abstract RecordPart part();
}
