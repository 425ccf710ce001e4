package dev.strangler.connect.bench.acl;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A cross-check of {@link AclChainBenchmark} for a shared machine. JMH measures wall time and runs the
 * alternatives one after the other, so a neighbour's load that comes and goes between them skews the comparison.
 * Here the alternatives take turns in one JVM, one pass over the same {@value AclChainBenchmark#RECORDS} records
 * each, for many rounds, and each is charged the CPU time of the measuring thread (time descheduled is not counted).
 *
 * <p>Run with {@code bin/bench main dev.strangler.connect.bench.acl.AclChainCpuTime [rounds]}.
 */
public final class AclChainCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AclChainCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        List<SourceRecord> records = PolicyChangeEvents.records(AclChainBenchmark.RECORDS);
        TransformChain antiCorruptionLayer = PolicyChains.antiCorruptionLayer();
        TransformChain builtIns = PolicyChains.builtIns();
        JsonConverter keyConverter = new JsonConverter();
        keyConverter.configure(Map.of("schemas.enable", "true"), true);
        JsonConverter valueConverter = new JsonConverter();
        valueConverter.configure(Map.of("schemas.enable", "true"), false);

        Map<String, ToIntFunction<SourceRecord>> alternatives = new LinkedHashMap<>();
        alternatives.put("antiCorruptionLayerChain", r -> antiCorruptionLayer.apply(r).topic().length());
        alternatives.put("builtInChain", r -> builtIns.apply(r).topic().length());
        alternatives.put("jsonConverterRoundTrip", r -> {
            byte[] key = keyConverter.fromConnectData(r.topic(), r.keySchema(), r.key());
            byte[] value = valueConverter.fromConnectData(r.topic(), r.valueSchema(), r.value());
            SchemaAndValue back = valueConverter.toConnectData(r.topic(), value);
            return keyConverter.toConnectData(r.topic(), key).hashCode() + back.hashCode();
        });
        String[] names = alternatives.keySet().toArray(String[]::new);
        long[] cpu = new long[names.length];
        long[] wall = new long[names.length];
        long sink = 0;
        int warmup = Math.max(20, rounds / 5);
        for (int round = -warmup; round < rounds; round++) {
            for (int turn = 0; turn < names.length; turn++) {
                int i = (round + turn + warmup) % names.length; // rotate who goes first
                ToIntFunction<SourceRecord> alternative = alternatives.get(names[i]);
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long wallStart = System.nanoTime();
                for (SourceRecord record : records) {
                    sink += alternative.applyAsInt(AclChainBenchmark.fresh(record));
                }
                if (round >= 0) {
                    wall[i] += System.nanoTime() - wallStart;
                    cpu[i] += THREADS.getCurrentThreadCpuTime() - cpuStart;
                }
            }
        }
        double perRecord = (double) rounds * records.size();
        System.out.printf("%d rounds of %d records per alternative, taking turns (checksum %d)%n", rounds, records.size(), sink);
        System.out.printf("%-40s %14s %14s %12s%n", "alternative", "CPU ns/record", "wall ns/record", "CPU vs builtIn");
        int builtIn = List.of(names).indexOf("builtInChain");
        for (int i = 0; i < names.length; i++) {
            System.out.printf("%-40s %14.0f %14.0f %12.2f%n", names[i], cpu[i] / perRecord, wall[i] / perRecord, (double) cpu[i] / cpu[builtIn]);
        }
        antiCorruptionLayer.close();
        builtIns.close();
        keyConverter.close();
        valueConverter.close();
    }
}
