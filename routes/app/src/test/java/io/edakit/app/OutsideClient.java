package io.edakit.app;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A plain client of the broker (no edakit code) as the outside world uses it: sends messages to a
 * channel (id in {@code ce_id} and the body) and reads back the ids a channel holds.
 */
interface OutsideClient extends AutoCloseable {

    String name();

    /** Sends {@code count} messages with ids {@code prefix + n}, message n with the headers {@code headers} gives. */
    List<String> send(String channel, String prefix, int count, IntFunction<Map<String, String>> headers) throws Exception;

    /** Sends one message with the id {@code id} (as {@code ce_id} and body) and {@code headers}. */
    void send(String channel, String id, Map<String, String> headers) throws Exception;

    /** The ids of every message the channel holds now, in order, duplicates included. */
    List<String> read(String channel) throws Exception;

    @Override
    void close();

    /** kafka-clients: a producer and an assigned consumer that reads each partition from the start. */
    final class Kafka implements OutsideClient {
        private final String bootstrapServers;
        private final KafkaProducer<String, byte[]> producer;

        Kafka(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(config);
        }

        @Override
        public String name() {
            return "kafka";
        }

        void createTopics(int partitions, String... topics) throws Exception {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                admin.createTopics(Arrays.stream(topics).map(topic -> new NewTopic(topic, partitions, (short) 1)).toList())
                        .all().get(30, TimeUnit.SECONDS);
            }
        }

        @Override
        public List<String> send(String channel, String prefix, int count, IntFunction<Map<String, String>> headers)
                throws Exception {
            List<String> ids = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                String id = prefix + n;
                producer.send(record(channel, id, headers.apply(n)));
                ids.add(id);
            }
            producer.flush();
            return ids;
        }

        @Override
        public void send(String channel, String id, Map<String, String> headers) throws Exception {
            producer.send(record(channel, id, headers)).get(30, TimeUnit.SECONDS);
        }

        private static ProducerRecord<String, byte[]> record(String channel, String id, Map<String, String> headers) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(channel, id.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
            headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            return record;
        }

        @Override
        public List<String> read(String channel) {
            Properties config = new Properties();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
            List<String> ids = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
                List<PartitionInfo> partitions = consumer.partitionsFor(channel, Duration.ofSeconds(10));
                if (partitions == null || partitions.isEmpty()) {
                    return ids;
                }
                List<TopicPartition> assigned = partitions.stream()
                        .map(info -> new TopicPartition(channel, info.partition())).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (assigned.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("could not read " + channel + " to its end " + ends);
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        Header id = record.headers().lastHeader("ce_id");
                        ids.add(id == null ? "(none)" : new String(id.value(), StandardCharsets.UTF_8));
                    }
                }
            }
            return ids;
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** A JMS client (artemis-jakarta-client): sends to the channel's address, browses its queue. */
    final class Jms implements OutsideClient {
        private static final int BATCH = 500;
        private final String url;
        private final ActiveMQConnectionFactory factory;
        private final String password;

        Jms(String url, String password) {
            this.url = url;
            this.factory = new ActiveMQConnectionFactory(url);
            this.password = password;
        }

        /** Creates a channel's queue as edakit lays it out (a durable queue named like its multicast address). */
        void createQueue(String channel) {
            try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
                 ClientSessionFactory sessions = locator.createSessionFactory();
                 ClientSession session = sessions.createSession("edakit", password, false, true, true, false, 0)) {
                session.createQueue(QueueConfiguration.of(channel).setAddress(channel)
                        .setRoutingType(RoutingType.MULTICAST).setDurable(true));
            } catch (Exception e) {
                throw new IllegalStateException("cannot create queue " + channel, e);
            }
        }

        @Override
        public String name() {
            return "artemis";
        }

        @Override
        public List<String> send(String channel, String prefix, int count, IntFunction<Map<String, String>> headers)
                throws Exception {
            List<String> ids = new ArrayList<>();
            try (Connection connection = factory.createConnection("edakit", password);
                 Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
                // a channel is a multicast address: a JMS topic
                MessageProducer producer = session.createProducer(session.createTopic(channel));
                for (int n = 0; n < count; n++) {
                    String id = prefix + n;
                    producer.send(message(session, id, headers.apply(n)));
                    ids.add(id);
                    if ((n + 1) % BATCH == 0) {
                        session.commit();
                    }
                }
                session.commit();
            }
            return ids;
        }

        @Override
        public void send(String channel, String id, Map<String, String> headers) throws Exception {
            try (Connection connection = factory.createConnection("edakit", password);
                 Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                session.createProducer(session.createTopic(channel)).send(message(session, id, headers));
            }
        }

        private static BytesMessage message(Session session, String id, Map<String, String> headers) throws Exception {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(id.getBytes(StandardCharsets.UTF_8));
            message.setStringProperty("ce_id", id);
            for (Map.Entry<String, String> header : headers.entrySet()) {
                message.setStringProperty(header.getKey(), header.getValue());
            }
            return message;
        }

        @Override
        public List<String> read(String channel) throws Exception {
            List<String> ids = new ArrayList<>();
            try (Connection connection = factory.createConnection("edakit", password);
                 Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                connection.start();
                // the channel's point-to-point queue, by its fully qualified name
                QueueBrowser browser = session.createBrowser(session.createQueue(channel + "::" + channel));
                var messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    ids.add(((Message) messages.nextElement()).getStringProperty("ce_id"));
                }
            } catch (jakarta.jms.InvalidDestinationException none) {
                return ids; // nothing was ever sent there
            }
            return ids;
        }

        @Override
        public void close() {
            factory.close();
        }
    }
}
