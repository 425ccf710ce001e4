package dev.strangler.connect.acl.struct;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * A compiled edit of nested structs: built once per input schema from path operations (replace a field's value,
 * remove, add, move), then applied to every record of that schema. Only the structs on the edited paths are
 * rebuilt; untouched sub-structs are carried over by reference with their original schema, which keeps the
 * per-record cost to the edited fields.
 *
 * <p>An optional struct that is null in the input stays null (a delete's {@code after}, for example), whatever the
 * operations below it, unless a field added or moved into it has a value: then {@link #apply} throws
 * {@link AbsentStructException} rather than lose it. A struct left without fields by removals and moves is removed. Value functions may throw
 * any runtime exception (usually {@code RecordRejectedException}); it propagates from {@link #apply}.
 */
public final class StructRewrite {

    /** The new value of a field from its old value. */
    @FunctionalInterface
    public interface ValueFunction {
        Object apply(Object oldValue);
    }

    /** The value of an added field, computed from the whole input value. */
    @FunctionalInterface
    public interface RootFunction {
        Object apply(Struct root);
    }

    /** Computes several field values from the whole input value at once (e.g. the parts of a split). */
    @FunctionalInterface
    public interface GroupFunction {
        Object[] apply(Struct root);
    }

    private final Schema inputSchema;
    private final Schema outputSchema;
    private final Node root;
    private final int groups;

    private StructRewrite(Schema inputSchema, Node root, int groups) {
        this.inputSchema = inputSchema;
        this.root = root;
        this.groups = groups;
        this.outputSchema = root.schema();
        root.compile(outputSchema);
    }

    public static Builder builder(Schema inputSchema) {
        return new Builder(inputSchema);
    }

    public Schema inputSchema() {
        return inputSchema;
    }

    public Schema schema() {
        return outputSchema;
    }

    public Struct apply(Struct input) {
        return apply(input, (Object[]) null);
    }

    /**
     * Applies the rewrite with values from outside the struct (e.g. an id derived from the record key) for the
     * fields added with {@link Builder#addInput}.
     */
    public Struct apply(Struct input, Object... inputs) {
        return root.build(new Context(input, groups == 0 ? null : new Object[groups][], inputs), outputSchema);
    }

    /** One application: the input value, the group values computed so far and the outside inputs. */
    private record Context(Struct root, Object[][] groupValues, Object[] inputs) {
    }

    /** How one field of an output struct gets its value. */
    private interface Slot {
        Schema schema();
    }

    /**
     * A field copied or computed; {@code sourceParent} is the input struct that held the field originally.
     * {@code origin} is the input path of a field copied unchanged (wherever it now sits), null for computed ones.
     */
    private record Leaf(Schema schema, LeafValue value, FieldPath origin) implements Slot {
    }

    @FunctionalInterface
    private interface LeafValue {
        Object get(Context context, Struct sourceParent);
    }

    /** A struct rebuilt field by field. */
    private static final class Node implements Slot {
        private final Schema original;              // null for a struct the rewrite creates
        private final FieldPath sourcePath;         // null for the root and for created structs
        private final Map<String, Slot> fields = new LinkedHashMap<>();
        // fields placed here from elsewhere (added or moved in): they must not vanish with an absent struct
        private final Set<String> foreign = new HashSet<>();
        private final String label;
        private Schema schema;
        // the slots in the order of the output schema's fields, fixed by compile() once the builder is done
        private Slot[] slots;
        private Field[] outFields;

        Node(Schema original, FieldPath sourcePath, String label) {
            this.original = original;
            this.sourcePath = sourcePath;
            this.label = label;
            if (original != null) {
                for (Field field : original.fields()) {
                    String name = field.name();
                    FieldPath origin = sourcePath == null ? FieldPath.of(name) : sourcePath.child(name);
                    // by Field, not by name: the source struct's schema equals the original (the rewrite is cached per
                    // input schema), so the index is the same, and reading by index skips a lookup per field and record
                    fields.put(name, new Leaf(field.schema(), (context, parent) -> parent == null ? null : parent.get(field), origin));
                }
            }
        }

        @Override
        public Schema schema() {
            if (schema == null) {
                SchemaBuilder builder = SchemaBuilder.struct();
                if (original != null) {
                    builder.name(original.name()).version(original.version()).doc(original.doc());
                    if (original.parameters() != null) {
                        builder.parameters(original.parameters());
                    }
                    if (original.isOptional()) {
                        builder.optional();
                    }
                }
                fields.forEach((name, slot) -> builder.field(name, slot.schema()));
                schema = builder.build();
            }
            return schema;
        }

        Struct source(Struct root) {
            if (sourcePath == null) {
                return original == null ? null : root;
            }
            return (Struct) sourcePath.valueIn(root);
        }

        /** Fixes the slots of this node and the nodes below it, in output field order. */
        void compile(Schema outSchema) {
            List<Field> out = outSchema.fields();
            slots = new Slot[out.size()];
            outFields = out.toArray(new Field[0]);
            for (int i = 0; i < slots.length; i++) {
                slots[i] = fields.get(outFields[i].name());
                if (slots[i] instanceof Node node) {
                    node.compile(outFields[i].schema());
                }
            }
        }

        Struct build(Context context, Schema outSchema) {
            Struct source = source(context.root());
            if (original != null && source == null) {
                // an optional struct that is absent in the input stays absent, unless that would lose a value
                for (String name : foreign) {
                    Field field = outSchema.field(name);
                    Slot slot = fields.get(name);
                    Object value = slot instanceof Node node ? node.build(context, field.schema()) : ((Leaf) slot).value().get(context, null);
                    if (value != null) {
                        throw new AbsentStructException(label, name);
                    }
                }
                return null;
            }
            Struct out = new Struct(outSchema);
            for (int i = 0; i < slots.length; i++) {
                Slot slot = slots[i];
                Field field = outFields[i];
                Object value = slot instanceof Node node ? node.build(context, field.schema()) : ((Leaf) slot).value().get(context, source);
                out.put(field, value);
            }
            return out;
        }
    }

    /** Collects operations on an input schema; {@link #build()} checks and compiles them. */
    public static final class Builder {
        private final Schema inputSchema;
        private final Node root;
        private int groups;

        private Builder(Schema inputSchema) {
            if (inputSchema == null || inputSchema.type() != Schema.Type.STRUCT) {
                throw new IllegalArgumentException("a rewrite needs a struct schema");
            }
            this.inputSchema = inputSchema;
            this.root = new Node(inputSchema, null, "value");
        }

        /** Whether the input schema has a field at the path. */
        public boolean has(FieldPath path) {
            return path.schemaIn(inputSchema).isPresent();
        }

        /** The current schema of the field at the path (after earlier operations), if any. */
        public Optional<Schema> schemaOf(FieldPath path) {
            Node parent = nodeAt(path.parent(), false);
            Slot slot = parent == null ? null : parent.fields.get(path.leaf());
            return Optional.ofNullable(slot).map(Slot::schema);
        }

        /** Gives an existing field a new schema and a value computed from its current value. */
        public Builder replace(FieldPath path, Schema schema, ValueFunction function) {
            Node parent = requireNode(path.parent(), path);
            Slot slot = parent.fields.get(path.leaf());
            if (slot == null) {
                throw new PathException(path, "no field " + path);
            }
            if (!(slot instanceof Leaf leaf)) {
                throw new PathException(path, "field " + path + " is a struct edited by another operation");
            }
            LeafValue previous = leaf.value();
            parent.fields.put(path.leaf(), new Leaf(schema, (c, p) -> function.apply(previous.get(c, p)), null));
            return this;
        }

        public Builder remove(FieldPath path) {
            Node parent = requireNode(path.parent(), path);
            parent.foreign.remove(path.leaf());
            if (parent.fields.remove(path.leaf()) == null) {
                throw new PathException(path, "no field " + path);
            }
            return this;
        }

        /** Adds a field computed from the whole input value, creating the structs on its path as needed. */
        public Builder add(FieldPath path, Schema schema, RootFunction function) {
            Node parent = nodeAt(path.parent(), true);
            if (parent.fields.containsKey(path.leaf())) {
                throw new PathException(path, "field " + path + " already exists");
            }
            parent.fields.put(path.leaf(), new Leaf(schema, (c, p) -> function.apply(c.root()), null));
            parent.foreign.add(path.leaf());
            return this;
        }

        /** Adds a field whose value is passed to {@link StructRewrite#apply(Struct, Object...)} at {@code index}. */
        public Builder addInput(FieldPath path, Schema schema, int index) {
            Node parent = nodeAt(path.parent(), true);
            if (parent.fields.containsKey(path.leaf())) {
                throw new PathException(path, "field " + path + " already exists");
            }
            parent.fields.put(path.leaf(), new Leaf(schema, (c, p) -> c.inputs() == null ? null : c.inputs()[index], null));
            parent.foreign.add(path.leaf());
            return this;
        }

        /**
         * Adds several fields whose values one function computes together, once per record: value {@code i} of the
         * function's result goes to {@code paths.get(i)}.
         */
        public Builder addGroup(List<FieldPath> paths, List<Schema> schemas, GroupFunction function) {
            if (paths.size() != schemas.size()) {
                throw new IllegalArgumentException("one schema per path");
            }
            int group = groups++;
            for (int i = 0; i < paths.size(); i++) {
                FieldPath path = paths.get(i);
                Node parent = nodeAt(path.parent(), true);
                if (parent.fields.containsKey(path.leaf())) {
                    throw new PathException(path, "field " + path + " already exists");
                }
                int index = i;
                parent.fields.put(path.leaf(), new Leaf(schemas.get(i), (c, p) -> {
                    Object[] values = c.groupValues()[group];
                    if (values == null) {
                        values = function.apply(c.root());
                        c.groupValues()[group] = values;
                    }
                    return values[index];
                }, null));
                parent.foreign.add(path.leaf());
            }
            return this;
        }

        /** Moves a field (or a whole struct) to another path: rename, nest and un-nest in one operation. */
        public Builder move(FieldPath from, FieldPath to) {
            Node fromParent = requireNode(from.parent(), from);
            Slot slot = fromParent.fields.get(from.leaf());
            if (slot == null) {
                throw new PathException(from, "no field " + from);
            }
            if (fromParent.original == null) {
                throw new PathException(from, "field " + from + " is created by this transform and cannot be moved");
            }
            Node toParent = nodeAt(to.parent(), true);
            if (toParent.fields.containsKey(to.leaf()) && !from.equals(to)) {
                throw new PathException(to, "field " + to + " already exists");
            }
            fromParent.fields.remove(from.leaf());
            fromParent.foreign.remove(from.leaf());
            Slot moved = slot;
            if (slot instanceof Leaf leaf && toParent != fromParent) {
                // the leaf reads from the struct that held it in the input, wherever it now sits
                Node sourceParent = fromParent;
                moved = new Leaf(leaf.schema(), (c, p) -> leaf.value().get(c, sourceParent.source(c.root())), leaf.origin());
            }
            toParent.fields.put(to.leaf(), moved);
            if (toParent != fromParent) {
                toParent.foreign.add(to.leaf());
            }
            return this;
        }

        public StructRewrite build() {
            pruneEmpty(root);
            return new StructRewrite(inputSchema, root, groups);
        }

        private static void pruneEmpty(Node node) {
            List<String> empty = new ArrayList<>();
            node.fields.forEach((name, slot) -> {
                if (slot instanceof Node child) {
                    pruneEmpty(child);
                    if (child.fields.isEmpty()) {
                        empty.add(name);
                    }
                }
            });
            empty.forEach(node.fields::remove);
        }

        private Node requireNode(Optional<FieldPath> parentPath, FieldPath path) {
            Node node = nodeAt(parentPath, false);
            if (node == null) {
                throw new PathException(path, "no field " + path);
            }
            return node;
        }

        /** The node for a struct path, expanding copied struct fields into nodes (and creating missing ones if asked). */
        private Node nodeAt(Optional<FieldPath> path, boolean create) {
            if (path.isEmpty()) {
                return root;
            }
            Node current = root;
            List<String> segments = path.get().segments();
            for (int i = 0; i < segments.size(); i++) {
                String segment = segments.get(i);
                Slot slot = current.fields.get(segment);
                if (slot instanceof Node node) {
                    current = node;
                    continue;
                }
                if (slot == null) {
                    if (!create) {
                        return null;
                    }
                    Node created = new Node(null, null, String.join(".", segments.subList(0, i + 1)));
                    current.fields.put(segment, created);
                    current = created;
                    continue;
                }
                if (slot.schema().type() != Schema.Type.STRUCT) {
                    throw new PathException(path.get(), "field " + String.join(".", segments.subList(0, i + 1)) + " is not a struct");
                }
                FieldPath origin = ((Leaf) slot).origin();
                if (origin == null) {
                    throw new PathException(path.get(), "struct " + String.join(".", segments.subList(0, i + 1))
                            + " is computed by an earlier operation and cannot be edited inside");
                }
                // a struct copied unchanged from the input (possibly moved): rebuild it from where it was in the input
                Node expanded = new Node(slot.schema(), origin, String.join(".", segments.subList(0, i + 1)));
                current.fields.put(segment, expanded);
                current = expanded;
            }
            return current;
        }
    }

    /**
     * A record in which a field added or moved into an optional struct has a value while that struct is absent
     * (null) in the input: writing the struct as absent would lose the value.
     */
    public static final class AbsentStructException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String struct;

        AbsentStructException(String struct, String field) {
            super("Field " + field + " was placed in " + struct + ", which is absent in this record, so its value has nowhere to go",
                    null, false, false);
            this.struct = struct;
        }

        /** The path of the absent struct. */
        public String struct() {
            return struct;
        }
    }

    /** A path that does not fit the input schema (missing field, not a struct, a conflict between operations). */
    public static final class PathException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient FieldPath path;

        public PathException(FieldPath path, String message) {
            super(message);
            this.path = Objects.requireNonNull(path);
        }

        public FieldPath path() {
            return path;
        }
    }

}
