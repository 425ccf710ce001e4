package dev.strangler.connect.reconcile.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import dev.strangler.connect.reconcile.evidence.Finding;

/**
 * Repair through a topic: one request record per confirmed finding ({@link RepairRecords}), for a repair service or
 * an operator's tooling to consume. {@link #request} returns only when Kafka has acknowledged every record, so a
 * request is never lost silently after its finding was recorded; a send that fails is a {@link KafkaException}.
 */
public final class RepairTopic implements RepairRequests {

    private final Producer<String, String> producer;
    private final RepairRecords records;
    private final String topic;

    public RepairTopic(Producer<String, String> producer, String topic, RepairRecords records) {
        this.producer = producer;
        this.topic = topic;
        this.records = records;
    }

    @Override
    public int request(List<Finding> findings) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            sent.add(producer.send(records.toRecord(finding)));
        }
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new KafkaException("A repair request to topic " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while sending repair requests to topic " + topic, e);
            }
        }
        return findings.size();
    }

    @Override
    public String destination() {
        return "topic " + topic;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
