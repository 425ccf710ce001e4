package dev.strangler.connect.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads a worker's metrics the way an operator's JMX exporter does: over remote JMX from outside the worker's JVM.
 * The worker listens on 127.0.0.1 only, without authentication (a test machine); both JMX ports are the same fixed
 * port so no second, random RMI port is needed.
 */
public final class WorkerJmx implements AutoCloseable {

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private WorkerJmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static List<String> jvmOptions(int port) {
        return List.of(
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false",
                "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dcom.sun.management.jmxremote.local.only=true");
    }

    static WorkerJmx connect(int port) {
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            return new WorkerJmx(JMXConnectorFactory.connect(url));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the worker's JMX port " + port, e);
        }
    }

    /** The names of the MBeans matching a pattern, e.g. {@code kafka.connect:type=plugins,connector=x,*}. */
    public Set<ObjectName> names(String pattern) {
        try {
            return server.queryNames(new ObjectName(pattern), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JMException e) {
            throw new IllegalArgumentException("Not an MBean name pattern: " + pattern, e);
        }
    }

    /** Every readable attribute of one MBean, by name. */
    public Map<String, Object> attributes(ObjectName name) {
        Map<String, Object> values = new TreeMap<>();
        try {
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (attribute.isReadable()) {
                    values.put(attribute.getName(), server.getAttribute(name, attribute.getName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot read MBean " + name, e);
        }
        return values;
    }

    /**
     * All attributes of all MBeans matching a pattern, keyed {@code <ObjectName>/<attribute>}: handy to assert on and
     * readable in a failure message.
     */
    public Map<String, Object> attributes(String pattern) {
        Map<String, Object> all = new TreeMap<>();
        for (ObjectName name : names(pattern)) {
            attributes(name).forEach((attribute, value) -> all.put(name + "/" + attribute, value));
        }
        return all;
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException ignored) {
            // the worker may already be gone; nothing to release on our side
        }
    }
}
