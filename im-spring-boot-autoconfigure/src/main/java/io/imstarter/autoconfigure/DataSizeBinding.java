package io.imstarter.autoconfigure;

import io.imstarter.protocol.DataSize;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Reads the core's {@link DataSize} settings as Spring reads its own: {@code 6144}, {@code 6144B}, {@code 64KB},
 * {@code 1MB}. Imported by each auto-configuration that binds sizes; Spring registers it once.
 */
@Configuration(proxyBeanMethods = false)
class DataSizeBinding {

    /** Static: the binder looks its converters up before the configurations are instantiated. */
    @Bean
    @ConfigurationPropertiesBinding
    static GenericConverter imDataSizeConverter() {
        return new Converter();
    }

    private static final class Converter implements GenericConverter {

        @Override
        public Set<ConvertiblePair> getConvertibleTypes() {
            return Set.of(new ConvertiblePair(String.class, DataSize.class),
                    new ConvertiblePair(Number.class, DataSize.class));
        }

        @Override
        public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
            if (source instanceof Number number) {
                return DataSize.ofBytes(number.longValue());
            }
            String text = source == null ? "" : source.toString().strip();
            return text.isEmpty() ? null
                    : DataSize.ofBytes(org.springframework.util.unit.DataSize.parse(text).toBytes());
        }
    }
}
