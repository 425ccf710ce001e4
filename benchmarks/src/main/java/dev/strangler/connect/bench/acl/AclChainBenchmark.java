package dev.strangler.connect.bench.acl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 3's measure: the cost per record of a realistic anti-corruption layer chain on Debezium Postgres change
 * events, beside the closest chain of Debezium's ExtractNewRecordState and Kafka's built-ins, and beside what the
 * worker pays anyway to convert the same record to JSON and back. One operation is one record; each invocation
 * runs over {@value #RECORDS} different records (inserts and updates of different policies and codes), so neither
 * the JIT nor the caches see one constant record.
 *
 * <p>Run with {@code bin/bench jmh AclChainBenchmark -prof gc}; figures in BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// Long warm-up and three forks: on the shared 2-core machine a fork's JIT warm-up alone can take ten seconds, and
// the load of the neighbours comes and goes between forks.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AclChainBenchmark {

    static final int RECORDS = 1024;

    private List<SourceRecord> records;
    private TransformChain antiCorruptionLayer;
    private TransformChain builtIns;
    private JsonConverter keyConverter;
    private JsonConverter valueConverter;

    @Setup(Level.Trial)
    public void setUp() {
        records = PolicyChangeEvents.records(RECORDS);
        antiCorruptionLayer = PolicyChains.antiCorruptionLayer();
        builtIns = PolicyChains.builtIns();
        keyConverter = new JsonConverter();
        keyConverter.configure(Map.of("schemas.enable", "true"), true);
        valueConverter = new JsonConverter();
        valueConverter.configure(Map.of("schemas.enable", "true"), false);
        ChainOutputCheck.verify(records, antiCorruptionLayer, builtIns, this::jsonRoundTrip);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        antiCorruptionLayer.close();
        builtIns.close();
        keyConverter.close();
        valueConverter.close();
    }

    /** DomainEventUnwrap, three ValueTranslations, Classify (CEL) with routing, AssignDomainId. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void antiCorruptionLayerChain(Blackhole blackhole) {
        for (SourceRecord record : records) {
            blackhole.consume(antiCorruptionLayer.apply(fresh(record)));
        }
    }

    /** ExtractNewRecordState, three ReplaceField renames, InsertHeader, RegexRouter, ValueToKey, ExtractField. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void builtInChain(Blackhole blackhole) {
        for (SourceRecord record : records) {
            blackhole.consume(builtIns.apply(fresh(record)));
        }
    }

    /** The worker's JsonConverter (schemas enabled, its default) from Connect data to bytes and back, key and value. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void jsonConverterRoundTrip(Blackhole blackhole) {
        for (SourceRecord record : records) {
            SchemaAndValue[] keyAndValue = jsonRoundTrip(fresh(record));
            blackhole.consume(keyAndValue[0]);
            blackhole.consume(keyAndValue[1]);
        }
    }

    /**
     * The record as a source task hands it to the chain: a new record with its own empty headers. Debezium's
     * ExtractNewRecordState adds its headers to its input record's headers, so a pooled record passed twice would
     * carry the headers of every earlier pass. Done in all three benchmarks alike (a few nanoseconds).
     */
    static SourceRecord fresh(SourceRecord record) {
        return new SourceRecord(record.sourcePartition(), record.sourceOffset(), record.topic(), record.kafkaPartition(),
                record.keySchema(), record.key(), record.valueSchema(), record.value(), record.timestamp());
    }

    private SchemaAndValue[] jsonRoundTrip(SourceRecord record) {
        byte[] key = keyConverter.fromConnectData(record.topic(), record.keySchema(), record.key());
        byte[] value = valueConverter.fromConnectData(record.topic(), record.valueSchema(), record.value());
        return new SchemaAndValue[] {keyConverter.toConnectData(record.topic(), key), valueConverter.toConnectData(record.topic(), value)};
    }

    /** For a quick look at the outputs without JMH: prints the first record through both chains. */
    public static void main(String[] args) {
        AclChainBenchmark benchmark = new AclChainBenchmark();
        benchmark.setUp();
        SourceRecord input = benchmark.records.get(1);
        for (SourceRecord out : new SourceRecord[] {benchmark.antiCorruptionLayer.apply(fresh(input)), benchmark.builtIns.apply(fresh(input))}) {
            System.out.println(out.topic() + " key=" + out.key() + " value=" + ((Struct) out.value()).toString());
            out.headers().forEach(h -> System.out.println("  " + h.key() + "=" + h.value()));
        }
        benchmark.tearDown();
    }
}
