package nftlink.netlink.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A copy of a record with some components changed, made through its canonical constructor (which
 * checks them again): what a record's withers share, instead of a mutable copy of every component
 * per record. Components are named as the record declares them; a wrong name or type fails at once.
 *
 * @param <R> the record type
 */
public final class RecordCopy<R extends Record> {

    /** A record type's component names, accessors and canonical constructor. */
    private record Shape(String[] names, MethodHandle[] accessors, MethodHandle constructor) {
        static Shape of(MethodHandles.Lookup lookup, Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            String[] names = new String[components.length];
            MethodHandle[] accessors = new MethodHandle[components.length];
            Class<?>[] types = new Class<?>[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    names[i] = components[i].getName();
                    accessors[i] = lookup.unreflect(components[i].getAccessor());
                    types[i] = components[i].getType();
                }
                return new Shape(names, accessors, lookup.findConstructor(type, MethodType.methodType(void.class, types)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot copy " + type.getName() + ": " + e.getMessage(), e);
            }
        }

        int index(String name) {
            int i = Arrays.asList(names).indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no component " + name);
            }
            return i;
        }
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private final Shape shape;
    private final Object[] values;

    private RecordCopy(Shape shape, Object[] values) {
        this.shape = shape;
        this.values = values;
    }

    /**
     * Starts a copy of {@code record} with every component as it is.
     *
     * @param lookup a lookup with access to the record's accessors and canonical constructor,
     *               e.g. {@code MethodHandles.lookup()} in the record itself
     * @param record the record to copy
     * @param <R> the record type
     * @return the copy being made
     */
    public static <R extends Record> RecordCopy<R> of(MethodHandles.Lookup lookup, R record) {
        Shape shape = SHAPES.computeIfAbsent(record.getClass(), type -> Shape.of(lookup, type));
        Object[] values = new Object[shape.names().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = invoke(shape.accessors()[i], record);
        }
        return new RecordCopy<>(shape, values);
    }

    /**
     * Sets one component of the copy.
     *
     * @param component the component's name
     * @param value its new value (boxed for a primitive one)
     * @return this copy
     * @throws IllegalArgumentException when the record has no such component
     */
    public RecordCopy<R> set(String component, Object value) {
        values[shape.index(component)] = value;
        return this;
    }

    /**
     * The copy, made by the canonical constructor; what it throws is thrown as it is.
     *
     * @return the new record
     */
    @SuppressWarnings("unchecked")
    public R record() {
        return (R) invoke(shape.constructor(), values);
    }

    private static Object invoke(MethodHandle handle, Object... arguments) {
        try {
            return handle.invokeWithArguments(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
