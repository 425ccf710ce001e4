package dev.strangler.connect.acl;

import java.util.Map;

import dev.strangler.connect.acl.contract.ContractProjection;
import dev.strangler.connect.acl.contract.ContractViolation;
import dev.strangler.connect.acl.quarantine.QuarantineConfig;
import dev.strangler.connect.acl.quarantine.QuarantineRouter;
import dev.strangler.connect.acl.quarantine.RecordRejectedException;
import dev.strangler.connect.acl.quarantine.RejectReason;

import org.apache.kafka.common.cache.Cache;
import org.apache.kafka.common.cache.LRUCache;
import org.apache.kafka.common.cache.SynchronizedCache;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * The last step of an ACL chain: makes every domain event's value have exactly the schema of the published
 * contract (an Avro {@code .avsc}), so consumers never see a shape they did not agree to. A record that cannot fit
 * is quarantined ({@code contract-violation}) with the field that does not fit. Tombstones pass unchanged.
 */
public class EnforceContract<R extends ConnectRecord<R>> extends AclTransformation<R> {

    public static final String OVERVIEW_DOC = "Gives the record value exactly the schema of a domain-event contract "
            + "(Avro .avsc, from a file or inline): fields are taken by name, widened where nothing is lost, defaulted "
            + "where the contract allows; a record that cannot fit is quarantined.";

    public static final ConfigDef CONFIG_DEF = EnforceContractConfig.CONFIG_DEF;

    /** A compiled projection, or why records of that schema cannot fit. */
    private record Plan(ContractProjection projection, ContractViolation violation) {
    }

    private final Cache<Schema, Plan> plans = new SynchronizedCache<>(new LRUCache<>(16));
    private EnforceContractConfig config;
    private QuarantineRouter quarantine;

    @Override
    public void configure(Map<String, ?> configs) {
        config = new EnforceContractConfig(configs);
        quarantine = QuarantineConfig.router(config, "EnforceContract", metrics());
    }

    @Override
    public R apply(R record) {
        return quarantine.process(record, this::enforce);
    }

    private R enforce(R record) {
        if (record.value() == null) {
            return record;
        }
        if (!(record.value() instanceof Struct value)) {
            throw new RecordRejectedException(RejectReason.NOT_A_STRUCT, "value", "The record value is not a struct with a schema");
        }
        Plan plan = plan(record.valueSchema());
        try {
            if (plan.violation() != null) {
                throw plan.violation();
            }
            Struct projected = plan.projection().apply(value);
            return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(),
                    plan.projection().schema(), projected, record.timestamp(), record.headers());
        } catch (ContractViolation violation) {
            throw new RecordRejectedException(RejectReason.CONTRACT_VIOLATION, violation.field(), violation.getMessage());
        }
    }

    private Plan plan(Schema schema) {
        Plan plan = plans.get(schema);
        if (plan == null) {
            boolean drop = config.extraFields() == EnforceContractConfig.ExtraFields.DROP;
            try {
                plan = new Plan(ContractProjection.compile(config.contract(), schema, drop), null);
            } catch (ContractViolation violation) {
                plan = new Plan(null, violation);
            }
            plans.put(schema, plan);
        }
        return plan;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

}
