package dev.strangler.connect.docs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Renders the configuration reference of every plugin we declare in {@code META-INF/services} from its ConfigDef,
 * one Markdown page per plugin module, so the reference can never drift from the code.
 */
final class ConfigReference {

    private static final Map<String, String> MODULE_BY_PACKAGE = Map.of(
            "dev.strangler.connect.acl", "connect-acl-smt",
            "dev.strangler.connect.outbox", "connect-outbox-source",
            "dev.strangler.connect.legacy", "connect-legacy-sink",
            "dev.strangler.connect.reconcile", "connect-reconcile-sink");

    private record Plugin(String kind, Class<?> type, ConfigDef config) {
    }

    private ConfigReference() {
    }

    /** Module name -> its Markdown page. */
    static Map<String, String> render() {
        Map<String, List<Plugin>> byModule = new TreeMap<>();
        collect(byModule, "Source connector", SourceConnector.class, p -> ((SourceConnector) p).config());
        collect(byModule, "Sink connector", SinkConnector.class, p -> ((SinkConnector) p).config());
        collect(byModule, "Transformation", Transformation.class, p -> ((Transformation<?>) p).config());
        collect(byModule, "Predicate", Predicate.class, p -> ((Predicate<?>) p).config());
        Map<String, String> pages = new LinkedHashMap<>();
        byModule.forEach((module, plugins) -> {
            plugins.sort(Comparator.comparing((Plugin p) -> p.kind()).thenComparing(p -> p.type().getName()));
            pages.put(module, page(module, plugins));
        });
        return pages;
    }

    private interface ConfigOf {
        ConfigDef apply(Object plugin);
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void collect(Map<String, List<Plugin>> byModule, String kind, Class<?> service, ConfigOf configOf) {
        for (Object plugin : ServiceLoader.load((Class) service)) {
            Class<?> type = plugin.getClass();
            String module = MODULE_BY_PACKAGE.entrySet().stream()
                    .filter(e -> type.getName().startsWith(e.getKey() + "."))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (module != null) {
                byModule.computeIfAbsent(module, m -> new ArrayList<>()).add(new Plugin(kind, type, configOf.apply(plugin)));
            }
        }
    }

    private static String page(String module, List<Plugin> plugins) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(module).append(" — configuration reference\n\n");
        md.append("Generated from the plugins' `ConfigDef`s by `docs/` (`./mvnw -pl docs -am test -Dconfig-reference.update=true`);"
                + " do not edit by hand.\n\n");
        for (Plugin plugin : plugins) {
            md.append("- [`").append(plugin.type().getName()).append("`](#").append(anchor(plugin.type().getName())).append(") — ")
                    .append(plugin.kind().toLowerCase()).append('\n');
        }
        for (Plugin plugin : plugins) {
            md.append("\n## ").append(plugin.type().getName()).append("\n\n");
            md.append("*").append(plugin.kind()).append("*");
            overview(plugin.type()).ifPresent(doc -> md.append(". ").append(doc.strip()));
            md.append("\n");
            Map<String, List<ConfigDef.ConfigKey>> groups = new LinkedHashMap<>();
            plugin.config().configKeys().values().stream()
                    .sorted(Comparator.comparing((ConfigDef.ConfigKey k) -> k.group == null ? "" : k.group)
                            .thenComparingInt(k -> k.orderInGroup)
                            .thenComparing(k -> k.name))
                    .forEach(key -> groups.computeIfAbsent(key.group == null ? "General" : key.group, g -> new ArrayList<>()).add(key));
            // Keep the groups in the order the ConfigDef declares them.
            List<String> declaredGroups = new ArrayList<>(plugin.config().groups());
            groups.keySet().stream().filter(g -> !declaredGroups.contains(g)).forEach(declaredGroups::add);
            for (String group : declaredGroups) {
                List<ConfigDef.ConfigKey> keys = groups.get(group);
                if (keys == null) {
                    continue;
                }
                md.append("\n### ").append(group).append("\n\n");
                md.append("| Key | Type | Default | Valid values | Importance | Description |\n");
                md.append("|---|---|---|---|---|---|\n");
                for (ConfigDef.ConfigKey key : keys) {
                    md.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase())
                            .append(" | ").append(cell(defaultValue(key)))
                            .append(" | ").append(cell(key.validator == null ? "" : key.validator.toString()))
                            .append(" | ").append(key.importance.name().toLowerCase())
                            .append(" | ").append(cell(key.documentation)).append(" |\n");
                }
            }
        }
        return md.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "*required*";
        }
        Object value = key.defaultValue;
        if (value == null) {
            return "null";
        }
        if (value instanceof Password) {
            return "[hidden]";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "\"\"" : "`" + String.join(",", list.stream().map(String::valueOf).toList()) + "`";
        }
        String text = ConfigDef.convertToString(value, key.type);
        return text == null || text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static java.util.Optional<String> overview(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField("OVERVIEW_DOC");
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    field.setAccessible(true);
                    return java.util.Optional.ofNullable((String) field.get(null));
                }
            } catch (NoSuchFieldException e) {
                // try the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return java.util.Optional.empty();
    }

    private static String cell(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }

    private static String anchor(String heading) {
        return heading.toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }
}
