package dev.strangler.connect.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.strangler.connect.core.StranglerVersion;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.outbox.housekeeping.HousekeepingMode;
import dev.strangler.connect.outbox.plan.TestPlan;
import dev.strangler.connect.outbox.shape.BadRowPolicy;
import dev.strangler.connect.outbox.shape.MetadataPlacement;
import dev.strangler.connect.outbox.shape.PayloadFormat;

class OutboxSourceConnectorTest {

    private static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put("connection.url", "jdbc:postgresql://localhost:5432/orders");
        config.put("outbox.tables", "public.outbox");
        return config;
    }

    /** Validation without a database: the database check (covered by an IT) is replaced by one that records calls. */
    private static Map<String, List<String>> errors(Map<String, String> config) {
        return new OutboxSourceConnector((parsed, values) -> { }).validate(config).configValues().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void minimalConfigurationUsesDebeziumCompatibleDefaults() {
        assertThat(errors(minimal())).isEmpty();
        OutboxSourceConfig config = new OutboxSourceConfig(minimal());

        assertThat(config.tables()).containsExactly(TableName.parse("public.outbox"));
        assertThat(config.layout(config.tables().get(0)).selectedColumns()).extracting(Object::toString)
                .containsExactly("xid", "id", "aggregatetype", "aggregateid", "type", "payload");
        assertThat(config.topicRouter()).hasToString("outbox.event.${aggregatetype}");
        assertThat(config.payloadFormat()).isEqualTo(PayloadFormat.EXPANDED);
        assertThat(config.metadataPlacement()).isEqualTo(MetadataPlacement.HEADER);
        assertThat(config.badRowPolicy()).isEqualTo(BadRowPolicy.FAIL);
        assertThat(config.housekeepingMode()).isEqualTo(HousekeepingMode.LEAVE);
        assertThat(config.notifyChannel()).isEmpty();
        assertThat(config.batchSize()).isEqualTo(1000);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            outbox.tables          | ''                          | List at least one outbox table
            outbox.tables          | a.b.c                       | is not a table name
            outbox.tables          | outbox,outbox               | listed twice
            outbox.tables          | "outbox; drop table x"      | not a valid SQL identifier
            column.payload         | pay load                    | not a valid SQL identifier
            column.event.id        | ''                          | A column name is required
            column.timestamp       | created-at                  | not a valid SQL identifier
            column.additional      | tenant:body                 | placement must be 'header' or 'envelope'
            column.additional      | tenant                      | must be column:header or column:envelope
            topic.pattern          | events/${aggregatetype}     | illegal topic names
            topic.pattern          | events.${type}              | unknown placeholder
            payload.format         | avro                        | Must be one of [expanded, string, bytes]
            metadata.placement     | body                        | Must be one of [header, envelope]
            bad.row.policy         | ignore                      | Must be one of [fail, skip, error-topic]
            housekeeping.mode      | truncate                    | Must be one of [leave, delete, mark]
            poll.batch.size        | 0                           | Value must be at least 1
            poll.interval.ms       | 1                           | Value must be at least 10
            poll.backoff.initial.ms | 0                          | Value must be at least 1
            poll.backoff.initial.ms | 5000                       | must not exceed poll.interval.ms (1000)
            poll.notify.channel    | outbox events               | not a valid SQL identifier
            connection.url         | jdbc:mysql://db/x           | Unsupported JDBC URL
            connection.url         | jdbc:oracle:thin:@//db/X    | needs PostgreSQL 13 or newer
            """)
    void singleKeyProblemsNameTheirKey(String key, String value, String message) {
        Map<String, String> config = minimal();
        config.put(key, value);

        assertThat(errors(config)).containsOnlyKeys(key);
        assertThat(errors(config).get(key)).anySatisfy(error -> assertThat(error).contains(message));
    }

    @Test
    void rulesAcrossKeysAreReportedAgainstTheKeyToChangeAndAllAtOnce() {
        Map<String, String> config = minimal();
        config.put("bad.row.policy", "error-topic");
        config.put("housekeeping.mode", "mark");
        config.put("column.additional", "tenant:envelope,aggregateid:header");
        config.put("column.event.type", "aggregatetype");
        config.put("payload.format", "avro");

        Map<String, List<String>> errors = errors(config);

        assertThat(errors.get("bad.row.topic")).containsExactly("is required when bad.row.policy=error-topic");
        assertThat(errors.get("housekeeping.mark.column")).containsExactly("is required when housekeeping.mode=mark");
        assertThat(errors.get("column.additional")).containsExactly(
                "'tenant' is placed in the envelope but metadata.placement=header: use :header or set metadata.placement=envelope",
                "column 'aggregateid' is already used by column.aggregate.id");
        assertThat(errors.get("column.event.type")).containsExactly("column 'aggregatetype' is already used by column.aggregate.type");
        assertThat(errors.get("payload.format")).hasSize(1);
    }

    @Test
    void retentionNeedsSomethingToMeasureAgeBy() {
        Map<String, String> config = minimal();
        config.put("housekeeping.mode", "delete");
        config.put("housekeeping.retention.ms", "86400000");
        assertThat(errors(config)).containsOnlyKeys("column.timestamp");

        config.put("column.timestamp", "created_at");
        assertThat(errors(config)).isEmpty();

        config.put("housekeeping.mode", "leave");
        assertThat(errors(config)).containsOnlyKeys("housekeeping.retention.ms");
    }

    @Test
    void theDatabaseIsCheckedOnlyOnceTheConfigurationIsValidAndReportsAgainstTheTablesKey() {
        List<String> checked = new java.util.ArrayList<>();
        OutboxSourceConnector connector = new OutboxSourceConnector((parsed, values) -> {
            checked.add(parsed.tables().toString());
            values.get("outbox.tables").addErrorMessage("table public.outbox has no column \"xid\"");
        });
        Map<String, String> invalid = minimal();
        invalid.put("payload.format", "avro");

        connector.validate(invalid);
        assertThat(checked).isEmpty();

        List<ConfigValue> values = connector.validate(minimal()).configValues();
        assertThat(checked).containsExactly("[public.outbox]");
        assertThat(values).filteredOn(value -> value.name().equals("outbox.tables")).singleElement()
                .satisfies(value -> assertThat(value.errorMessages()).containsExactly("table public.outbox has no column \"xid\""));
    }

    @Test
    void constructingAnInvalidConfigFailsNamingTheKey() {
        Map<String, String> config = minimal();
        config.put("bad.row.policy", "error-topic");
        config.put("bad.row.topic", "bad topic");

        assertThatThrownBy(() -> new OutboxSourceConfig(config)).isInstanceOf(ConfigException.class).hasMessageContaining("bad.row.topic");
    }

    @Test
    void passwordIsAPasswordType() {
        assertThat(OutboxSourceConfig.CONFIG_DEF.configKeys().get("connection.password").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @ParameterizedTest(name = "{0} tables, max {1} tasks")
    @CsvSource(delimiter = '|', textBlock = """
            a,b,c   | 2 | a,c ; b
            a,b,c   | 5 | a ; b ; c
            a       | 3 | a
            """)
    void tablesAreSplitAcrossTasksNeverShared(String tables, int maxTasks, String expected) {
        OutboxSourceConnector connector = new OutboxSourceConnector();
        Map<String, String> config = minimal();
        config.put("outbox.tables", tables);
        connector.start(config);

        List<String> assigned = connector.taskConfigs(maxTasks).stream().map(task -> task.get(OutboxSourceConfig.TASK_TABLES)).toList();

        assertThat(String.join(" ; ", assigned)).isEqualTo(expected);
    }

    @Test
    void declaresExactlyOnceAndConnectorDefinedTransactions() {
        OutboxSourceConnector connector = new OutboxSourceConnector();
        assertThat(connector.exactlyOnceSupport(minimal())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
        assertThat(connector.canDefineTransactionBoundaries(minimal())).isEqualTo(ConnectorTransactionBoundaries.SUPPORTED);
        assertThat(connector.version()).isEqualTo(StranglerVersion.get());
        assertThat(new OutboxSourceTask().version()).isEqualTo(StranglerVersion.get());
    }

    @Test
    void alterOffsetsAcceptsPositionsAndResetsOfConfiguredTables() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(Map.of("outbox.table", "public.outbox"), Map.of("xid", 812L, "id", "b3c1"));
        assertThat(new OutboxSourceConnector().alterOffsets(minimal(), offsets)).isTrue();

        offsets.put(Map.of("outbox.table", "public.outbox"), null);
        assertThat(new OutboxSourceConnector().alterOffsets(minimal(), offsets)).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            public.other  | not in outbox.tables
            public.outbox | 'xid' must be an integer
            """)
    void alterOffsetsRejectsUnknownTablesAndMalformedPositions(String table, String message) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(Map.of("outbox.table", table), table.equals("public.outbox") ? Map.of("xid", "812", "id", "b3c1") : Map.of("xid", 1L, "id", "a"));

        assertThatThrownBy(() -> new OutboxSourceConnector().alterOffsets(minimal(), offsets))
                .isInstanceOf(ConnectException.class).hasMessageContaining(message);
    }

    @Test
    void layoutHonoursEveryConfiguredColumnName() {
        Map<String, String> config = minimal();
        config.put("column.transaction.id", "tx");
        config.put("column.event.id", "event_id");
        config.put("column.timestamp", "created_at");
        config.put("column.tracing", "tracingspancontext");
        config.put("column.additional", "tenant_id:header:tenant");
        OutboxSourceConfig parsed = new OutboxSourceConfig(config);

        assertThat(parsed.layout(TableName.parse("x")).selectedColumns()).extracting(Object::toString)
                .containsExactly("tx", "event_id", "aggregatetype", "aggregateid", "type", "payload", "created_at", "tracingspancontext",
                        "tenant_id");
        assertThat(parsed.layout(TableName.parse("x")).timestamp()).isEqualTo(Optional.of(dev.strangler.connect.core.sql.SqlIdentifier.of("created_at")));
    }

    private static Map<String, String> withPlan() {
        Map<String, String> config = minimal();
        config.put("migration.plan", TestPlan.YAML);
        config.put("plan.aggregate.types", "Endorsement=endorsement");
        config.put("column.timestamp", "created_at");
        return config;
    }

    @Test
    void aPlanWithItsBindingsIsAcceptedAndDivertsToTheSharedViolationTopicByDefault() {
        assertThat(errors(withPlan())).isEmpty();
        OutboxSourceConfig config = new OutboxSourceConfig(withPlan());

        assertThat(config.publicationAuthority()).isPresent();
        assertThat(config.publisherViolationPolicy()).isEqualTo(dev.strangler.connect.outbox.plan.PublisherViolationPolicy.VIOLATION_TOPIC);
        assertThat(config.violationTopic()).isEqualTo("strangler.authority.violations");
        assertThat(new OutboxSourceConfig(minimal()).publicationAuthority()).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            plan.aggregate.types  | Endorsement=claim                      | plan.aggregate.types | 'claim' is not an entity of the migration plan
            plan.aggregate.types  | ''                                     | plan.aggregate.types | bind at least one aggregate type
            plan.fields           | endorsement.currency=payload:currency  | plan.fields          | 'currency' is not a field of plan entity 'endorsement'
            plan.fields           | endorsement.country=column:country     | plan.fields          | list it in column.additional
            column.timestamp      | ''                                     | column.timestamp     | required with a migration plan
            plan.violation.topic  | 'bad topic'                            | plan.violation.topic | not a legal topic name
            plan.violation.policy | ignore                                 | plan.violation.policy | Must be one of [violation-topic, publish-with-headers, skip]
            migration.plan        | 'version: 1'                           | migration.plan       | migration.plan
            migration.plan.file   | /etc/plan.yaml                         | migration.plan.file  | not both
            """)
    void planProblemsNameTheirKey(String key, String value, String errorKey, String message) {
        Map<String, String> config = withPlan();
        config.put(key, value);

        assertThat(errors(config)).containsKey(errorKey);
        assertThat(errors(config).get(errorKey)).anySatisfy(error -> assertThat(error).contains(message));
        assertThatThrownBy(() -> new OutboxSourceConfig(config)).isInstanceOf(ConfigException.class);
    }

    @Test
    void planBindingsWithoutAPlanAreReportedAsHavingNoEffect() {
        Map<String, String> config = minimal();
        config.put("plan.aggregate.types", "Endorsement=endorsement");

        assertThat(errors(config)).containsOnlyKeys("plan.aggregate.types");
        assertThat(errors(config).get("plan.aggregate.types")).anySatisfy(error -> assertThat(error).contains("has no effect without migration.plan"));
    }
}
