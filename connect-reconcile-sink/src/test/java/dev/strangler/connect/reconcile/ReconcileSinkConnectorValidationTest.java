package dev.strangler.connect.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.strangler.connect.core.StranglerVersion;

class ReconcileSinkConnectorValidationTest {

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ReconcileSinkConnector.class.getName());
        config.put("topics", "legacy.policy");
        config.put("target.connection.url", "jdbc:postgresql://db:5432/service");
        config.put("target.table", "svc.policy");
        config.put("mapping.key", "policyNo:policy_number");
        return config;
    }

    private static Map<String, List<String>> errors(Map<String, String> config) {
        // The database check is exercised against PostgreSQL in the integration tests.
        return new ReconcileSinkConnector((parsed, byName) -> { }).validate(config).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aMinimalConfigurationIsValidAndParses() {
        assertThat(errors(valid())).isEmpty();

        ReconcileSinkConfig config = new ReconcileSinkConfig(valid());
        assertThat(config.scope()).isEqualTo("svc.policy");
        assertThat(config.evidenceConnection().url()).isEqualTo("jdbc:postgresql://db:5432/service");
        assertThat(config.sourceConnection()).isEmpty();
        assertThat(config.gracePeriod()).hasSeconds(60);
    }

    private static final String PLAN = "{\"version\": 1, \"entities\": {\"policy\": {\"fields\": [\"country\"]}}, "
            + "\"scopes\": [{\"name\": \"policies\", \"entity\": \"policy\", \"effective\": [{\"from\": \"2027-01-04T00:00:00Z\", "
            + "\"phase\": \"mirror\", \"system-of-record\": \"legacy\", \"write-authority\": \"legacy\", "
            + "\"publisher\": \"legacy\", \"conflict\": \"legacy-wins\"}]}]}";

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of("mapping.key", ""), "mapping.key", "List at least one key field"),
                Arguments.of(Map.of("mapping.key", "id:bad-column"), "mapping.key", "'bad-column' is not a valid SQL identifier"),
                Arguments.of(Map.of("mapping.fields", "a:b:c"), "mapping.fields", "entry 'a:b:c' is not 'field:column' or 'field'"),
                Arguments.of(Map.of("mapping.fields", "a,a:x"), "mapping.fields", "field 'a' appears twice"),
                Arguments.of(Map.of("target.table", "a.b.c"), "target.table", "is not a table name"),
                Arguments.of(Map.of("target.table", "policy; DROP TABLE x"), "target.table", "is not a valid SQL identifier"),
                Arguments.of(Map.of("compare.tolerance.absolute", "premium:-1"), "compare.tolerance.absolute", "'-1' is negative"),
                Arguments.of(Map.of("compare.timestamp.skew", "at:soon"), "compare.timestamp.skew", "neither an ISO-8601 duration"),
                Arguments.of(Map.of("compare.timestamp.precision", "at:nanos"), "compare.timestamp.precision", "'nanos' is not one of"),
                Arguments.of(Map.of("compare.enum.equivalence", "status:A"), "compare.enum.equivalence", "'A' is not sourceCode=targetCode"),
                Arguments.of(Map.of("compare.decimal.scale", "amount:x"), "compare.decimal.scale", "not an integer scale"),
                Arguments.of(Map.of("recheck.grace.period.ms", "-1"), "recheck.grace.period.ms", "at least 0"),
                Arguments.of(Map.of("repair.mode", "rollback"), "repair.mode", "Must be one of [none, debezium-signal, topic]"),
                Arguments.of(Map.of("repair.mode", "topic"), "repair.topic", "Required when repair.mode is topic"),
                Arguments.of(Map.of("repair.mode", "topic"), "repair.kafka.bootstrap.servers", "Required when repair.mode is topic"),
                Arguments.of(Map.of("repair.mode", "topic", "repair.topic", "policy repairs"), "repair.topic",
                        "'policy repairs' is not a valid topic name"),
                Arguments.of(Map.of("state.bisection.factor", "1"), "state.bisection.factor", "at least 2"),
                Arguments.of(Map.of("threshold.warning.rate", "0.5", "threshold.incident.rate", "0.1"), "threshold.warning.rate",
                        "above the incident rate"),
                Arguments.of(Map.of("target.connection.url", "jdbc:oracle:thin:@//db:1521/SVC"), "target.connection.url",
                        "The evidence tables need PostgreSQL"),
                Arguments.of(Map.of("repair.mode", "debezium-signal"), "repair.signal.table", "Required when repair.mode is debezium-signal"),
                Arguments.of(Map.of("repair.mode", "debezium-signal"), "source.connection.url", "the signal table is in the source database"),
                Arguments.of(Map.of("state.check.interval.ms", "60000"), "state.source.table", "Required when state.check.interval.ms"),
                Arguments.of(Map.of("state.check.interval.ms", "60000"), "mapping.fields", "list the compared fields explicitly"),
                Arguments.of(Map.of("state.check.interval.ms", "60000", "mapping.fields", "premium", "state.sum.fields", "tax"),
                        "state.sum.fields", "Field 'tax' is not one of the compared fields"),
                Arguments.of(Map.of("migration.plan", PLAN), "plan.entity", "Required with a migration plan"),
                Arguments.of(Map.of("migration.plan", PLAN, "plan.entity", "claim"), "plan.entity",
                        "'claim' is not an entity of the plan (entities: policy)"),
                Arguments.of(Map.of("migration.plan", "{\"version\": 1}", "plan.entity", "policy"), "migration.plan", "entities"),
                Arguments.of(Map.of("migration.plan", PLAN, "migration.plan.file", "/etc/plan.yaml", "plan.entity", "policy"),
                        "migration.plan.file", "not both"),
                Arguments.of(Map.of("plan.fields", "policy.country=countryCode"), "plan.fields", "Has no effect without migration.plan"),
                Arguments.of(Map.of("migration.plan", PLAN, "plan.entity", "policy", "plan.fields", "policy.countryCode=countryCode"),
                        "plan.fields", "'countryCode' is not a field of plan entity 'policy' (country)"),
                Arguments.of(Map.of("migration.plan", PLAN, "plan.entity", "policy", "plan.fields", "claim.country=countryCode"),
                        "plan.fields", "'claim' is not the entity of these records (policy)"),
                Arguments.of(Map.of("migration.plan", PLAN, "plan.entity", "policy", "plan.fields", "country"),
                        "plan.fields", "must be entity.field="),
                Arguments.of(Map.of("state.source.columns", "policyNo:pol_no"), "state.source.columns", "Has no effect without state checks"),
                Arguments.of(Map.of("state.check.interval.ms", "60000", "mapping.fields", "premium", "state.source.columns", "tax:tax_amt"),
                        "state.source.columns", "Field 'tax' is not a field of mapping.key or mapping.fields"),
                Arguments.of(Map.of("state.check.interval.ms", "60000", "mapping.fields", "premium", "state.source.columns", "premium:prem-x"),
                        "state.source.columns", "'prem-x' is not a valid SQL identifier"),
                Arguments.of(Map.of("state.check.interval.ms", "60000", "mapping.fields", "premium", "state.source.columns", "premium"),
                        "state.source.columns", "'premium' must be field:column"),
                Arguments.of(Map.of("state.check.interval.ms", "60000", "mapping.fields", "premium", "state.source.columns",
                        "premium:a,premium:b"), "state.source.columns", "Field 'premium' is mapped twice"),
                Arguments.of(Map.of("state.check.interval.ms", "60000", "mapping.fields", "premium-amount:premium"),
                        "mapping.fields", "must be a valid SQL identifier (or name its column in state.source.columns)"),
                Arguments.of(Map.of("plan.records.from", "both"), "plan.records.from", "Must be one of [legacy, service]"),
                Arguments.of(Map.of("evidence.report.to.dlq", "true", "errors.deadletterqueue.topic.name", "dlq"),
                        "evidence.report.to.dlq", "errors.tolerance=all"));
    }

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @MethodSource("invalid")
    void validateNamesTheKeyToChange(Map<String, String> change, String key, String message) {
        Map<String, String> config = valid();
        config.putAll(change);

        assertThat(errors(config)).containsKey(key);
        assertThat(errors(config).get(key)).anySatisfy(m -> assertThat(m).contains(message));
    }

    @Test
    void validateReportsAllProblemsAtOnce() {
        Map<String, String> config = valid();
        config.put("mapping.key", "id:bad-column");
        config.put("compare.tolerance.absolute", "premium:x");
        config.put("repair.mode", "debezium-signal");

        assertThat(errors(config)).containsKeys("mapping.key", "compare.tolerance.absolute", "repair.signal.table",
                "source.connection.url");
    }

    @Test
    void theConfigClassRefusesWhatValidateReports() {
        Map<String, String> config = valid();
        config.put("repair.mode", "debezium-signal");

        assertThatThrownBy(() -> new ReconcileSinkConfig(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("repair.signal.table");
    }

    @Test
    void aPlanWithItsEntityIsValid() {
        Map<String, String> config = valid();
        config.put("migration.plan", PLAN);
        config.put("plan.entity", "policy");
        config.put("plan.records.from", "service");

        assertThat(errors(config)).isEmpty();
        ReconcileSinkConfig parsed = new ReconcileSinkConfig(config);
        assertThat(parsed.migrationPlan()).hasValueSatisfying(p -> assertThat(p.hasEntity("policy")).isTrue());
        assertThat(parsed.recordSide()).isEqualTo(dev.strangler.connect.core.plan.Side.SERVICE);
    }

    @Test
    void planFieldsBindTheRecordsFieldNamesToThePlansAlsoFromAPlanFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("plan.json"), PLAN);
        Map<String, String> config = valid();
        config.put("migration.plan.file", file.toString());
        config.put("plan.entity", "policy");
        config.put("plan.fields", "policy.country=countryCode");

        assertThat(errors(config)).isEmpty();
        assertThat(new ReconcileSinkConfig(config).planFields().source("policy", "country")).isEqualTo("countryCode");

        config.put("plan.fields", "policy.county=countryCode");
        assertThat(errors(config)).containsOnlyKeys("plan.fields");
    }

    @Test
    void sourceColumnsRenameTheSourceTablesColumnsForStateChecksAndSignals() {
        Map<String, String> config = valid();
        config.put("mapping.key", "policyNo:policy_number");
        config.put("mapping.fields", "holder-name:holder_name,premium");
        config.put("source.connection.url", "jdbc:postgresql://legacy:5432/legacy");
        config.put("state.check.interval.ms", "600000");
        config.put("state.source.table", "legacy.policy");
        config.put("state.source.columns", "policyNo:pol_no,holder-name:holder_nm");

        assertThat(errors(config)).isEmpty();
        ReconcileSinkConfig parsed = new ReconcileSinkConfig(config);
        assertThat(parsed.sourceColumn("policyNo").name()).isEqualTo("pol_no");
        assertThat(parsed.sourceColumn("holder-name").name()).isEqualTo("holder_nm");
        assertThat(parsed.sourceColumn("premium").name()).isEqualTo("premium");
    }

    @Test
    void signalRepairAndStateChecksAreValidWhenComplete() {
        Map<String, String> config = valid();
        config.put("mapping.key", "id");
        config.put("mapping.fields", "holder:holder_name,premium");
        config.put("source.connection.url", "jdbc:postgresql://legacy:5432/legacy");
        config.put("repair.mode", "debezium-signal");
        config.put("repair.signal.table", "legacy.debezium_signal");
        config.put("state.check.interval.ms", "600000");
        config.put("state.source.table", "legacy.policy");

        assertThat(errors(config)).isEmpty();
        ReconcileSinkConfig parsed = new ReconcileSinkConfig(config);
        assertThat(parsed.dataCollection()).isEqualTo("legacy.policy");
        assertThat(parsed.repairMode()).isEqualTo(RepairMode.DEBEZIUM_SIGNAL);
        assertThat(parsed.stateCheckInterval()).hasValueSatisfying(d -> assertThat(d).hasMinutes(10));
    }

    @Test
    void topicRepairIsValidWhenCompleteAndPassesProducerSettingsWithoutThePrefix() {
        Map<String, String> config = valid();
        config.put("repair.mode", "topic");
        config.put("repair.topic", "policy.repair");
        config.put("repair.kafka.bootstrap.servers", "kafka:9092");
        config.put("repair.kafka.security.protocol", "SSL");

        assertThat(errors(config)).isEmpty();
        ReconcileSinkConfig parsed = new ReconcileSinkConfig(config);
        assertThat(parsed.repairMode()).isEqualTo(RepairMode.TOPIC);
        assertThat(parsed.repairTopic()).isEqualTo("policy.repair");
        assertThat(parsed.repairProducerSettings())
                .containsOnly(Map.entry("bootstrap.servers", "kafka:9092"), Map.entry("security.protocol", "SSL"));
    }

    @Test
    void passwordsAreHiddenAndTasksAreNumbered() {
        assertThat(ReconcileSinkConfig.CONFIG_DEF.configKeys().get("target.connection.password").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
        assertThat(ReconcileSinkConfig.CONFIG_DEF.configKeys().get("evidence.connection.password").type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
        ReconcileSinkConnector connector = new ReconcileSinkConnector();
        connector.start(valid());

        assertThat(connector.taskConfigs(3)).extracting(c -> c.get(ReconcileSinkTask.TASK_INDEX)).containsExactly("0", "1", "2");
        assertThat(connector.version()).isEqualTo(StranglerVersion.get());
        assertThat(new ReconcileSinkTask().version()).isEqualTo(StranglerVersion.get());
    }

    @Test
    void everyKeyIsDocumentedInAGroup() {
        assertThat(ReconcileSinkConfig.CONFIG_DEF.configKeys().values()).allSatisfy(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
        });
    }
}
