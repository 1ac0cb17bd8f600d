package org.quanli.platform.personal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.crypto.tink.Aead;
import org.quanli.kernel.personal.PersonalData;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * The one place personal data is encrypted and decrypted: a Jackson module for every record with
 * {@link PersonalData} components. Writing, the personal components leave the record and go, as one AES-256-GCM
 * ciphertext under the data key of the person the {@code subject} component names, into a {@code personalData}
 * object: {@code {"subject": id, "sealed": base64}}; the other components are written as usual. Reading reverses
 * it; a person whose key was erased reads as {@link PersonalData#ERASED}, and a record written before encryption
 * (its personal components in clear, no {@code personalData}) is read as it is. Event handlers never see any of it.
 */
public final class PersonalDataModule extends SimpleModule {

    static final String FIELD = "personalData";
    private static final JsonMapper PLAIN = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {
    };

    public PersonalDataModule(PersonalDataVault vault) {
        super("quanli-personal-data");
        setSerializerModifier(new ValueSerializerModifier() {
            @Override
            public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier bean,
                                                       ValueSerializer<?> serializer) {
                return Shape.of(bean.getBeanClass()).<ValueSerializer<?>>map(s -> new Sealing(s, vault))
                        .orElse(serializer);
            }
        });
        setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                                                           BeanDescription.Supplier bean,
                                                           ValueDeserializer<?> deserializer) {
                return Shape.of(bean.getBeanClass()).<ValueDeserializer<?>>map(s -> new Opening(s, vault))
                        .orElse(deserializer);
            }
        });
    }

    /** A record's components, which of them are personal, and which names the person. */
    record Shape(Class<?> type, RecordComponent[] components, RecordComponent subject, Constructor<?> constructor) {

        static Optional<Shape> of(Class<?> type) {
            if (!type.isRecord() || Arrays.stream(type.getRecordComponents()).noneMatch(Shape::personal)) {
                return Optional.empty();
            }
            RecordComponent[] components = type.getRecordComponents();
            RecordComponent subject = Arrays.stream(components)
                    .filter(c -> personal(c) && c.getAnnotation(PersonalData.class).subject()).findFirst()
                    .orElseThrow(() -> new IllegalStateException(type.getName()
                            + " has personal data but no component naming the person (@PersonalData(subject = true))"));
            try {
                Constructor<?> constructor = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
                constructor.setAccessible(true);
                return Optional.of(new Shape(type, components, subject, constructor));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
            }
        }

        static boolean personal(RecordComponent component) {
            return component.isAnnotationPresent(PersonalData.class);
        }

        Object value(RecordComponent component, Object record) {
            try {
                return component.getAccessor().invoke(record);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + component, e);
            }
        }

        Object create(Object[] arguments) {
            try {
                return constructor.newInstance(arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + type.getName(), e);
            }
        }
    }

    private static final class Sealing extends ValueSerializer<Object> {

        private final Shape shape;
        private final PersonalDataVault vault;

        Sealing(Shape shape, PersonalDataVault vault) {
            this.shape = shape;
            this.vault = vault;
        }

        @Override
        public void serialize(Object value, JsonGenerator g, SerializationContext ctxt) {
            g.writeStartObject(value);
            Map<String, String> personal = new LinkedHashMap<>();
            for (RecordComponent component : shape.components()) {
                Object v = shape.value(component, value);
                if (Shape.personal(component)) {
                    personal.put(component.getName(), (String) v);
                } else {
                    ctxt.defaultSerializeProperty(component.getName(), v, g);
                }
            }
            g.writeName(FIELD);
            g.writeStartObject();
            String subjectValue = personal.get(shape.subject().getName());
            if (subjectValue == null || PersonalData.ERASED.equals(subjectValue)) {
                g.writeBooleanProperty("erased", true);
            } else {
                PersonalDataVault.Subject subject = vault.subjectFor(subjectValue);
                g.writeStringProperty("subject", subject.id());
                try {
                    g.writeStringProperty("sealed", Base64.getEncoder().encodeToString(subject.key().encrypt(
                            PLAIN.writeValueAsBytes(personal), PersonalDataVault.aad(subject.id()))));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot encrypt personal data", e);
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    private static final class Opening extends ValueDeserializer<Object> {

        private final Shape shape;
        private final PersonalDataVault vault;

        Opening(Shape shape, PersonalDataVault vault) {
            this.shape = shape;
            this.vault = vault;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            JsonNode node = ctxt.readTree(p);
            JsonNode sealed = node.get(FIELD);
            Map<String, String> personal = sealed == null ? null : open(sealed);
            RecordComponent[] components = shape.components();
            Object[] arguments = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent component = components[i];
                if (Shape.personal(component) && personal != null) {
                    arguments[i] = personal.get(component.getName());
                    continue;
                }
                JsonNode field = node.get(component.getName());
                arguments[i] = field == null || field.isNull() ? null
                        : ctxt.readTreeAsValue(field, ctxt.getTypeFactory().constructType(component.getGenericType()));
            }
            return shape.create(arguments);
        }

        /** The personal values, or every one erased when the person's key is gone. */
        private Map<String, String> open(JsonNode sealed) {
            Optional<Aead> key = sealed.path("erased").asBoolean(false) ? Optional.empty()
                    : vault.keyOf(sealed.get("subject").asString());
            if (key.isEmpty()) {
                Map<String, String> erased = new LinkedHashMap<>();
                Arrays.stream(shape.components()).filter(Shape::personal)
                        .forEach(c -> erased.put(c.getName(), PersonalData.ERASED));
                return erased;
            }
            try {
                String subject = sealed.get("subject").asString();
                return PLAIN.readValue(key.get().decrypt(Base64.getDecoder().decode(sealed.get("sealed").asString()),
                        PersonalDataVault.aad(subject)), VALUES);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("personal data of subject " + sealed.get("subject").asString()
                        + " does not decrypt with its key", e);
            }
        }
    }
}
