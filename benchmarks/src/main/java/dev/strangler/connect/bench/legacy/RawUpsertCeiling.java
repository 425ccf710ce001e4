package dev.strangler.connect.bench.legacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.strangler.connect.core.sql.DmlStatement;
import dev.strangler.connect.core.sql.SqlDialects;
import dev.strangler.connect.core.sql.SqlIdentifier;
import dev.strangler.connect.core.sql.TableName;
import dev.strangler.connect.core.sql.WriteShape;
import dev.strangler.connect.core.sql.WriteStatements;

/**
 * The ceiling: the same records, read from the topic beforehand (not timed), written by plain JDBC with the statement
 * our sink sends for this mapping ({@link WriteStatements#upsert}: a multi-row {@code INSERT .. ON CONFLICT .. DO UPDATE
 * .. WHERE <guard>}, bound as the sink binds), one statement and one transaction per batch of the sink's size. No Kafka, no Connect, no
 * projection: what is left is the database's cost of the write.
 */
final class RawUpsertCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawUpsertCeiling() {
    }

    /** The shape our sink builds for the benchmark mapping: mapped columns, then the guard, then the origin marker. */
    static WriteShape shape(String table) {
        return new WriteShape(TableName.parse(table), List.of(SqlIdentifier.of("id")),
                List.of(SqlIdentifier.of("name"), SqlIdentifier.of("status"), SqlIdentifier.of("amount_cents"),
                        SqlIdentifier.of("city"), SqlIdentifier.of("version"), SqlIdentifier.of("strangler_origin")),
                java.util.Optional.of(SqlIdentifier.of("version")));
    }

    /** Every payload of the topic, as rows in the shape's column order. */
    static List<Object[]> readRows(String bootstrapServers, String topic, int records) {
        Properties properties = new Properties();
        properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        List<Object[]> rows = new ArrayList<>(records);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (rows.size() < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Read only " + rows.size() + " of " + records + " records from " + topic);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode payload = JSON.readTree(record.value()).path("payload");
                    rows.add(new Object[] {payload.path("id").asLong(), payload.path("name").asText(),
                            payload.path("status").asText(), payload.path("amount_cents").asLong(),
                            payload.path("city").isNull() ? null : payload.path("city").asText(),
                            payload.path("version").asLong(), "strangler-connect"});
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Unreadable benchmark record", e);
        }
        return rows;
    }

    /**
     * Binds as our sink's {@code ParameterBinder} does on PostgreSQL, so the server sees the same statement with the
     * same parameter types: text and NULL untyped (the server converts them to the column's type), numbers typed
     * (longs, the only numbers here, through {@code setLong} as the sink's binder does).
     */
    private static void bindLikeTheSink(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setObject(index, text, Types.OTHER);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else {
            statement.setObject(index, value);
        }
    }

    /** Writes {@code rows} in transactions of {@code batch} rows; returns the elapsed nanoseconds. */
    static long write(Connection connection, String jdbcUrl, String table, List<Object[]> rows, int batch) throws SQLException {
        WriteShape shape = shape(table);
        WriteStatements statements = WriteStatements.forDialect(SqlDialects.fromJdbcUrl(jdbcUrl));
        int perStatement = Math.min(batch, statements.maxRowsPerStatement(shape));
        connection.setAutoCommit(false);
        long start = System.nanoTime();
        PreparedStatement full = null;
        try {
            for (int offset = 0; offset < rows.size(); offset += batch) {
                List<Object[]> transaction = rows.subList(offset, Math.min(rows.size(), offset + batch));
                for (int from = 0; from < transaction.size(); from += perStatement) {
                    List<Object[]> chunk = transaction.subList(from, Math.min(transaction.size(), from + perStatement));
                    PreparedStatement statement;
                    if (chunk.size() == perStatement) {
                        if (full == null) {
                            full = connection.prepareStatement(statements.upsert(shape, perStatement).sql());
                        }
                        statement = full;
                    } else {
                        DmlStatement partial = statements.upsert(shape, chunk.size());
                        statement = connection.prepareStatement(partial.sql());
                    }
                    int index = 1;
                    for (Object[] row : chunk) {
                        for (Object value : row) {
                            bindLikeTheSink(statement, index++, value);
                        }
                    }
                    statement.executeUpdate();
                    if (statement != full) {
                        statement.close();
                    }
                }
                connection.commit();
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
        return System.nanoTime() - start;
    }
}
